import CZlib
import Foundation

/// Raw DEFLATE (RFC 1951, no zlib or gzip wrapper), as zip entries hold it, through the system zlib.
enum Deflate {
    /// Inflates `compressed`, stopping as soon as the output would pass `limit` bytes: a zip bomb
    /// is refused after `limit` bytes of work, whatever it declared.
    ///
    /// - Throws: ``ZipError/entryTooLarge(entry:limit:)`` past the limit,
    ///   ``ZipError/inflateFailed(entry:reason:)`` when zlib refuses the bytes or they end early.
    static func inflate(_ compressed: Data, limit: Int, entry: String) throws -> Data {
        var stream = z_stream()
        guard qk_inflate_init_raw(&stream) == Z_OK else {
            throw ZipError.inflateFailed(entry: entry, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunk = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        var input = [UInt8](compressed)
        let inputCount = input.count
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(inputCount)
            repeat {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return chunk - Int(stream.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END && !(status == Z_BUF_ERROR && produced > 0) {
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw ZipError.inflateFailed(entry: entry, reason: reason)
                }
                if output.count + produced > limit { throw ZipError.entryTooLarge(entry: entry, limit: limit) }
                output.append(contentsOf: buffer[0..<produced])
                if status == Z_OK && produced == 0 && stream.avail_in == 0 {
                    throw ZipError.inflateFailed(entry: entry, reason: "the compressed data ends early")
                }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// Deflates `data` at zlib's default level.
    static func deflate(_ data: Data) -> Data {
        var stream = z_stream()
        precondition(qk_deflate_init_raw(&stream, Z_DEFAULT_COMPRESSION) == Z_OK, "zlib deflateInit2 failed")
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        let inputCount = input.count
        let written: Int = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(inputCount)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(bound)
                let status = CZlib.deflate(&stream, Z_FINISH)
                // deflateBound guarantees one Z_FINISH call suffices.
                precondition(status == Z_STREAM_END, "zlib deflate did not finish: \(status)")
                return bound - Int(stream.avail_out)
            }
        }
        return Data(output[0..<written])
    }

    /// The CRC-32 a zip entry records for its uncompressed bytes.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: uLong = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = min(raw.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, raw.baseAddress!.assumingMemoryBound(to: Bytef.self) + offset, uInt(count))
                offset += count
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
