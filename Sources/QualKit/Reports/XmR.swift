/// Statistical process control for an outcome measure: an XmR (individuals and moving range)
/// chart, read as NHS England's "Making Data Count" and the NHS-R community's NHSRplotthedots do.
///
/// - The **baseline** is the points before the linked action's done date (the whole series when
///   there is no action). Its mean and process limits, mean ± 2.66 × the mean moving range, are
///   drawn across the whole series, and every point is judged against them.
/// - **Signals**: a point outside the limits; a **shift**, 7 or more consecutive points on one side
///   of the mean (a point on the mean breaks the run); a **trend**, 7 or more consecutive points
///   each higher (or each lower) than the one before (an equal neighbour breaks it); **two of
///   three** consecutive points beyond two thirds of the way from the mean to a limit, on the same
///   side, all three on that side of the mean and the two not outside the limits (as NHSRplotthedots
///   counts them). Each is improvement or concern by the measure's direction, neutral when it has none.
/// - When the points after the action hold a shift or a trend (at least ``runLength`` of its points
///   after the action), a second, **rebased** period is added: its mean and limits recalculated from
///   those points, as NHSRplotthedots' rebase does. The baseline period still spans the whole series.
/// - With fewer than ``minimumBaseline`` baseline points the limits are too unstable to judge
///   (Making Data Count advises against limits on very few points): the chart is a **run chart**
///   with the median, and no signal is claimed.
///
/// A signal shows that the process changed, not what changed it.
public enum XmR {
    /// The fewest baseline points from which limits are calculated.
    public static let minimumBaseline = 12
    /// The run length of a shift and of a trend.
    public static let runLength = 7
    /// The constant turning the mean moving range into 3-sigma limits.
    public static let limitFactor = 2.66

    public enum Better: String, Sendable, CaseIterable { case higher, lower, neither }
    public enum Rule: String, Sendable {
        case outsideLimits = "outside_limits", shift, trend, twoOfThree = "two_of_three"
    }
    public enum Direction: String, Sendable { case improvement, concern, neutral }

    /// One stretch of the series with its centre line and limits (nil for a run chart).
    public struct Period: Sendable, Equatable {
        public let from: Int
        public let to: Int
        /// The mean (or, for a run chart, the median).
        public let mean: Double
        public let lowerLimit: Double?
        public let upperLimit: Double?
    }

    /// A signal over the points `from...to` (indices into the series).
    public struct Signal: Sendable, Equatable {
        public let rule: Rule
        public let from: Int
        public let to: Int
        public let direction: Direction
        /// Whether the signal lies above the mean (or rises).
        public let up: Bool
    }

    public struct Analysis: Sendable, Equatable {
        /// Index of the first point after the action (nil: no action, or none after it).
        public let split: Int?
        /// Baseline points.
        public let baseline: Int
        /// False below ``minimumBaseline``: a run chart with the median.
        public let limits: Bool
        public let periods: [Period]
        public let signals: [Signal]
    }

    static func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

    static func median(_ values: ArraySlice<Double>) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Mean and limits of `values`: mean ± 2.66 × mean moving range.
    static func limits(_ values: ArraySlice<Double>, from: Int, to: Int) -> Period {
        let centre = mean(values)
        let ranges = zip(values.dropFirst(), values).map { abs($0 - $1) }
        let spread = ranges.isEmpty ? 0 : ranges.reduce(0, +) / Double(ranges.count)
        return Period(
            from: from, to: to, mean: centre, lowerLimit: centre - limitFactor * spread,
            upperLimit: centre + limitFactor * spread)
    }

    /// The analysis of `values` (in time order); `split` is the index of the first point on or after
    /// the action's done date, nil when there is no action.
    public static func analyse(_ values: [Double], split: Int?, better: Better) -> Analysis {
        guard !values.isEmpty else { return Analysis(split: nil, baseline: 0, limits: false, periods: [], signals: []) }
        let cut = split.flatMap { $0 > 0 && $0 < values.count ? $0 : nil }
        let baselineCount = cut ?? values.count
        let last = values.count - 1
        guard baselineCount >= minimumBaseline else {
            let centre = median(values[0..<baselineCount])
            return Analysis(
                split: cut, baseline: baselineCount, limits: false,
                periods: [Period(from: 0, to: last, mean: centre, lowerLimit: nil, upperLimit: nil)], signals: [])
        }
        let base = limits(values[0..<baselineCount], from: 0, to: last)
        let signals = detect(values, against: base, better: better)
        // The baseline stays drawn over the whole series; a rebased period is added beside it only
        // when the points after the action, on their own, hold a shift or a trend (a run that
        // merely ends just after the action is the old process).
        var periods = [base]
        if let cut,
            signals.contains(where: {
                ($0.rule == .shift || $0.rule == .trend) && $0.to - max($0.from, cut) + 1 >= runLength
            })
        {
            periods.append(limits(values[cut...], from: cut, to: last))
        }
        return Analysis(split: cut, baseline: baselineCount, limits: true, periods: periods, signals: signals)
    }

    static func direction(up: Bool, _ better: Better) -> Direction {
        switch better {
        case .neither: return .neutral
        case .higher: return up ? .improvement : .concern
        case .lower: return up ? .concern : .improvement
        }
    }

    /// Every signal of `values` against the period's mean and limits, in order of their first point.
    static func detect(_ values: [Double], against period: Period, better: Better) -> [Signal] {
        var signals: [Signal] = []
        func add(_ rule: Rule, _ from: Int, _ to: Int, up: Bool) {
            signals.append(Signal(rule: rule, from: from, to: to, direction: direction(up: up, better), up: up))
        }
        let centre = period.mean
        if let lower = period.lowerLimit, let upper = period.upperLimit {
            for (index, value) in values.enumerated() where value > upper || value < lower {
                add(.outsideLimits, index, index, up: value > upper)
            }
            // Two of three, as NHSRplotthedots counts them: a window of three consecutive points all
            // on one side of the mean, at least two of them beyond two thirds of the way to the limit
            // but not outside it (a point outside is its own signal). Overlapping windows on the same
            // side are one signal, over all their points beyond.
            let high = centre + (upper - centre) * 2 / 3
            let low = centre - (centre - lower) * 2 / 3
            func close(_ index: Int, up: Bool) -> Bool {
                up ? values[index] > high && values[index] <= upper : values[index] < low && values[index] >= lower
            }
            var open: [Bool: Int] = [:]
            if values.count >= 3 {
                for start in 0...(values.count - 3) {
                    for up in [true, false] where upper > lower {
                        let window = start..<start + 3
                        guard window.allSatisfy({ sign(values[$0] - centre) == (up ? 1 : -1) }) else { continue }
                        let beyond = window.filter { close($0, up: up) }
                        guard beyond.count >= 2 else { continue }
                        if let index = open[up], signals[index].to >= beyond.first! {
                            let merged = signals[index]
                            signals[index] = Signal(
                                rule: .twoOfThree, from: merged.from, to: max(merged.to, beyond.last!),
                                direction: merged.direction, up: up)
                        } else {
                            add(.twoOfThree, beyond.first!, beyond.last!, up: up)
                            open[up] = signals.count - 1
                        }
                    }
                }
            }
        }
        // Shift: runs of points strictly on one side of the mean.
        var runStart = 0
        for index in 0...values.count {
            let side = index < values.count ? sign(values[index] - centre) : 0
            let startSide = runStart < values.count ? sign(values[runStart] - centre) : 0
            if index == values.count || side != startSide || side == 0 {
                if startSide != 0, index - runStart >= runLength { add(.shift, runStart, index - 1, up: startSide > 0) }
                runStart = index
            }
        }
        // Trend: runs of strict increases (or decreases) between neighbours.
        var trendStart = 0
        var trendUp: Bool?
        for index in 1...values.count {
            let step: Bool? =
                index < values.count
                ? (values[index] > values[index - 1] ? true : values[index] < values[index - 1] ? false : nil) : nil
            if step == nil || step != trendUp {
                if let up = trendUp, index - trendStart >= runLength { add(.trend, trendStart, index - 1, up: up) }
                trendStart = index - 1
                trendUp = step
            }
        }
        return signals.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    static func sign(_ value: Double) -> Int { value > 0 ? 1 : value < 0 ? -1 : 0 }
}
