import CSQLite
import Foundation

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

    /// The segment map and every coding by the coders `store` selects, read on both cores when the
    /// study is a file: the map on a second read-only connection in another thread while this one
    /// scans the codings, both connections reading the same snapshot (see ``pairedReader(_:)``).
    /// Otherwise (an in-memory study, a transaction already open, a commit between the two starts)
    /// one after the other on `store`'s connection. The result is the same either way.
    ///
    /// While the study has a ``SharedScan`` (a report being built), the map is built once and the
    /// codings are read once per coder selection, with the coder column, for every analysis.
    static func load(_ store: AnalysisStore, withCoder: Bool) throws -> (CodedSegments, Codings) {
        guard let shared = store.shared else { return try loadFresh(store, withCoder: withCoder) }
        if let map = shared.map, let codings = shared.codings[store.selection] { return (map, codings) }
        let map: CodedSegments
        let codings: Codings
        if let known = shared.map {
            (map, codings) = (known, try Codings(store, withCoder: true))
        } else {
            (map, codings) = try loadFresh(store, withCoder: true)
        }
        shared.map = map
        shared.codings[store.selection] = codings
        return (map, codings)
    }

    private static func loadFresh(_ store: AnalysisStore, withCoder: Bool) throws -> (CodedSegments, Codings) {
        guard let reader = pairedReader(store.db) else {
            return (try CodedSegments(store.db), try Codings(store, withCoder: withCoder))
        }
        defer { try? store.db.executeScript("COMMIT") }
        let handoff = Handoff(reader)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            handoff.map = Result { try CodedSegments(handoff.db) }
            done.signal()
        }
        thread.start()
        // The thread is always waited for, even when the scan fails, so the connection it uses is
        // never left in use.
        let codings = Result { try Codings(store, withCoder: withCoder) }
        done.wait()
        return (try handoff.map!.get(), try codings.get())
    }

    /// A second, read-only connection to `db`'s file, with both connections inside a read
    /// transaction on the same snapshot; nil when there can be none. SQLite's snapshot functions are
    /// not in the system library, so sameness is checked instead: `data_version` on the second
    /// connection is read before `db`'s read transaction starts and again after its own has; equal,
    /// no other connection committed in between, so both read the same committed state.
    static func pairedReader(_ db: Database) -> Database? {
        guard db.path != ":memory:", sqlite3_get_autocommit(db.handle) != 0,
            let other = try? Database(path: db.path, mode: .readOnly)
        else { return nil }
        let start = "SELECT count(*) FROM sqlite_master"
        do {
            let before = try other.value("PRAGMA data_version").intValue
            try db.executeScript("BEGIN DEFERRED")
            _ = try db.value(start)
            try other.executeScript("BEGIN DEFERRED")
            _ = try other.value(start)
            if try other.value("PRAGMA data_version").intValue == before, before != nil { return other }
        } catch {}
        try? db.executeScript("ROLLBACK")
        return nil
    }

    /// The segment map and the codings (by coder selection) that the analyses of one report share,
    /// so a report scans the codings once instead of once per analysis. Set on ``Study/sharedScan``
    /// only while nothing writes codings or segments.
    final class SharedScan {
        var map: CodedSegments?
        /// By ``AnalysisStore/selection``, read with the coder column.
        var codings: [String: Codings] = [:]
    }

    /// Hands the second connection to its thread and the map back.
    private final class Handoff: @unchecked Sendable {
        let db: Database
        var map: Result<CodedSegments, any Error>?
        init(_ db: Database) { self.db = db }
    }

    /// Every coding by the coders a store selects, read in one pass over the covering index in
    /// (code, segment) order and kept as small integers: the scan runs while the segment map is
    /// built on the other core, so the analyses walk these arrays with a ``Cursor`` afterwards.
    struct Codings {
        /// The applied codes in scan order; `ends[i]` is one past the last row of `codes[i]`.
        private(set) var codes: [String] = []
        private(set) var ends: [Int] = []
        private(set) var segments: [Int32] = []
        /// The coders in the order first seen; `coderOf` indexes them (empty when not read).
        private(set) var coders: [String] = []
        private(set) var coderOf: [UInt16] = []

        /// With `withCoder` false the coder column is not read (the selection still applies).
        init(_ store: AnalysisStore, withCoder: Bool) throws {
            let db = store.db
            // When every coder is selected the filter is skipped: it costs a lookup per coding.
            let selected = try db.value("SELECT count(DISTINCT value) FROM json_each(?)", [store.selection]).intValue
            let everyone = try selected == db.value("SELECT count(*) FROM coder").intValue
            // One range of the index per applied code, found by seeking past the last one, so no
            // row's code text is read back through the column calls (about a tenth of tally's profile).
            let first = try db.prepare("SELECT code FROM coding INDEXED BY coding_by_code ORDER BY code LIMIT 1")
            let after = try db.prepare(
                "SELECT code FROM coding INDEXED BY coding_by_code WHERE code > ? ORDER BY code LIMIT 1")
            let columns = withCoder ? "segment, coder" : "segment"
            let rows = try db.prepare(
                everyone
                    ? "SELECT \(columns) FROM coding INDEXED BY coding_by_code WHERE code = ?"
                    : """
                    SELECT \(columns) FROM coding INDEXED BY coding_by_code
                    WHERE code = ? AND coder IN (SELECT value FROM json_each(?))
                    """)
            var codes: [String] = []
            var ends: [Int] = []
            var segments: [Int32] = []
            var coders: [String] = []
            var coderOf: [UInt16] = []
            var coderBytes: [[UInt8]] = []
            var path: String? = nil
            while true {
                let seek = path == nil ? first : after
                try seek.bind(path.map { [$0] } ?? [])
                guard try seek.step() else { break }
                let code = seek.text(at: 0)
                // Code paths are checked identifiers (`Identifiers.isCodePath`), so the text read
                // back is the text stored and each seek moves on; the guard only rules out a loop.
                guard code != path else { break }
                path = code
                try rows.bind(everyone ? [code] : [code, store.selection])
                let start = segments.count
                while try rows.step() {
                    // Segment ids beyond Int32 would need a map of 8 GiB; clamped, they fall outside it.
                    segments.append(Int32(clamping: rows.int64(at: 0)))
                    guard withCoder else { continue }
                    var coderIndex = -1
                    for (index, bytes) in coderBytes.enumerated() where rows.text(at: 1, equals: bytes) {
                        coderIndex = index
                        break
                    }
                    if coderIndex < 0 {
                        guard coders.count < Int(UInt16.max) else {
                            throw AnalysisError.tooManyCoders(coders.count + 1, limit: Int(UInt16.max))
                        }
                        let id = rows.text(at: 1)
                        coders.append(id)
                        coderBytes.append(Array(id.utf8))
                        coderIndex = coders.count - 1
                    }
                    coderOf.append(UInt16(coderIndex))
                }
                // A code none of the selected coders applied is not one of the applied codes.
                if segments.count > start {
                    codes.append(code)
                    ends.append(segments.count)
                }
            }
            (self.codes, self.ends, self.segments, self.coders, self.coderOf) = (codes, ends, segments, coders, coderOf)
        }
    }

    /// The codings of a ``Codings`` row by row in (code, segment) order: `code` and `coder` are
    /// indices into `codes` and `coders`. A cursor rather than a callback, so that loops over a
    /// million rows keep their state in local variables (state captured by a closure is checked for
    /// exclusive access on every row).
    struct Cursor {
        private let codings: Codings
        private var row = -1
        private(set) var code = -1
        private(set) var segment = 0
        /// 0 when the coder column was not read.
        private(set) var coder = 0
        /// Whether this row's code differs from the last row's.
        private(set) var newCode = false

        init(_ codings: Codings) { self.codings = codings }

        var codes: [String] { codings.codes }
        var coders: [String] { codings.coders }

        /// Moves to the next coding; false at the end.
        mutating func next() -> Bool {
            row += 1
            guard row < codings.segments.count else { return false }
            newCode = code < 0 || row == codings.ends[code]
            if newCode { code += 1 }
            segment = Int(codings.segments[row])
            if !codings.coderOf.isEmpty { coder = Int(codings.coderOf[row]) }
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
