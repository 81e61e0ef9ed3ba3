import Foundation

/// An outcome series read as statistical process control: the ``XmR`` analysis, said in words.
extension FindingsReport.OutcomeSeries {
    /// The measure's name with its group: "crisis admissions (ethnic minority)".
    public var title: String { measure + (group.map { " (\($0))" } ?? "") }

    /// An id for the chart's title and description elements: letters and digits of the title.
    var id: String {
        "spc-"
            + String(
                title.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    /// What the chart says, plainly, with the caveat that a signal shows change, not its cause.
    public var verdict: String {
        let caveat = "A signal shows that the process changed, not what changed it."
        guard !points.isEmpty else { return "\(title): no values." }
        guard analysis.limits else {
            return
                "\(title): too few points before the action to calculate process limits (\(analysis.baseline); at least \(XmR.minimumBaseline) are needed), so this is a run chart around the median and no signal is claimed yet."
        }
        func period(_ index: Int) -> String { points[index].period }
        func describe(_ signal: XmR.Signal) -> String {
            let count = signal.to - signal.from + 1
            switch signal.rule {
            case .outsideLimits:
                return
                    "a point \(signal.up ? "above the upper" : "below the lower") process limit (\(period(signal.from)))"
            case .shift:
                return
                    "a shift of \(count) points \(signal.up ? "above" : "below") the \(analysis.split == nil ? "" : "previous ")mean (\(period(signal.from)) to \(period(signal.to)))"
            case .trend:
                return
                    "a trend of \(count) points each \(signal.up ? "higher" : "lower") than the one before (\(period(signal.from)) to \(period(signal.to)))"
            case .twoOfThree:
                return
                    "two of three points close to the \(signal.up ? "upper" : "lower") limit (\(period(signal.from)) to \(period(signal.to)))"
            }
        }
        let split = analysis.split ?? 0
        let after = analysis.signals.filter { $0.to >= split }
        let before = analysis.split == nil ? [] : analysis.signals.filter { $0.to < split }
        var text: String
        if let lead = after.first(where: { $0.rule == .shift }) ?? after.first(where: { $0.rule == .trend })
            ?? after.first
        {
            let kind =
                switch lead.direction {
                case .improvement: "special-cause improvement"
                case .concern: "special-cause concern"
                case .neutral: "special-cause variation"
                }
            text = "\(title): \(kind) since \(period(lead.from)), \(describe(lead))."
            let outside = after.filter { $0.rule == .outsideLimits }.count
            if lead.rule != .outsideLimits && outside > 0 {
                text += " \(outside) point\(outside == 1 ? " is" : "s are") outside the process limits."
            }
        } else {
            text =
                "\(title): no signal \(analysis.split == nil ? "" : "since the action ")yet: common-cause variation."
        }
        if let first = before.first {
            text += " Before the action there was already \(describe(first))."
        }
        return text + " " + caveat
    }

    /// The analysis as JSON: the contract `outcome show --format json` and the report share.
    public var spcJSON: JSON {
        .object([
            ("measure", .string(measure)), ("group", .string(group)), ("unit", .string(unit)),
            ("better", .string(better.rawValue)),
            ("chart", .string(analysis.limits ? "xmr" : "run")),
            (
                "periods",
                .array(
                    analysis.periods.map { p in
                        .object([
                            ("from", .string(points[p.from].period)), ("to", .string(points[p.to].period)),
                            ("mean", .double(p.mean)), ("lower_limit", .number(p.lowerLimit)),
                            ("upper_limit", .number(p.upperLimit)),
                        ])
                    })
            ),
            (
                "signals",
                .array(
                    analysis.signals.map { s in
                        .object([
                            ("rule", .string(s.rule.rawValue)), ("from", .string(points[s.from].period)),
                            ("to", .string(points[s.to].period)), ("direction", .string(s.direction.rawValue)),
                        ])
                    })
            ),
            ("verdict", .string(verdict)),
        ])
    }
}
