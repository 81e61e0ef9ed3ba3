import Foundation

/// Everything the findings report shows, computed once and written as HTML, Markdown, JSON or CSV,
/// so every format carries the same numbers (the same ones `qualkit tally` prints).
public struct FindingsReport: Sendable {
    public struct Options: Sendable {
        public var by: [String] = []
        public var quotesPerTheme = 3
        public var kind: String? = "barrier"
        public var coders: [String]?
        /// Participant attributes shown beside each quote (default: the --by attributes).
        public var attributes: [String]?
        public init() {}
    }

    public struct Summary: Sendable {
        public let title: String
        public let protocolVersions: [String]
        public let interviews: Int
        public let participants: Int
        public let firstDate: String?
        public let lastDate: String?
        /// (language, interviews), most first.
        public let languages: [(String, Int)]
        /// Interviews with a known interviewer, and how many of those shared a language / a community.
        public let withInterviewer: Int
        public let sharedLanguage: Int
        public let sameCommunity: Int
    }

    public struct Quote: Sendable, Equatable {
        public let participant: String
        public let code: String
        /// Redacted.
        public let text: String
        public let attributes: [(String, String)]
        public static func == (a: Quote, b: Quote) -> Bool {
            a.participant == b.participant && a.code == b.code && a.text == b.text
        }
        /// "TC-014, 18-24, multi-generational".
        public var attribution: String { ([participant] + attributes.map(\.1)).joined(separator: ", ") }
    }

    /// An outcome series (one measure and group) read against an action's done date.
    public struct OutcomeSeries: Sendable {
        public let measure: String
        public let group: String?
        public let unit: String?
        public let action: ServiceAction?
        public let points: [Outcome]
        public let before: Double?
        public let after: Double?
    }

    public let options: Options
    public let summary: Summary
    public let tally: Tally.Result
    /// The ranked themes shown (the kind's root code left out: it would always lead).
    public let themes: [Tally.Theme]
    public let groups: [Tally.GroupedResult]
    public let quotes: [String: [Quote]]
    public let saturation: Saturation.Result
    public let agreement: Agreement.Result?
    public let actions: [ServiceAction]
    public let outcomes: [OutcomeSeries]
    public let redactionTerms: Int
    public let generatedAt: String

    /// Computes everything the findings report shows, once, for every output format.
    ///
    /// Prevalence and subgroups come from ``Tally``, saturation from ``Saturation``, agreement from
    /// ``Agreement``, all with the same scope (`options.kind`, `options.coders`). Quotes come only from
    /// participants who consented to quotes and are redacted with the study's ``RedactionList``.
    /// Actions and outcomes come from the service-change log.
    ///
    /// - Throws: ``CodingError`` or ``AnalysisError`` for an unknown coder, kind or attribute.
    public static func build(_ study: Study, options: Options) throws -> FindingsReport {
        let scope = AnalysisScope(coders: options.coders, kind: options.kind)
        let tally = try Tally.run(study, scope: scope)
        let themes = tally.themes.filter { $0.code.contains(".") && $0.participants > 0 }
        let groups = try options.by.map { try Tally.run(study, scope: scope, by: PersonFields.normalizedKey($0)) }
        let findings = FindingsStore(study)
        let redactor = try RedactionList(study).redactor()
        let quotes = try selectQuotes(
            study, themes: themes.map(\.code), perTheme: options.quotesPerTheme,
            coders: tally.coders, attributes: options.attributes ?? options.by.map(PersonFields.normalizedKey),
            redactor: redactor)
        let saturation = try Saturation.run(
            study, scope: AnalysisScope(coders: options.coders), base: 4, run: 2, threshold: 5, order: .date)
        let activeCoders = Set(try CodingStore(study).coverage().map(\.coder)).filter {
            options.coders?.contains($0) ?? true
        }
        let agreement =
            activeCoders.count >= 2
            ? try Agreement.run(
                study, coders: activeCoders.sorted(),
                codePrefix: options.kind.flatMap { kind in
                    themes.contains { $0.code.hasPrefix(kind + ".") } ? kind : nil
                },
                allSegments: false)
            : nil
        let actions = try findings.actions()
        return FindingsReport(
            options: options, summary: try summary(study), tally: tally, themes: themes, groups: groups, quotes: quotes,
            saturation: saturation, agreement: agreement, actions: actions,
            outcomes: series(try findings.outcomes(), actions: actions),
            redactionTerms: try RedactionList(study).terms().count,
            generatedAt: Clock.nowTimestamp())
    }

    static func summary(_ study: Study) throws -> Summary {
        let interviews = try InterviewStore(study).interviews().filter { $0.status == .done }
        let people = PeopleStore(study)
        let participants = Dictionary(uniqueKeysWithValues: try people.participants().map { ($0.id, $0) })
        let interviewers = Dictionary(uniqueKeysWithValues: try people.interviewers().map { ($0.id, $0) })
        var languages: [String: Int] = [:]
        var withInterviewer = 0
        var sharedLanguage = 0
        var sameCommunity = 0
        for interview in interviews {
            languages[interview.language ?? "not recorded", default: 0] += 1
            guard let iv = interview.interviewer.flatMap({ interviewers[$0] }),
                let p = participants[interview.participant]
            else { continue }
            withInterviewer += 1
            let spoken = Set(iv.languages.map(LanguageSets.primary))
            let held = interview.language.map(LanguageSets.primary)
            if held.map(spoken.contains) ?? !spoken.isDisjoint(with: p.languages.map(LanguageSets.primary)) {
                sharedLanguage += 1
            }
            if Matcher.sameCommunity(p, iv) { sameCommunity += 1 }
        }
        let dates = interviews.compactMap { $0.date?.description }.sorted()
        return Summary(
            title: try study.title(), protocolVersions: Array(Set(interviews.compactMap(\.protocolReference))).sorted(),
            interviews: interviews.count, participants: Set(interviews.map(\.participant)).count,
            firstDate: dates.first,
            lastDate: dates.last, languages: languages.sorted { ($0.value, $1.key) > ($1.value, $0.key) },
            withInterviewer: withInterviewer, sharedLanguage: sharedLanguage, sameCommunity: sameCommunity)
    }

    /// Up to `perTheme` quotes per theme, only from participants who consented to quotes, from
    /// participant turns, redacted, spread across participants: one per participant per theme, and
    /// people not yet quoted in the report first.
    /// What makes two quotes "the same words": case, runs of white space (a cue's line break),
    /// punctuation and curly or straight quotes do not count.
    static func sameWordsKey(_ text: String) -> String {
        var key = ""
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar)
                || CharacterSet.punctuationCharacters.contains(scalar)
                || "\u{2018}\u{2019}\u{201C}\u{201D}'\"`".unicodeScalars.contains(scalar)
            {
                pendingSpace = !key.isEmpty
                continue
            }
            if pendingSpace { key.append(" ") }
            pendingSpace = false
            key.unicodeScalars.append(scalar)
        }
        return key
    }

    static func selectQuotes(
        _ study: Study, themes: [String], perTheme: Int, coders: [String], attributes: [String],
        redactor: Redactor
    ) throws -> [String: [Quote]] {
        guard perTheme > 0 else { return [:] }
        let consenting = Dictionary(
            uniqueKeysWithValues: try PeopleStore(study).participants()
                .filter(\.consent.quotes).map { ($0.id, $0) })
        // Without consent to quote there is nothing to choose from: skip the pass over the codings.
        guard !consenting.isEmpty else { return Dictionary(uniqueKeysWithValues: themes.map { ($0, []) }) }
        let segments = TranscriptStore(study)
        var quoted: Set<String> = []
        var result: [String: [Quote]] = [:]
        // One pass over the codings for every theme: a coding counts for its own code and each
        // ancestor that is a theme (reading them per theme re-read every child under each parent).
        let themeSet = Set(themes)
        var codersOnByTheme: [String: [String: Set<String>]] = [:]
        var textsByTheme: [String: [String: (participant: String, text: String)]] = [:]
        var roles: [String: Segment.Role] = [:]
        try CodingStore(study).forEachCoding { coding in
            guard coders.contains(coding.coder), consenting[coding.participant] != nil else { return }
            var owners: [String] = []
            var path = Substring(coding.code)
            while true {
                if themeSet.contains(String(path)) { owners.append(String(path)) }
                guard let dot = path.lastIndex(of: ".") else { break }
                path = path[..<dot]
            }
            guard !owners.isEmpty else { return }
            let key = "\(coding.transcript)\u{0}\(coding.segment)"
            if roles[key] == nil { roles[key] = try segments.segment(coding.transcript, coding.segment).role }
            guard roles[key] == .participant else { return }
            // Redacted before it is cut (never part of an identifier). A very short span reads
            // better as its whole turn.
            let text =
                (ScalarText.count(coding.text) < 25
                ? redactor.redact(coding.turn)
                : redactor.excerpt(of: coding.turn, from: coding.start, to: coding.end))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            for theme in owners {
                codersOnByTheme[theme, default: [:]][key, default: []].insert(coding.coder)
                // The most precise span: the shortest coded text of the segment.
                if let kept = textsByTheme[theme]?[key], kept.text.count <= text.count { continue }
                textsByTheme[theme, default: [:]][key] = (coding.participant, text)
            }
        }
        for theme in themes {
            // Candidates with how many coders tagged that segment with the theme: agreed quotes first.
            var candidates: [(participant: String, text: String, coders: Int)] = []
            let codersOn = codersOnByTheme[theme] ?? [:]
            for (key, value) in textsByTheme[theme] ?? [:] {
                candidates.append((value.participant, value.text, codersOn[key]!.count))
            }
            func score(_ candidate: (participant: String, text: String, coders: Int)) -> (Int, Int, Int, String, String)
            {
                let length = candidate.text.count
                return (
                    quoted.contains(candidate.participant) ? 1 : 0, -candidate.coders,
                    (30...300).contains(length) ? 0 : 1,
                    candidate.participant, candidate.text
                )
            }
            var chosen: [Quote] = []
            var people: Set<String> = []
            var said: Set<String> = []
            for candidate in candidates.sorted(by: { score($0) < score($1) }) where chosen.count < perTheme {
                // The same words from two people are shown once.
                let words = Self.sameWordsKey(candidate.text)
                guard !people.contains(candidate.participant), !said.contains(words) else { continue }
                people.insert(candidate.participant)
                said.insert(words)
                let participant = consenting[candidate.participant]!
                chosen.append(
                    Quote(
                        participant: candidate.participant, code: theme, text: candidate.text,
                        attributes: attributes.compactMap { key in participant.attributes[key].map { (key, $0) } }))
            }
            for quote in chosen { quoted.insert(quote.participant) }
            result[theme] = chosen
        }
        return result
    }

    static func series(_ outcomes: [Outcome], actions: [ServiceAction]) -> [OutcomeSeries] {
        let byAction = Dictionary(uniqueKeysWithValues: actions.map { ($0.id, $0) })
        let grouped = Dictionary(grouping: outcomes) { "\($0.measure)\u{0}\($0.group ?? "")" }
        return grouped.keys.sorted().map { key in
            let points = grouped[key]!.sorted {
                ($0.date?.description ?? $0.period, $0.period) < ($1.date?.description ?? $1.period, $1.period)
            }
            let action = points.compactMap(\.action).first.flatMap { byAction[$0] }
            var before: Double?
            var after: Double?
            if let done = action?.doneOn {
                let earlier = points.filter { ($0.date.map { $0 < done }) ?? false }.map(\.value)
                let later = points.filter { ($0.date.map { $0 >= done }) ?? false }.map(\.value)
                before = earlier.isEmpty ? nil : earlier.reduce(0, +) / Double(earlier.count)
                after = later.isEmpty ? nil : later.reduce(0, +) / Double(later.count)
            }
            return OutcomeSeries(
                measure: points[0].measure, group: points[0].group, unit: points[0].unit?.rawValue,
                action: action, points: points, before: before, after: after)
        }
    }

    /// What the methods section says, in every format.
    public var methods: [String] {
        var notes = [
            "Prevalence is counted as people, not mentions: a participant counts once for a theme if any selected coder (\(tally.coders.joined(separator: ", "))) tagged any of their turns with it or a theme under it. N = \(tally.participantsTotal) participants with a coded transcript.",
            "Subgroups under \(Tally.smallGroup) participants are flagged: such small numbers can identify people and are unstable.",
            "Saturation: \(Saturation.method) Base \(saturation.base), run \(saturation.run), threshold \(JSON.format(saturation.threshold))%. \(Saturation.citation)",
        ]
        if agreement != nil {
            notes.append(
                "Agreement between coders on participant turns: percent agreement, Cohen's kappa (two coders), Krippendorff's alpha (nominal), Fleiss' kappa (three or more); alpha below 0.667 is unacceptable and below 0.80 tentative (Krippendorff)."
            )
        }
        notes.append(
            "Quotes come only from participants who consented to anonymised quotes, are attributed by pseudonym, and are redacted: e-mail addresses, UK phone numbers, NHS numbers (modulus 11), UK postcodes, full dates, and the study's \(redactionTerms) listed term\(redactionTerms == 1 ? "" : "s")."
        )
        return notes
    }
}
