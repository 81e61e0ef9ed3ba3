import Foundation

/// Writing result files: whole or not at all, and never through a planted link.
///
/// The content goes first into a new temporary file in the target's folder, created the way
/// `mkstemp(3)` does (a random name, `O_CREAT | O_EXCL | O_NOFOLLOW`, mode 0600), so another user of
/// a shared folder can neither predict its name nor have it follow a link they planted. It is then
/// moved into place in one step, so a reader never sees half a report. The target must be absent or
/// a regular file: a folder, a link, a FIFO or a device is refused, and an existing file is replaced
/// only when the caller says so.
public enum OutputFile {
    /// Writes `text` to `path`; see ``write(_:to:replacing:)-(Data,_,_)``.
    public static func write(_ text: String, to path: String, replacing: Bool = true) throws {
        try write(Data(text.utf8), to: path, replacing: replacing)
    }

    /// Writes `data` to `path` atomically.
    ///
    /// - Parameter replacing: whether an existing regular file at `path` may be replaced. The
    ///   command line passes `--force`; programs writing into a folder they made may leave the default.
    /// - Throws: ``OutputRefused`` when the target exists (and `replacing` is false) or is not a
    ///   regular file; ``CannotCreateOutput`` when the folder is missing or not writable.
    public static func write(_ data: Data, to path: String, replacing: Bool = true) throws {
        let (descriptor, temporary) = try openTemporary(for: path, replacing: replacing)
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    failure = count == 0 ? EIO : errno
                    return
                }
                offset += count
            }
        }
        // The report should survive a power cut once qualkit says it was written.
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        guard failure == 0 else {
            unlink(temporary)
            throw CannotCreateOutput(path: path, reason: String(cString: strerror(failure)))
        }
        try moveIntoPlace(temporary, at: path, replacing: replacing)
    }

    /// A new temporary file beside `path`, once the target may be written and its folder exists.
    private static func openTemporary(for path: String, replacing: Bool) throws -> (Int32, String) {
        try checkTarget(path, replacing: replacing)
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw CannotCreateOutput(path: path, reason: "folder \(folder) does not exist")
        }
        return try createTemporary(in: folder, for: (path as NSString).lastPathComponent, target: path)
    }

    /// Writes to `path` atomically what `produce` hands its writer, piece by piece, so a long export
    /// never has to be held in memory; the file appears at `path` only once `produce` returns.
    public static func stream(
        to path: String, replacing: Bool = true, _ produce: ((String) throws -> Void) throws -> Void
    ) throws {
        let (descriptor, temporary) = try openTemporary(for: path, replacing: replacing)
        do {
            try produce { text in
                var text = text
                let failure: Int32 = text.withUTF8 { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if count < 0 && errno == EINTR { continue }
                        if count <= 0 { return count == 0 ? EIO : errno }
                        offset += count
                    }
                    return 0
                }
                if failure != 0 { throw CannotCreateOutput(path: path, reason: String(cString: strerror(failure))) }
            }
            if fsync(descriptor) != 0 { throw CannotCreateOutput(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        try moveIntoPlace(temporary, at: path, replacing: replacing)
    }

    /// Moves a finished temporary file to `path`: replacing a regular file only when `replacing`.
    /// The temporary file is removed on failure.
    static func moveIntoPlace(_ temporary: String, at path: String, replacing: Bool) throws {
        if replacing {
            // rename(2) replaces the directory entry itself: a link planted at the target since the
            // check is replaced, never followed.
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CannotCreateOutput(path: path, reason: reason)
            }
        } else {
            // link(2) fails if anything appeared at the target since the check: no file is ever
            // replaced without `replacing`, even in a race.
            if link(temporary, path) != 0 {
                let code = errno
                unlink(temporary)
                if code == EEXIST { throw OutputRefused(path: path, reason: .exists) }
                throw CannotCreateOutput(path: path, reason: String(cString: strerror(code)))
            }
            unlink(temporary)
        }
    }

    /// Checks that `path` is absent, or a regular file that may be replaced; nothing is written.
    public static func checkTarget(_ path: String, replacing: Bool) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return }
            throw CannotCreateOutput(path: path, reason: String(cString: strerror(errno)))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            if !replacing { throw OutputRefused(path: path, reason: .exists) }
        case S_IFDIR: throw OutputRefused(path: path, reason: .notARegularFile(.folder))
        case S_IFLNK: throw OutputRefused(path: path, reason: .notARegularFile(.symbolicLink))
        case S_IFIFO: throw OutputRefused(path: path, reason: .notARegularFile(.fifo))
        case S_IFCHR, S_IFBLK: throw OutputRefused(path: path, reason: .notARegularFile(.device))
        default: throw OutputRefused(path: path, reason: .notARegularFile(.other))
        }
    }

    /// A new file `.NAME.XXXXXXXXXX.tmp` in `folder`, opened for writing, mode 0600.
    static func createTemporary(in folder: String, for name: String, target: String) throws -> (Int32, String) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let suffix = String((0..<12).map { _ in letters[Int(generator.next(upperBound: UInt(letters.count)))] })
            let file = ".\(name.prefix(100)).\(suffix).tmp"
            let temporary = folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
            let descriptor = Foundation.open(
                temporary, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                // The mode given to open is reduced by the umask; never widened, but make it exact.
                fchmod(descriptor, 0o600)
                return (descriptor, temporary)
            }
            if errno != EEXIST {
                throw CannotCreateOutput(path: target, reason: String(cString: strerror(errno)))
            }
        }
        throw CannotCreateOutput(path: target, reason: "no unused temporary name in the folder")
    }
}

/// An output file that qualkit will not write, because of what is already at its path.
public struct OutputRefused: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A regular file is there, and replacing it was not asked for.
        case exists
        /// Something other than a regular file is there: it is never replaced.
        case notARegularFile(FileKind)
    }

    /// What a path names, when it is not a regular file.
    public enum FileKind: String, Sendable, Equatable {
        case folder
        case symbolicLink = "symbolic link"
        case fifo = "FIFO"
        case device
        case other = "special file"
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}
