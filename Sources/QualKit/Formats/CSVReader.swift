import Foundation

/// One CSV record with the line it starts on, for error messages.
public struct CSVRecord: Sendable, Equatable {
    public let fields: [String]
    /// 1-based line of the record's first character in the file.
    public let line: Int
}

/// Reads RFC 4180 CSV: quoted fields with embedded commas, quotes and newlines; CRLF or LF line
/// endings; UTF-8 with or without a byte-order mark (UTF-16 with a BOM is decoded first).
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

    /// Reads the file at `path`; throws ``MissingInputFile`` when it does not exist.
    public convenience init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else { throw MissingInputFile(path: path) }
        var source = ByteSource(handle: handle)
        // UTF-16 files are rare (Excel's "Unicode text"); decode them whole, then stream the UTF-8.
        if source.peekPrefix(2) == [0xFF, 0xFE] || source.peekPrefix(2) == [0xFE, 0xFF] {
            let text = try SourceText.decode(try SourceText.readBytes(path), file: path)
            source = ByteSource(bytes: Array(text.utf8))
        }
        self.init(source: source, file: path)
    }

    /// Reads CSV held in memory.
    public convenience init(text: String, file: String) {
        self.init(source: ByteSource(bytes: Array(text.utf8)), file: file)
    }

    private init(source: ByteSource, file: String) {
        self.source = source
        self.file = file
    }

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
            return (.error("text after a closing quote: expected a comma or the end of the line"), .unquoted)
        }
    }

    /// The next record, or nil at the end. Blank lines are skipped.
    public func next() throws -> CSVRecord? {
        if finished { return nil }
        if !checkedBOM {
            checkedBOM = true
            if source.peekPrefix(3) == [0xEF, 0xBB, 0xBF] { source.skip(3) }
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
                    "invalid UTF-8 in field \(fields.count + 1) (byte \(offset + 1) of the field): save the file as UTF-8"
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
            case UInt8(ascii: ","): byteClass = .comma
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
                throw InvalidInput(file: file, line: line, column: column, message)
            }
            state = next
        }
        finished = true
        if state == .quoted {
            throw InvalidInput(
                file: file, line: quoteLine, column: quoteColumn,
                "a quoted field is never closed: add the closing quote")
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
