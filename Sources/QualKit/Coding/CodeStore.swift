import Foundation

/// Every SQL statement about codes and coders.
public struct CodeStore {
    let db: Database
    /// Who the codebook history names for changes made through this store.
    let user: String

    public init(_ study: Study) {
        self.db = study.db
        self.user = study.user
    }

    public func paths() throws -> [String] {
        try db.rows("SELECT path FROM code ORDER BY path").map { try $0["path"] }
    }

    public func codes() throws -> [Code] {
        try db.rows("SELECT * FROM code ORDER BY path").map(Self.code)
    }

    static func code(_ row: Row) throws -> Code {
        try Code(
            path: row["path"], name: row["name"], kind: row["kind"], definition: row["definition"],
            useWhen: row["use_when"], doNotUseWhen: row["do_not_use_when"], example: row["example"],
            color: row["color"],
            proposed: (row["proposed"] as Int) == 1)
    }

    public func code(_ path: String) throws -> Code? {
        try db.row("SELECT * FROM code WHERE path = ?", [path]).map(Self.code)
    }

    /// The code, or ``CodingError/unknownCode(_:)`` naming the nearest path.
    public func require(_ path: String) throws -> Code {
        guard let code = try code(path) else { throw CodingError.unknownCode(Unknown(path, among: try paths())) }
        return code
    }

    /// Inserts a new code (with `uuid`, or a new one) or updates an existing one's fields, and
    /// records what changed in the codebook history: added (or proposed, for a code a merge
    /// brought in), or one `updated` row per field with its old and new value.
    package func save(_ code: Code, isNew: Bool, uuid: String? = nil) throws {
        let values: [any SQLBindable] = [
            code.name, code.kind, code.definition, code.useWhen, code.doNotUseWhen, code.example, code.color, code.path,
        ]
        if isNew {
            let uuid = uuid ?? StableID.make()
            try db.execute(
                """
                INSERT INTO code(name, kind, definition, use_when, do_not_use_when, example, color, path, created_at, uuid, proposed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values + [Clock.nowTimestamp(), uuid, code.proposed ? 1 : 0])
            try recordHistory(uuid: uuid, path: code.path, change: code.proposed ? .proposed : .added, new: code.path)
        } else {
            let old = try self.code(code.path)
            try db.execute(
                """
                UPDATE code SET name = ?, kind = ?, definition = ?, use_when = ?, do_not_use_when = ?, example = ?, color = ?
                WHERE path = ?
                """, values)
            guard let old, let codeUUID = try self.uuid(of: code.path) else { return }
            for (field, value) in CodeHistory.fields {
                let (before, after) = (value(old), value(code))
                if before != after {
                    try recordHistory(
                        uuid: codeUUID, path: code.path, change: .updated, field: field, old: before, new: after)
                }
            }
        }
    }

    /// The code's stable UUID, or nil when there is no such code.
    public func uuid(of path: String) throws -> String? {
        try db.value("SELECT uuid FROM code WHERE path = ?", [path]).stringValue
    }

    /// Appends one row to the codebook history, in the caller's transaction.
    func recordHistory(
        uuid: String, path: String, change: CodeHistory.Change, field: String? = nil, old: String? = nil,
        new: String? = nil, target: String? = nil
    ) throws {
        try db.execute(
            """
            INSERT INTO code_history(at, user, code_uuid, path, change, field, old_value, new_value, target_uuid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [Clock.nowTimestamp(), user, uuid, path, change.rawValue, field, old, new, target])
    }

    /// Marks a proposed code as accepted; false when it was not proposed.
    func accept(_ path: String) throws -> Bool {
        try db.execute("UPDATE code SET proposed = 0 WHERE path = ? AND proposed = 1", [path])
        guard db.changes > 0, let uuid = try uuid(of: path) else { return false }
        try recordHistory(uuid: uuid, path: path, change: .accepted, field: "proposed", old: "yes", new: "no")
        return true
    }

    /// Codings per code path (own codings only; rollups are computed from these).
    public func codingCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try db.forEachRow("SELECT code, count(*) AS n FROM coding GROUP BY code") {
            counts[try $0["code"]] = try $0["n"]
        }
        return counts
    }

    public func codingCount(_ path: String) throws -> Int {
        try db.value("SELECT count(*) FROM coding WHERE code = ?", [path]).intValue ?? 0
    }

    /// Codes at or under `path`, stored ones only.
    public func subtree(_ path: String) throws -> [String] {
        try db.rows(
            "SELECT path FROM code WHERE path = ? OR path LIKE ? ESCAPE '\\' ORDER BY path",
            [path, Self.likePrefix(path)]
        ).map { try $0["path"] }
    }

    /// `a.b` -> `a.b.%` for LIKE, with its wildcards escaped.
    static func likePrefix(_ path: String) -> String {
        path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + ".%"
    }

    /// Renames one code row; the history calls it `moved` when its parent changes, else `renamed`.
    func rename(_ old: String, to new: String) throws {
        let uuid = try uuid(of: old)
        try db.execute("UPDATE code SET path = ? WHERE path = ?", [new, old])
        if let uuid {
            let moved = Code.ancestors(of: old).last != Code.ancestors(of: new).last
            try recordHistory(
                uuid: uuid, path: new, change: moved ? .moved : .renamed, field: "path", old: old, new: new)
        }
    }

    /// Deletes a code; `mergedInto` names the code a merge moved its codings to, for the history.
    func delete(_ path: String, mergedInto: String? = nil) throws {
        if let uuid = try uuid(of: path) {
            if let into = mergedInto {
                try recordHistory(
                    uuid: uuid, path: path, change: .merged, field: "path", old: path, new: into,
                    target: try self.uuid(of: into))
            } else {
                try recordHistory(uuid: uuid, path: path, change: .deleted, old: path)
            }
        }
        try db.execute("DELETE FROM code WHERE path = ?", [path])
    }

    // MARK: Coders

    /// Every code's stable UUID by path (migration 8).
    public func uuids() throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try db.rows("SELECT path, uuid FROM code") {
            if let path = row[0].stringValue, let uuid = row[1].stringValue { result[path] = uuid }
        }
        return result
    }

    public func coderIDs() throws -> [String] {
        try db.rows("SELECT id FROM coder ORDER BY id").map { try $0["id"] }
    }

    public func coders() throws -> [(id: String, name: String?)] {
        try db.rows("SELECT id, name FROM coder ORDER BY id").map { (try $0["id"], try $0["name"]) }
    }

    /// Throws ``CodingError/unknownCoder(_:)`` naming the nearest coder.
    /// True once any coder has tagged anything.
    public func hasCodings() throws -> Bool {
        try db.value("SELECT EXISTS (SELECT 1 FROM coding)").intValue == 1
    }

    public func requireCoder(_ id: String) throws {
        guard try db.value("SELECT 1 FROM coder WHERE id = ?", [id]) != .null else {
            throw CodingError.unknownCoder(Unknown(id, among: try coderIDs()))
        }
    }

    package func addCoder(_ id: String, name: String?) throws {
        try db.execute(
            "INSERT INTO coder(id, name, created_at, uuid) VALUES (?, ?, ?, ?)",
            [id, name, Clock.nowTimestamp(), StableID.make()])
    }
}
