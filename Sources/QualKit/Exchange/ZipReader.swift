import Foundation

/// Reads a zip archive held in memory, refusing anything hostile before returning a single entry.
///
/// Entries may be stored or deflated, with or without data descriptors (the central directory's
/// sizes and checksums are used, so a descriptor is never needed). Checked for every entry: a
/// relative path without `..`, a regular file (symbolic links are refused), a declared size within
/// ``ZipLimits``, an inflated size that neither passes the limit nor differs from what was
/// declared, and the CRC-32. ZIP64 and encrypted archives are refused by name.
public enum ZipReader {
    /// Every file entry of `archive`, in central-directory order; folders are left out.
    public static func entries(of archive: Data, limits: ZipLimits = .standard) throws -> [ZipEntry] {
        let bytes = ByteView(archive)
        let end = try endOfCentralDirectory(bytes)
        let declaredCount = Int(bytes.u16(end + 10))
        let directorySize = Int(bytes.u32(end + 12))
        let directoryOffset = Int(bytes.u32(end + 16))
        if declaredCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw ZipError.zip64(entry: nil)
        }
        if end >= 20, bytes.u32(end - 20) == 0x0706_4b50 { throw ZipError.zip64(entry: nil) }
        if declaredCount > limits.maxEntries {
            throw ZipError.tooManyEntries(count: declaredCount, limit: limits.maxEntries)
        }
        guard directoryOffset + directorySize <= end else {
            throw ZipError.corrupt(entry: nil, reason: "the central directory lies outside the file")
        }
        let headers = try centralHeaders(bytes, at: directoryOffset, count: declaredCount, end: end)
        var seen = Set<String>()
        var declaredTotal = 0
        for header in headers {
            if header.isDirectory { continue }
            guard seen.insert(header.path).inserted else { throw ZipError.duplicateEntry(entry: header.path) }
            if header.uncompressedSize > limits.maxEntryBytes {
                throw ZipError.entryTooLarge(entry: header.path, limit: limits.maxEntryBytes)
            }
            declaredTotal += header.uncompressedSize
            if declaredTotal > limits.maxTotalBytes {
                throw ZipError.archiveTooLarge(declared: declaredTotal, limit: limits.maxTotalBytes)
            }
        }
        var entries: [ZipEntry] = []
        for header in headers where !header.isDirectory {
            entries.append(ZipEntry(path: header.path, data: try contents(of: header, in: bytes, limits: limits)))
        }
        return entries
    }

    /// What the central directory says about one entry.
    struct CentralHeader {
        var path: String
        var isDirectory: Bool
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localOffset: Int
    }

    /// The offset of the end-of-central-directory record, searched backwards past any comment.
    static func endOfCentralDirectory(_ bytes: ByteView) throws -> Int {
        guard bytes.count >= 22 else { throw ZipError.notAZip }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= lowest {
            if bytes.u32(offset) == 0x0605_4b50 { return offset }
            offset -= 1
        }
        throw ZipError.notAZip
    }

    static func centralHeaders(_ bytes: ByteView, at start: Int, count: Int, end: Int) throws -> [CentralHeader] {
        var headers: [CentralHeader] = []
        var offset = start
        for index in 0..<count {
            guard offset + 46 <= end, bytes.u32(offset) == 0x0201_4b50 else {
                throw ZipError.corrupt(entry: nil, reason: "central directory entry \(index + 1) is missing")
            }
            let madeBy = bytes.u16(offset + 4)
            let flags = bytes.u16(offset + 8)
            let method = bytes.u16(offset + 10)
            let crc = bytes.u32(offset + 16)
            let compressed = bytes.u32(offset + 20)
            let uncompressed = bytes.u32(offset + 24)
            let nameLength = Int(bytes.u16(offset + 28))
            let extraLength = Int(bytes.u16(offset + 30))
            let commentLength = Int(bytes.u16(offset + 32))
            let external = bytes.u32(offset + 38)
            let local = bytes.u32(offset + 42)
            let next = offset + 46 + nameLength + extraLength + commentLength
            guard next <= end else {
                throw ZipError.corrupt(entry: nil, reason: "central directory entry \(index + 1) runs past its end")
            }
            let rawName = bytes.slice(offset + 46, nameLength)
            // Bit 11 promises UTF-8; without it the name is CP437 in theory and UTF-8 in practice.
            let name = String(data: rawName, encoding: .utf8) ?? String(decoding: rawName, as: UTF8.self)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw ZipError.zip64(entry: name)
            }
            if flags & 1 != 0 { throw ZipError.encrypted(entry: name) }
            let path: String
            switch ZipEntryPath.check(name) {
            case .success(let checked): path = checked
            case .failure(let reason): throw ZipError.unsafePath(entry: name, reason: reason)
            }
            // On Unix hosts the high 16 bits are the file's mode: refuse anything but files and folders.
            if madeBy >> 8 == 3 {
                let type = (external >> 16) & 0o170000
                if type == 0o120000 { throw ZipError.notARegularFile(entry: path, kind: "symbolic link") }
                if type != 0, type != 0o100000, type != 0o040000 {
                    throw ZipError.notARegularFile(entry: path, kind: "special file")
                }
            }
            let isDirectory = path.hasSuffix("/")
            if !isDirectory, method != 0, method != 8 {
                throw ZipError.unsupportedMethod(entry: path, method: method)
            }
            headers.append(
                CentralHeader(
                    path: path, isDirectory: isDirectory, method: method, crc: crc,
                    compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), localOffset: Int(local)))
            offset = next
        }
        return headers
    }

    static func contents(of header: CentralHeader, in bytes: ByteView, limits: ZipLimits) throws -> Data {
        let local = header.localOffset
        guard local + 30 <= bytes.count, bytes.u32(local) == 0x0403_4b50 else {
            throw ZipError.corrupt(entry: header.path, reason: "its local header is missing")
        }
        let start = local + 30 + Int(bytes.u16(local + 26)) + Int(bytes.u16(local + 28))
        guard start + header.compressedSize <= bytes.count else {
            throw ZipError.corrupt(entry: header.path, reason: "its data runs past the end of the archive")
        }
        let raw = bytes.slice(start, header.compressedSize)
        let data: Data
        if header.method == 0 {
            guard header.compressedSize == header.uncompressedSize else {
                throw ZipError.corrupt(entry: header.path, reason: "a stored entry whose two sizes differ")
            }
            data = raw
        } else {
            // Never inflate more than declared: an entry that lies about its size is a bomb.
            data = try Deflate.inflate(
                raw, limit: min(header.uncompressedSize, limits.maxEntryBytes), entry: header.path)
            guard data.count == header.uncompressedSize else {
                throw ZipError.corrupt(
                    entry: header.path,
                    reason: "it inflates to \(data.count) bytes but declares \(header.uncompressedSize)")
            }
        }
        let actual = Deflate.crc32(data)
        guard actual == header.crc else {
            throw ZipError.crcMismatch(entry: header.path, expected: header.crc, actual: actual)
        }
        return data
    }
}

/// Little-endian reads from an archive's bytes; reads past the end give zero, and callers check
/// bounds before trusting an offset.
struct ByteView {
    let bytes: [UInt8]
    init(_ data: Data) { bytes = [UInt8](data) }
    var count: Int { bytes.count }
    func u16(_ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }
    func u32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }
    func slice(_ offset: Int, _ count: Int) -> Data {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else { return Data() }
        return Data(bytes[offset..<(offset + count)])
    }
}
