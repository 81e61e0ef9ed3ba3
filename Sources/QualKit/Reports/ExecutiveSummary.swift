import Foundation

/// The executive summary, written from the report's own figures: the leading themes, the largest
/// difference between subgroups large enough to publish, and what each action's outcome shows.
extension FindingsReport {
    /// The largest difference in one theme's share between two published subgroups of one attribute.
    public struct LargestDifference: Sendable, Equatable {
        public let attribute: String
        public let theme: String
        public let high: (value: String, participants: Int, total: Int, percent: Double)
        public let low: (value: String, participants: Int, total: Int, percent: Double)
        public var points: Double { high.percent - low.percent }
        public static func == (a: Self, b: Self) -> Bool {
            a.attribute == b.attribute && a.theme == b.theme && a.high.value == b.high.value
                && a.low.value == b.low.value
        }
    }

    /// The top-level themes the summary leads with (at most three, most participants first).
    public var leadingThemes: [Tally.Theme] {
        Array(
            themes.filter { ThemeHierarchy.level($0.code, among: themes) == 0 }
                .sorted { ($0.participants, $1.code) > ($1.participants, $0.code) }.prefix(3))
    }

    /// Among groups that reach the small-numbers threshold (never the pooled "other" group) and
    /// cells whose counts are not suppressed, the theme and pair of groups furthest apart.
    public var largestDifference: LargestDifference? {
        let small = options.smallNumbers
        var best: LargestDifference?
        for table in published {
            let groups = table.groups.filter {
                $0.value != SmallNumbers.PublishedGroups.other
                    && (small.showSmall || $0.participantsTotal >= small.minimum)
                    && $0.value != Tally.notRecorded
            }
            for theme in themes {
                let cells = groups.compactMap { group -> (String, Int, Int, Double)? in
                    let people = group.themes.first { $0.code == theme.code }?.participants ?? 0
                    guard !small.suppresses(people) else { return nil }
                    return (
                        group.value, people, group.participantsTotal, Tally.percent(people, of: group.participantsTotal)
                    )
                }
                guard cells.count >= 2, let high = cells.max(by: { $0.3 < $1.3 }),
                    let low = cells.min(by: { $0.3 < $1.3 }), high.3 > low.3
                else { continue }
                let candidate = LargestDifference(
                    attribute: table.by, theme: theme.code, high: (high.0, high.1, high.2, high.3),
                    low: (low.0, low.1, low.2, low.3))
                if candidate.points > (best?.points ?? 0) { best = candidate }
            }
        }
        return best
    }

    /// The executive summary as sentences, the same in every format.
    public var executiveSummary: [String] {
        let small = options.smallNumbers
        let total = small.count(tally.participantsTotal)
        var sentences: [String] = []
        let kind = options.kind ?? "coded"
        if tally.participantsTotal == 0 {
            sentences.append("No transcript has been coded yet, so there are no findings to summarise.")
        } else {
            sentences.append(
                "We heard from \(people(summary.participants)) in \(summary.interviews) interview\(summary.interviews == 1 ? "" : "s") (\(summary.dateRange)); \(people(tally.participantsTotal)) had a coded transcript."
            )
            let leading = leadingThemes.map { "\($0.name) (\(small.count($0.participants)) of \(total))" }
            if !leading.isEmpty {
                sentences.append(
                    "The \(kind) themes raised by most people were \(Self.list(leading)).")
            }
        }
        if let difference = largestDifference, let theme = themes.first(where: { $0.code == difference.theme }) {
            let label = labels.label(difference.attribute)
            sentences.append(
                "The largest difference between subgroups (each of at least \(small.minimum) people) was in “\(theme.name)” by \(label): \(difference.high.participants) of \(difference.high.total) (\(String(format: "%.0f", difference.high.percent))%) for \(difference.high.value) against \(difference.low.participants) of \(difference.low.total) (\(String(format: "%.0f", difference.low.percent))%) for \(difference.low.value)."
            )
        } else if !published.isEmpty {
            sentences.append(
                "No difference between subgroups can be reported: too few groups, or counts too small to publish.")
        }
        for action in actions {
            let measured = outcomes.filter { $0.action?.id == action.id }
            let state =
                action.status == .done
                ? "done \(action.doneOn?.description ?? "")".trimmingSpaces()
                : action.status.rawValue.replacingOccurrences(of: "-", with: " ")
            if measured.isEmpty {
                sentences.append("\(action.change) (\(state)): no outcome measure is linked to it yet.")
            } else {
                // Each reading starts a sentence, and a measure's name ("programme completion") may not.
                let readings = measured.map { series in
                    let verdict = series.verdict.replacingOccurrences(
                        of: " A signal shows that the process changed, not what changed it.", with: "")
                    return verdict.prefix(1).uppercased() + verdict.dropFirst()
                }
                sentences.append("\(action.change) (\(state)). " + readings.joined(separator: " "))
            }
        }
        if outcomes.contains(where: { $0.action != nil }) {
            sentences.append("A signal on a chart shows that the process changed, not what changed it.")
        }
        return sentences
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
