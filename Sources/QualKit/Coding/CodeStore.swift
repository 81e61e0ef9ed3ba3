import Foundation

/// Every SQL statement about codes and coders.
public struct CodeStore {
    let db: Database

    public init(_ study: Study) { self.db = study.db }

    public func paths() throws -> [String] {
        try db.rows("SELECT path FROM code ORDER BY path").map { try $0["path"] }
    }

    public func codes() throws -> [Code] {
        try db.rows("SELECT * FROM code ORDER BY path").map(Self.code)
    }

    static func code(_ row: Row) throws -> Code {
        try Code(
            path: row["path"], name: row["name"], kind: row["kind"], definition: row["definition"],
            useWhen: row["use_when"], doNotUseWhen: row["do_not_use_when"], example: row["example"], color: row["color"]
        )
    }

    public func code(_ path: String) throws -> Code? {
        try db.row("SELECT * FROM code WHERE path = ?", [path]).map(Self.code)
    }

    /// The code, or ``CodingError/unknownCode(_:)`` naming the nearest path.
    public func require(_ path: String) throws -> Code {
        guard let code = try code(path) else { throw CodingError.unknownCode(Unknown(path, among: try paths())) }
        return code
    }

    package func save(_ code: Code, isNew: Bool) throws {
        let values: [any SQLBindable] = [
            code.name, code.kind, code.definition, code.useWhen, code.doNotUseWhen, code.example, code.color, code.path,
        ]
        if isNew {
            try db.execute(
                """
                INSERT INTO code(name, kind, definition, use_when, do_not_use_when, example, color, path, created_at, uuid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values + [Clock.nowTimestamp(), StableID.make()])
        } else {
            try db.execute(
                """
                UPDATE code SET name = ?, kind = ?, definition = ?, use_when = ?, do_not_use_when = ?, example = ?, color = ?
                WHERE path = ?
                """, values)
        }
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

    func rename(_ old: String, to new: String) throws {
        try db.execute("UPDATE code SET path = ? WHERE path = ?", [new, old])
    }

    func delete(_ path: String) throws {
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
