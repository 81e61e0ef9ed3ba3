/// Codings leaving the study, as CSV in the import's columns (a round trip) or as JSON.
///
/// The coded text and the memos are redacted unless the ``Disclosure`` says otherwise, and an
/// unredacted export is logged by ``Disclosure/redactor(for:)`` before anything is written.
public enum CodingExport {
    /// The export in the import's columns (plus the coded text), with an empty-code row for each
    /// transcript a coder covered without tagging anything, so coverage survives the round trip.
    public static func csv(_ study: Study, disclosure: Disclosure) throws -> String {
        var out = ""
        try csv(study, disclosure: disclosure) { out += $0 }
        return out
    }

    /// `{"codings": [...], "coverage": [...]}`, the codings as `codings list --format json` has them.
    public static func json(_ study: Study, disclosure: Disclosure) throws -> String {
        var out = ""
        try json(study, disclosure: disclosure) { out += $0 }
        return out
    }

    /// The CSV export handed to `write` in pieces of about ``chunkBytes`` as the rows are read, so
    /// memory stays constant however many codings the study has.
    public static func csv(_ study: Study, disclosure: Disclosure, write: (String) throws -> Void) throws {
        try withoutActuallyEscaping(write) { try csv(study, disclosure: disclosure, chunk: Chunk($0)) }
    }

    static func csv(_ study: Study, disclosure: Disclosure, chunk: Chunk) throws {
        var chunk = chunk
        let redactor = try disclosure.redactor(for: study)
        let store = CodingStore(study)
        try chunk.add(CSVWriter.line(CodingImport.requiredColumns + CodingImport.optionalColumns + ["text"]))
        try chunk.flush()
        var out = ByteChunk(chunk.write)
        // Pairs only (transcripts × coders), not rows: small beside the codings themselves. Gathered
        // per transcript (rows come in transcript order), so a row costs no hashing of joined text.
        var tagged: Set<String> = []
        var coders: Set<String> = []
        var current: [UInt8]? = nil
        var cell: [UInt8] = []
        try forEachRow(study, redactor: redactor) { row in
            if current.map({ !row.transcript.elementsEqual($0) }) ?? true {
                if let current {
                    for coder in coders { tagged.insert(String(decoding: current, as: UTF8.self) + "\u{0}" + coder) }
                }
                current = Array(row.transcript)
                coders.removeAll(keepingCapacity: true)
            }
            if !coders.contains(where: { $0.utf8.elementsEqual(row.coder) }) {
                coders.insert(String(decoding: row.coder, as: UTF8.self))
            }
            out.csvField(row.transcript)
            out.bytes.append(UInt8(ascii: ","))
            out.int(row.segment)
            out.bytes.append(UInt8(ascii: ","))
            out.csvField(row.code)
            out.bytes.append(UInt8(ascii: ","))
            out.csvField(row.coder)
            out.bytes.append(UInt8(ascii: ","))
            out.int(row.start)
            out.bytes.append(UInt8(ascii: ","))
            out.int(row.end)
            out.bytes.append(UInt8(ascii: ","))
            if let memo = row.memo { out.csvField(memo) }
            out.bytes.append(UInt8(ascii: ","))
            cell.removeAll(keepingCapacity: true)
            row.appendText(to: &cell)
            cell.withUnsafeBufferPointer { out.csvField($0) }
            out.bytes.append(UInt8(ascii: "\n"))
            try out.flushIfFull()
        }
        if let current {
            for coder in coders { tagged.insert(String(decoding: current, as: UTF8.self) + "\u{0}" + coder) }
        }
        try out.flush()
        for cover in try store.coverage() where !tagged.contains(cover.transcript + "\u{0}" + cover.coder) {
            try chunk.add(CSVWriter.line([cover.transcript, "1", "", cover.coder, "", "", "", ""]))
        }
        try chunk.flush()
    }

    /// The JSON export handed to `write` in pieces as the rows are read; the same text as
    /// `CodingViews.export(...).serialized()`, written one coding at a time.
    public static func json(_ study: Study, disclosure: Disclosure, write: (String) throws -> Void) throws {
        try withoutActuallyEscaping(write) { try json(study, disclosure: disclosure, chunk: Chunk($0)) }
    }

    static func json(_ study: Study, disclosure: Disclosure, chunk: Chunk) throws {
        var chunk = chunk
        let redactor = try disclosure.redactor(for: study)
        let store = CodingStore(study)
        try chunk.add("{\n  \"codings\": ")
        try chunk.flush()
        var out = ByteChunk(chunk.write)
        var count = 0
        var cell: [UInt8] = []
        // The text `CodingViews.coding.json(_:).serialized(indent: 2)` gives, written directly.
        try forEachRow(study, redactor: redactor) { row in
            out.raw(count == 0 ? "[\n    {\n      \"transcript\": " : ",\n    {\n      \"transcript\": ")
            out.jsonString(row.transcript)
            out.nextKey("segment")
            out.int(row.segment)
            out.nextKey("code")
            out.jsonString(row.code)
            out.nextKey("coder")
            out.jsonString(row.coder)
            out.nextKey("start")
            out.int(row.start)
            out.nextKey("end")
            out.int(row.end)
            out.nextKey("transcript_start")
            out.int(row.transcriptStart)
            out.nextKey("transcript_end")
            out.int(row.transcriptEnd)
            out.nextKey("memo")
            if let memo = row.memo { out.jsonString(memo) } else { out.raw("null") }
            out.nextKey("participant")
            out.jsonString(row.participant)
            out.nextKey("text")
            cell.removeAll(keepingCapacity: true)
            row.appendText(to: &cell)
            cell.withUnsafeBufferPointer { out.jsonString($0) }
            out.raw("\n    }")
            count += 1
            try out.flushIfFull()
        }
        try out.flush()
        try chunk.add(count == 0 ? "[]" : "\n  ]")
        try chunk.add(",\n  \"coverage\": ")
        try chunk.add(CodingViews.coverage.json(try store.coverage()).serialized(indent: 1))
        try chunk.add("\n}\n")
        try chunk.flush()
    }

    /// How much text is gathered before each write.
    static let chunkBytes = 1 << 16

    /// Gathers small pieces of text into writes of about ``chunkBytes``.
    struct Chunk {
        let write: (String) throws -> Void
        var text = ""

        init(_ write: @escaping (String) throws -> Void) { self.write = write }

        mutating func add(_ piece: String) throws {
            text += piece
            if text.utf8.count >= CodingExport.chunkBytes { try flush() }
        }

        mutating func flush() throws {
            guard !text.isEmpty else { return }
            try write(text)
            text = ""
        }
    }
}
