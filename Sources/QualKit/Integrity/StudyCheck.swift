/// `qualkit check`: SQLite's own integrity and foreign-key checks, then the study's invariants.
///
/// Read-only: it reports, it never repairs.
public enum StudyCheck {
    /// One thing found wrong (or, for ``Problem/speakerRolesToReview(transcript:segments:)``, to review).
    public enum Problem: Sendable, Equatable {
        /// A line of `PRAGMA integrity_check` other than `ok`.
        case integrity(String)
        /// A row whose foreign key names no row (`PRAGMA foreign_key_check`).
        case foreignKey(table: String, rowid: Int?, parent: String)
        /// A coding whose offsets fall outside its segment, or disagree with the segment's place in
        /// the transcript.
        case codingOutsideSegment(coding: Int, transcript: String, segment: Int)
        /// A segment whose offsets fall outside its transcript's text.
        case segmentOutsideTranscript(transcript: String, segment: Int)
        /// An interview naming a protocol version the study does not hold.
        case missingProtocolVersion(interview: String, protocolID: String, version: Int)
        /// Records left for a participant who withdrew (the withdrawal did not erase everything).
        case withdrawnParticipantData(participant: String, records: Int)
        /// Segments whose speaker role is `unknown`: to review, not an error.
        case speakerRolesToReview(transcript: String, segments: Int)

        /// False for what only needs a person's review.
        public var isError: Bool {
            if case .speakerRolesToReview = self { return false }
            return true
        }
    }

    /// Everything found, errors first.
    public static func run(_ study: Study) throws -> [Problem] {
        let db = study.db
        var problems: [Problem] = []
        for row in try db.rows("PRAGMA integrity_check") {
            let line = row[0].stringValue ?? ""
            if line != "ok" { problems.append(.integrity(line)) }
        }
        for row in try db.rows("PRAGMA foreign_key_check") {
            problems.append(
                .foreignKey(
                    table: row[0].stringValue ?? "", rowid: row[1].intValue, parent: row[2].stringValue ?? ""))
        }
        // length() counts characters, as the offsets count Unicode scalars.
        for row in try db.rows(
            """
            SELECT s.transcript, s.number FROM segment s LEFT JOIN transcript_text t ON t.transcript = s.transcript
            WHERE s.text_start < 0 OR s.text_end < s.text_start OR s.text_end > coalesce(length(t.text), 0)
            ORDER BY s.transcript, s.number
            """)
        {
            problems.append(
                .segmentOutsideTranscript(transcript: row[0].stringValue ?? "", segment: row[1].intValue ?? 0))
        }
        for row in try db.rows(
            """
            SELECT c.id, s.transcript, s.number FROM coding c JOIN segment s ON s.id = c.segment
            WHERE c.start < 0 OR c.end <= c.start OR c.end > length(s.text)
               OR c.transcript_start != s.text_start + c.start OR c.transcript_end != s.text_start + c.end
            ORDER BY s.transcript, s.number, c.id
            """)
        {
            problems.append(
                .codingOutsideSegment(
                    coding: row[0].intValue ?? 0, transcript: row[1].stringValue ?? "", segment: row[2].intValue ?? 0))
        }
        for row in try db.rows(
            """
            SELECT i.id, i.protocol, i.protocol_version FROM interview i
            WHERE i.protocol IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM protocol_version p WHERE p.protocol = i.protocol AND p.version = i.protocol_version)
            ORDER BY i.id
            """)
        {
            problems.append(
                .missingProtocolVersion(
                    interview: row[0].stringValue ?? "", protocolID: row[1].stringValue ?? "",
                    version: row[2].intValue ?? 0))
        }
        for row in try db.rows(
            """
            SELECT w.participant,
                (SELECT count(*) FROM participant p WHERE p.id = w.participant)
                + (SELECT count(*) FROM participant_attribute a WHERE a.participant = w.participant)
                + (SELECT count(*) FROM interview i WHERE i.participant = w.participant) AS records
            FROM withdrawal w WHERE records > 0 ORDER BY w.participant
            """)
        {
            problems.append(
                .withdrawnParticipantData(participant: row[0].stringValue ?? "", records: row[1].intValue ?? 0))
        }
        for row in try db.rows(
            "SELECT transcript, count(*) FROM segment WHERE role = 'unknown' GROUP BY transcript ORDER BY transcript")
        {
            problems.append(.speakerRolesToReview(transcript: row[0].stringValue ?? "", segments: row[1].intValue ?? 0))
        }
        return problems.filter(\.isError) + problems.filter { !$0.isError }
    }
}
