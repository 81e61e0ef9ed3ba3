import Foundation

/// The stable identity every code, coder, transcript, participant, coding and memo carries in its
/// `uuid` column (migration 8): exchange formats use it as the record's GUID.
public enum StableID {
    /// A new random UUID in the stored form: lower case with hyphens.
    public static func make() -> String { UUID().uuidString.lowercased() }
}

extension StableID {
    /// UUIDs in the same form as ``StableID/make()`` for bulk inserts, with the random bytes drawn
    /// from the system's generator 4 KiB at a time rather than once per UUID.
    struct Batch {
        private var pool = [UInt8](repeating: 0, count: 4096)
        private var used = 4096

        mutating func next() -> String {
            if used == pool.count {
                // One call to the system's cryptographic generator (getrandom on Linux) per 256 UUIDs.
                pool.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                used = 0
            }
            let start = used
            used += 16
            return pool.withUnsafeBufferPointer { pool in
                String(unsafeUninitializedCapacity: 36) { out in
                    let hex: StaticString = "0123456789abcdef"
                    var position = 0
                    for index in 0..<16 {
                        var byte = pool[start + index]
                        // Version 4 (random) and the RFC 4122 variant, as UUID() gives.
                        if index == 6 { byte = byte & 0x0f | 0x40 }
                        if index == 8 { byte = byte & 0x3f | 0x80 }
                        if index == 4 || index == 6 || index == 8 || index == 10 {
                            out[position] = UInt8(ascii: "-")
                            position += 1
                        }
                        out[position] = hex.utf8Start[Int(byte >> 4)]
                        out[position + 1] = hex.utf8Start[Int(byte & 0x0f)]
                        position += 2
                    }
                    return position
                }
            }
        }
    }
}
