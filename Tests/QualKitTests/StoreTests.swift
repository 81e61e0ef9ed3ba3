import Foundation
import Testing

@testable import QualKit

/// The SQLite layer: statements, transactions, migrations, study files.
@Suite struct StoreTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qk-store-\(UUID().uuidString).sqlite").path
    }

    @Test func bindsAndReadsEveryValueType() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE t(a, b, c, d, e)")
        try db.execute(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            [42, 2.5, "ünïcödé '; DROP TABLE t; --", SQLValue.null, SQLValue.blob([0, 1, 2])])
        let row = try #require(try db.row("SELECT * FROM t"))
        #expect(try row["a"] as Int == 42)
        #expect(try row["b"] as Double == 2.5)
        #expect(try row["c"] as String == "ünïcödé '; DROP TABLE t; --")
        #expect(try row.value("d") == .null)
        #expect(try row.value("e") == .blob([0, 1, 2]))
    }

    @Test func wrongArgumentCountIsAnError() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE t(a)")
        #expect(throws: StoreError.self) { try db.execute("INSERT INTO t VALUES (?)", [1, 2]) }
    }

    @Test func errorsCarryTheSQLAndArguments() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE t(a UNIQUE)")
        try db.execute("INSERT INTO t VALUES (?)", ["x"])
        do {
            try db.execute("INSERT INTO t VALUES (?)", ["x"])
            Issue.record("expected a constraint error")
        } catch let error as StoreError {
            #expect(error.primaryCode == 19)
            #expect(error.sql == "INSERT INTO t VALUES (?)")
            #expect(error.arguments == [.text("x")])
        }
    }

    @Test func transactionRollsBackOnError() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE t(a)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.value("SELECT count(*) FROM t").intValue == 0)
        #expect(!db.isInTransaction)
    }

    @Test func nestedTransactionsBecomeSavepoints() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE t(a)")
        struct Boom: Error {}
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(try db.rows("SELECT a FROM t").map { try $0["a"] as Int } == [1])
    }

    @Test func migrationsRunOnceInOrderAndSetUserVersion() throws {
        let db = try Database(path: "", mode: .memory)
        let migrator = Migrator([
            Migration(number: 1, name: "one", sql: "CREATE TABLE a(x);"),
            Migration(number: 2, name: "two", sql: "CREATE TABLE b(y);"),
        ])
        #expect(try migrator.migrate(db) == [1, 2])
        #expect(try migrator.currentVersion(of: db) == 2)
        #expect(try migrator.migrate(db) == [])
    }

    @Test func aFailingMigrationLeavesTheFileAsItWas() throws {
        let db = try Database(path: "", mode: .memory)
        let migrator = Migrator([
            Migration(number: 1, name: "one", sql: "CREATE TABLE a(x);"),
            Migration(number: 2, name: "broken", sql: "CREATE TABLE b(y); CREATE TABLE a(x);"),
        ])
        #expect(throws: StoreError.self) { try migrator.migrate(db) }
        // All pending migrations run in one transaction: none of them is kept.
        #expect(try migrator.currentVersion(of: db) == 0)
        #expect(try db.value("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')").intValue == 0)
    }

    @Test func createdStudyIsPrivateAndFullyMigrated() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let study = try Study.create(at: path, title: "T")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try study.schemaVersion() == Schema.migrator.latestVersion)
        #expect(try study.db.value("PRAGMA foreign_keys").intValue == 1)
        #expect(try study.db.value("PRAGMA secure_delete").intValue == 1)
        #expect(try study.db.value("PRAGMA journal_mode").stringValue == "wal")
        #expect(try study.title() == "T")
    }

    @Test func createRefusesAnExistingFile() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Study.create(at: path, title: nil)
        #expect(throws: StudyError.alreadyExists(path: path)) { try Study.create(at: path, title: nil) }
    }

    @Test func openRefusesMissingForeignAndNewerFiles() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StudyError.noStudy(path: path)) { try Study.open(at: path) }
        do {
            let other = try Database(path: path, mode: .createNew)
            try other.execute("CREATE TABLE x(y)")
        }
        #expect(throws: StudyError.notAStudy(path: path, reason: "it is not a qualkit study file")) {
            try Study.open(at: path)
        }
        try FileManager.default.removeItem(atPath: path)
        _ = try Study.create(at: path, title: nil)
        do {
            let db = try Database(path: path, mode: .readWrite)
            try db.executeScript("PRAGMA user_version = 77")
        }
        #expect(throws: StudyError.newerSchema(path: path, found: 77, supported: Schema.migrator.latestVersion)) {
            try Study.open(at: path)
        }
    }

    @Test func anOlderStudyIsMigratedForwardOnOpen() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let db = try Database(path: path, mode: .createNew)
            try db.executeScript("PRAGMA application_id = \(Schema.applicationID)")
            try Migrator(Array(Schema.migrator.migrations.prefix(1))).migrate(db)
            try db.execute("INSERT INTO study_setting VALUES ('title', 'Old')")
        }
        let study = try Study.open(at: path)
        #expect(try study.schemaVersion() == Schema.migrator.latestVersion)
        #expect(try study.title() == "Old")
    }

    @Test func storedProtocolVersionsCannotBeUpdated() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let study = try Study.create(at: path, title: nil)
        let text = "---\nid: p\ntitle: P\nversion: 1\nlanguage: en\n---\n# S\n## Q {#q}\n"
        _ = try ProtocolLoader.load([.init(path: "p.md", bytes: Array(text.utf8))], into: study)
        #expect(throws: StoreError.self) { try study.db.execute("UPDATE protocol_version SET title = 'changed'") }
    }
}
