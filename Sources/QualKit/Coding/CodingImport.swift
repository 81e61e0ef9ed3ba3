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

    public static func run(path: String, defaultCoder: String?, createCodes: Bool, study: Study) throws -> Report {
        let csv = try HeadedCSV(path: path, expected: "the header transcript,segment,code,coder")
        let columns = csv.columns
        var problems: [Diagnostic] = []
        var more = 0
        func problem(_ line: Int, _ message: String, remedy: Remedy? = nil) {
            if problems.count < problemLimit {
                problems.append(Diagnostic(file: path, line: line, message, remedy: remedy))
            } else {
                more += 1
            }
        }
        let known = requiredColumns + optionalColumns + ignoredColumns
        for unknown in csv.unknownColumns(known) { problem(csv.headerLine, unknown.message) }
        for column in requiredColumns where !columns.contains(column) && !(column == "coder" && defaultCoder != nil) {
            problem(csv.headerLine, "no '\(column)' column", remedy: column == "coder" ? .nameDefaultCoder : nil)
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        func index(_ name: String) -> Int? { columns.firstIndex(of: name) }
        let (transcriptColumn, segmentColumn, codeColumn) = (index("transcript")!, index("segment")!, index("code")!)
        let coderColumn = index("coder")
        let (startColumn, endColumn, memoColumn) = (index("start"), index("end"), index("memo"))

        let codeStore = CodeStore(study)
        let store = CodingStore(study)
        let transcripts = TranscriptStore(study)
        let transcriptIDs = Set(try transcripts.ids())
        var codes = Set(try codeStore.paths())
        let coders = Set(try codeStore.coderIDs())
        var segmentCache: [String: [Int: Segment]] = [:]
        var report = Report()
        var covered: Set<String> = []
        let insert = try study.db.prepare(CodingStore.insertSQL)
        func cover(_ transcript: String, _ coder: String) throws {
            if covered.insert(transcript + "\u{0}" + coder).inserted {
                try store.cover(transcript: transcript, coder: coder)
            }
        }

        try study.db.transaction {
            while let record = try csv.next({
                problem($0.line ?? 0, $0.message); report.rows += 1
            }) {
                report.rows += 1
                let line = record.line
                func field(_ column: Int?) -> String {
                    column.map { CodingImport.trim(record.fields[$0]) } ?? ""
                }
                let transcript = field(transcriptColumn)
                let coder = coderColumn.map { field($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? defaultCoder ?? ""
                let code = field(codeColumn)
                guard transcriptIDs.contains(transcript) else {
                    let near =
                        Suggestion.nearest(to: transcript, in: Array(transcriptIDs)).map { " (did you mean '\($0)'?)" }
                        ?? ""
                    problem(line, "unknown transcript '\(transcript)'\(near)")
                    continue
                }
                guard let number = Int(field(segmentColumn)), number > 0 else {
                    problem(line, "bad segment '\(field(segmentColumn))': expected a segment number (1, 2, ...)")
                    continue
                }
                if segmentCache[transcript] == nil {
                    segmentCache[transcript] = Dictionary(
                        uniqueKeysWithValues: try transcripts.segmentOutlines(of: transcript).map { ($0.number, $0) })
                }
                guard let segment = segmentCache[transcript]![number] else {
                    problem(
                        line, "\(transcript) has no segment \(number) (it has 1 to \(segmentCache[transcript]!.count))")
                    continue
                }
                guard coders.contains(coder) else {
                    let near = Suggestion.nearest(to: coder, in: Array(coders)).map { " (did you mean '\($0)'?)" } ?? ""
                    if coder.isEmpty {
                        problem(line, "no coder: fill the coder column", remedy: .nameDefaultCoder)
                    } else {
                        problem(line, "unknown coder '\(coder)'\(near)", remedy: .registerCoder(coder))
                    }
                    continue
                }
                if code.isEmpty {
                    try cover(transcript, coder)
                    report.emptyRows += 1
                    continue
                }
                if !codes.contains(code) {
                    guard Identifiers.isCodePath(code) else {
                        problem(line, "bad code path '\(code)'")
                        continue
                    }
                    guard createCodes else {
                        let near =
                            Suggestion.nearest(to: code, in: Array(codes)).map { " (did you mean '\($0)'?)" } ?? ""
                        problem(line, "unknown code '\(code)'\(near): add it to the codebook", remedy: .createMissingCodes)
                        continue
                    }
                    try codeStore.save(Code(path: code), isNew: true)
                    codes.insert(code)
                    report.codesCreated.append(code)
                }
                var start = 0
                var end = segment.length
                let startText = field(startColumn)
                let endText = field(endColumn)
                if !startText.isEmpty || !endText.isEmpty {
                    guard let s = Int(startText), let e = Int(endText), s >= 0, e > s, e <= segment.length else {
                        problem(
                            line,
                            "bad span '\(startText):\(endText)': segment \(number) of \(transcript) spans 0:\(segment.length)"
                        )
                        continue
                    }
                    (start, end) = (s, e)
                }
                let memo = field(memoColumn)
                try cover(transcript, coder)
                if try store.insertOnly(
                    insert, segment: segment, code: code, coder: coder, start: start, end: end,
                    memo: memo.isEmpty ? nil : memo)
                {
                    report.added += 1
                } else {
                    report.duplicates += 1
                }
            }
            if !problems.isEmpty {
                if more > 0 { problems.append(Diagnostic(file: path, line: nil, "and \(more) more problems")) }
                throw InvalidInput(problems)
            }
        }
        return report
    }

    /// Spaces and tabs off both ends, without Foundation's slower character-set trimming.
    static func trim(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return text }
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
