import Foundation
import Testing

@testable import QualKit

/// Stable UUIDs: every code, coder, transcript, participant, coding and memo has one, and it stays.
@Suite struct IdentityTests {
    @Test func everyRecordGetsADistinctVersion4UUID() throws {
        let fixture = try TemporaryStudy()
        try fixture.codes(["barrier.cost", "barrier.stigma"])
        try fixture.coders(["ab", "cd"])
        try fixture.participant("P01")
        try fixture.transcript("P01", turns: ["How was it?", "Hard to get there."])
        try fixture.tag("P01", 2, "barrier.cost", by: "ab")
        var all: [String] = []
        for table in ["code", "coder", "transcript", "participant", "coding"] {
            let values = try fixture.study.db.rows("SELECT uuid FROM \(table)").map { $0[0].stringValue ?? "" }
            #expect(!values.isEmpty, "\(table) has rows")
            all += values
        }
        #expect(Set(all).count == all.count)
        let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        for uuid in all { #expect(uuid.wholeMatch(of: pattern) != nil, "\(uuid)") }
    }

    @Test func aRenamedCodeKeepsItsUUID() throws {
        let fixture = try TemporaryStudy()
        try fixture.codes(["barrier.cost"])
        let before = try fixture.study.db.value("SELECT uuid FROM code WHERE path = 'barrier.cost'").stringValue
        try fixture.study.db.execute("UPDATE code SET path = 'barrier.money' WHERE path = 'barrier.cost'")
        let after = try fixture.study.db.value("SELECT uuid FROM code WHERE path = 'barrier.money'").stringValue
        #expect(before != nil && before == after)
    }

    @Test func theMigrationFillsExistingRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualkit-identity-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Database(path: folder.appendingPathComponent("old.sqlite").path, mode: .createNew)
        let migrator = Migrator(Array(Schema.migrator.migrations.prefix { $0.number < Migration.identity.number }))
        try migrator.migrate(db)
        try db.execute("INSERT INTO coder (id, created_at) VALUES ('ab', '2024-01-01'), ('cd', '2024-01-01')")
        try db.execute("INSERT INTO code (path, kind, created_at) VALUES ('a', 'theme', '2024-01-01')")
        try Schema.migrator.migrate(db)
        let uuids = try db.rows("SELECT uuid FROM coder UNION ALL SELECT uuid FROM code").compactMap {
            $0[0].stringValue
        }
        #expect(uuids.count == 3 && Set(uuids).count == 3)
    }
}
