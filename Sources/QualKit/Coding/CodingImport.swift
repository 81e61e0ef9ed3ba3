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
        let csv = try HeadedCSV(path: path, expected: "the header transcript,segment,code,coder")
        var importer = try Importer(
            path: path, csv: csv, defaultCoder: defaultCoder, createCodes: createCodes, study: study)
        try study.db.useBulkSettings()
        try study.db.transaction {
            while let record = try csv.next({
                importer.problem($0.line ?? 0, $0.message)
                importer.report.rows += 1
            }) {
                try importer.add(record)
            }
            try importer.finish()
        }
        return importer.report
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
    var codes: Set<String>
    var segmentCache: [String: [Int: Segment]] = [:]
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
        if try store.insertOnly(
            insert, segment: segment, code: code, coder: coder, start: start, end: end, memo: memo.isEmpty ? nil : memo)
        {
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

    private mutating func segment(_ transcript: String, _ numberText: String, line: Int) throws -> Segment? {
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
        if segmentCache[transcript] == nil {
            segmentCache[transcript] = Dictionary(
                uniqueKeysWithValues: try transcripts.segmentOutlines(of: transcript).map { ($0.number, $0) })
        }
        guard let segment = segmentCache[transcript]![number] else {
            problem(line, "\(transcript) has no segment \(number) (it has 1 to \(segmentCache[transcript]!.count))")
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
    private mutating func span(_ startText: String, _ endText: String, in segment: Segment, line: Int) -> (Int, Int)? {
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
