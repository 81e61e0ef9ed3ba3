/// The study's redaction list: names, places and services to remove from anything that leaves
/// the study, on top of the standard identifier patterns; and a scan for what it still misses.
public struct RedactionList {
    let study: Study
    let store: PrivacyStore

    public init(_ study: Study) {
        self.study = study
        self.store = PrivacyStore(study)
    }

    /// The listed terms, in order.
    public func terms() throws -> [Redactor.Term] { try store.redactionTerms() }

    /// The study's redactor: its list and the standard patterns.
    public func redactor() throws -> Redactor { Redactor(terms: try terms()) }

    /// Adds a term (or changes its label); an empty term is refused.
    public func add(_ term: String, label: String?) throws {
        let trimmed = term.trimmingSpaces()
        guard !trimmed.isEmpty else {
            throw FindingsError.emptyRedactionTerm
        }
        try study.db.transaction { try store.addTerm(Redactor.Term(term: trimmed, label: label ?? "name")) }
    }

    public func remove(_ term: String) throws {
        let removed = try study.db.transaction { try store.removeTerm(term) }
        guard removed else {
            throw FindingsError.unknownRedactionTerm(Unknown(term, among: try store.redactionTerms().map(\.term)))
        }
    }

    /// Likely identifiers in transcripts: the redaction patterns, and capitalised words after
    /// "my son", "my GP", "called", ... Each with where it was found and whether the list covers it.
    public struct ScanHit: Sendable, Equatable {
        public let transcript: String
        public let segment: Int
        public let kind: String
        public let text: String
        public let onList: Bool
    }

    public func scan(transcript: String?) throws -> [ScanHit] {
        let transcripts = TranscriptStore(study)
        if let transcript { try transcripts.require(transcript) }
        let patterns = Redactor(terms: [])
        let listed = Redactor(terms: try store.redactionTerms())
        var hits: [ScanHit] = []
        let ids = try transcript.map({ [$0] }) ?? transcripts.ids()
        let terms = try store.redactionTerms().map(\.term)
        for id in ids {
            // Speaker labels too: a label that looks like a name, once per transcript at its first turn.
            var labels: Set<String> = []
            for segment in try transcripts.segments(of: id) where labels.insert(segment.speaker).inserted {
                if SpeakerRoles.looksLikeName(segment.speaker, redactionTerms: terms) {
                    hits.append(
                        ScanHit(
                            transcript: id, segment: segment.number, kind: "speaker label", text: segment.speaker,
                            onList: terms.contains { segment.speaker.localizedCaseInsensitiveContains($0) }))
                }
            }
            for segment in try transcripts.segments(of: id) {
                let covered = listed.findings(in: segment.text).filter { $0.kind == "term" }
                func isListed(_ finding: Redactor.Finding) -> Bool {
                    covered.contains { $0.start <= finding.start && finding.end <= $0.end }
                }
                for finding in patterns.findings(in: segment.text) + patterns.likelyNames(in: segment.text) {
                    hits.append(
                        ScanHit(
                            transcript: id, segment: segment.number, kind: finding.kind, text: finding.text,
                            onList: isListed(finding)))
                }
            }
        }
        return hits
    }
}
