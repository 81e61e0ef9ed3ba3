/// The right to withdraw: erase everything the study holds about a participant.
///
/// Attributes, interviews and (once they exist) transcripts, segments, codings, memos and
/// search-index entries go in one transaction. With `secure_delete` on, SQLite overwrites the freed
/// content; the write-ahead log is then checkpointed and truncated so no copy lingers there either.
/// A tombstone (id, date, reason) stays so the same pseudonym is not imported again by accident.
public enum Withdrawal {
    /// What was erased, for the record the team keeps of the request.
    public struct Report: Sendable, Equatable {
        public let participant: String
        public let date: String
        public let reason: String?
        /// (what, how many), in the order erased.
        public let erased: [Erased]
        /// False when another process held the study open, so the write-ahead log could not be
        /// truncated yet; it is emptied the next time the study is checkpointed.
        public let logTruncated: Bool

        public struct Erased: Sendable, Equatable {
            public let what: String
            public let count: Int
        }
    }

    /// One kind of record erased on withdrawal: how to count it and how to delete it, both taking
    /// the participant id as their only parameter.
    struct Step: Sendable {
        let what: String
        let countSQL: String
        let deleteSQL: String?
    }

    /// Children first; each capability's records are listed here as the schema grows.
    static let steps: [Step] = [
        Step(
            what: "attributes", countSQL: "SELECT count(*) FROM participant_attribute WHERE participant = ?",
            deleteSQL: "DELETE FROM participant_attribute WHERE participant = ?"),
        // Transcripts, segments, codings, coverage, memos and search entries go with their interview
        // (foreign keys cascade; a trigger removes each segment from the search index).
        Step(
            what: "transcripts",
            countSQL:
                "SELECT count(*) FROM transcript t JOIN interview i ON i.id = t.interview WHERE i.participant = ?",
            deleteSQL: nil),
        Step(
            what: "segments",
            countSQL: """
                SELECT count(*) FROM segment s JOIN transcript t ON t.id = s.transcript
                JOIN interview i ON i.id = t.interview WHERE i.participant = ?
                """,
            deleteSQL: nil),
        Step(
            what: "codings",
            countSQL: """
                SELECT count(*) FROM coding c JOIN segment s ON s.id = c.segment JOIN transcript t ON t.id = s.transcript
                JOIN interview i ON i.id = t.interview WHERE i.participant = ?
                """,
            deleteSQL: nil),
        Step(
            what: "memos",
            countSQL:
                "SELECT count(*) FROM memo m JOIN transcript t ON t.id = m.transcript JOIN interview i ON i.id = t.interview WHERE i.participant = ?",
            deleteSQL: nil),
        Step(
            what: "interviews", countSQL: "SELECT count(*) FROM interview WHERE participant = ?",
            deleteSQL: "DELETE FROM interview WHERE participant = ?"),
    ]

    /// What ``withdraw(_:reason:in:)`` would erase, counted without changing anything (a dry run).
    public static func preview(_ id: String, in study: Study) throws -> [Report.Erased] {
        _ = try PeopleStore(study).participant(id)
        return try steps.map {
            Report.Erased(what: $0.what, count: try study.db.value($0.countSQL, [id]).intValue ?? 0)
        }
    }

    /// Erases a participant who withdrew, in one transaction, and leaves a tombstone.
    ///
    /// Their attributes, interviews, transcripts, codings, memos and search-index entries are deleted;
    /// the freed pages are overwritten (`secure_delete`), the full-text index is optimised and the
    /// write-ahead log is truncated, so no copy of the erased text is left in the file. The tombstone
    /// (id, date, reason) stops the id being used again.
    ///
    /// - Returns: what was erased, counted.
    /// - Throws: ``PeopleError/unknownParticipant(_:)`` or ``PeopleError/withdrawn(participant:on:)``.
    public static func withdraw(_ id: String, reason: String?, in study: Study) throws -> Report {
        let people = PeopleStore(study)
        _ = try people.participant(id)
        let date = Clock.today()
        let erased: [Report.Erased] = try study.db.transaction {
            var erased: [Report.Erased] = []
            for step in steps {
                let count = try study.db.value(step.countSQL, [id]).intValue ?? 0
                if let delete = step.deleteSQL { try study.db.execute(delete, [id]) }
                erased.append(Report.Erased(what: step.what, count: count))
            }
            try study.db.execute("DELETE FROM participant WHERE id = ?", [id])
            // Deleting from an FTS5 index only marks entries deleted; merging every index segment into
            // one rewrites it without them, and secure_delete overwrites the pages freed.
            try study.db.execute("INSERT INTO segment_search(segment_search) VALUES ('optimize')")
            try study.db.execute(
                "INSERT INTO withdrawal(participant, withdrawn_on, reason) VALUES (?, ?, ?)", [id, date, reason])
            return erased
        }
        let checkpoint = try study.db.row("PRAGMA wal_checkpoint(TRUNCATE)")
        let busy = checkpoint?.values.first?.intValue ?? 1
        return Report(participant: id, date: date, reason: reason, erased: erased, logTruncated: busy == 0)
    }
}
