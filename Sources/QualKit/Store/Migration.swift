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

    /// Applies every migration the file does not have yet, each in a transaction.
    ///
    /// - Returns: the numbers of the migrations applied.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        var applied: [Int] = []
        let current = try currentVersion(of: db)
        for migration in migrations where migration.number > current {
            try db.transaction {
                try db.executeScript(migration.sql)
                // PRAGMA takes no bound parameters; the number comes from our own table, not from input.
                try db.executeScript("PRAGMA user_version = \(migration.number)")
            }
            applied.append(migration.number)
        }
        return applied
    }
}
