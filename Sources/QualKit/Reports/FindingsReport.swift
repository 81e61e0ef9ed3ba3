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
        /// The small-numbers rule (`--min-cell`, `--show-small`).
        public var smallNumbers = SmallNumbers()
        /// Saturation settings, as `qualkit saturation --base --run --threshold` takes them.
        public var saturationBase = 4
        public var saturationRun = 2
        public var saturationThreshold = 5.0
        /// Who produced the report, printed under the title when given.
        public var author: String?
        public init() {}
    }

    public struct Summary: Sendable {
        /// "2023-03-10 to 2023-03-25", one date, or "not recorded".
        public var dateRange: String {
            switch (firstDate, lastDate) {
            case (let first?, let last?): first == last ? first : "\(first) to \(last)"
            default: "not recorded"
            }
        }
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
        /// Which way is better (the first value that says; neither when none does).
        public let better: XmR.Better
        /// The XmR chart of the points, split at the action's done date.
        public let analysis: XmR.Analysis
    }

    public let options: Options
    public let summary: Summary
    public let tally: Tally.Result
    /// The ranked themes shown (the kind's root code left out: it would always lead).
    public let themes: [Tally.Theme]
    /// The `--by` tallies as computed, small groups included (for checking; never rendered).
    public let groups: [Tally.GroupedResult]
    /// The `--by` tables as published: small groups pooled or left out, values redacted.
    public let published: [SmallNumbers.PublishedGroups]
    public let quotes: [String: [Quote]]
    public let saturation: Saturation.Result
    public let agreement: Agreement.Result?
    public let actions: [ServiceAction]
    public let outcomes: [OutcomeSeries]
    public let redactionTerms: Int
    public let generatedAt: String
    /// Labels for attribute names (`attribute label`), the raw name when none is set.
    public let labels: AttributeLabels
    /// Who we heard from: flow, languages, make-up, reach.
    public let audience: Audience
    /// The interview-fidelity reading (`qualkit fidelity`) for the Methods section.
    public let fidelity: Fidelity.Result?
    /// The code prefix agreement was computed over (nil: every code), as `agreement --code`.
    public let agreementPrefix: String?
    /// The codebook, for the appendix: the kind's codes (every code when no kind is given).
    public let codebook: [Code]
    /// The consensus coder whose codings the report counts, when the study has one and no coders
    /// were chosen (see ``consensusInUse(_:options:)``).
    public let consensus: Consensus.Source?

    /// Computes everything the findings report shows, once, for every output format.
    ///
    /// Prevalence and subgroups come from ``Tally``, saturation from ``Saturation``, agreement from
    /// ``Agreement``, all with the same scope (`options.kind`, `options.coders`). Quotes come only from
    /// participants who consented to quotes and are redacted with the study's ``RedactionList``.
    /// Actions and outcomes come from the service-change log.
    ///
    /// - Throws: ``CodingError`` or ``AnalysisError`` for an unknown coder, kind or attribute.
    public static func build(_ study: Study, options: Options) throws -> FindingsReport {
        var options = options
        let consensus = try consensusInUse(study, options: &options)
        // Tally, the subgroup tallies, saturation and agreement read one segment map and one scan of
        // the codings per coder selection, not one each; nothing below writes codings or segments.
        study.sharedScan = CodedSegments.SharedScan()
        defer { study.sharedScan = nil }
        let scope = AnalysisScope(coders: options.coders, kind: options.kind)
        let tally = try Tally.run(study, scope: scope)
        let ranked = tally.themes.filter { $0.code.contains(".") && $0.participants > 0 }
        let themes = ThemeHierarchy.ordered(ranked)
        let groups = try options.by.map { try Tally.run(study, scope: scope, by: PersonFields.normalizedKey($0)) }
        let findings = FindingsStore(study)
        let redactor = try RedactionList(study).redactor()
        let small = options.smallNumbers
        if small.showSmall {
            // Logged in the same call that lets the numbers out, as an unredacted export is.
            try study.db.transaction {
                try PrivacyStore(study).logDisclosure("report --show-small --min-cell \(small.minimum)")
            }
        }
        let captionKeys = options.attributes ?? options.by.map(PersonFields.normalizedKey)
        // A caption shows an attribute value only when that value's group reaches the threshold.
        var captionValues: [String: Set<String>] = [:]
        for key in captionKeys {
            let grouped = groups.first { $0.by == key } ?? (try? Tally.run(study, scope: scope, by: key))
            captionValues[key] = Set(
                (grouped?.groups ?? []).filter { small.showSmall || $0.participantsTotal >= small.minimum }.map(\.value)
            )
        }
        let quotes = try selectQuotes(
            study, themes: ranked.map(\.code), perTheme: options.quotesPerTheme,
            coders: tally.coders, attributes: captionKeys, captionValues: captionValues, kind: options.kind,
            redactor: redactor)
        let saturation = try Saturation.run(
            study, scope: AnalysisScope(coders: options.coders), base: options.saturationBase,
            run: options.saturationRun, threshold: options.saturationThreshold, order: .date)
        // With a consensus coder, agreement is that of the two coders it settles.
        let activeCoders = Set(try CodingStore(study).coverage().map(\.coder)).filter {
            (consensus?.from ?? options.coders)?.contains($0) ?? true
        }
        // The scope `qualkit agreement --code KIND` has, so the Methods section can print that command.
        let agreementPrefix = options.kind.flatMap { kind in
            themes.contains { $0.code.hasPrefix(kind + ".") } ? kind : nil
        }
        let agreement =
            activeCoders.count >= 2
            ? try Agreement.run(
                study, coders: consensus == nil ? options.coders : activeCoders.sorted(), codePrefix: agreementPrefix,
                allSegments: false)
            : nil
        // Action and outcome text leaves the team too: redacted like the quotes.
        let actions = try findings.actions().map { action in
            var action = action
            action.change = redactor.redact(action.change)
            action.owner = action.owner.map(redactor.redact)
            action.note = action.note.map(redactor.redact)
            return action
        }
        let outcomes = try findings.outcomes().map { outcome in
            var outcome = outcome
            outcome.measure = redactor.redact(outcome.measure)
            outcome.period = redactor.redact(outcome.period)
            outcome.group = outcome.group.map(redactor.redact)
            return outcome
        }
        let summary = try summary(study)
        let published = groups.map { small.publish($0, redactor: redactor) }
        let fidelity = try Fidelity.run(study)
        let codebook = try CodeStore(study).codes().filter { code in
            options.kind.map { code.path == $0 || code.path.hasPrefix($0 + ".") } ?? true
        }.sorted { $0.path < $1.path }
        return FindingsReport(
            options: options, summary: summary, tally: tally, themes: themes, groups: groups,
            published: published, quotes: quotes,
            saturation: saturation, agreement: agreement, actions: actions,
            outcomes: series(outcomes, actions: actions),
            redactionTerms: try RedactionList(study).terms().count,
            generatedAt: Clock.nowTimestamp(), labels: try AttributeLabels.load(study),
            audience: try audience(study, summary: summary, published: published, by: options.by),
            fidelity: fidelity.interviews.isEmpty ? nil : fidelity,
            agreementPrefix: agreement == nil ? nil : agreementPrefix,
            codebook: codebook, consensus: consensus)
    }

    /// The consensus coder to count when no coders were chosen (`options.coders` becomes it), so a
    /// study that held its reconciliation meeting reports what the coders agreed on.
    static func consensusInUse(_ study: Study, options: inout Options) throws -> Consensus.Source? {
        guard options.coders == nil, let consensus = try Consensus.current(study) else { return nil }
        options.coders = [consensus.coder]
        return consensus
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

    /// Up to `perTheme` quotes per theme.
    ///
    /// Only codings ``FindingsStore/quotableCodings(codePrefix:)`` returns (participant turns of
    /// consenting participants who have not withdrawn). Each coded span becomes whole sentences of
    /// its redacted turn (``QuoteText``). A segment is quoted under the most specific theme it is
    /// coded with, and the same words (``sameWordsKey(_:)``) appear once in the whole report.
    /// Within a theme: one quote per participant, segments more coders agreed on first, people not
    /// yet quoted first. Captions hold the pseudonym and the attribute values in `captionValues`
    /// (values whose group reaches the small-numbers threshold), redacted.
    static func selectQuotes(
        _ study: Study, themes: [String], perTheme: Int, coders: [String], attributes: [String],
        captionValues: [String: Set<String>], kind: String?, redactor: Redactor
    ) throws -> [String: [Quote]] {
        guard perTheme > 0 else { return [:] }
        let people = Dictionary(
            uniqueKeysWithValues: try PeopleStore(study).participants().map { ($0.id, $0) })
        let themeSet = Set(themes)
        /// The most specific theme a code is within: the longest theme path that is it or above it.
        func mostSpecific(_ code: String) -> String? {
            var path = code
            while true {
                if themeSet.contains(path) { return path }
                guard let dot = path.lastIndex(of: ".") else { return nil }
                path = String(path[..<dot])
            }
        }
        struct Candidate {
            var participant: String
            var text: String
            var coders: Set<String>
        }
        // theme -> segment key -> the candidate (its shortest widened text).
        var byTheme: [String: [String: Candidate]] = [:]
        // Codings come in segment order: a turn is redacted once for all its codings.
        var turn: QuoteText.Turn? = nil
        for coding in try FindingsStore(study).quotableCodings(codePrefix: kind)
        where coders.contains(coding.coder) {
            guard let theme = mostSpecific(coding.code) else { continue }
            if turn.map({ !$0.text.utf8.elementsEqual(coding.turn.utf8) }) ?? true {
                turn = QuoteText.Turn(coding.turn, redactor: redactor)
            }
            let text = QuoteText.quote(turn!, from: coding.start, to: coding.end)
            guard !text.isEmpty else { continue }
            let key = "\(coding.transcript)\u{0}\(coding.segment)"
            var candidate = byTheme[theme]?[key] ?? Candidate(participant: coding.participant, text: text, coders: [])
            candidate.coders.insert(coding.coder)
            if text.unicodeScalars.count < candidate.text.unicodeScalars.count { candidate.text = text }
            byTheme[theme, default: [:]][key] = candidate
        }
        var quoted: Set<String> = []
        var said: Set<String> = []
        var result: [String: [Quote]] = [:]
        for theme in themes {
            let candidates = Array((byTheme[theme] ?? [:]).values)
            func score(_ candidate: Candidate) -> (Int, Int, Int, String, String) {
                let length = candidate.text.count
                return (
                    quoted.contains(candidate.participant) ? 1 : 0, -candidate.coders.count,
                    (30...300).contains(length) ? 0 : 1, candidate.participant, candidate.text
                )
            }
            var chosen: [Quote] = []
            var inTheme: Set<String> = []
            for candidate in candidates.sorted(by: { score($0) < score($1) }) where chosen.count < perTheme {
                // The same words, from anyone under any theme, are shown once.
                let words = Self.sameWordsKey(candidate.text)
                guard !inTheme.contains(candidate.participant), !said.contains(words) else { continue }
                inTheme.insert(candidate.participant)
                said.insert(words)
                let held = people[candidate.participant]?.attributes ?? [:]
                chosen.append(
                    Quote(
                        participant: redactor.redact(candidate.participant), code: theme, text: candidate.text,
                        attributes: attributes.compactMap { key in
                            held[key].flatMap { value in
                                captionValues[key]?.contains(value) == true ? (key, redactor.redact(value)) : nil
                            }
                        }))
            }
            quoted.formUnion(inTheme)
            result[theme] = chosen
        }
        return result
    }

    /// The SPC reading of one measure (and group, when it has several), as `outcome show` prints it.
    ///
    /// - Throws: ``FindingsError/unknownMeasure(_:)``, or ``FindingsError/measureNeedsGroup(measure:groups:)``
    ///   when the measure has several groups and none is given.
    public static func outcomeSeries(_ study: Study, measure: String, group: String?) throws -> OutcomeSeries {
        let store = FindingsStore(study)
        let all = series(try store.outcomes(), actions: try store.actions())
        let matching = all.filter { $0.measure == measure && (group == nil || $0.group == group) }
        guard let first = matching.first else {
            throw FindingsError.unknownMeasure(
                Unknown(group.map { "\(measure) (\($0))" } ?? measure, among: Array(Set(all.map(\.measure))).sorted()))
        }
        guard matching.count == 1 else {
            throw FindingsError.measureNeedsGroup(measure: measure, groups: matching.map { $0.group ?? "(none)" })
        }
        return first
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
            let split = action?.doneOn.flatMap { done in
                points.firstIndex { ($0.date.map { $0 >= done }) ?? false }
            }
            let better = points.compactMap(\.better).first ?? .neither
            return OutcomeSeries(
                measure: points[0].measure, group: points[0].group, unit: points[0].unit?.rawValue,
                action: action, points: points, before: before, after: after, better: better,
                analysis: XmR.analyse(points.map(\.value), split: split, better: better))
        }
    }
}
