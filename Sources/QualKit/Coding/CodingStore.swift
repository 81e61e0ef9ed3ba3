/// Every SQL statement about codings, coverage and memos.
public struct CodingStore {
    let db: Database

    public init(_ study: Study) { self.db = study.db }

    static let insertSQL = """
        INSERT OR IGNORE INTO coding(segment, code, coder, start, end, transcript_start, transcript_end, memo, created_at, uuid)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Records a coding unless the same one exists; marks the transcript covered by the coder.
    /// - Returns: true when a new coding was stored.
    @discardableResult
    func insert(segment: Segment, code: String, coder: String, start: Int, end: Int, memo: String?) throws -> Bool {
        let added = try insertOnly(
            try db.cachedStatement(Self.insertSQL), segment: segment, code: code, coder: coder,
            start: start, end: end, memo: memo)
        try cover(transcript: segment.transcript, coder: coder)
        return added
    }

    /// The insert alone, on a statement the caller prepared (bulk imports cover transcripts themselves).
    func insertOnly(
        _ statement: Statement, segment: Segment, code: String, coder: String, start: Int, end: Int, memo: String?
    ) throws -> Bool {
        try statement.run([
            segment.id, code, coder, start, end, segment.textStart + start, segment.textStart + end, memo,
            Clock.nowTimestamp(), StableID.make(),
        ])
        return db.changes > 0
    }

    func cover(transcript: String, coder: String, done: Bool = false) throws {
        try db.cachedStatement("INSERT OR IGNORE INTO coverage(transcript, coder, done) VALUES (?, ?, 0)").run([
            transcript, coder,
        ])
        if done {
            try db.execute("UPDATE coverage SET done = 1 WHERE transcript = ? AND coder = ?", [transcript, coder])
        }
    }

    /// Removes the coding with exactly this span; returns how many were removed.
    func delete(segment: Segment, code: String, coder: String, start: Int, end: Int) throws -> Int {
        try db.execute(
            "DELETE FROM coding WHERE segment = ? AND code = ? AND coder = ? AND start = ? AND end = ?",
            [segment.id, code, coder, start, end])
        return db.changes
    }

    /// Ends a coder's coverage of a transcript when they have no coding left in it and have not
    /// marked it done, so a transcript they no longer code does not count in N or agreement.
    func uncoverIfEmpty(transcript: String, coder: String) throws {
        try db.execute(
            """
            DELETE FROM coverage WHERE transcript = ? AND coder = ? AND done = 0
            AND NOT EXISTS (
                SELECT 1 FROM coding c JOIN segment s ON s.id = c.segment WHERE s.transcript = ? AND c.coder = ?)
            """, [transcript, coder, transcript, coder])
    }

    func addMemo(transcript: String?, segment: Int?, code: String?, coder: String?, text: String) throws -> Int {
        try db.execute(
            "INSERT INTO memo(transcript, segment_number, code, coder, text, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [transcript, segment, code, coder, text, Clock.nowTimestamp(), StableID.make()])
        return Int(db.lastInsertedRowID)
    }

    /// Memos matching `filter`, oldest first.
    public func memos(_ filter: Memo.Filter = .init()) throws -> [Memo] {
        var sql = "SELECT * FROM memo WHERE 1"
        var arguments: [any SQLBindable] = []
        if let transcript = filter.transcript {
            sql += " AND transcript = ?"
            arguments.append(transcript)
        }
        if let code = filter.code {
            sql += " AND (code = ? OR substr(code, 1, ?) = ?)"
            arguments += [code, code.count + 1, code + "."]
        }
        if let coder = filter.coder {
            sql += " AND coder = ?"
            arguments.append(coder)
        }
        return try db.rows(sql + " ORDER BY id", arguments).map(Self.memo)
    }

    /// One memo by id, or nil.
    public func memo(_ id: Int) throws -> Memo? {
        try db.row("SELECT * FROM memo WHERE id = ?", [id]).map(Self.memo)
    }

    /// Every memo id, for suggestions.
    public func memoIDs() throws -> [String] {
        try db.rows("SELECT id FROM memo ORDER BY id").map { String(try $0["id"] as Int) }
    }

    static func memo(_ row: Row) throws -> Memo {
        Memo(
            id: try row["id"], transcript: try row["transcript"], segment: try row["segment_number"],
            code: try row["code"], coder: try row["coder"], text: try row["text"], createdAt: try row["created_at"])
    }

    /// Filters for listing codings.
    public struct Filter: Sendable {
        public var codePrefix: String?
        public var coder: String?
        public var transcript: String?
        public var participant: String?
        public init(
            codePrefix: String? = nil, coder: String? = nil, transcript: String? = nil, participant: String? = nil
        ) {
            self.codePrefix = codePrefix
            self.coder = coder
            self.transcript = transcript
            self.participant = participant
        }
    }

    /// Codings in transcript, segment and offset order. Every filter is a bound parameter; a nil
    /// filter matches everything.
    public func codings(_ filter: Filter = Filter()) throws -> [Coding] {
        var result: [Coding] = []
        try forEachCoding(filter) { result.append($0) }
        return result
    }

    /// Each coding ``codings(_:)`` would return, in the same order, one at a time: for exports
    /// that must not hold millions of rows.
    public func forEachCoding(_ filter: Filter = Filter(), _ body: (Coding) throws -> Void) throws {
        try db.forEachRow(
            Self.codingsSQL,
            [
                filter.codePrefix, filter.codePrefix.map(CodeStore.likePrefix), filter.coder, filter.transcript,
                filter.participant,
            ]
        ) { row in try body(Self.coding(row)) }
    }

    /// The columns ``coding(_:)`` reads and the joins they come from, for every query that lists
    /// codings with their turn (here, and the report's quotable codings); callers add their own
    /// joins, conditions and order. `codings export` reads these columns by position.
    static let codingRowsSQL = """
        SELECT t.id AS transcript, s.number, c.code, c.coder, c.start, c.end, c.transcript_start, c.transcript_end,
               c.memo, s.text, i.participant
        FROM coding c
        JOIN segment s ON s.id = c.segment
        JOIN transcript t ON t.id = s.transcript
        JOIN interview i ON i.id = t.interview
        """

    /// The query behind ``forEachCoding(_:_:)``; `codings export` steps it itself (all filters
    /// NULL) so that it can write bytes without building a ``Coding`` per row.
    static let codingsSQL =
        codingRowsSQL + """

            WHERE (?1 IS NULL OR c.code = ?1 OR c.code LIKE ?2 ESCAPE '\\')
              AND (?3 IS NULL OR c.coder = ?3)
              AND (?4 IS NULL OR t.id = ?4)
              AND (?5 IS NULL OR i.participant = ?5)
            ORDER BY t.id, s.number, c.start, c.end, c.code, c.coder
            """

    /// A row of ``codingRowsSQL`` as a coding.
    static func coding(_ row: Row) throws -> Coding {
        let start: Int = try row["start"]
        let end: Int = try row["end"]
        let turn: String = try row["text"]
        return Coding(
            transcript: try row["transcript"], segment: try row["number"], code: try row["code"],
            coder: try row["coder"],
            start: start,
            end: end, transcriptStart: try row["transcript_start"], transcriptEnd: try row["transcript_end"],
            memo: try row["memo"],
            text: ScalarText.slice(turn, start, end) ?? "", participant: try row["participant"], turn: turn)
    }

    /// (transcript, coder) pairs covered, with whether the coder marked the transcript done.
    public func coverage() throws -> [(transcript: String, coder: String, done: Bool)] {
        try db.rows("SELECT transcript, coder, done FROM coverage ORDER BY transcript, coder").map {
            (try $0["transcript"], try $0["coder"], try $0["done"])
        }
    }
}

extension CodingStore {
    /// A coding as a transcript re-import sees it: where it is and what text it covers.
    struct PlacedCoding {
        let segmentNumber: Int
        let start: Int
        let end: Int
        let code: String
        let coder: String
        let text: String
    }

    func placedCodings(of transcript: String) throws -> [PlacedCoding] {
        try db.rows(
            """
            SELECT s.number, c.start, c.end, c.code, c.coder, s.text
            FROM coding c JOIN segment s ON s.id = c.segment
            WHERE s.transcript = ? ORDER BY s.number, c.start, c.code, c.coder
            """, [transcript]
        ).map { row in
            let number: Int = try row["number"]
            let start: Int = try row["start"]
            let end: Int = try row["end"]
            return PlacedCoding(
                segmentNumber: number, start: start, end: end, code: try row["code"], coder: try row["coder"],
                text: ScalarText.slice(try row["text"], start, end) ?? "")
        }
    }
}
