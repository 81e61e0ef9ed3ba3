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

    /// Per code in scope (by index into `codes`): segments, participants and transcripts tagged with
    /// it or a code under it, as bitsets.
    struct Counts {
        var excerpts: [Bitset]
        var participants: [Bitset]
        var transcripts: [Bitset]
    }

    static func counts(_ store: AnalysisStore, codes: [Code]) throws -> (Counts, CodedSegments) {
        let (map, codings) = try CodedSegments.load(store, withCoder: false)
        let scope = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.path, $0) })
        // Each applied code's own sets first, one bit per coding and a transcript's bits once per
        // run of its segments (the scan is in code, then segment order); the roll-up to parents is a
        // union of whole sets afterwards, so no row is counted per ancestor.
        var applied: [(path: String, counts: Counts)] = []
        let segmentCount = map.transcriptOfSegment.count
        var excerpts = Bitset(count: 0)
        var participants = Bitset(count: 0)
        var transcripts = Bitset(count: 0)
        var lastTranscript = -1
        var cursor = CodedSegments.Cursor(codings)
        let transcriptOfSegment = map.transcriptOfSegment
        while cursor.next() {
            if cursor.newCode {
                if !applied.isEmpty {
                    applied[applied.count - 1].counts = Counts(
                        excerpts: [excerpts], participants: [participants], transcripts: [transcripts])
                }
                applied.append((cursor.codes[cursor.code], Counts(excerpts: [], participants: [], transcripts: [])))
                excerpts = Bitset(count: segmentCount)
                participants = Bitset(count: map.participants.count)
                transcripts = Bitset(count: map.transcripts.count)
                lastTranscript = -1
            }
            let segment = cursor.segment
            guard segment < segmentCount else { continue }
            let transcript = Int(transcriptOfSegment[segment])
            guard transcript >= 0 else { continue }
            excerpts.insert(segment)
            if transcript != lastTranscript {
                lastTranscript = transcript
                transcripts.insert(transcript)
                participants.insert(map.participantOfTranscript[transcript])
            }
        }
        if !applied.isEmpty {
            applied[applied.count - 1].counts = Counts(
                excerpts: [excerpts], participants: [participants], transcripts: [transcripts])
        }
        var counts = Counts(
            excerpts: Array(repeating: Bitset(count: segmentCount), count: codes.count),
            participants: Array(repeating: Bitset(count: map.participants.count), count: codes.count),
            transcripts: Array(repeating: Bitset(count: map.transcripts.count), count: codes.count))
        for (path, own) in applied {
            for target in CodedSegments.rollup(path, scope: scope) {
                counts.excerpts[target].formUnion(own.excerpts[0])
                counts.participants[target].formUnion(own.participants[0])
                counts.transcripts[target].formUnion(own.transcripts[0])
            }
        }
        return (counts, map)
    }

    static func themes(_ codes: [Code], _ counts: Counts, total: Int, members: Bitset? = nil) -> [Theme] {
        codes.enumerated().map { index, code in
            let people =
                members.map { counts.participants[index].intersectionCount($0) } ?? counts.participants[index].count
            return Theme(
                code: code.path, kind: code.kind, name: code.displayName, excerpts: counts.excerpts[index].count,
                participants: people, percent: percent(people, of: total), transcripts: counts.transcripts[index].count)
        }
        .sorted { ($0.participants, $1.code) > ($1.participants, $0.code) }
    }

    /// Prevalence of each code in scope: excerpts, participants (and their percentage of N) and
    /// transcripts, where N is the participants with a transcript the selected coders covered.
    ///
    /// Parents roll up: a participant counts once for `barrier.stigma` when tagged with it or with
    /// any code under it. Themes are ordered by participants, then by code.
    ///
    /// ```swift
    /// let tally = try Tally.run(study, scope: AnalysisScope(kind: "barrier"))
    /// print(tally.themes[0].code, tally.themes[0].participants, "of", tally.participantsTotal)
    /// ```
    ///
    /// - Throws: ``CodingError`` for an unknown coder or code, ``AnalysisError`` for an unknown kind.
    public static func run(_ study: Study, scope: AnalysisScope) throws -> Result {
        let coders = try scope.resolveCoders(study)
        let store = AnalysisStore(study, coders: coders)
        let codes = try scope.codes(study)
        let total = Set(try store.coveredTranscripts().map(\.participant)).count
        let (counts, _) = try counts(store, codes: codes)
        return Result(participantsTotal: total, coders: coders, themes: themes(codes, counts, total: total))
    }

    /// One tally per value of a participant attribute (or gender, community, language); a missing
    /// value is its own group, named `(not recorded)`.
    public static func run(_ study: Study, scope: AnalysisScope, by attribute: String) throws -> GroupedResult {
        let coders = try scope.resolveCoders(study)
        let store = AnalysisStore(study, coders: coders)
        try AnalysisScope.checkAttributes([attribute], in: study)
        let codes = try scope.codes(study)
        let values = try store.groupValues(attribute)
        let covered = Set(try store.coveredTranscripts().map(\.participant))
        var members: [String: Set<String>] = [:]
        for participant in covered { members[values[participant] ?? notRecorded, default: []].insert(participant) }
        let (counts, map) = try counts(store, codes: codes)
        let participantIndex = Dictionary(uniqueKeysWithValues: map.participants.enumerated().map { ($1, $0) })
        let order = members.keys.sorted { ($0 == notRecorded ? 1 : 0, $0) < ($1 == notRecorded ? 1 : 0, $1) }
        let groups = order.map { value in
            let people = members[value]!
            var bits = Bitset(count: map.participants.count)
            for person in people { if let index = participantIndex[person] { bits.insert(index) } }
            return Group(
                value: value, participantsTotal: people.count, small: people.count < smallGroup,
                themes: themes(codes, counts, total: people.count, members: bits))
        }
        return GroupedResult(by: attribute, coders: coders, groups: groups)
    }
}
