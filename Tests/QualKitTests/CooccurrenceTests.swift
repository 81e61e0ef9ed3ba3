import Testing

@testable import QualKit

/// `Cooccurrence`: pairs of codes applied in the same segment or by the same participant, with
/// Jaccard similarity, counted by hand from the table in `analysisStudy()`.
@Suite struct CooccurrenceTests {
    /// (a, b, count, jaccard) for comparing whole results.
    func pairs(_ result: Cooccurrence.Result) -> [String] {
        result.pairs.map { "\($0.a)+\($0.b) \($0.count) \($0.jaccard)" }
    }

    @Test func withinSegmentsOnlyCodesAppliedTogetherPair() throws {
        let fixture = try analysisStudy()
        let result = try Cooccurrence.run(fixture.study, scope: AnalysisScope(), within: .segment, minimum: 1)
        #expect(result.within == .segment)
        // Codes as applied, without roll-up into a or b.
        #expect(result.codes == ["a.x", "a.x.y", "a.z", "b.w"])
        // a.x: P2s2, P3s2; a.x.y: P1s2, P2s2; a.z: P1s4, P3s4; b.w: P2s4.
        #expect(result.units == ["a.x": 2, "a.x.y": 2, "a.z": 2, "b.w": 1])
        // Only P2s2 holds two codes: both 1, either 3.
        #expect(pairs(result) == ["a.x+a.x.y 1 \(1.0 / 3)"])
    }

    @Test func withinParticipantsCountsPeople() throws {
        let fixture = try analysisStudy()
        let result = try Cooccurrence.run(fixture.study, scope: AnalysisScope(), within: .participant, minimum: 1)
        // a.x: P2, P3; a.x.y: P1, P2; a.z: P1, P3; b.w: P2. a.z and b.w share no one.
        #expect(result.units == ["a.x": 2, "a.x.y": 2, "a.z": 2, "b.w": 1])
        #expect(
            pairs(result) == [
                "a.x+a.x.y 1 \(1.0 / 3)", "a.x+a.z 1 \(1.0 / 3)", "a.x+b.w 1 0.5", "a.x.y+a.z 1 \(1.0 / 3)",
                "a.x.y+b.w 1 0.5",
            ])
    }

    @Test func minimumDropsRarerPairsAndTheCommonestComeFirst() throws {
        let fixture = try analysisStudy()
        try fixture.tag("P1", 4, "b.w", by: "AB")
        // Now b.w is P1 and P2: a.x.y+b.w share both (2 of 2); a.z+b.w share P1 (1 of P1, P2, P3).
        let all = try Cooccurrence.run(fixture.study, scope: AnalysisScope(), within: .participant, minimum: 0)
        #expect(all.pairs.first.map { "\($0.a)+\($0.b) \($0.count) \($0.jaccard)" } == "a.x.y+b.w 2 1.0")
        #expect(all.pairs.count == 6)
        let common = try Cooccurrence.run(fixture.study, scope: AnalysisScope(), within: .participant, minimum: 2)
        #expect(pairs(common) == ["a.x.y+b.w 2 1.0"])
        // In segments, P1s4 now holds a.z and b.w: both 1, either P1s4, P2s4, P3s4.
        let segments = try Cooccurrence.run(fixture.study, scope: AnalysisScope(), within: .segment, minimum: 1)
        #expect(pairs(segments) == ["a.x+a.x.y 1 \(1.0 / 3)", "a.z+b.w 1 \(1.0 / 3)"])
        #expect(try Cooccurrence.run(fixture.study, scope: AnalysisScope(), within: .segment, minimum: 2).pairs.isEmpty)
    }

    @Test func scopeLimitsCodersAndCodes() throws {
        let fixture = try analysisStudy()
        let cd = try Cooccurrence.run(fixture.study, scope: AnalysisScope(coders: ["CD"]), within: .segment, minimum: 1)
        #expect(cd.coders == ["CD"])
        #expect(cd.codes == ["a.x"])
        #expect(cd.pairs.isEmpty)
        let people = try Cooccurrence.run(
            fixture.study, scope: AnalysisScope(codePrefix: "a"), within: .participant, minimum: 1)
        #expect(people.codes == ["a.x", "a.x.y", "a.z"])
        #expect(pairs(people) == ["a.x+a.x.y 1 \(1.0 / 3)", "a.x+a.z 1 \(1.0 / 3)", "a.x.y+a.z 1 \(1.0 / 3)"])
    }
}
