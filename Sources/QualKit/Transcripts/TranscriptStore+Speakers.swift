/// The SQL of speaker labels and roles.
extension TranscriptStore {
    /// Each label of a transcript with its role and turn count, in order of first turn. A label
    /// whose turns have different roles is listed once per role.
    public func speakers(of transcript: String) throws -> [SpeakerSummary] {
        try db.rows(
            """
            SELECT speaker, role, count(*) AS turns, min(number) AS first FROM segment WHERE transcript = ?
            GROUP BY speaker, role ORDER BY first
            """, [transcript]
        ).map { row in
            SpeakerSummary(
                transcript: transcript, label: try row["speaker"],
                role: Segment.Role(rawValue: try row["role"]) ?? .unknown, turns: try row["turns"])
        }
    }

    /// How many labels of each transcript have the role `unknown`.
    public func speakersToReview() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try db.forEachRow(
            "SELECT transcript, count(DISTINCT speaker) AS labels FROM segment WHERE role = 'unknown' GROUP BY transcript"
        ) { row in counts[try row["transcript"]] = try row["labels"] }
        return counts
    }

    func setRole(_ role: Segment.Role, label: String, transcript: String) throws {
        try db.execute(
            "UPDATE segment SET role = ? WHERE transcript = ? AND speaker = ?", [role.rawValue, transcript, label])
    }

    /// Gives every segment its speaker label and text offsets, and the transcript its rebuilt text.
    /// Codings keep their segment and in-segment offsets; the trigger of migration 6 moves their
    /// transcript offsets with the segment.
    func relabel(
        transcript: String, text: String, segments: [(number: Int, speaker: String, textStart: Int, textEnd: Int)]
    ) throws {
        let update = try db.cachedStatement(
            "UPDATE segment SET speaker = ?, text_start = ?, text_end = ? WHERE transcript = ? AND number = ?")
        for segment in segments {
            try update.run([segment.speaker, segment.textStart, segment.textEnd, transcript, segment.number])
        }
        try db.execute("UPDATE transcript_text SET text = ? WHERE transcript = ?", [text, transcript])
    }
}
