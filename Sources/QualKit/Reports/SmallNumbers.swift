/// Statistical disclosure control for the findings report: the small-numbers rule.
///
/// Follows the NHS small-numbers practice (NHS England and NHS Digital's disclosure control
/// guidance, the ONS disclosure control guidance for tables): a count of people from 1 to
/// `minimum - 1` is never published as a number or a percentage, and a group smaller than
/// `minimum` is never broken out. Zero is published: it says nothing about any one person.
/// The working analyses (`tally`, `tally --by`) are not published and keep showing small groups,
/// flagged; only the report, which leaves the team, applies this rule.
public struct SmallNumbers: Sendable, Equatable {
    /// The default threshold: counts under 5 are suppressed.
    public static let defaultMinimum = 5
    /// What a report with small numbers shown says at its top.
    public static let banner = "NOT FOR PUBLICATION: contains small numbers"

    /// The smallest count or group size that is published.
    public let minimum: Int
    /// `--show-small`: nothing suppressed, and the report marked not for publication.
    public let showSmall: Bool

    public init(minimum: Int = SmallNumbers.defaultMinimum, showSmall: Bool = false) {
        self.minimum = max(1, minimum)
        self.showSmall = showSmall
    }

    /// Whether `count` people may not be published.
    public func suppresses(_ count: Int) -> Bool { !showSmall && count > 0 && count < minimum }

    /// The words shown instead of a suppressed count.
    public var fewer: String { "fewer than \(minimum)" }

    /// `count` as published: the number, or "fewer than 5".
    public func count(_ count: Int) -> String { suppresses(count) ? fewer : String(count) }

    /// "12 (40.0%)", or "fewer than 5" with no percentage.
    public func countAndPercent(_ count: Int, _ percent: Double) -> String {
        suppresses(count) ? fewer : "\(count) (\(String(format: "%.1f", percent))%)"
    }

    /// A count in JSON: the number, or the string "fewer than 5".
    func jsonCount(_ count: Int) -> JSON { suppresses(count) ? .string(fewer) : .int(count) }

    /// A percentage in JSON: null when its count is suppressed.
    func jsonPercent(_ percent: Double, of count: Int) -> JSON { suppresses(count) ? .null : .double(percent) }

    /// One `--by` table as published: groups that reach the threshold; the rest pooled into one
    /// "other" group when the pool reaches it, else left out.
    public struct PublishedGroups: Sendable {
        public let by: String
        public let groups: [Tally.Group]
        /// Groups pooled into ``other`` (0 when there is none).
        public let pooled: Int
        /// Groups left out because even pooled they fall under the threshold.
        public let leftOut: Int
        /// The name of the pooled group.
        public static let other = "Other groups combined"
    }

    /// The groups of `grouped` that may be published, group values redacted.
    ///
    /// Groups partition the participants, so the pooled group's count for a theme is the sum of its
    /// members' counts.
    public func publish(_ grouped: Tally.GroupedResult, redactor: Redactor) -> PublishedGroups {
        let redacted = grouped.groups.map {
            Tally.Group(
                value: redactor.redact($0.value), participantsTotal: $0.participantsTotal, small: $0.small,
                themes: $0.themes)
        }
        guard !showSmall else { return PublishedGroups(by: grouped.by, groups: redacted, pooled: 0, leftOut: 0) }
        let large = redacted.filter { $0.participantsTotal >= minimum }
        let small = redacted.filter { $0.participantsTotal < minimum && $0.participantsTotal > 0 }
        let pooledTotal = small.map(\.participantsTotal).reduce(0, +)
        guard !small.isEmpty, pooledTotal >= minimum else {
            return PublishedGroups(by: grouped.by, groups: large, pooled: 0, leftOut: small.count)
        }
        let codes = small[0].themes.map(\.code)
        let themes = codes.map { code in
            let members = small.compactMap { $0.themes.first { $0.code == code } }
            let first = members[0]
            let people = members.map(\.participants).reduce(0, +)
            return Tally.Theme(
                code: code, kind: first.kind, name: first.name, excerpts: members.map(\.excerpts).reduce(0, +),
                participants: people, percent: Tally.percent(people, of: pooledTotal),
                transcripts: members.map(\.transcripts).reduce(0, +))
        }
        .sorted { ($0.participants, $1.code) > ($1.participants, $0.code) }
        let other = Tally.Group(
            value: PublishedGroups.other, participantsTotal: pooledTotal, small: false, themes: themes)
        return PublishedGroups(by: grouped.by, groups: large + [other], pooled: small.count, leftOut: 0)
    }

    /// The sentence under a table from which groups were pooled or left out ("" when none).
    public func note(_ published: PublishedGroups) -> String {
        if showSmall { return "Small numbers are shown: this table is not for publication." }
        var parts: [String] = []
        if published.pooled > 0 {
            parts.append(
                "\(published.pooled) groups with fewer than \(minimum) participants each are combined as “\(PublishedGroups.other)”."
            )
        }
        if published.leftOut > 0 {
            parts.append(
                "\(published.leftOut) group\(published.leftOut == 1 ? "" : "s") with fewer than \(minimum) participants (fewer than \(minimum) even combined) \(published.leftOut == 1 ? "is" : "are") left out."
            )
        }
        if parts.isEmpty { return "" }
        return parts.joined(separator: " ") + " Counts under \(minimum) are shown as “\(fewer)”."
    }
}
