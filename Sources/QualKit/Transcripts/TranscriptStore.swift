/// Every SQL statement about transcripts and segments.
public struct TranscriptStore {
    let db: Database

    public init(_ study: Study) { self.db = study.db }

    public func ids() throws -> [String] {
        try db.rows("SELECT id FROM transcript ORDER BY id").map { try $0["id"] }
    }

    public func exists(_ id: String) throws -> Bool {
        try db.value("SELECT 1 FROM transcript WHERE id = ?", [id]) != .null
    }

    /// Throws ``TranscriptError/unknownTranscript(_:)`` with the nearest transcript id.
    public func require(_ id: String) throws {
        guard try exists(id) else { throw TranscriptError.unknownTranscript(Unknown(id, among: try ids())) }
    }

    public func text(of id: String) throws -> String {
        try db.value("SELECT text FROM transcript_text WHERE transcript = ?", [id]).stringValue ?? ""
    }

    public func header(of id: String) throws -> String {
        try db.value("SELECT header FROM transcript WHERE id = ?", [id]).stringValue ?? ""
    }

    public func summaries() throws -> [TranscriptSummary] {
        var coders: [String: [String]] = [:]
        try db.forEachRow("SELECT transcript, coder FROM coverage ORDER BY transcript, coder") { row in
            coders[try row["transcript"], default: []].append(try row["coder"])
        }
        let review = try speakersToReview()
        return try db.rows(
            """
            SELECT t.id, t.interview, i.participant, t.format, t.source_file, t.imported_at,
                   (SELECT count(*) FROM segment s WHERE s.transcript = t.id) AS segments,
                   (SELECT count(*) FROM coding c JOIN segment s ON s.id = c.segment WHERE s.transcript = t.id) AS codings,
                   coalesce(x.text, '') AS text
            FROM transcript t JOIN interview i ON i.id = t.interview LEFT JOIN transcript_text x ON x.transcript = t.id
            ORDER BY t.id
            """
        ).map { row in
            let text: String = try row["text"]
            return TranscriptSummary(
                id: try row["id"], interview: try row["interview"], participant: try row["participant"],
                format: try row["format"],
                sourceFile: try row["source_file"], segments: try row["segments"],
                words: text.split(whereSeparator: { $0.isWhitespace }).count,
                coders: coders[try row["id"]] ?? [], codings: try row["codings"], importedAt: try row["imported_at"],
                speakersToReview: review[try row["id"]] ?? 0)
        }
    }

    static let segmentColumns = "id, transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end"

    static func segment(_ row: Row) throws -> Segment {
        try Segment(
            id: Int64(row["id"] as Int), transcript: row["transcript"], number: row["number"], speaker: row["speaker"],
            role: Segment.Role(rawValue: row["role"]) ?? .unknown, startMilliseconds: row["start_ms"],
            endMilliseconds: row["end_ms"], text: row["text"], textStart: row["text_start"], textEnd: row["text_end"])
    }

    public func segments(of transcript: String) throws -> [Segment] {
        try db.rows("SELECT \(Self.segmentColumns) FROM segment WHERE transcript = ? ORDER BY number", [transcript])
            .map(Self.segment)
    }

    /// A transcript's segments with empty text: positions and lengths only, for bulk imports that
    /// must not hold a corpus in memory.
    public func segmentOutlines(of transcript: String) throws -> [Segment] {
        try db.rows(
            """
            SELECT id, transcript, number, speaker, role, start_ms, end_ms, '' AS text, text_start, text_end
            FROM segment WHERE transcript = ? ORDER BY number
            """, [transcript]
        ).map(Self.segment)
    }

    /// One segment, or ``TranscriptError/unknownSegment(transcript:number:count:)`` saying how many the transcript has.
    public func segment(_ transcript: String, _ number: Int) throws -> Segment {
        try require(transcript)
        guard
            let row = try db.row(
                "SELECT \(Self.segmentColumns) FROM segment WHERE transcript = ? AND number = ?", [transcript, number])
        else {
            let count = try db.value("SELECT count(*) FROM segment WHERE transcript = ?", [transcript]).intValue ?? 0
            throw TranscriptError.unknownSegment(transcript: transcript, number: number, count: count)
        }
        return try Self.segment(row)
    }
}

extension TranscriptStore {
    /// Writes a transcript's segments: existing numbers are updated in place (their codings keep
    /// their segment, and a trigger moves their transcript offsets with it), surplus old segments
    /// are removed, new ones inserted.
    ///
    /// With `staged`, a new transcript's segments go to the stage that ``stageSegments()`` opened,
    /// to reach `segment` with the others in ``writeStagedSegments()``.
    func write(
        id: String, interview: String, format: String, file: String, header: String, text: String,
        segments: [(
            number: Int, speaker: String, role: Segment.Role, start: Int?, end: Int?, text: String, textStart: Int,
            textEnd: Int
        )],
        staged: Bool = false
    ) throws {
        let existed = try exists(id)
        if existed {
            try db.execute(
                "UPDATE transcript SET format = ?, source_file = ?, header = ?, imported_at = ? WHERE id = ?",
                [format, file, header, Clock.nowTimestamp(), id])
            try db.execute("DELETE FROM segment WHERE transcript = ? AND number > ?", [id, segments.count])
        } else {
            try db.execute(
                """
                INSERT INTO transcript(id, interview, format, source_file, header, imported_at, uuid)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [id, interview, format, file, header, Clock.nowTimestamp(), StableID.make()])
        }
        try db.execute(
            """
            INSERT INTO transcript_text(transcript, text) VALUES (?, ?)
            ON CONFLICT (transcript) DO UPDATE SET text = excluded.text
            """, [id, text])
        let update = try db.cachedStatement(
            """
            UPDATE segment SET speaker = ?, role = ?, start_ms = ?, end_ms = ?, text = ?, text_start = ?, text_end = ?
            WHERE transcript = ? AND number = ?
            """)
        let insert = try db.cachedStatement(
            staged && !existed
                ? """
                INSERT INTO temp.segment_stage(speaker, role, start_ms, end_ms, text, text_start, text_end, transcript, number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
                : """
                INSERT INTO segment(speaker, role, start_ms, end_ms, text, text_start, text_end, transcript, number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for segment in segments {
            let values: [any SQLBindable] = [
                segment.speaker, segment.role.rawValue, segment.start, segment.end, segment.text, segment.textStart,
                segment.textEnd, id, segment.number,
            ]
            if existed {
                try update.run(values)
                if db.changes > 0 { continue }
            }
            try insert.run(values)
        }
    }

    /// Opens a stage for new transcripts' segments (`write(..., staged: true)`), inside the
    /// caller's transaction.
    ///
    /// Segments reach `segment` from the stage in one statement because SQLite's full-text index
    /// writes its pending terms to disk at the end of every statement that adds to it: inserting a
    /// row at a time, 50,000 segments took 4.8 s in the sqlite3 shell, against 2.4 s with one
    /// statement, and the many small index segments made every later import slower still.
    public func stageSegments() throws {
        try db.executeScript(
            """
            DROP TABLE IF EXISTS temp.segment_stage;
            CREATE TEMP TABLE segment_stage(
                speaker, role, start_ms, end_ms, text, text_start, text_end, transcript, number);
            """)
    }

    /// Writes the staged segments to `segment`, in the order they were staged, and closes the stage.
    ///
    /// The rows written to the stage are taken out of the connection's count of changes, so the
    /// audit trail counts each segment once.
    public func writeStagedSegments() throws {
        let staged = try db.value("SELECT count(*) FROM temp.segment_stage").intValue ?? 0
        db.discountChanges(staged)
        try db.execute(
            """
            INSERT INTO segment(speaker, role, start_ms, end_ms, text, text_start, text_end, transcript, number)
            SELECT speaker, role, start_ms, end_ms, text, text_start, text_end, transcript, number
            FROM temp.segment_stage ORDER BY rowid
            """)
        try db.executeScript("DROP TABLE temp.segment_stage")
    }
}
