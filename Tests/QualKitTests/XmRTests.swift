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
        // The baseline's mean and limits still span the whole series.
        #expect(shift.periods.first?.from == 0 && shift.periods.first?.to == 18 && shift.periods.first?.mean == 11)
        // Six are not enough; a point on the mean breaks the run.
        #expect(XmR.analyse(baseline + Array(repeating: 12, count: 6), split: 12, better: .lower).signals.isEmpty)
        #expect(XmR.analyse(baseline + [12, 12, 12, 11, 12, 12, 12], split: 12, better: .lower).signals.isEmpty)
    }

    @Test func aTrendIsSevenPointsEachHigherOrLower() {
        // 10 (the last baseline point) then six rises: a trend of 7 from index 11, but only six of
        // its points are after the action, so the points after it hold no trend of their own and
        // nothing is rebased.
        let rising = XmR.analyse(baseline + [11.5, 12, 12.5, 13, 13.5, 14], split: 12, better: .higher)
        #expect(rules(rising) == ["trend 11-17 improvement"])
        #expect(rising.periods.count == 1)
        // One more rise: seven after the action, each higher and all above the mean 11 (the
        // largest, 14.5, stays under two thirds of the way to the limit, 14.5467).
        let longer = XmR.analyse(baseline + [11.5, 12, 12.5, 13, 13.5, 14, 14.5], split: 12, better: .higher)
        #expect(rules(longer) == ["trend 11-18 improvement", "shift 12-18 improvement"])
        #expect(longer.periods.count == 2)
        // Rebased on the seven points after the action: mean 13, every moving range 0.5, so
        // limits 13 ± 1.33.
        #expect(longer.periods.last.map { ($0.from, $0.to, $0.mean) } ?? (0, 0, 0) == (12, 18, 13))
        #expect(longer.periods.last?.upperLimit.map { abs($0 - 14.33) < 1e-9 } == true)
        #expect(longer.periods.last?.lowerLimit.map { abs($0 - 11.67) < 1e-9 } == true)
        // An equal neighbour breaks a trend.
        let flat = XmR.analyse(baseline + [11.5, 12, 12, 12.5, 13, 13.5], split: 12, better: .higher)
        #expect(flat.signals.isEmpty)
        // Falling, for a measure where lower is better: from the baseline's last 12 (index 10)
        // eight points each lower; from its last 10 (index 11), seven below the mean.
        let falling = XmR.analyse(baseline + [9.8, 9.6, 9.4, 9.2, 9, 8.8], split: 12, better: .lower)
        #expect(rules(falling) == ["trend 10-17 improvement", "shift 11-17 improvement"])
    }

    @Test func twoOfThreeBeyondTwoThirdsOnTheSameSide() {
        // 15 and 15 are beyond 14.5467 (two thirds of the way to 16.32); 12 is above the mean too.
        #expect(
            rules(XmR.analyse(baseline + [15, 12, 15], split: 12, better: .higher)) == [
                "two_of_three 12-14 improvement"
            ])
        // As NHSRplotthedots counts them, all three points must be on the limit's side of the mean:
        // 15, 10, 15 crosses it, so it is no signal.
        #expect(XmR.analyse(baseline + [15, 10, 15], split: 12, better: .higher).signals.isEmpty)
        // One each side is not a signal.
        #expect(XmR.analyse(baseline + [15, 7, 11], split: 12, better: .higher).signals.isEmpty)
        // A point outside the limits is its own signal and does not count towards two of three.
        #expect(
            rules(XmR.analyse(baseline + [17, 15, 12], split: 12, better: .higher)) == [
                "outside_limits 12-12 improvement"
            ])
        // Below: 7 and 7 are under 7.4533; 10 is below the mean 11.
        #expect(
            rules(XmR.analyse(baseline + [7, 10, 7], split: 12, better: .lower)) == ["two_of_three 12-14 improvement"])
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
