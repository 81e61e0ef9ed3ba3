import Foundation
import Testing

@testable import QualKit

/// ``XmR`` on hand-computed series.
@Suite struct XmRTests {
    /// Mean 11, every moving range 2: limits 11 ± 2.66 × 2 = 5.68 and 16.32; two thirds of the
    /// way to a limit is 11 ± 3.5467 (7.4533 and 14.5467). It crosses the mean at every point.
    let baseline: [Double] = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10]

    func rules(_ analysis: XmR.Analysis) -> [String] {
        analysis.signals.map { "\($0.rule.rawValue) \($0.from)-\($0.to) \($0.direction.rawValue)" }
    }

    @Test func limitsAreTheMeanPlusOrMinus266MeanMovingRanges() throws {
        let values: [Double] = [10, 12, 11, 13, 12, 10, 11, 12, 13, 11, 12, 10]
        // Mean 137 / 12; moving ranges 2,1,2,1,2,1,1,1,2,1,2: mean 16 / 11.
        let analysis = XmR.analyse(values, split: nil, better: .higher)
        let period = try #require(analysis.periods.first)
        #expect(analysis.limits && analysis.periods.count == 1)
        #expect(abs(period.mean - 137.0 / 12) < 1e-9)
        let mean: Double = 137.0 / 12
        let spread: Double = 2.66 * 16.0 / 11.0
        let upper: Double = try #require(period.upperLimit)
        let lower: Double = try #require(period.lowerLimit)
        #expect(abs(upper - (mean + spread)) < 1e-9)
        #expect(abs(lower - (mean - spread)) < 1e-9)
        #expect(analysis.signals.isEmpty)
    }

    @Test func aSeriesCrossingTheMeanHasNoSignal() {
        let analysis = XmR.analyse(baseline, split: nil, better: .higher)
        #expect(analysis.periods.first?.mean == 11)
        #expect(analysis.periods.first?.upperLimit.map { abs($0 - 16.32) < 1e-9 } == true)
        #expect(analysis.signals.isEmpty)
    }

    @Test func aPointOutsideTheLimitsByDirection() {
        let higher = XmR.analyse(baseline + [17], split: 12, better: .higher)
        #expect(rules(higher) == ["outside_limits 12-12 improvement"])
        #expect(rules(XmR.analyse(baseline + [17], split: 12, better: .lower)) == ["outside_limits 12-12 concern"])
        #expect(rules(XmR.analyse(baseline + [5], split: 12, better: .lower)) == ["outside_limits 12-12 improvement"])
        #expect(rules(XmR.analyse(baseline + [5], split: 12, better: .neither)) == ["outside_limits 12-12 neutral"])
        // No shift or trend after the action: no rebased period.
        #expect(higher.periods.count == 1)
    }

    @Test func aShiftIsSevenPointsOnOneSideAndIsRebased() throws {
        let shift = XmR.analyse(baseline + Array(repeating: 12, count: 7), split: 12, better: .lower)
        #expect(rules(shift) == ["shift 12-18 concern"])
        #expect(shift.periods.count == 2)
        let rebased = try #require(shift.periods.last)
        #expect(rebased.from == 12 && rebased.to == 18 && rebased.mean == 12)
        #expect(rebased.lowerLimit == 12 && rebased.upperLimit == 12)
        #expect(shift.periods.first?.to == 11 && shift.periods.first?.mean == 11)
        // Six are not enough; a point on the mean breaks the run.
        #expect(XmR.analyse(baseline + Array(repeating: 12, count: 6), split: 12, better: .lower).signals.isEmpty)
        #expect(XmR.analyse(baseline + [12, 12, 12, 11, 12, 12, 12], split: 12, better: .lower).signals.isEmpty)
    }

    @Test func aTrendIsSevenPointsEachHigherOrLower() {
        // 10 (the last baseline point) then six rises: a trend of 7 from index 11; all seven
        // after the action are above the mean too.
        let rising = XmR.analyse(baseline + [11.5, 12, 12.5, 13, 13.5, 14], split: 12, better: .higher)
        #expect(rules(rising) == ["trend 11-17 improvement"])
        #expect(rising.periods.count == 2)
        // An equal neighbour breaks a trend.
        let flat = XmR.analyse(baseline + [11.5, 12, 12, 12.5, 13, 13.5], split: 12, better: .higher)
        #expect(flat.signals.isEmpty)
        // Falling, for a measure where lower is better: from the baseline's last 12 (index 10)
        // eight points each lower; from its last 10 (index 11), seven below the mean.
        let falling = XmR.analyse(baseline + [9.8, 9.6, 9.4, 9.2, 9, 8.8], split: 12, better: .lower)
        #expect(rules(falling) == ["trend 10-17 improvement", "shift 11-17 improvement"])
    }

    @Test func twoOfThreeBeyondTwoThirdsOnTheSameSide() {
        #expect(
            rules(XmR.analyse(baseline + [15, 10, 15], split: 12, better: .higher)) == [
                "two_of_three 12-14 improvement"
            ])
        // One each side is not a signal.
        #expect(XmR.analyse(baseline + [15, 7, 11], split: 12, better: .higher).signals.isEmpty)
    }

    @Test func tooFewBaselinePointsGiveARunChartWithTheMedian() throws {
        let analysis = XmR.analyse([3, 1, 2, 4, 9, 9, 9, 9, 9, 9, 9], split: 4, better: .higher)
        #expect(!analysis.limits && analysis.baseline == 4)
        let period = try #require(analysis.periods.first)
        #expect(period.mean == 2.5 && period.lowerLimit == nil && period.upperLimit == nil)
        #expect(analysis.signals.isEmpty)
        #expect(XmR.analyse([5], split: nil, better: .higher).periods.first?.mean == 5)
        #expect(XmR.analyse([], split: nil, better: .higher).periods.isEmpty)
    }
}
