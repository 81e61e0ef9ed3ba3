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

    /// Every coding by the coders `store` selects, row by row in (code, segment) order: `code` and
    /// `coder` are indices into `codes` and `coders`. With `withCoder` false the coder column is not
    /// read (the selection still applies) and `coder` is always 0. A cursor rather than a callback, so
    /// that loops over a million rows keep their state in local variables (state captured by a
    /// closure is checked for exclusive access on every row).
    struct Cursor {
        private let statement: Statement
        private let withCoder: Bool
        /// The codes and coders seen so far; `code` and `coder` index them.
        private(set) var codes: [String] = []
        private(set) var coders: [String] = []
        private(set) var code = -1
        private(set) var segment = 0
        /// 0 when the coder column is not read.
        private(set) var coder = 0
        /// Whether this row's code differs from the last row's (rows come in code, then segment order).
        private(set) var newCode = false
        private var lastCode: [UInt8] = []
        private var coderBytes: [[UInt8]] = []

        init(_ store: AnalysisStore, withCoder: Bool) throws {
            let db = store.db
            // When every coder is selected the filter is skipped: it costs a lookup per coding.
            let selected = try db.value("SELECT count(DISTINCT value) FROM json_each(?)", [store.selection]).intValue
            let everyone = try selected == db.value("SELECT count(*) FROM coder").intValue
            let columns = withCoder ? "c.code, c.segment, c.coder" : "c.code, c.segment"
            statement = try db.prepare(
                everyone
                    ? "SELECT \(columns) FROM coding c INDEXED BY coding_by_code"
                    : """
                    SELECT \(columns) FROM coding c INDEXED BY coding_by_code
                    WHERE c.coder IN (SELECT value FROM json_each(?))
                    """)
            try statement.bind(everyone ? [] : [store.selection])
            self.withCoder = withCoder
        }

        /// Moves to the next coding; false at the end.
        mutating func next() throws -> Bool {
            guard try statement.step() else { return false }
            newCode = code < 0 || !statement.text(at: 0, equals: lastCode)
            if newCode {
                let path = statement.text(at: 0)
                codes.append(path)
                lastCode = Array(path.utf8)
                code = codes.count - 1
            }
            segment = Int(statement.int64(at: 1))
            guard withCoder else { return true }
            var coderIndex = -1
            for (index, bytes) in coderBytes.enumerated() where statement.text(at: 2, equals: bytes) {
                coderIndex = index
                break
            }
            if coderIndex < 0 {
                let id = statement.text(at: 2)
                coders.append(id)
                coderBytes.append(Array(id.utf8))
                coderIndex = coders.count - 1
            }
            coder = coderIndex
            return true
        }
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
