import Testing

@testable import QualKit

/// `Saturation` (Guest, Namey & Chen 2020): base, runs and threshold on examples worked by hand.
@Suite struct SaturationTests {
    /// Seven interviews; the base of two holds a, b, c, d (4 unique codes).
    ///
    /// Runs of two after the base, each against every code seen before it starts:
    /// I3+I4 add e (1 of 4 = 25%), I4+I5 add f (25%), I5+I6 add f (25%), I6+I7 add nothing (0%).
    let interviews: [(String, Set<String>)] = [
        ("I1", ["a", "b", "c"]), ("I2", ["b", "d"]), ("I3", ["a", "e"]), ("I4", ["c"]), ("I5", ["f"]),
        ("I6", ["a"]), ("I7", ["b"]),
    ]

    func compute(base: Int, run: Int, threshold: Double) -> Saturation.Result {
        Saturation.compute(interviews, base: base, run: run, threshold: threshold, order: .id, coders: ["AB"])
    }

    @Test func baseRunsAndTheFirstRunAtOrBelowTheThreshold() {
        let result = compute(base: 2, run: 2, threshold: 20)
        #expect(result.baseUnique == 4)
        #expect(result.interviews.map(\.cumulative) == [3, 4, 5, 5, 6, 6, 6])
        #expect(result.interviews.map(\.firstSeen) == [["a", "b", "c"], ["d"], ["e"], [], ["f"], [], []])
        #expect(result.runs.map(\.from) == [3, 4, 5, 6])
        #expect(result.runs.map(\.to) == [4, 5, 6, 7])
        #expect(result.runs.map(\.newCodes) == [1, 1, 1, 0])
        #expect(result.runs.map(\.ratio) == [25, 25, 25, 0])
        // The run I6+I7 starts after 5 interviews.
        #expect(result.saturationAt == 5)
        #expect(result.notation == "5+2")
        #expect(result.reason == nil)
    }

    @Test func theThresholdIsInclusive() {
        let result = compute(base: 2, run: 2, threshold: 25)
        #expect(result.saturationAt == 2)
        #expect(result.notation == "2+2")
        // Every run is still listed.
        #expect(result.runs.count == 4)
    }

    @Test func aLargerBaseChangesTheDenominator() {
        // Base I1..I3: a, b, c, d, e (5). Runs of one: I4 adds nothing (0%), so saturation at 3+1.
        let result = compute(base: 3, run: 1, threshold: 0)
        #expect(result.baseUnique == 5)
        #expect(result.runs.map(\.newCodes) == [0, 1, 0, 0])
        #expect(result.runs.map(\.ratio) == [0, 20, 0, 0])
        #expect(result.notation == "3+1")
    }

    @Test func reasonsWhenNotReached() {
        let short = compute(base: 4, run: 4, threshold: 5)
        #expect(short.saturationAt == nil && short.notation == nil)
        #expect(short.runs.isEmpty)
        #expect(short.reason?.hasPrefix("needs at least 8 coded interviews") == true)
        // Without I7 the runs add 25%, 25%, 25%: none reaches 20%.
        let never = Saturation.compute(
            Array(interviews.prefix(6)), base: 2, run: 2, threshold: 20, order: .id, coders: ["AB"])
        #expect(never.runs.map(\.ratio) == [25, 25, 25])
        #expect(never.saturationAt == nil)
        #expect(never.reason == "no run of 2 interviews added 20.0% or less new information")
        let empty = Saturation.compute(
            [("I1", []), ("I2", ["a"]), ("I3", [])], base: 1, run: 1, threshold: 50, order: .id, coders: [])
        #expect(empty.baseUnique == 0)
        #expect(empty.runs.isEmpty)
        #expect(empty.reason == "the base interviews have no codes")
    }

    @Test func aStudyIsReadInIdOrDateOrderOverCoveredInterviews() throws {
        let fixture = try analysisStudy()
        // Applied codes: P1 a.x.y, a.z; P2 a.x, a.x.y, b.w; P3 a.z, a.x (CD); P4 none; P5 not covered.
        let byID = try Saturation.run(
            fixture.study, scope: AnalysisScope(), base: 1, run: 1, threshold: 0, order: .id)
        #expect(byID.interviews.map(\.interview) == ["P1", "P2", "P3", "P4"])
        #expect(byID.baseUnique == 2)
        #expect(byID.interviews.map(\.cumulative) == [2, 4, 4, 4])
        #expect(byID.runs.map(\.newCodes) == [2, 0, 0])
        #expect(byID.runs.map(\.ratio) == [100, 0, 0])
        #expect(byID.notation == "2+1")

        let log = InterviewLog(fixture.study)
        for (id, day) in [("P4", "01"), ("P3", "02"), ("P2", "03"), ("P1", "04")] {
            _ = try log.update(id, changes: .init(date: CalendarDate("2023-05-\(day)")))
        }
        // P4 (nothing), P3 (a.z, a.x): base of 2 holds 2 codes; P2 adds a.x.y and b.w (100%), P1 nothing.
        let byDate = try Saturation.run(
            fixture.study, scope: AnalysisScope(), base: 2, run: 1, threshold: 0, order: .date)
        #expect(byDate.interviews.map(\.interview) == ["P4", "P3", "P2", "P1"])
        #expect(byDate.baseUnique == 2)
        #expect(byDate.runs.map(\.newCodes) == [2, 0])
        #expect(byDate.notation == "3+1")
    }
}
