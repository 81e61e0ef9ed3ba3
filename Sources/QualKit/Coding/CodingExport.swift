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
        // Pairs only (transcripts × coders), not rows: small beside the codings themselves.
        var tagged: Set<String> = []
        try store.forEachCoding { found in
            let coding = found.redacted(by: redactor)
            tagged.insert(coding.transcript + "\u{0}" + coding.coder)
            try chunk.add(
                CSVWriter.line([
                    coding.transcript, String(coding.segment), coding.code, coding.coder, String(coding.start),
                    String(coding.end), coding.memo ?? "", coding.text,
                ]))
        }
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
        var count = 0
        try store.forEachCoding { found in
            try chunk.add(count == 0 ? "[\n    " : ",\n    ")
            try chunk.add(CodingViews.coding.json(found.redacted(by: redactor)).serialized(indent: 2))
            count += 1
        }
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
