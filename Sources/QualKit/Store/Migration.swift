/// One numbered, append-only change to the study schema.
///
/// Migrations are applied in order, each in its own transaction, and the number of the last one
/// applied is kept in `PRAGMA user_version`. A shipped migration is never edited: a later change is
/// a new migration.
public struct Migration: Sendable {
    /// 1, 2, 3, ... without gaps.
    public let number: Int
    /// What the migration adds, for people reading `PRAGMA user_version` history.
    public let name: String
    /// The SQL script.
    public let sql: String

    public init(number: Int, name: String, sql: String) {
        self.number = number
        self.name = name
        self.sql = sql
    }
}

/// Applies ``Migration``s to a database and tells how far a file has been migrated.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(_ migrations: [Migration]) {
        precondition(
            migrations.enumerated().allSatisfy { $0.offset + 1 == $0.element.number },
            "migrations must be numbered 1, 2, 3, ... without gaps")
        self.migrations = migrations
    }

    /// The schema version this build of qualkit writes.
    public var latestVersion: Int { migrations.last?.number ?? 0 }

    /// The schema version recorded in the file.
    public func currentVersion(of db: Database) throws -> Int {
        try db.value("PRAGMA user_version").intValue ?? 0
    }

    /// Applies every migration the file does not have yet, all in one transaction: a failure in
    /// any of them rolls back every one, so the file is left exactly as it was.
    ///
    /// - Returns: the numbers of the migrations applied.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        let current = try currentVersion(of: db)
        let pending = migrations.filter { $0.number > current }
        guard !pending.isEmpty else { return [] }
        try db.transaction {
            for migration in pending {
                try db.executeScript(migration.sql)
                // PRAGMA takes no bound parameters; the number comes from our own table, not from input.
                try db.executeScript("PRAGMA user_version = \(migration.number)")
            }
        }
        return pending.map(\.number)
    }

    /// The tables, indexes, views and triggers a file at `version` has, as `"table participant"`.
    public func expectedObjects(atVersion version: Int) throws -> Set<String> {
        let db = try Database(path: ":memory:", mode: .memory)
        for migration in migrations where migration.number <= version {
            try db.executeScript(migration.sql)
        }
        return try Self.objects(of: db)
    }

    /// How `db`'s schema differs from what `version` stands for: `"missing table x"`,
    /// `"unexpected trigger y"`; empty when they agree.
    public func differences(of db: Database, from version: Int) throws -> [String] {
        let expected = try expectedObjects(atVersion: version)
        let found = try Self.objects(of: db)
        return expected.subtracting(found).sorted().map { "missing " + $0 }
            + found.subtracting(expected).sorted().map { "unexpected " + $0 }
    }

    static func objects(of db: Database) throws -> Set<String> {
        // SQLite's own tables (sqlite_sequence, sqlite_stat1) come and go with use, not with the schema.
        let rows = try db.rows(
            "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        return Set(rows.map { "\($0[0].stringValue ?? "") \($0[1].stringValue ?? "")" })
    }
}
