import Foundation
import Testing

@testable import QualKit

/// Issue 9 in the library: output files, migrations that fail, the audit trail's transaction.
@Suite struct SafetyTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qualkit-safety-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func outputFileIsPrivateAndRefusesWhatItMustNotReplace() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.html"
        try OutputFile.write("one", to: path, replacing: false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(throws: OutputRefused(path: path, reason: .exists)) {
            try OutputFile.write("two", to: path, replacing: false)
        }
        try OutputFile.write("two", to: path, replacing: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")

        let link = dir + "/link.html"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(throws: OutputRefused(path: link, reason: .notARegularFile(.symbolicLink))) {
            try OutputFile.write("three", to: link, replacing: true)
        }
        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: OutputRefused(path: fifo, reason: .notARegularFile(.fifo))) {
            try OutputFile.write("x", to: fifo, replacing: true)
        }
        #expect(throws: OutputRefused(path: dir, reason: .notARegularFile(.folder))) {
            try OutputFile.write("x", to: dir, replacing: true)
        }
        #expect(throws: OutputRefused(path: "/dev/full", reason: .notARegularFile(.device))) {
            try OutputFile.write("x", to: "/dev/full", replacing: true)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["fifo", "link.html", "report.html"])
    }

    @Test func temporaryNamesAreRandomAndNeverFollowALink() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (first, a) = try OutputFile.createTemporary(in: dir, for: "r.html", target: dir + "/r.html")
        let (second, b) = try OutputFile.createTemporary(in: dir, for: "r.html", target: dir + "/r.html")
        close(first)
        close(second)
        #expect(a != b)
        #expect(!a.contains(String(getpid())))
    }

    @Test func aFailedMigrationLeavesTheFileExactlyAsItWas() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/study.sqlite"
        let good = Array(Schema.migrator.migrations.prefix(3))
        do {
            let db = try Database(path: path, mode: .createNew)
            try Migrator(good).migrate(db)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let broken = Migrator(
            good + [
                Schema.migrator.migrations[3],
                Migration(number: 5, name: "fails half-way", sql: "CREATE TABLE fine(x); CREATE TABLE coder(id);"),
            ])
        do {
            let db = try Database(path: path, mode: .readWrite)
            #expect(throws: StoreError.self) { try broken.migrate(db) }
            #expect(try broken.currentVersion(of: db) == 3)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func schemaDifferencesAreFound() throws {
        let db = try Database(path: "", mode: .memory)
        try Schema.migrator.migrate(db)
        #expect(try Schema.migrator.differences(of: db, from: Schema.migrator.latestVersion).isEmpty)
        let lower = try Schema.migrator.differences(of: db, from: 5)
        #expect(lower.contains("unexpected trigger segment_moves_its_codings"))
        #expect(lower.contains("unexpected table audit"))
    }

    @Test func anAuditRowIsKeptOrLostWithItsChange() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let study = try Study.create(at: dir + "/s.sqlite", title: "t")
        let recorder = AuditLog.Recorder(study: study, user: "u", command: "coder add", words: "coder add <id>")
        try study.db.transaction {
            try study.db.execute("INSERT INTO coder(id, created_at, uuid) VALUES ('AB', 'now', 'ab')")
        }
        #expect(throws: StoreError.self) {
            try study.db.transaction {
                try study.db.execute("INSERT INTO coder(id, created_at, uuid) VALUES ('CD', 'now', 'cd')")
                try study.db.execute("INSERT INTO coder(id, created_at, uuid) VALUES ('AB', 'now', 'ab')")
            }
        }
        try recorder.finish()
        let entries = try AuditLog.entries(study)
        #expect(entries.map(\.changes) == [1])
        #expect(entries.first?.words == "coder add <id>")
    }
}
