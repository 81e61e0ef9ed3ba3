/// Prevalence of themes as people, not mentions: "31 of 108 participants".
public enum Tally {
    public struct Theme: Sendable, Equatable {
        public let code: String
        public let kind: String
        public let name: String
        /// Distinct coded segments.
        public let excerpts: Int
        /// Distinct participants.
        public let participants: Int
        /// participants / N x 100, one decimal.
        public let percent: Double
        public let transcripts: Int
    }

    public struct Result: Sendable, Equatable {
        /// N: participants with at least one transcript covered by the selected coders.
        public let participantsTotal: Int
        public let coders: [String]
        /// By participants, then path.
        public let themes: [Theme]
    }

    public struct Group: Sendable, Equatable {
        public let value: String
        public let participantsTotal: Int
        /// Fewer than ``smallGroup`` participants: identifiable and unstable.
        public let small: Bool
        public let themes: [Theme]
    }

    public struct GroupedResult: Sendable, Equatable {
        public let by: String
        public let coders: [String]
        public let groups: [Group]
    }

    public static let smallGroup = 5
    public static let notRecorded = "(not recorded)"

    /// Rounded to one decimal, halves away from zero.
    static func percent(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : (Double(part) * 1000 / Double(whole)).rounded() / 10
    }

    /// Per-code sets: segments, participants and transcripts, rolled up to every ancestor in scope.
    struct Counts {
        var excerpts: [String: Set<Int64>] = [:]
        var participants: [String: Set<String>] = [:]
        var transcripts: [String: Set<String>] = [:]
    }

    static func counts(
        _ study: Study, scope: AnalysisScope, codes: [Code], participantFilter: ((String) -> Bool)? = nil
    ) throws -> Counts {
        let inScope = Set(codes.map(\.path))
        var counts = Counts()
        try AnalysisStore(study).forEachApplied { code, segment, transcript, participant, _ in
            if let participantFilter, !participantFilter(participant) { return }
            for path in [code] + Code.ancestors(of: code) where inScope.contains(path) {
                counts.excerpts[path, default: []].insert(segment)
                counts.participants[path, default: []].insert(participant)
                counts.transcripts[path, default: []].insert(transcript)
            }
        }
        return counts
    }

    static func themes(_ codes: [Code], _ counts: Counts, total: Int, participants: Set<String>? = nil) -> [Theme] {
        codes.map { code in
            let people =
                participants.map { counts.participants[code.path, default: []].intersection($0).count }
                ?? counts.participants[code.path, default: []].count
            return Theme(
                code: code.path, kind: code.kind, name: code.displayName,
                excerpts: counts.excerpts[code.path, default: []].count,
                participants: people, percent: percent(people, of: total),
                transcripts: counts.transcripts[code.path, default: []].count)
        }
        .sorted { ($0.participants, $1.code) > ($1.participants, $0.code) }
    }

    public static func run(_ study: Study, scope: AnalysisScope) throws -> Result {
        let coders = try scope.resolveCoders(study)
        let store = AnalysisStore(study)
        try store.select(coders: coders)
        let codes = try scope.codes(study)
        let total = Set(try store.coveredTranscripts().map(\.participant)).count
        let counts = try counts(study, scope: scope, codes: codes)
        return Result(participantsTotal: total, coders: coders, themes: themes(codes, counts, total: total))
    }

    /// One tally per value of a participant attribute (or gender, community, language); a missing
    /// value is its own group, named `(not recorded)`.
    public static func run(_ study: Study, scope: AnalysisScope, by attribute: String) throws -> GroupedResult {
        let coders = try scope.resolveCoders(study)
        let store = AnalysisStore(study)
        try store.select(coders: coders)
        let builtIn = ["gender", "community", "language"]
        let keys = try PeopleStore(study).participantAttributeKeys()
        guard builtIn.contains(attribute) || keys.contains(attribute) else {
            throw NotFound("participant attribute", attribute, among: builtIn + keys)
        }
        let codes = try scope.codes(study)
        let values = try store.groupValues(attribute)
        let covered = Set(try store.coveredTranscripts().map(\.participant))
        var members: [String: Set<String>] = [:]
        for participant in covered { members[values[participant] ?? notRecorded, default: []].insert(participant) }
        let counts = try counts(study, scope: scope, codes: codes)
        let groups = members.keys.sorted { ($0 == notRecorded ? 1 : 0, $0) < ($1 == notRecorded ? 1 : 0, $1) }.map {
            value in
            let people = members[value]!
            return Group(
                value: value, participantsTotal: people.count, small: people.count < smallGroup,
                themes: themes(codes, counts, total: people.count, participants: people))
        }
        return GroupedResult(by: attribute, coders: coders, groups: groups)
    }
}
