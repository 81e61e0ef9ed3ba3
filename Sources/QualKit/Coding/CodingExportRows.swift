import CSQLite

/// The rows of `codings export` read straight from the statement as UTF-8 bytes, and the byte
/// writer they go to: the same text as building a ``Coding`` per row and serialising it, without
/// the per-row strings, dictionaries and JSON values (issue 15).
extension CodingExport {
    /// One coding as bytes, valid only during the call that receives it.
    struct ExportRow {
        var transcript: UnsafeBufferPointer<UInt8>
        var code: UnsafeBufferPointer<UInt8>
        var coder: UnsafeBufferPointer<UInt8>
        var participant: UnsafeBufferPointer<UInt8>
        /// Redacted when the export is.
        var memo: UnsafeBufferPointer<UInt8>?
        var segment = 0
        var start = 0
        var end = 0
        var transcriptStart = 0
        var transcriptEnd = 0
        var turn: Turn

        /// The coded text: cut from the redacted turn (``RedactedTurn``), or the span as stored.
        func appendText(to out: inout [UInt8]) {
            switch turn {
            case .redacted(let cut): cut.appendExcerpt(from: start, to: end, to: &out)
            case .plain(let text): text.appendSlice(start, end, to: &out)
            }
        }
    }

    enum Turn {
        case redacted(RedactedTurn)
        case plain(ScalarBytes)
    }

    /// Bytes owned by the reader for a column whose text could not be passed on as SQLite holds it.
    final class Scratch {
        var storage: UnsafeMutableBufferPointer<UInt8> = .allocate(capacity: 64)
        deinit { storage.deallocate() }

        func hold<C: Collection>(_ bytes: C) -> UnsafeBufferPointer<UInt8> where C.Element == UInt8 {
            if storage.count < bytes.count {
                storage.deallocate()
                storage = .allocate(capacity: max(bytes.count, 2 * storage.count))
            }
            _ = storage.initialize(from: bytes)
            return UnsafeBufferPointer(rebasing: storage[0..<bytes.count])
        }
    }

    /// Each coding of ``CodingStore/forEachCoding(_:_:)`` (no filter), in the same order, as bytes.
    ///
    /// A text column is passed on as SQLite holds it when it is ASCII without a NUL: then its bytes
    /// are those of the `String` a ``Row`` would hold. Anything else goes through that `String`
    /// (which stops at a NUL and repairs invalid UTF-8), and a row whose columns are not of the
    /// expected types goes through ``CodingStore/coding(_:)``, so its conversions and errors are
    /// the same. The turn is redacted once per segment: a segment's codings are adjacent, and a
    /// turn whose bytes equal the previous row's reuses its redaction.
    static func forEachRow(_ study: Study, redactor: Redactor?, _ body: (ExportRow) throws -> Void) throws {
        let statement = try study.db.cachedStatement(CodingStore.codingsSQL)
        let none: String? = nil
        try statement.bind([none, none, none, none, none])
        defer { sqlite3_reset(statement.handle) }
        let handle = statement.handle
        let scratch = (0..<5).map { _ in Scratch() }
        var lastTurn: [UInt8] = []
        var turn: Turn? = nil

        func text(_ column: Int32, _ scratch: Scratch) -> UnsafeBufferPointer<UInt8> {
            // Text first, then its length, as https://sqlite.org/c3ref/column_blob.html advises.
            let pointer = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let pointer, count > 0 else {
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            let bytes = UnsafeBufferPointer(start: pointer, count: count)
            if isPlainASCII(bytes) { return bytes }
            return scratch.hold(String(cString: pointer).utf8)
        }
        func turnFor(_ bytes: UnsafeBufferPointer<UInt8>, _ make: () -> String) -> Turn {
            if let turn, lastTurn.elementsEqual(bytes) { return turn }
            lastTurn.removeAll(keepingCapacity: true)
            lastTurn.append(contentsOf: bytes)
            let text = make()
            let made: Turn = redactor.map { .redacted(RedactedTurn(text, by: $0)) } ?? .plain(ScalarBytes(text))
            turn = made
            return made
        }

        while try statement.step() {
            func type(_ column: Int32) -> Int32 { sqlite3_column_type(handle, column) }
            let memoType = type(8)
            let expected =
                type(1) == SQLITE_INTEGER && type(4) == SQLITE_INTEGER && type(5) == SQLITE_INTEGER
                && type(6) == SQLITE_INTEGER && type(7) == SQLITE_INTEGER && type(0) == SQLITE_TEXT
                && type(2) == SQLITE_TEXT && type(3) == SQLITE_TEXT && type(9) == SQLITE_TEXT && type(10) == SQLITE_TEXT
                && (memoType == SQLITE_TEXT || memoType == SQLITE_NULL)
            guard expected else {
                let coding = try CodingStore.coding(
                    Row(columns: statement.columnNames, values: statement.currentValues()))
                let memo = coding.memo.map { redactor?.redact($0) ?? $0 }
                let turnBytes = Array(coding.turn.utf8)
                let cut = turnBytes.withUnsafeBufferPointer { turnFor($0) { coding.turn } }
                var row = ExportRow(
                    transcript: scratch[0].hold(coding.transcript.utf8), code: scratch[1].hold(coding.code.utf8),
                    coder: scratch[2].hold(coding.coder.utf8), participant: scratch[3].hold(coding.participant.utf8),
                    memo: memo.map { scratch[4].hold($0.utf8) }, turn: cut)
                row.segment = coding.segment
                row.start = coding.start
                row.end = coding.end
                row.transcriptStart = coding.transcriptStart
                row.transcriptEnd = coding.transcriptEnd
                try body(row)
                continue
            }
            var memo: UnsafeBufferPointer<UInt8>? = nil
            if memoType == SQLITE_TEXT {
                if let redactor {
                    memo = scratch[4].hold(redactor.redact(String(cString: sqlite3_column_text(handle, 8))).utf8)
                } else {
                    memo = text(8, scratch[4])
                }
            }
            let turnPointer = sqlite3_column_text(handle, 9)
            let turnCount = Int(sqlite3_column_bytes(handle, 9))
            let turnBytes = UnsafeBufferPointer(start: turnPointer, count: turnPointer == nil ? 0 : turnCount)
            let cut = turnFor(turnBytes) { turnPointer.map { String(cString: $0) } ?? "" }
            var row = ExportRow(
                transcript: text(0, scratch[0]), code: text(2, scratch[1]), coder: text(3, scratch[2]),
                participant: text(10, scratch[3]), memo: memo, turn: cut)
            row.segment = Int(sqlite3_column_int64(handle, 1))
            row.start = Int(sqlite3_column_int64(handle, 4))
            row.end = Int(sqlite3_column_int64(handle, 5))
            row.transcriptStart = Int(sqlite3_column_int64(handle, 6))
            row.transcriptEnd = Int(sqlite3_column_int64(handle, 7))
            try body(row)
        }
    }

    /// ASCII without a NUL: bytes that `String(cString:)` keeps exactly as they are.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte == 0 || byte >= 0x80 { return false }
        return true
    }

    /// Output gathered as UTF-8 bytes and handed on as text in pieces of about ``chunkBytes``.
    struct ByteChunk {
        let write: (String) throws -> Void
        var bytes: [UInt8] = []

        init(_ write: @escaping (String) throws -> Void) {
            self.write = write
            bytes.reserveCapacity(CodingExport.chunkBytes + 4096)
        }

        mutating func flushIfFull() throws {
            if bytes.count >= CodingExport.chunkBytes { try flush() }
        }

        mutating func flush() throws {
            guard !bytes.isEmpty else { return }
            // Every piece appended is whole UTF-8, so decoding changes nothing.
            try write(String(decoding: bytes, as: UTF8.self))
            bytes.removeAll(keepingCapacity: true)
        }

        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        /// `,` and the next key of a coding in the export's JSON, at its indent.
        mutating func nextKey(_ key: StaticString) {
            raw(",\n      \"")
            raw(key)
            raw("\": ")
        }

        mutating func int(_ value: Int) {
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
                // Int.min has no positive counterpart; its digits come from String.
                guard value != Int.min else {
                    bytes.append(contentsOf: String(value).utf8.dropFirst())
                    return
                }
                int(-value)
                return
            }
            if value < 10 {
                bytes.append(UInt8(ascii: "0") + UInt8(value))
                return
            }
            // Int.max has 19 digits.
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            var count = 0
            var rest = value
            withUnsafeMutableBytes(of: &digits) { buffer in
                while rest > 0 {
                    buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                    count += 1
                }
                bytes.append(contentsOf: buffer[(24 - count)...])
            }
        }

        /// ``CSVWriter/field(_:)`` of the text these bytes spell.
        ///
        /// Written as they are when nothing in them needs guarding or quoting, and quoted without
        /// further ado when they are ASCII-delimited commas or line feeds and nothing else needs
        /// care; anything else (a quote, a carriage return, a leading formula character, a space
        /// at either end, a comma joined to a combining mark) goes through ``CSVWriter/field(_:)``
        /// itself, so the two cannot disagree.
        mutating func csvField(_ field: UnsafeBufferPointer<UInt8>) {
            guard let first = field.first, let last = field.last else { return }
            var slow = false
            switch first {
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"),
                UInt8(ascii: "\r"), UInt8(ascii: " "):
                slow = true
            default: break
            }
            if last == UInt8(ascii: " ") { slow = true }
            var quote = false
            var joined = false
            if !slow {
                for index in field.indices {
                    let byte = field[index]
                    guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte < 0x0E || byte == 0x22
                    else { continue }
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r") {
                        slow = true
                        break
                    }
                    guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") else { continue }
                    // A comma or line feed between ASCII neighbours is a Character of its own.
                    if (index == 0 || field[index - 1] < 0x80) && (index + 1 == field.count || field[index + 1] < 0x80)
                    {
                        quote = true
                    } else {
                        joined = true
                    }
                }
                // Only joined ones: whether a Character is a comma is for CSVWriter to say.
                if joined && !quote { slow = true }
            }
            if slow {
                bytes.append(contentsOf: CSVWriter.field(String(decoding: field, as: UTF8.self)).utf8)
            } else if quote {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: field)
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: field)
            }
        }

        /// `JSON.string(_:)` serialised: quotes, backslashes, control characters and U+2028/U+2029
        /// escaped, everything else as it is.
        mutating func jsonString(_ text: UnsafeBufferPointer<UInt8>) {
            bytes.append(UInt8(ascii: "\""))
            var index = 0
            let count = text.count
            var runStart = 0
            while index < count {
                let byte = text[index]
                let escape: StaticString?
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && text[index + 2] == 0xA8:
                    escape = "\\u2028"
                    width = 3
                case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && text[index + 2] == 0xA9:
                    escape = "\\u2029"
                    width = 3
                default:
                    escape = nil
                }
                if escape == nil && byte < 0x20 {
                    bytes.append(contentsOf: text[runStart..<index])
                    raw("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                    index += 1
                    runStart = index
                    continue
                }
                guard let escape else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: text[runStart..<index])
                raw(escape)
                index += width
                runStart = index
            }
            bytes.append(contentsOf: text[runStart..<count])
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
