import Foundation

/// One CSV record with the line it starts on, for error messages.
public struct CSVRecord: Sendable, Equatable {
    public let fields: [String]
    /// 1-based line of the record's first character in the file.
    public let line: Int
}

/// Reads RFC 4180 CSV: quoted fields with embedded separators, quotes and newlines; CRLF or LF line
/// endings; UTF-8 with or without a byte-order mark (UTF-16 with a BOM is decoded first).
///
/// The separator is sniffed from the header row, as Excel's regional settings and "Unicode text"
/// make it: the one of comma, semicolon and tab that occurs most often outside quotes (comma on a
/// tie or when none does). ``dialect`` says what was found, for error messages.
///
/// It streams: records come one at a time from a file read in blocks, so a million-row import
/// holds one record in memory, not the file.
///
/// ```swift
/// let reader = try CSVReader(path: "participants.csv")
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
///
/// The parser is a small state machine: each byte's class (quote, comma, CR, LF, other) and the
/// current state choose an action and the next state from one table.
public final class CSVReader {
    public let file: String
    private var source: ByteSource
    private var line = 1
    private var column = 0
    private var finished = false
    private var checkedBOM = false
    /// The field separator sniffed from the first line.
    public private(set) var separator: UInt8 = UInt8(ascii: ",")
    /// The encoding as found: `UTF-8`, `UTF-8 with BOM`, `UTF-16 LE with BOM`, `UTF-16 BE with BOM`.
    public private(set) var encoding = "UTF-8"

    /// Reads the file at `path`; throws ``MissingInputFile`` when it does not exist.
    public convenience init(path: String) throws {
        try SourceText.requireFile(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MissingInputFile(path: path, reason: "cannot be read (permission denied?)")
        }
        var source = ByteSource(handle: handle)
        var encoding = source.peekPrefix(3) == [0xEF, 0xBB, 0xBF] ? "UTF-8 with BOM" : "UTF-8"
        // UTF-16 files are rare (Excel's "Unicode text"); decode them whole, then stream the UTF-8.
        let start = source.peekPrefix(2)
        if start == [0xFF, 0xFE] || start == [0xFE, 0xFF] {
            encoding = start == [0xFF, 0xFE] ? "UTF-16 LE with BOM" : "UTF-16 BE with BOM"
            let text = try SourceText.decode(try SourceText.readBytes(path), file: path)
            source = ByteSource(bytes: Array(text.utf8))
        }
        self.init(source: source, file: path)
        self.encoding = encoding
    }

    /// Reads CSV held in memory.
    public convenience init(text: String, file: String) {
        self.init(source: ByteSource(bytes: Array(text.utf8)), file: file)
    }

    private init(source: ByteSource, file: String) {
        self.source = source
        self.file = file
        self.separator = CSVReader.sniffSeparator(self.source.peekPrefix(1 << 16))
    }

    /// The separator of the first line (outside quotes): the most frequent of `,`, `;` and tab,
    /// comma when tied or absent. Leading `#` lines are skipped: files that allow comments
    /// (population and target figures) often open with a sentence full of semicolons.
    static func sniffSeparator(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.startIndex + 3 : bytes.startIndex
        while start < bytes.endIndex, bytes[start] == UInt8(ascii: "#") {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { break }
            start = bytes.index(after: newline)
        }
        for byte in bytes[start...] {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if !quoted && (byte == 0x0A || byte == 0x0D) { break }
            if !quoted, let count = counts[byte] { counts[byte] = count + 1 }
        }
        var best = UInt8(ascii: ",")
        for candidate in [UInt8(ascii: ";"), 0x09] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }

    /// The separator's name: `comma`, `semicolon` or `tab`.
    public var separatorName: String {
        switch separator {
        case UInt8(ascii: ";"): return "semicolon"
        case 0x09: return "tab"
        default: return "comma"
        }
    }

    /// How the file was read, for error messages: `UTF-8 with BOM, semicolon-separated`.
    public var dialect: String { "\(encoding), \(separatorName)-separated" }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    private enum ByteClass { case quote, comma, cr, lf, other }
    private enum Action { case append, endField, endRecord, skip, openQuote, quoteInside, error(String) }

    /// The transition table: (state, byte class) -> (action, next state).
    private static func transition(_ state: State, _ byte: ByteClass) -> (Action, State) {
        switch (state, byte) {
        case (.fieldStart, .quote): return (.openQuote, .quoted)
        case (.fieldStart, .comma), (.unquoted, .comma), (.quoteInQuoted, .comma): return (.endField, .fieldStart)
        case (.fieldStart, .lf), (.unquoted, .lf), (.quoteInQuoted, .lf): return (.endRecord, .fieldStart)
        case (.fieldStart, .cr), (.unquoted, .cr), (.quoteInQuoted, .cr): return (.skip, state)
        case (.fieldStart, .other), (.unquoted, .other): return (.append, .unquoted)
        case (.unquoted, .quote):
            return (
                .error("a quote inside an unquoted field: put the whole field in quotes and double the quote (\"\")"),
                .unquoted
            )
        case (.quoted, .quote): return (.skip, .quoteInQuoted)
        case (.quoted, _): return (.append, .quoted)
        case (.quoteInQuoted, .quote): return (.quoteInside, .quoted)
        case (.quoteInQuoted, .other):
            return (.error("text after a closing quote: expected a separator or the end of the line"), .unquoted)
        }
    }

    /// The next record, or nil at the end. Blank lines are skipped.
    public func next() throws -> CSVRecord? {
        if finished { return nil }
        if !checkedBOM {
            checkedBOM = true
            if source.peekPrefix(3) == [0xEF, 0xBB, 0xBF] {
                source.skip(3)
                if encoding == "UTF-8" { encoding = "UTF-8 with BOM" }
            }
        }
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var startLine = line
        var quoteLine = line
        var quoteColumn = 0
        var sawAnything = false

        func finishField() throws {
            // ASCII is already valid UTF-8 in NFC: skip the costly checks for the common case.
            if !field.contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                return
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                let offset = SourceText.firstInvalidUTF8Offset(field) ?? 0
                throw InvalidInput(
                    file: file, line: line,
                    "invalid UTF-8 in field \(fields.count + 1) (byte \(offset + 1) of the field): save the file as UTF-8 or UTF-16 with BOM (read as \(dialect))"
                )
            }
            let unixText = text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            fields.append(unixText.precomposedStringWithCanonicalMapping)
            field.removeAll(keepingCapacity: true)
        }

        while let byte = source.next() {
            column += 1
            let byteClass: ByteClass
            switch byte {
            case UInt8(ascii: "\""): byteClass = .quote
            case separator: byteClass = .comma
            case 0x0D: byteClass = .cr
            case 0x0A: byteClass = .lf
            default: byteClass = .other
            }
            let (action, next) = CSVReader.transition(state, byteClass)
            switch action {
            case .append:
                field.append(byte)
                if byte == 0x0A { line += 1; column = 0 }
                sawAnything = true
            case .endField:
                try finishField()
                sawAnything = true
            case .endRecord:
                line += 1
                column = 0
                if !sawAnything && field.isEmpty && fields.isEmpty {
                    startLine = line
                    state = .fieldStart
                    continue
                }
                try finishField()
                return CSVRecord(fields: fields, line: startLine)
            case .skip:
                break
            case .openQuote:
                quoteLine = line
                quoteColumn = column
                sawAnything = true
            case .quoteInside:
                field.append(byte)
            case .error(let message):
                throw InvalidInput(file: file, line: line, column: column, message + " (read as \(dialect))")
            }
            state = next
        }
        finished = true
        if state == .quoted {
            throw InvalidInput(
                file: file, line: quoteLine, column: quoteColumn,
                "a quoted field is never closed: add the closing quote (read as \(dialect))")
        }
        guard sawAnything || !field.isEmpty || !fields.isEmpty else { return nil }
        try finishField()
        return CSVRecord(fields: fields, line: startLine)
    }

    /// Every remaining record (for small files).
    public func readAll() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }
}

/// Bytes from a file in 1 MiB blocks, or from memory.
struct ByteSource {
    private var handle: FileHandle?
    private var buffer: [UInt8]
    private var index = 0

    init(handle: FileHandle) {
        self.handle = handle
        self.buffer = []
    }

    init(bytes: [UInt8]) {
        self.handle = nil
        self.buffer = bytes
    }

    private mutating func refill() -> Bool {
        guard let handle else { return false }
        let data = handle.readData(ofLength: 1 << 20)
        if data.isEmpty {
            try? handle.close()
            self.handle = nil
            return false
        }
        buffer = Array(buffer[index...]) + [UInt8](data)
        index = 0
        return true
    }

    mutating func next() -> UInt8? {
        if index >= buffer.count && !refill() { return nil }
        guard index < buffer.count else { return nil }
        defer { index += 1 }
        return buffer[index]
    }

    mutating func peekPrefix(_ count: Int) -> [UInt8] {
        while buffer.count - index < count, refill() {}
        return Array(buffer[index..<min(buffer.count, index + count)])
    }

    mutating func skip(_ count: Int) { index += count }
}
