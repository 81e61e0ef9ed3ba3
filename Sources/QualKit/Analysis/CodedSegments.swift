/// Every coding of the selected coders as small integers, read in one pass over a covering index:
/// what the analyses need at the scale of millions of codings.
///
/// Transcripts and participants are numbered; each segment id maps to its transcript's number,
/// read in one pass over the segments' (transcript, number) index.
struct CodedSegments {
    var transcripts: [String] = []
    var participantOfTranscript: [Int] = []
    var participants: [String] = []
    /// Indexed by segment id; -1 for a segment outside the study's transcripts.
    var transcriptOfSegment: [Int32] = []

    /// Builds the segment and transcript maps.
    init(_ db: Database) throws {
        var participantIndex: [String: Int] = [:]
        var transcriptIndex: [String: Int] = [:]
        try db.forEachRow(
            "SELECT t.id, i.participant FROM transcript t JOIN interview i ON i.id = t.interview ORDER BY t.id"
        ) { row in
            let participant: String = try row["participant"]
            let index =
                participantIndex[participant]
                ?? {
                    participants.append(participant)
                    participantIndex[participant] = participants.count - 1
                    return participants.count - 1
                }()
            transcriptIndex[try row["id"]] = transcripts.count
            transcripts.append(try row["id"])
            participantOfTranscript.append(index)
        }
        let maxID = try db.value("SELECT max(id) FROM segment").intValue ?? 0
        transcriptOfSegment = [Int32](repeating: -1, count: maxID + 1)
        // One pass over the (transcript, number) index, comparing each row's transcript with the
        // last one's bytes: a GROUP BY with min, max and count here cost as much as the codings scan.
        let statement = try db.prepare("SELECT transcript, id FROM segment ORDER BY transcript")
        try statement.bind([])
        var last: [UInt8] = []
        var current: Int32 = -1
        var started = false
        try transcriptOfSegment.withUnsafeMutableBufferPointer { segments in
            while try statement.step() {
                if !started || !statement.text(at: 0, equals: last) {
                    let name = statement.text(at: 0)
                    last = Array(name.utf8)
                    current = transcriptIndex[name].map { Int32($0) } ?? -1
                    started = true
                }
                let id = Int(statement.int64(at: 1))
                if id >= 0 && id < segments.count { segments[id] = current }
            }
        }
    }

    /// Calls `body(code, segment, coder)` for every coding by the coders `store` selects, `code`
    /// and `coder` as indices into the arrays returned. With `withCoder` false the coder column is
    /// not read (the selection still applies) and `coder` is always 0, `coders` empty.
    static func scan(
        _ store: AnalysisStore, withCoder: Bool = true, _ body: (Int, Int, Int) -> Void,
        onNewCode: (Int, String) -> Void = { _, _ in }
    ) throws -> (codes: [String], coders: [String]) {
        let db = store.db
        // When every coder is selected the filter is skipped: it costs a lookup per coding.
        let selected = try db.value("SELECT count(DISTINCT value) FROM json_each(?)", [store.selection]).intValue
        let everyone = try selected == db.value("SELECT count(*) FROM coder").intValue
        let columns = withCoder ? "c.code, c.segment, c.coder" : "c.code, c.segment"
        let statement = try db.prepare(
            everyone
                ? "SELECT \(columns) FROM coding c INDEXED BY coding_by_code"
                : """
                SELECT \(columns) FROM coding c INDEXED BY coding_by_code
                WHERE c.coder IN (SELECT value FROM json_each(?))
                """)
        try statement.bind(everyone ? [] : [store.selection])
        var codes: [String] = []
        var coders: [String] = []
        var lastCode: [UInt8] = []
        var codeIndex = -1
        var coderBytes: [[UInt8]] = []
        while try statement.step() {
            if codeIndex < 0 || !statement.text(at: 0, equals: lastCode) {
                let code = statement.text(at: 0)
                codes.append(code)
                lastCode = Array(code.utf8)
                codeIndex = codes.count - 1
                onNewCode(codeIndex, code)
            }
            guard withCoder else {
                body(codeIndex, Int(statement.int64(at: 1)), 0)
                continue
            }
            var coderIndex = -1
            for (index, bytes) in coderBytes.enumerated() where statement.text(at: 2, equals: bytes) {
                coderIndex = index
                break
            }
            if coderIndex < 0 {
                let coder = statement.text(at: 2)
                coders.append(coder)
                coderBytes.append(Array(coder.utf8))
                coderIndex = coders.count - 1
            }
            body(codeIndex, Int(statement.int64(at: 1)), coderIndex)
        }
        return (codes, coders)
    }
}

/// A fixed-size set of small integers.
struct Bitset {
    private(set) var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ value: Int) { words[value >> 6] |= 1 << UInt64(value & 63) }

    func contains(_ value: Int) -> Bool { words[value >> 6] & (1 << UInt64(value & 63)) != 0 }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Members also in `other`.
    func intersectionCount(_ other: Bitset) -> Int {
        zip(words, other.words).reduce(0) { $0 + ($1.0 & $1.1).nonzeroBitCount }
    }

    /// Adds every member of `other` (of the same count).
    mutating func formUnion(_ other: Bitset) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    func unionCount(_ other: Bitset) -> Int {
        zip(words, other.words).reduce(0) { $0 + ($1.0 | $1.1).nonzeroBitCount }
    }
}

extension CodedSegments {
    /// Segments that are interviewer turns, as a bitset over segment ids.
    func interviewerTurns(_ db: Database) throws -> Bitset {
        var turns = Bitset(count: transcriptOfSegment.count)
        let statement = try db.prepare("SELECT id FROM segment WHERE role = 'interviewer'")
        try statement.bind([])
        while try statement.step() { turns.insert(Int(statement.int64(at: 0))) }
        return turns
    }

    /// For each code in scope, the scope indices a coding with `applied` counts for: itself and
    /// its ancestors that are in scope.
    static func rollup(_ applied: String, scope: [String: Int]) -> [Int] {
        ([applied] + Code.ancestors(of: applied)).compactMap { scope[$0] }
    }
}
