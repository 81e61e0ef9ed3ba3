import Foundation

/// "Who we heard from": how participants moved through the study, the languages of interview,
/// whether interviewers shared a language or community, the sample's make-up and its reach.
extension FindingsReport {
    public struct Audience: Sendable {
        /// One step of the flow recruited → consented → matched → interviewed → transcribed → coded.
        public struct Step: Sendable, Equatable {
            public let stage: String
            public let participants: Int
        }
        /// Participants (not withdrawn) at each step, in order.
        public let flow: [Step]
        /// Participants who withdrew (their data erased); a count only.
        public let withdrawn: Int
        /// (language code, interviews), most first.
        public let languages: [(code: String, interviews: Int)]
        /// The sample's make-up by each `--by` attribute, published under the small-numbers rule.
        public let makeUp: [SmallNumbers.PublishedGroups]
        /// Representation against the stored population (`population import`), or nil when none
        /// is stored.
        public let reach: Reach.Result?
        /// Groups below their stored recruitment target at the interviewed stage.
        public let belowTarget: [Reach.Group]
    }

    static func audience(
        _ study: Study, summary: Summary, published: [SmallNumbers.PublishedGroups], by: [String]
    ) throws -> Audience {
        let stages = try ReachStore(study.db).stages()
        let store = AudienceStore(db: study.db)
        let matched = try store.participantsWithInterviewer()
        let transcribed = try store.participantsWithTranscript()
        func count(_ stage: Reach.Stage) -> Int { stages.values.filter { $0.contains(stage) }.count }
        let flow = [
            Audience.Step(stage: "recruited", participants: count(.recruited)),
            Audience.Step(stage: "consented", participants: count(.consented)),
            Audience.Step(stage: "matched", participants: stages.keys.filter(matched.contains).count),
            Audience.Step(stage: "interviewed", participants: count(.interviewed)),
            Audience.Step(stage: "transcribed", participants: stages.keys.filter(transcribed.contains).count),
            Audience.Step(stage: "coded", participants: count(.coded)),
        ]
        let figures = ReachFigures(study)
        let population = try figures.population()
        let known = Set(try AnalysisScope.attributes(study))
        // Reach is read for the attributes the population describes, in its order.
        var attributes: [String] = []
        for entry in population?.entries ?? [] where !attributes.contains(entry.attribute) {
            if known.contains(entry.attribute) { attributes.append(entry.attribute) }
        }
        let reach =
            attributes.isEmpty
            ? nil
            : try Reach.run(study, by: attributes, population: population, targets: figures.targets())
        return Audience(
            flow: flow, withdrawn: try store.withdrawn(),
            languages: summary.languages.map { (code: $0.0, interviews: $0.1) }, makeUp: published,
            reach: reach, belowTarget: try figures.belowTarget())
    }
}

/// The few counts "who we heard from" needs that no other capability keeps.
struct AudienceStore {
    let db: Database

    func participantsWithInterviewer() throws -> Set<String> {
        Set(
            try db.rows(
                "SELECT DISTINCT participant FROM interview WHERE interviewer IS NOT NULL AND status != 'cancelled'"
            )
            .map { try $0["participant"] })
    }

    func participantsWithTranscript() throws -> Set<String> {
        Set(
            try db.rows("SELECT DISTINCT i.participant FROM interview i JOIN transcript t ON t.interview = i.id").map {
                try $0["participant"]
            })
    }

    func withdrawn() throws -> Int {
        try db.rows("SELECT count(DISTINCT participant) AS n FROM withdrawal").first.map { try $0["n"] } ?? 0
    }
}

/// "Who we heard from" in words and rows, shared by the HTML and Markdown reports.
extension FindingsReport {
    /// (label, value) rows: interviews, dates, languages with English names, shared language and
    /// community.
    var audienceFacts: [(String, String)] {
        let count = options.smallNumbers.count
        return [
            ("Interviews", "\(count(summary.interviews)) with \(people(summary.participants))"),
            ("Dates", summary.dateRange),
            (
                "Languages of interview",
                audience.languages.isEmpty
                    ? "none recorded"
                    : audience.languages.map {
                        "\(LanguageNames.name($0.code) ?? $0.code) (\(count($0.interviews)))"
                    }.joined(separator: ", ")
            ),
            (
                "Interviewer shared the participant's language",
                summary.withInterviewer == 0
                    ? "no interviewer recorded"
                    : "\(count(summary.sharedLanguage)) of \(count(summary.withInterviewer)) interviews"
            ),
            (
                "Interviewer from the participant's community",
                summary.withInterviewer == 0
                    ? "no interviewer recorded"
                    : "\(count(summary.sameCommunity)) of \(count(summary.withInterviewer)) interviews"
            ),
        ]
    }

    /// One reach row with the small-numbers rule applied.
    struct ReachRow {
        let group: String
        let participants: String
        let sample: String
        let population: String
        let status: String
        let needed: String
    }

    func reachRows(_ reach: Reach.Result) -> [ReachRow] {
        let small = options.smallNumbers
        func share(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        return reach.groups.map { group in
            let hidden = small.suppresses(group.participants)
            let status =
                switch group.status {
                case .under: "under-represented"
                case .over: "over-represented"
                case .asExpected: "as expected"
                case .noPopulation: "not in the population figures"
                }
            let interval =
                hidden || group.ciLow == nil
                ? "" : " (\(share(group.ciLow)) to \(share(group.ciHigh)))"
            return ReachRow(
                group: "\(labels.label(group.attribute)): \(group.value)",
                participants: small.count(group.participants),
                sample: hidden ? "" : share(group.sampleShare) + interval, population: share(group.populationShare),
                status: hidden ? "" : status, needed: group.needed.map(String.init) ?? "—")
        }
    }

    /// The groups still short of their recruitment targets, in one sentence.
    var belowTargetSentence: String {
        let small = options.smallNumbers
        let groups = audience.belowTarget.map { group in
            "\(labels.label(group.attribute)) \(group.value) (\(small.count(group.participants)) of a target of \(group.target ?? 0))"
        }
        return "Below their recruitment targets: " + Self.list(groups) + "."
    }
}
