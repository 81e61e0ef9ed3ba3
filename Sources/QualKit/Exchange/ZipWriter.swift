import Foundation

/// Builds a zip archive in memory: add entries as (path, bytes), then take the archive's bytes or
/// write it to a file. Used for REFI-QDA projects and meant for any zip-based format (xlsx, docx).
///
/// Entries are written with their sizes and CRC-32 in the local header (no data descriptors), UTF-8
/// names, Unix permissions 0644, and a fixed timestamp so that two exports of one study are
/// byte-identical.
public struct ZipWriter: Sendable {
    /// How an entry's bytes are written.
    public enum Method: Sendable { case stored, deflated }

    private var body = Data()
    private var directory = Data()
    private var paths = Set<String>()
    private var count = 0

    public init() {}

    /// Adds a file entry. `path` must be relative, use `/`, have no `..` part, and be new.
    /// - Throws: ``ZipError/invalidEntryPath(_:)``, ``ZipError/duplicateEntry(entry:)``, or
    ///   ``ZipError/zip64(entry:)`` when the archive would need ZIP64.
    public mutating func add(_ path: String, _ data: Data, method: Method = .deflated) throws {
        guard case .success(let checked) = ZipEntryPath.check(path), checked == path, !path.hasSuffix("/") else {
            throw ZipError.invalidEntryPath(path)
        }
        guard paths.insert(path).inserted else { throw ZipError.duplicateEntry(entry: path) }
        let crc = Deflate.crc32(data)
        var payload = data
        var methodCode: UInt16 = 0
        if method == .deflated {
            payload = Deflate.deflate(data)
            methodCode = 8
        }
        let name = Data(path.utf8)
        let offset = body.count
        guard offset + 30 + name.count + payload.count < 0xFFFF_FFFF, data.count < 0xFFFF_FFFF, count < 0xFFFE else {
            throw ZipError.zip64(entry: path)
        }
        var local = Data()
        local.le32(0x0403_4b50)
        local.le16(20)  // version needed: 2.0 (deflate)
        local.le16(1 << 11)  // UTF-8 name
        local.le16(methodCode)
        local.le16(0)  // time 00:00
        local.le16(0x21)  // date 1980-01-01
        local.le32(crc)
        local.le32(UInt32(payload.count))
        local.le32(UInt32(data.count))
        local.le16(UInt16(name.count))
        local.le16(0)
        local.append(name)
        body.append(local)
        body.append(payload)

        directory.le32(0x0201_4b50)
        directory.le16(3 << 8 | 20)  // made by Unix, 2.0
        directory.le16(20)
        directory.le16(1 << 11)
        directory.le16(methodCode)
        directory.le16(0)
        directory.le16(0x21)
        directory.le32(crc)
        directory.le32(UInt32(payload.count))
        directory.le32(UInt32(data.count))
        directory.le16(UInt16(name.count))
        directory.le16(0)  // extra
        directory.le16(0)  // comment
        directory.le16(0)  // disk
        directory.le16(0)  // internal attributes
        directory.le32(0o100644 << 16)  // a regular file, rw-r--r--
        directory.le32(UInt32(offset))
        directory.append(name)
        count += 1
    }

    /// The archive's bytes.
    public var data: Data {
        var archive = body
        archive.append(directory)
        archive.le32(0x0605_4b50)
        archive.le16(0)
        archive.le16(0)
        archive.le16(UInt16(count))
        archive.le16(UInt16(count))
        archive.le32(UInt32(directory.count))
        archive.le32(UInt32(body.count))
        archive.le16(0)
        return archive
    }

    /// Writes the archive to `path` whole or not at all (see ``OutputFile``).
    public func write(to path: String, replacing: Bool = true) throws {
        try OutputFile.write(data, to: path, replacing: replacing)
    }
}

extension Data {
    fileprivate mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }
    fileprivate mutating func le32(_ value: UInt32) {
        le16(UInt16(value & 0xFFFF))
        le16(UInt16(value >> 16))
    }
}
