/// The codebook's history: every change to a code, when, by which operating-system user, with
/// the old and new values. Rows are written by ``CodeStore`` in the change's own transaction and
/// are never changed or deleted (migration 15).
public enum CodeHistory {
    /// What happened to a code.
    public enum Change: String, Sendable, CaseIterable {
        case added, renamed, moved, merged, updated, deleted
        /// Brought in by `merge` from a coder's copy; it stays proposed until accepted.
        case proposed
        case accepted
    }

    /// One change to one code.
    public struct Entry: Sendable, Equatable {
        public let id: Int
        /// UTC timestamp, `2026-11-23T10:00:00Z`.
        public let at: String
        public let user: String
        /// The code's stable UUID: the same across renames and moves.
        public let codeUUID: String
        /// The code's path just after the change (before it, for a merge or delete).
        public let path: String
        public let change: Change
        /// The field that changed: `path`, `definition`, `use_when`, ...
        public let field: String?
        public let oldValue: String?
        public let newValue: String?
    }

    /// The fields whose changes `updated` rows record, by their column names.
    static let fields: [(String, @Sendable (Code) -> String?)] = [
        ("name", { $0.name }), ("kind", { $0.kind }), ("definition", { $0.definition }), ("use_when", { $0.useWhen }),
        ("do_not_use_when", { $0.doNotUseWhen }), ("example", { $0.example }), ("color", { $0.color }),
    ]

    /// Every change, oldest first; with `path`, the changes to the codes now at or under it and to
    /// the codes that were ever at or under it (under their older names too, by UUID).
    ///
    /// Throws ``CodingError/unknownCode(_:)`` when no code is or ever was at `path`.
    public static func entries(_ study: Study, path: String? = nil) throws -> [Entry] {
        let db = study.db
        var sql = "SELECT * FROM code_history"
        var arguments: [any SQLBindable] = []
        if let path {
            let prefix = CodeStore.likePrefix(path)
            let uuids = try db.rows(
                """
                SELECT uuid FROM code WHERE path = ?1 OR path LIKE ?2 ESCAPE '\\'
                UNION SELECT code_uuid FROM code_history
                WHERE path = ?1 OR path LIKE ?2 ESCAPE '\\' OR old_value = ?1 OR old_value LIKE ?2 ESCAPE '\\'
                """, [path, prefix]
            ).compactMap { $0[0].stringValue }
            guard !uuids.isEmpty else {
                throw CodingError.unknownCode(Unknown(path, among: try CodeStore(study).paths()))
            }
            sql += " WHERE code_uuid IN (" + uuids.map { _ in "?" }.joined(separator: ", ") + ")"
            arguments = uuids
        }
        return try db.rows(sql + " ORDER BY id", arguments).map { row in
            Entry(
                id: try row["id"], at: try row["at"], user: try row["user"], codeUUID: try row["code_uuid"],
                path: try row["path"], change: Change(rawValue: try row["change"]) ?? .updated,
                field: try row["field"], oldValue: try row["old_value"], newValue: try row["new_value"])
        }
    }

    /// Where a code that is no longer in the codebook went: the UUID of the code a merge moved it
    /// into, followed through later merges; nil when it was deleted or never here.
    static func mergedTarget(of uuid: String, in db: Database) throws -> String? {
        var current = uuid
        var seen: Set<String> = [uuid]
        while let target = try db.value(
            "SELECT target_uuid FROM code_history WHERE code_uuid = ? AND change = 'merged' ORDER BY id DESC LIMIT 1",
            [current]
        ).stringValue {
            if try db.value("SELECT 1 FROM code WHERE uuid = ?", [target]) != .null { return target }
            guard seen.insert(target).inserted else { return nil }
            current = target
        }
        return nil
    }
}
