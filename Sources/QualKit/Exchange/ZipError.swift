/// Why a zip archive was refused. Every case that concerns one entry names it, so the person can
/// tell which file inside the archive is at fault.
///
/// An archive is hostile until proven otherwise: the reader checks every entry before it returns
/// any, so a refused archive has never had a single entry written anywhere.
public enum ZipError: Error, Sendable, Equatable {
    /// No end-of-central-directory record: not a zip archive, or cut short.
    case notAZip
    /// The archive's structure points outside the file or contradicts itself.
    case corrupt(entry: String?, reason: String)
    /// ZIP64 records (archives over 4 GB or 65,535 entries) are not read.
    case zip64(entry: String?)
    /// An encrypted entry; qualkit reads no passwords.
    case encrypted(entry: String)
    /// A compression method other than stored (0) or deflated (8).
    case unsupportedMethod(entry: String, method: UInt16)
    /// An entry whose path would land outside the folder it is unpacked into.
    case unsafePath(entry: String, reason: UnsafePath)
    /// A symbolic link, or another entry that is not a regular file or a folder.
    case notARegularFile(entry: String, kind: String)
    /// Two entries with the same path: which one is meant cannot be told.
    case duplicateEntry(entry: String)
    /// More entries than ``ZipLimits/maxEntries``.
    case tooManyEntries(count: Int, limit: Int)
    /// An entry that declares, or inflates to, more bytes than allowed (a zip bomb), or more than
    /// it declared.
    case entryTooLarge(entry: String, limit: Int)
    /// The entries together declare more bytes than ``ZipLimits/maxTotalBytes``.
    case archiveTooLarge(declared: Int, limit: Int)
    /// The entry's bytes do not match the checksum the archive recorded for them.
    case crcMismatch(entry: String, expected: UInt32, actual: UInt32)
    /// zlib refused the compressed bytes.
    case inflateFailed(entry: String, reason: String)
    /// An entry the writer was asked to add with an unusable path.
    case invalidEntryPath(String)

    /// Ways a path inside an archive can escape the folder it is unpacked into.
    public enum UnsafePath: String, Error, Sendable, Equatable {
        case parentFolder = "a '..' part"
        case absolute = "an absolute path"
        case empty = "an empty path"
        case controlCharacter = "a control character"
    }
}
