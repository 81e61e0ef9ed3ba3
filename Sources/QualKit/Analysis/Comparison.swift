/// Where two coders differ, unit by unit: what the reconciliation meeting works through.
///
/// The unit is ``Agreement``'s: a (segment, code) pair on a participant segment (every segment with
/// `allSegments`) of a transcript both coders covered. A coder has a code on a segment when they
/// tagged it with the code or one under it, the analyses' hierarchy rule, so a parent code's
/// disagreements are those its statistics count. With two coders, a code's disagreements are
/// `units × (1 − percent agreement / 100)` of ``Agreement/run(_:coders:codePrefix:allSegments:)``.
public struct Comparison: Sendable {
    /// One coding of a coder on a disagreement's segment, with its code (the unit's or one under it).
    public struct Span: Sendable, Equatable {
        public let code: String
        public let start: Int
        public let end: Int
        /// The covered text, cut from the redacted turn when the comparison is redacted.
        public let text: String
    }

    /// A unit the two coders differ on: one has the code there, the other does not.
    public struct Disagreement: Sendable, Equatable {
        public let transcript: String
        public let segment: Int
        public let code: String
        /// The whole turn, redacted when the comparison is.
        public let text: String
        /// The codings of coder A (B) at this code or under it on the segment; empty for the coder
        /// who does not have the code.
        public let spansA: [Span]
        public let spansB: [Span]
        /// Which coder has the code: 0 for A, 1 for B.
        public var holder: Int { spansA.isEmpty ? 1 : 0 }
        public var key: Unit { Unit(transcript: transcript, segment: segment, code: code) }
    }

    /// A (transcript, segment number, code) unit.
    public struct Unit: Sendable, Hashable, Comparable {
        public let transcript: String
        public let segment: Int
        public let code: String
        public init(transcript: String, segment: Int, code: String) {
            self.transcript = transcript
            self.segment = segment
            self.code = code
        }
        public static func < (a: Unit, b: Unit) -> Bool {
            (a.code, a.transcript, a.segment) < (b.code, b.transcript, b.segment)
        }
    }

    public let coderA: String
    public let coderB: String
    /// "participant segment" or "segment".
    public let unit: String
    /// Transcripts both coders covered, in scope.
    public let transcripts: [String]
    /// Grouped by code (paths in order), then by transcript and segment.
    public let disagreements: [Disagreement]

    /// The codes with at least one disagreement, in order, each with its disagreements.
    public var byCode: [(code: String, disagreements: [Disagreement])] {
        var groups: [(code: String, disagreements: [Disagreement])] = []
        for item in disagreements {
            if groups.last?.code == item.code {
                groups[groups.count - 1].disagreements.append(item)
            } else {
                groups.append((item.code, [item]))
            }
        }
        return groups
    }

    /// Every unit where `coders` (exactly two, different) differ.
    ///
    /// ```swift
    /// let comparison = try Comparison.run(study, coders: ("AB", "CD"), redactor: try RedactionList(study).redactor())
    /// print(comparison.disagreements.count)
    /// ```
    ///
    /// - Parameters:
    ///   - codePrefix: only this code and the codes under it.
    ///   - transcript: only this transcript.
    ///   - redactor: redacts each turn before spans are cut from it (nil: text as stored, for
    ///     work inside the study only).
    /// - Throws: ``ConsensusError/sameCoder(_:)``, ``CodingError`` for an unknown coder or code,
    ///   ``TranscriptError`` for an unknown transcript, ``AnalysisError/nothingCoded``.
    public static func run(
        _ study: Study, coders: (String, String), codePrefix: String? = nil, transcript: String? = nil,
        allSegments: Bool = false, redactor: Redactor?
    ) throws -> Comparison {
        let (a, b) = coders
        guard a != b else { throw ConsensusError.sameCoder(a) }
        let scope = AnalysisScope(coders: [a, b], codePrefix: codePrefix)
        _ = try scope.resolveCoders(study)
        if let transcript { try TranscriptStore(study).require(transcript) }
        let codes = try scope.codes(study)
        let inScope = Set(codes.map(\.path))
        let material = try Material(study, coders: (a, b), transcript: transcript, allSegments: allSegments)

        var found: [Disagreement] = []
        for (place, turn) in material.segments {
            let held = material.held(at: place, scope: inScope)
            let differing = held[0].symmetricDifference(held[1])
            guard !differing.isEmpty else { continue }
            let cut = redactor.map { RedactedTurn(turn.text, by: $0) }
            func spans(_ coder: Int, _ code: String) -> [Span] {
                guard held[coder].contains(code) else { return [] }
                return (material.codings[coder][place] ?? [])
                    .filter { Code.path($0.code, isWithin: code) }
                    .map { coding in
                        Span(
                            code: coding.code, start: coding.start, end: coding.end,
                            text: cut?.excerpt(from: coding.start, to: coding.end) ?? coding.text)
                    }
            }
            for code in differing {
                found.append(
                    Disagreement(
                        transcript: place.transcript, segment: place.segment, code: code,
                        text: cut?.excerpt(from: 0, to: Int.max) ?? turn.text, spansA: spans(0, code),
                        spansB: spans(1, code)))
            }
        }
        found.sort { $0.key < $1.key }
        return Comparison(
            coderA: a, coderB: b, unit: allSegments ? "segment" : "participant segment",
            transcripts: material.transcripts, disagreements: found)
    }
}

extension Comparison {
    /// A segment of a transcript, by number.
    struct Place: Hashable, Comparable {
        let transcript: String
        let segment: Int
        static func < (a: Place, b: Place) -> Bool { (a.transcript, a.segment) < (b.transcript, b.segment) }
    }

    /// The two coders' codings on the units in scope, by segment.
    struct Material {
        /// Transcripts both coders covered.
        var transcripts: [String] = []
        /// Each unit segment that either coder coded, with its turn, in transcript and segment order.
        var segments: [(Place, (text: String, participant: String))] = []
        /// Per coder (0 = A, 1 = B): their codings on each unit segment.
        var codings: [[Place: [Coding]]] = [[:], [:]]

        init(_ study: Study, coders: (String, String), transcript: String?, allSegments: Bool) throws {
            let store = CodingStore(study)
            var covered: [String: Set<String>] = [:]
            for entry in try store.coverage() { covered[entry.transcript, default: []].insert(entry.coder) }
            transcripts = covered.filter { $0.value.contains(coders.0) && $0.value.contains(coders.1) }.map(\.key)
                .filter { transcript == nil || $0 == transcript }.sorted()
            let shared = Set(transcripts)
            var interviewerTurns: Set<Place> = []
            if !allSegments {
                try study.db.forEachRow("SELECT transcript, number FROM segment WHERE role = 'interviewer'") { row in
                    interviewerTurns.insert(Place(transcript: try row["transcript"], segment: try row["number"]))
                }
            }
            var turns: [Place: (text: String, participant: String)] = [:]
            for (index, coder) in [coders.0, coders.1].enumerated() {
                try store.forEachCoding(.init(coder: coder, transcript: transcript)) { coding in
                    let place = Place(transcript: coding.transcript, segment: coding.segment)
                    guard shared.contains(coding.transcript), !interviewerTurns.contains(place) else { return }
                    codings[index][place, default: []].append(coding)
                    turns[place] = (coding.turn, coding.participant)
                }
            }
            segments = turns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        /// Per coder, the codes in `scope` they have on the segment: each code they tagged and its
        /// ancestors.
        func held(at place: Place, scope: Set<String>?) -> [Set<String>] {
            (0..<2).map { coder in
                var codes: Set<String> = []
                for coding in codings[coder][place] ?? [] {
                    for code in [coding.code] + Code.ancestors(of: coding.code)
                    where scope?.contains(code) ?? true {
                        codes.insert(code)
                    }
                }
                return codes
            }
        }
    }
}
