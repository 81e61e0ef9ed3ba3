/// Codings a merge replaced: when the same coder's coding with the same code came back with other
/// boundaries, the incoming one was kept and the old span is kept here (migration 15). Rows are
/// never changed or deleted.
public enum CodingHistory {
    public struct Entry: Sendable, Equatable {
        public let at: String
        public let user: String
        /// `boundaries changed`.
        public let change: String
        public let transcript: String
        public let segment: Int
        public let code: String
        public let coder: String
        public let oldStart: Int
        public let oldEnd: Int
        public let newStart: Int
        public let newEnd: Int
        /// The file the incoming coding was merged from (its name only).
        public let source: String
    }

    /// Every row, oldest first; only those of `transcript`, `code` (and its sub-codes) or `coder` when given.
    public static func entries(_ study: Study, transcript: String? = nil, code: String? = nil, coder: String? = nil)
        throws -> [Entry]
    {
        try study.db.rows(
            """
            SELECT * FROM coding_history
            WHERE (?1 IS NULL OR transcript = ?1) AND (?2 IS NULL OR code = ?2 OR code LIKE ?3 ESCAPE '\\')
              AND (?4 IS NULL OR coder = ?4)
            ORDER BY id
            """, [transcript, code, code.map(CodeStore.likePrefix), coder]
        ).map { row in
            Entry(
                at: try row["at"], user: try row["user"], change: try row["change"], transcript: try row["transcript"],
                segment: try row["segment"], code: try row["code"], coder: try row["coder"],
                oldStart: try row["old_start"], oldEnd: try row["old_end"], newStart: try row["new_start"],
                newEnd: try row["new_end"], source: try row["source"])
        }
    }
}
