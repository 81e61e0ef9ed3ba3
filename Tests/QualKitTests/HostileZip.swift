import Foundation

@testable import QualKit

/// Hand-built zip archives that break the rules on purpose: any name, mode, method, declared size
/// and CRC, so the reader's refusals can be tested. Only the fields the reader looks at vary.
struct HostileZip {
    struct Entry {
        var name: String
        var data: Data
        var deflate = false
        var unixMode: UInt32 = 0o100644
        /// Overrides for what the headers declare.
        var declaredSize: Int? = nil
        var crc: UInt32? = nil
    }

    var entries: [Entry]

    var archive: Data {
        var body = Data()
        var directory = Data()
        for entry in entries {
            let payload = entry.deflate ? Deflate.deflate(entry.data) : entry.data
            let crc = entry.crc ?? Deflate.crc32(entry.data)
            let size = UInt32(entry.declaredSize ?? entry.data.count)
            let name = Data(entry.name.utf8)
            let offset = UInt32(body.count)
            func common(_ into: inout Data) {
                put16(&into, 1 << 11)
                put16(&into, entry.deflate ? 8 : 0)
                put32(&into, 0x0021_0000)
                put32(&into, crc)
                put32(&into, UInt32(payload.count))
                put32(&into, size)
                put16(&into, UInt16(name.count))
                put16(&into, 0)
            }
            put32(&body, 0x0403_4b50)
            put16(&body, 20)
            common(&body)
            body.append(name)
            body.append(payload)
            put32(&directory, 0x0201_4b50)
            put16(&directory, 3 << 8 | 20)
            put16(&directory, 20)
            common(&directory)
            put16(&directory, 0)
            put16(&directory, 0)
            put16(&directory, 0)
            put32(&directory, entry.unixMode << 16)
            put32(&directory, offset)
            directory.append(name)
        }
        var archive = body
        archive.append(directory)
        put32(&archive, 0x0605_4b50)
        put32(&archive, 0)
        put16(&archive, UInt16(entries.count))
        put16(&archive, UInt16(entries.count))
        put32(&archive, UInt32(directory.count))
        put32(&archive, UInt32(body.count))
        put16(&archive, 0)
        return archive
    }
}

private func put16(_ data: inout Data, _ value: UInt16) {
    data.append(UInt8(value & 0xFF))
    data.append(UInt8(value >> 8))
}

private func put32(_ data: inout Data, _ value: UInt32) {
    put16(&data, UInt16(value & 0xFFFF))
    put16(&data, UInt16(value >> 16))
}
