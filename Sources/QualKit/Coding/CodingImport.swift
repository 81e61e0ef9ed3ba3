import Foundation

/// `codings import FILE.csv`: streams rows into the study in one transaction; every bad row is
/// reported with its line and, if there is any, nothing is kept.
public enum CodingImport {
    public static let requiredColumns = ["transcript", "segment", "code", "coder"]
    public static let optionalColumns = ["start", "end", "memo"]
    /// Columns `codings export` adds for people reading the file; import ignores them.
    public static let ignoredColumns = ["text", "participant", "transcript_start", "transcript_end"]

    public struct Report: Sendable, Equatable {
        public var rows = 0
        public var added = 0
        public var duplicates = 0
        public var emptyRows = 0
        public var codesCreated: [String] = []
    }

    /// At most this many problems are listed; the count of the rest is given.
    static let problemLimit = 200

    /// Imports the codings in the CSV file at `path`: every row, or none when any row is bad.
    ///
    /// Rows name a transcript, a segment, a code and a coder (`defaultCoder` for rows without
    /// one), optionally a span and a memo. A row with an empty code records that the coder coded
    /// the transcript and found nothing to tag. A coding already present is counted, not added
    /// again, so importing the same file twice changes nothing the second time.
    ///
    /// - Throws: ``InvalidInput`` listing every bad row (up to ``problemLimit``, then a count).
    public static func run(path: String, defaultCoder: String?, createCodes: Bool, study: Study) throws -> Report {
        try run(path: path, defaultCoder: defaultCoder, createCodes: createCodes, study: study, indexes: .automatic)
    }

    /// Whether an import drops the `coding` table's secondary indexes and builds them again after
    /// its inserts. Tests name the path; commands use ``automatic``.
    enum IndexPolicy {
        /// Rebuild when the file holds many rows for the codings already stored (see ``rebuildPays``).
        case automatic
        case keep
        case rebuild
    }

    static func run(
        path: String, defaultCoder: String?, createCodes: Bool, study: Study, indexes: IndexPolicy
    ) throws -> Report {
        let csv = try HeadedCSV(path: path, expected: "the header transcript,segment,code,coder")
        var importer = try Importer(
            path: path, csv: csv, defaultCoder: defaultCoder, createCodes: createCodes, study: study)
        try study.db.useBulkSettings()
        try study.db.transaction {
            let rebuild: Bool
            switch indexes {
            case .keep: rebuild = false
            case .rebuild: rebuild = true
            case .automatic:
                let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                rebuild = rebuildPays(fileBytes: bytes, stored: try CodingIndexes.storedUpperBound(study.db))
            }
            // Dropped inside the transaction: any problem below rolls the drop back with the rows.
            let dropped = rebuild ? try CodingIndexes.drop(study.db) : []
            while let record = try csv.next({
                importer.problem($0.line ?? 0, $0.message)
                importer.report.rows += 1
            }) {
                try importer.add(record)
            }
            try importer.finish()
            try CodingIndexes.create(dropped, study.db)
        }
        return importer.report
    }

    /// True when building the indexes once after the inserts is cheaper than updating them per row:
    /// a sorted build of (stored + new) entries against a random b-tree insert per new row, which
    /// costs several times more, so the rebuild wins once the new rows are a quarter of those stored.
    /// The rows are estimated from the file's size (a coding row is about 40 bytes).
    static func rebuildPays(fileBytes: Int, stored: Int) -> Bool {
        let estimatedRows = fileBytes / 40
        return estimatedRows >= 1_000 && estimatedRows * 4 >= stored
    }

    /// Spaces and tabs off both ends, without Foundation's slower character-set trimming.
    static func trim(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return text }
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// One import's state: the columns, what the study holds, the problems found and the counts.
private struct Importer {
    let path: String
    let defaultCoder: String?
    let createCodes: Bool
    let columns: (transcript: Int, segment: Int, code: Int, coder: Int?, start: Int?, end: Int?, memo: Int?)
    let codeStore: CodeStore
    let store: CodingStore
    let transcripts: TranscriptStore
    let transcriptIDs: Set<String>
    let coders: Set<String>
    let insert: Statement
    let outlines: Statement
    var codes: Set<String>
    /// Each transcript's segments, read once when a row first names it (rows come in any order).
    var segmentCache: [String: SegmentPlaces] = [:]
    var uuids = StableID.Batch()
    var covered: Set<String> = []
    var problems: [Diagnostic] = []
    var more = 0
    var report = CodingImport.Report()

    /// Checks the header; throws when a column is missing or unknown.
    init(path: String, csv: HeadedCSV, defaultCoder: String?, createCodes: Bool, study: Study) throws {
        self.path = path
        self.defaultCoder = defaultCoder
        self.createCodes = createCodes
        let names = csv.columns
        let known = CodingImport.requiredColumns + CodingImport.optionalColumns + CodingImport.ignoredColumns
        var problems = csv.unknownColumns(known)
        for column in CodingImport.requiredColumns
        where !names.contains(column) && !(column == "coder" && defaultCoder != nil) {
            problems.append(
                csv.headerProblem("no '\(column)' column", remedy: column == "coder" ? .nameDefaultCoder : nil))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        columns = (
            index("transcript")!, index("segment")!, index("code")!, index("coder"), index("start"), index("end"),
            index("memo")
        )
        codeStore = CodeStore(study)
        store = CodingStore(study)
        transcripts = TranscriptStore(study)
        transcriptIDs = Set(try transcripts.ids())
        codes = Set(try codeStore.paths())
        coders = Set(try codeStore.coderIDs())
        insert = try study.db.prepare(CodingStore.insertSQL)
        outlines = try study.db.prepare(
            "SELECT number, id, text_start, text_end FROM segment WHERE transcript = ? ORDER BY number")
    }

    mutating func problem(_ line: Int, _ message: String, remedy: Remedy? = nil) {
        if problems.count < CodingImport.problemLimit {
            problems.append(Diagnostic(file: path, line: line, message, remedy: remedy))
        } else {
            more += 1
        }
    }

    /// Checks one row and, when it is good, stores it.
    mutating func add(_ record: CSVRecord) throws {
        report.rows += 1
        let line = record.line
        func field(_ column: Int?) -> String { column.map { CodingImport.trim(record.fields[$0]) } ?? "" }
        let transcript = field(columns.transcript)
        let coder = columns.coder.map { field($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? defaultCoder ?? ""
        let code = field(columns.code)
        guard let segment = try segment(transcript, field(columns.segment), line: line),
            checkCoder(coder, line: line)
        else { return }
        if code.isEmpty {
            try cover(transcript, coder)
            report.emptyRows += 1
            return
        }
        guard try knowCode(code, line: line),
            let (start, end) = span(field(columns.start), field(columns.end), in: segment, line: line)
        else { return }
        let memo = field(columns.memo)
        try cover(transcript, coder)
        // The same values CodingStore.insertOnly binds, without its per-row array of existentials.
        try insert.runFast(
            .integer(segment.id), .text(code), .text(coder), .integer(Int64(start)), .integer(Int64(end)),
            .integer(Int64(segment.textStart + start)), .integer(Int64(segment.textStart + end)),
            memo.isEmpty ? .null : .text(memo), .text(Clock.nowTimestamp()), .text(uuids.next()))
        if store.db.changes > 0 {
            report.added += 1
        } else {
            report.duplicates += 1
        }
    }

    /// Throws every problem found, with the count of those not listed.
    mutating func finish() throws {
        guard !problems.isEmpty else { return }
        if more > 0 { problems.append(Diagnostic(file: path, line: nil, "and \(more) more problems")) }
        throw InvalidInput(problems)
    }

    private mutating func segment(_ transcript: String, _ numberText: String, line: Int) throws -> SegmentPlace? {
        guard transcriptIDs.contains(transcript) else {
            let near =
                Suggestion.nearest(to: transcript, in: Array(transcriptIDs)).map { " (did you mean '\($0)'?)" } ?? ""
            problem(line, "unknown transcript '\(transcript)'\(near)")
            return nil
        }
        guard let number = Int(numberText), number > 0 else {
            problem(line, "bad segment '\(numberText)': expected a segment number (1, 2, ...)")
            return nil
        }
        let places: SegmentPlaces
        if let cached = segmentCache[transcript] {
            places = cached
        } else {
            places = try SegmentPlaces(outlines, transcript: transcript)
            segmentCache[transcript] = places
        }
        guard let segment = places[number] else {
            problem(line, "\(transcript) has no segment \(number) (it has 1 to \(places.count))")
            return nil
        }
        return segment
    }

    private mutating func checkCoder(_ coder: String, line: Int) -> Bool {
        guard !coders.contains(coder) else { return true }
        if coder.isEmpty {
            problem(line, "no coder: fill the coder column", remedy: .nameDefaultCoder)
        } else {
            let near = Suggestion.nearest(to: coder, in: Array(coders)).map { " (did you mean '\($0)'?)" } ?? ""
            problem(line, "unknown coder '\(coder)'\(near)", remedy: .registerCoder(coder))
        }
        return false
    }

    /// True when the codebook has `code`, creating it when the import may.
    private mutating func knowCode(_ code: String, line: Int) throws -> Bool {
        guard !codes.contains(code) else { return true }
        guard Identifiers.isCodePath(code) else {
            problem(line, "bad code path '\(code)'")
            return false
        }
        guard createCodes else {
            let near = Suggestion.nearest(to: code, in: Array(codes)).map { " (did you mean '\($0)'?)" } ?? ""
            problem(line, "unknown code '\(code)'\(near): add it to the codebook", remedy: .createMissingCodes)
            return false
        }
        try codeStore.save(Code(path: code), isNew: true)
        codes.insert(code)
        report.codesCreated.append(code)
        return true
    }

    /// The row's span in the segment: the whole segment when both columns are empty.
    private mutating func span(_ startText: String, _ endText: String, in segment: SegmentPlace, line: Int) -> (
        Int, Int
    )? {
        if startText.isEmpty && endText.isEmpty { return (0, segment.length) }
        guard let start = Int(startText), let end = Int(endText), start >= 0, end > start, end <= segment.length else {
            problem(
                line,
                "bad span '\(startText):\(endText)': segment \(segment.number) of \(segment.transcript) spans 0:\(segment.length)"
            )
            return nil
        }
        return (start, end)
    }

    private mutating func cover(_ transcript: String, _ coder: String) throws {
        if covered.insert(transcript + "\u{0}" + coder).inserted {
            try store.cover(transcript: transcript, coder: coder)
        }
    }
}

/// What an import needs of one segment: its row id, where it starts in the transcript and its length.
private struct SegmentPlace {
    let transcript: String
    let number: Int
    let id: Int64
    let textStart: Int
    let length: Int
}

/// One transcript's segments by number, held as three integers a segment (not a ``Segment`` with
/// its strings) so that a study of millions of segments fits in little memory.
private struct SegmentPlaces {
    let transcript: String
    /// By number, from 1; a number without a segment (never made by the importers) has id 0.
    private var ids: [Int64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    /// How many segments the transcript has.
    private(set) var count = 0

    init(_ outlines: Statement, transcript: String) throws {
        self.transcript = transcript
        try outlines.bind([transcript])
        defer { outlines.reset() }
        while try outlines.step() {
            let number = Int(outlines.int64(at: 0))
            guard number > 0 else { continue }
            if number > ids.count {
                let missing = number - ids.count
                ids += repeatElement(0, count: missing)
                starts += repeatElement(0, count: missing)
                lengths += repeatElement(0, count: missing)
            }
            let start = outlines.int64(at: 2)
            ids[number - 1] = outlines.int64(at: 1)
            starts[number - 1] = Int(start)
            lengths[number - 1] = Int(outlines.int64(at: 3) - start)
            count += 1
        }
    }

    subscript(number: Int) -> SegmentPlace? {
        guard number > 0, number <= ids.count, ids[number - 1] != 0 else { return nil }
        return SegmentPlace(
            transcript: transcript, number: number, id: ids[number - 1], textStart: starts[number - 1],
            length: lengths[number - 1])
    }
}
