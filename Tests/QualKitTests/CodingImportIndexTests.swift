import Foundation
import Testing

@testable import QualKit

/// `codings import` with the `coding` table's indexes dropped and built again after the inserts
/// (the bulk path) must give the same rows, refuse the same rows and leave the same schema.
@Suite struct CodingImportIndexTests {
    /// The shared fixture (`codingStudy()`): segment 2 of P1 is `We never talk about it at home, never.`
    func study() throws -> TemporaryStudy { try codingStudy() }

    static let good = """
        transcript,segment,code,coder,start,end,memo
        P1,2,a.x,AB,,,
        P1,2,a.x,AB,9,22,quoted
        P1,2,a.x,AB,9,22,
        P1,1,a.z,CD,0,3,
        P1,1,,CD,,,

        """

    func indexes(_ fixture: TemporaryStudy) throws -> [String] {
        try fixture.study.db.rows("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'coding' ORDER BY name").map {
            "\(try $0["name"] as String) \(try $0["sql"] as String? ?? "-")"
        }
    }

    func rows(_ fixture: TemporaryStudy) throws -> [String] {
        try fixture.study.db.rows(
            """
            SELECT segment, code, coder, start, end, transcript_start, transcript_end, memo, length(uuid) AS u
            FROM coding ORDER BY id
            """
        ).map { $0.values.map(\.description).joined(separator: "|") }
    }

    @Test func rebuildingTheIndexesGivesTheSameRowsCountsAndSchema() throws {
        var results: [[String]] = []
        var reports: [CodingImport.Report] = []
        let schema = try indexes(try study())
        for policy in [CodingImport.IndexPolicy.keep, .rebuild] {
            let fixture = try study()
            let path = try fixture.write("good.csv", Self.good)
            reports.append(
                try CodingImport.run(
                    path: path, defaultCoder: nil, createCodes: false, study: fixture.study, indexes: policy))
            // Importing again into the now non-empty table goes through the same path.
            let again = try CodingImport.run(
                path: path, defaultCoder: nil, createCodes: false, study: fixture.study, indexes: policy)
            #expect(again.added == 0 && again.duplicates == 4)
            results.append(try rows(fixture))
            #expect(try indexes(fixture) == schema)
            #expect(try fixture.study.db.value("PRAGMA integrity_check") == .text("ok"))
        }
        #expect(reports[0] == reports[1])
        #expect(reports[1].added == 3 && reports[1].duplicates == 1 && reports[1].emptyRows == 1)
        #expect(results[0] == results[1])
        #expect(results[1].count == 3)
        // The uniqueness of uuids is checked by the rebuilt unique index.
        #expect(schema.contains { $0.hasPrefix("coding_by_uuid CREATE UNIQUE INDEX") })
    }

    @Test func aRefusedImportOnTheRebuildPathKeepsNothingAndKeepsTheIndexes() throws {
        let fixture = try study()
        let schema = try indexes(fixture)
        let path = try fixture.write(
            "bad.csv",
            """
            transcript,segment,code,coder,start,end
            P1,2,a.x,AB,,
            P1,7,a.x,AB,,
            P1,2,a.x,AB,30,40

            """)
        let error = try #require(throws: InvalidInput.self) {
            try CodingImport.run(
                path: path, defaultCoder: nil, createCodes: false, study: fixture.study, indexes: .rebuild)
        }
        #expect(
            error.diagnostics.map(\.message) == [
                "P1 has no segment 7 (it has 1 to 2)", "bad span '30:40': segment 2 of P1 spans 0:38",
            ])
        #expect(try fixture.count("SELECT count(*) FROM coding") == 0)
        #expect(try fixture.count("SELECT count(*) FROM coverage") == 0)
        #expect(try indexes(fixture) == schema)
    }

    @Test func theRebuildIsChosenOnlyForManyRowsAgainstThoseStored() {
        #expect(CodingImport.rebuildPays(fileBytes: 40_000_000, stored: 0))
        #expect(CodingImport.rebuildPays(fileBytes: 40_000_000, stored: 4_000_000))
        #expect(!CodingImport.rebuildPays(fileBytes: 40_000_000, stored: 4_000_001))
        #expect(!CodingImport.rebuildPays(fileBytes: 400, stored: 0))
    }

    @Test func bulkUUIDsHaveTheStoredFormAndDiffer() {
        var batch = StableID.Batch()
        let made = (0..<600).map { _ in batch.next() }
        #expect(Set(made).count == 600)
        let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        #expect(made.allSatisfy { $0.wholeMatch(of: pattern) != nil })
        #expect(StableID.make().wholeMatch(of: pattern) != nil)
    }
}
