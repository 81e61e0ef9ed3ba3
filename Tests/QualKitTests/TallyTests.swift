import Testing

@testable import QualKit

/// `Tally`: people per theme with roll-up of children into parents, N, subgroups. Expected values
/// are counted by hand from the table in `analysisStudy()`.
@Suite struct TallyTests {
    /// (participants, percent, excerpts, transcripts) per code.
    func counts(_ themes: [Tally.Theme]) -> [String: [Double]] {
        Dictionary(
            uniqueKeysWithValues: themes.map {
                ($0.code, [Double($0.participants), $0.percent, Double($0.excerpts), Double($0.transcripts)])
            })
    }

    @Test func parentsRollUpTheirChildrenAndNIsCoveredParticipants() throws {
        let fixture = try analysisStudy()
        let result = try Tally.run(fixture.study, scope: AnalysisScope())
        // P1..P4 are covered (P4 with nothing tagged); P5's transcript was never coded.
        #expect(result.participantsTotal == 4)
        #expect(result.coders == ["AB", "CD"])
        // By people, then by code.
        #expect(result.themes.map(\.code) == ["a", "a.x", "a.x.y", "a.z", "b", "b.w", "b.unused"])
        let byCode = counts(result.themes)
        // a: segments P1s2, P1s4, P2s2, P3s2, P3s4 of P1, P2, P3.
        #expect(byCode["a"] == [3, 75.0, 5, 3])
        // a.x with its child a.x.y: P1s2, P2s2 (tagged with both, counted once), P3s2.
        #expect(byCode["a.x"] == [3, 75.0, 3, 3])
        #expect(byCode["a.x.y"] == [2, 50.0, 2, 2])
        #expect(byCode["a.z"] == [2, 50.0, 2, 2])
        #expect(byCode["b"] == [1, 25.0, 1, 1])
        #expect(byCode["b.w"] == [1, 25.0, 1, 1])
        #expect(byCode["b.unused"] == [0, 0.0, 0, 0])
        let parent = try #require(result.themes.first { $0.code == "a" })
        #expect(parent.kind == "a" && parent.name == "a")
        #expect(try #require(result.themes.first { $0.code == "a.x.y" }).name == "y")
    }

    @Test func onlySelectedCodersCountAndSetN() throws {
        let fixture = try analysisStudy()
        let cd = try Tally.run(fixture.study, scope: AnalysisScope(coders: ["CD"]))
        // CD covered only P3, where it tagged s2 a.x.
        #expect(cd.participantsTotal == 1)
        let byCode = counts(cd.themes)
        #expect(byCode["a.x"] == [1, 100.0, 1, 1])
        #expect(byCode["a"] == [1, 100.0, 1, 1])
        #expect(byCode["a.z"] == [0, 0.0, 0, 0])
        #expect(byCode["a.x.y"] == [0, 0.0, 0, 0])
        let coder = try #require(throws: CodingError.self) {
            try Tally.run(fixture.study, scope: AnalysisScope(coders: ["ZZ"]))
        }
        #expect(unknown(coder) == "coder ZZ")
    }

    @Test func aSubtreeOrAKindKeepsItsOwnCodes() throws {
        let fixture = try analysisStudy()
        let subtree = try Tally.run(fixture.study, scope: AnalysisScope(codePrefix: "a.x"))
        #expect(subtree.themes.map(\.code) == ["a.x", "a.x.y"])
        #expect(subtree.participantsTotal == 4)
        let kind = try Tally.run(fixture.study, scope: AnalysisScope(kind: "b"))
        #expect(kind.themes.map(\.code) == ["b", "b.w", "b.unused"])
        let code = try #require(throws: CodingError.self) {
            try Tally.run(fixture.study, scope: AnalysisScope(codePrefix: "a.q"))
        }
        #expect(unknown(code) == "code a.q")
    }

    @Test func withdrawnParticipantsLeaveNAndCounts() throws {
        let fixture = try analysisStudy()
        _ = try Withdrawal.withdraw("P2", reason: nil, in: fixture.study)
        let result = try Tally.run(fixture.study, scope: AnalysisScope())
        #expect(result.participantsTotal == 3)
        let byCode = counts(result.themes)
        // Without P2: a.x is P1s2 (through a.x.y) and P3s2; a.x.y is P1s2; b.w is gone.
        #expect(byCode["a.x"] == [2, 66.7, 2, 2])
        #expect(byCode["a.x.y"] == [1, 33.3, 1, 1])
        #expect(byCode["b.w"] == [0, 0.0, 0, 0])
    }

    @Test func subgroupsIncludeNotRecordedAndFlagSmallOnes() throws {
        let fixture = try analysisStudy()
        let result = try Tally.run(fixture.study, scope: AnalysisScope(), by: "household")
        #expect(result.by == "household")
        // P5 (alone) is not covered, so not counted in any group.
        #expect(result.groups.map(\.value) == ["alone", "multi", Tally.notRecorded])
        #expect(Tally.notRecorded == "(not recorded)")
        #expect(result.groups.map(\.participantsTotal) == [1, 2, 1])
        #expect(result.groups.allSatisfy { $0.small })
        func theme(_ code: String) -> [[Double]] {
            result.groups.map { group in counts(group.themes)[code] ?? [] }.map { Array($0.prefix(2)) }
        }
        #expect(theme("a.x") == [[1, 100.0], [2, 100.0], [0, 0.0]])
        #expect(theme("a.z") == [[1, 100.0], [1, 50.0], [0, 0.0]])
        #expect(theme("b.w") == [[0, 0.0], [1, 50.0], [0, 0.0]])
        let attribute = try #require(throws: AnalysisError.self) {
            try Tally.run(fixture.study, scope: AnalysisScope(), by: "housefold")
        }
        #expect(
            attribute
                == .unknownAttribute(Unknown("housefold", among: ["gender", "community", "language", "household"])))
    }

    @Test func aGroupOfFiveIsNotSmall() throws {
        let fixture = try analysisStudy()
        for n in 1...5 {
            let id = "Q\(n)"
            try fixture.participant(id, [("household", "shared")])
            try fixture.transcript(id, turns: ["Question?", "Answer."])
            try CodingLog(fixture.study).markDone(transcript: id, coder: "CD")
        }
        let result = try Tally.run(fixture.study, scope: AnalysisScope(), by: "household")
        #expect(result.groups.map(\.value) == ["alone", "multi", "shared", Tally.notRecorded])
        #expect(result.groups.map(\.participantsTotal) == [1, 2, 5, 1])
        #expect(result.groups.map(\.small) == [true, true, false, true])
        #expect(try Tally.run(fixture.study, scope: AnalysisScope()).participantsTotal == 9)
    }

    struct RolledBack: Error {}

    /// The segment map is read on a second connection only when it sees what the study's own
    /// connection sees: never inside a transaction, whose uncommitted codings it could not see.
    @Test func aSecondConnectionReadsTheSameSnapshotOrIsNotUsed() throws {
        let fixture = try analysisStudy()
        let db = fixture.study.db
        let other = try #require(CodedSegments.pairedReader(db))
        try db.executeScript("COMMIT")
        #expect(try other.value("SELECT count(*) FROM coding").intValue == 7)
        let paired = try Tally.run(fixture.study, scope: AnalysisScope())
        #expect(throws: RolledBack.self) {
            try db.transaction {
                #expect(CodedSegments.pairedReader(db) == nil)
                #expect(try Tally.run(fixture.study, scope: AnalysisScope()) == paired)
                try fixture.tag("P4", 2, "b.w", by: "AB")
                let uncommitted = try Tally.run(fixture.study, scope: AnalysisScope())
                #expect(counts(uncommitted.themes)["b.w"] == [2, 50.0, 2, 2])
                throw RolledBack()
            }
        }
        #expect(try Tally.run(fixture.study, scope: AnalysisScope()) == paired)
    }
}
