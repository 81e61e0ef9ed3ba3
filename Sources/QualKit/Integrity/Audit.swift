import CSQLite

/// The study's audit trail: who changed the study, when, with which command, and how many rows.
///
/// A row holds the command's words with everything that could identify a person elided: only
/// option names and closed values (choices, numbers, dates) are kept, never ids, paths or free
/// text, so a participant's withdrawal leaves nothing about them in the trail. Rows are never
/// updated or deleted (triggers refuse it).
public enum AuditLog {
    /// One audited change.
    public struct Entry: Sendable, Equatable {
        public let id: Int
        /// UTC timestamp, `2026-11-22T10:00:00Z`.
        public let at: String
        /// The operating-system user who ran the command.
        public let user: String
        /// The command's path: `participant add`.
        public let command: String
        /// The command as typed, with values elided: `participant add <id> --name …`.
        public let words: String
        /// Rows inserted, updated or deleted (`sqlite3_total_changes`), triggers included, less
        /// any a rollback undid.
        public let changes: Int
    }

    /// Appends one row on `study`'s connection (inside the caller's transaction, if one is open).
    public static func append(_ study: Study, user: String, command: String, words: String, changes: Int) throws {
        try study.db.execute(
            "INSERT INTO audit(at, user, command, words, changes) VALUES (?, ?, ?, ?, ?)",
            [Clock.nowTimestamp(), user, command, words, max(0, changes)])
    }

    /// Every row, oldest first; with `since`, only rows from that day on.
    public static func entries(_ study: Study, since: CalendarDate? = nil) throws -> [Entry] {
        try study.db.rows(
            "SELECT id, at, user, command, words, changes FROM audit WHERE substr(at, 1, 10) >= ? ORDER BY id",
            [since?.description ?? ""]
        ).map { row in
            Entry(
                id: row[0].intValue ?? 0, at: row[1].stringValue ?? "", user: row[2].stringValue ?? "",
                command: row[3].stringValue ?? "", words: row[4].stringValue ?? "", changes: row[5].intValue ?? 0)
        }
    }

    /// Records every change made on `study`'s connection from now on: each outermost transaction
    /// appends its row just before it commits, so the change and its row are kept or lost together.
    /// Call ``Recorder/finish()`` after the command to record changes made outside any transaction.
    public final class Recorder {
        let study: Study
        let user: String
        let command: String
        let words: String
        private var accounted: Int
        private let start: Int

        /// - Parameter countingFromOpen: count the changes made since the connection was opened
        ///   (for a study just created), rather than from now.
        public init(study: Study, user: String, command: String, words: String, countingFromOpen: Bool = false) {
            self.study = study
            self.user = user
            self.command = command
            self.words = words
            start = countingFromOpen ? 0 : study.db.keptChanges
            accounted = start
            study.db.beforeCommit = { [unowned self] db in
                let changes = db.keptChanges - self.accounted
                guard changes > 0 else { return }
                try AuditLog.append(
                    self.study, user: self.user, command: self.command, words: self.words, changes: changes)
                self.accounted = db.keptChanges
            }
        }

        /// Appends a row, in its own transaction, for changes no transaction recorded.
        public func finish() throws {
            study.db.beforeCommit = nil
            let changes = study.db.keptChanges - accounted
            guard changes > 0 else { return }
            try study.db.transaction {
                try AuditLog.append(study, user: user, command: command, words: words, changes: changes)
            }
            accounted = study.db.keptChanges
        }
    }
}
