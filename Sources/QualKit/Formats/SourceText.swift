import Foundation

/// Turns the bytes of an input file into the text qualkit works on.
///
/// Accepts UTF-8 with or without a byte-order mark and UTF-16 with one (as Windows tools write);
/// normalises line endings to `\n` and text to Unicode NFC, so that the same words typed on two
/// machines compare equal and character offsets agree across tools.
public enum SourceText {
    /// Checks that `path` is a readable file, throwing ``MissingInputFile`` with the reason in
    /// words: no such file, a folder, or not readable.
    public static func requireFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MissingInputFile(path: path)
        }
        guard !isDirectory.boolValue else { throw MissingInputFile(path: path, reason: "is a folder, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw MissingInputFile(path: path, reason: "cannot be read (permission denied?)")
        }
    }

    /// Reads a whole input file, or throws ``MissingInputFile``.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        try requireFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MissingInputFile(path: path, reason: "cannot be read (permission denied?)")
        }
        return [UInt8](data)
    }

    /// Reads and decodes a whole input file.
    public static func read(_ path: String) throws -> String {
        try decode(readBytes(path), file: path)
    }

    /// Decodes `bytes`, or throws ``InvalidInput`` naming the line and byte offset of invalid UTF-8.
    public static func decode(_ bytes: [UInt8], file: String) throws -> String {
        let text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            text = try decodeUTF16(bytes, file: file)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if let offset = firstInvalidUTF8Offset(body) {
                let line = body[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                let skipped = bytes.count - body.count
                throw InvalidInput(
                    file: file, line: line,
                    "invalid UTF-8 at byte offset \(offset + skipped): save the file as UTF-8")
            }
            text = String(decoding: body, as: UTF8.self)
        }
        return normalize(text)
    }

    /// Line endings to `\n`, then NFC.
    public static func normalize(_ text: String) -> String {
        var result = text
        // Byte tests: `String.contains` goes through NSString on Linux, a twelfth of an import's time.
        if result.utf8.contains(0x0D) {
            result = result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // ASCII text is already in NFC.
        if result.utf8.allSatisfy({ $0 < 0x80 }) { return result }
        return result.precomposedStringWithCanonicalMapping
    }

    private static func decodeUTF16(_ bytes: [UInt8], file: String) throws -> String {
        let littleEndian = bytes[0] == 0xFF
        guard bytes.count % 2 == 0 else {
            throw InvalidInput(file: file, line: nil, "UTF-16 file has an odd number of bytes: it is truncated")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index + 1 < bytes.count {
            let pair = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? pair.0 | pair.1 << 8 : pair.0 << 8 | pair.1)
            index += 2
        }
        var text = ""
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var line = 1
        var unitOffset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                text.unicodeScalars.append(scalar)
                unitOffset += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput: break loop
            case .error:
                throw InvalidInput(
                    file: file, line: line, "invalid UTF-16 at byte offset \(2 + unitOffset * 2)")
            }
        }
        return text
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return index }
            for k in 2..<max(2, length) where bytes[index + k] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
