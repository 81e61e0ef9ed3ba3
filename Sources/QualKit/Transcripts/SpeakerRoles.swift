/// Which role each speaker label of a transcript has, and which labels look like personal names.
///
/// Pure: labels and the interview's facts in, roles out. The rules are the import's, in order:
/// a label matching the named interviewer label, the interviewer's id or name, or a usual
/// interviewer word is the interviewer; then one matching the named participant label, the
/// participant's id or a usual participant word is the participant; when no label is the
/// participant and exactly one label is left, that one is; every other label is `unknown`, for a
/// person to review (`transcript speakers --set`).
public enum SpeakerRoles {
    /// What is known about the interview a transcript belongs to.
    public struct Facts: Sendable, Equatable {
        /// `--interviewer-label`.
        public var interviewerLabel: String?
        /// `--participant-label`.
        public var participantLabel: String?
        /// The interview's interviewer: id and name, when recorded.
        public var interviewer: [String]
        /// The interview's participant id.
        public var participant: String?

        public init(
            interviewerLabel: String? = nil, participantLabel: String? = nil, interviewer: [String] = [],
            participant: String? = nil
        ) {
            self.interviewerLabel = interviewerLabel
            self.participantLabel = participantLabel
            self.interviewer = interviewer
            self.participant = participant
        }
    }

    /// Labels that mean the interviewer in any transcript (compared without case).
    public static let interviewerWords: Set<String> = ["interviewer", "int", "i", "q", "facilitator"]
    /// Labels that mean the participant in any transcript (compared without case).
    public static let participantWords: Set<String> = ["participant", "p", "r", "respondent"]

    /// The role of each label, in the import's order of rules.
    public static func assign(_ labels: [String], facts: Facts) -> [String: Segment.Role] {
        let interviewerForms = Set(
            ([facts.interviewerLabel].compactMap { $0 } + facts.interviewer).map(normalized) + interviewerWords)
        let participantForms = Set(
            [facts.participantLabel, facts.participant].compactMap { $0 }.map(normalized) + participantWords)
        var roles: [String: Segment.Role] = [:]
        var left: [String] = []
        for label in labels where roles[label] == nil && !left.contains(label) {
            let forms = comparableForms(label)
            if !forms.isDisjoint(with: interviewerForms) {
                roles[label] = .interviewer
            } else if !forms.isDisjoint(with: participantForms) {
                roles[label] = .participant
            } else {
                left.append(label)
            }
        }
        let noParticipant = !roles.values.contains(.participant)
        for label in left { roles[label] = noParticipant && left.count == 1 ? .participant : .unknown }
        return roles
    }

    /// Lower case, single spaces, no surrounding punctuation: `" Q. "` and `"q"` compare equal.
    static func normalized(_ label: String) -> String {
        let words = label.lowercased().split(whereSeparator: { $0.isWhitespace })
        return words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
    }

    /// The label, and for a Teams name (`Wood, Margaret (Acme NHS)`) also `margaret wood`, so a
    /// recorded interviewer name matches either way of writing it.
    static func comparableForms(_ label: String) -> Set<String> {
        var forms: Set<String> = [normalized(label)]
        var bare = label
        if let open = bare.firstIndex(of: "("), bare.hasSuffix(")") {
            bare = String(bare[..<open])
        }
        forms.insert(normalized(bare))
        let parts = bare.split(separator: ",", maxSplits: 1).map { $0.trimmingSpaces() }
        if parts.count == 2 { forms.insert(normalized(parts[1] + " " + parts[0])) }
        return forms
    }

    /// Words that name a role or a relation, not a person: `Young Person` or `Second Interviewer`
    /// are labels to keep, though they are two capitalised words.
    static let roleVocabulary: Set<String> = [
        "interviewer", "participant", "respondent", "facilitator", "moderator", "interpreter", "translator",
        "speaker", "person", "young", "mother", "father", "parent", "carer", "partner", "wife", "husband", "son",
        "daughter", "friend", "sister", "brother", "grandmother", "grandfather", "aunt", "uncle", "observer",
        "researcher", "note", "taker", "unknown", "male", "female", "voice", "other", "guest", "staff", "member",
        "nurse", "doctor", "worker", "support", "family", "child", "patient", "service", "user", "lead", "co",
    ]

    /// Whether a label looks like a personal name and must not be stored: a Teams display name
    /// (`Surname, First (Organisation)`), two capitalised words that are not role words
    /// (`Margaret Wood`, `Wei L`), or a label holding a term of the study's redaction list.
    public static func looksLikeName(_ label: String, redactionTerms: [String] = []) -> Bool {
        let lower = normalized(label)
        for term in redactionTerms.map(normalized) where !term.isEmpty {
            if lower == term || lower.split(separator: " ").map(String.init).contains(term)
                || (term.contains(" ") && lower.contains(term))
            {
                return true
            }
        }
        var bare = label.trimmingSpaces()
        if let open = bare.firstIndex(of: "("), bare.hasSuffix(")") {
            bare = bare[..<open].trimmingSpaces()
        }
        let commaParts = bare.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            let sides = commaParts.map { $0.trimmingSpaces() }
            if sides.allSatisfy({ !$0.isEmpty && $0.split(separator: " ").allSatisfy(isCapitalisedWord) }) {
                return !sides.contains { $0.split(separator: " ").contains { isRoleWord($0) } }
            }
            return false
        }
        let words = bare.split(separator: " ")
        guard words.count == 2 || words.count == 3, words.allSatisfy(isCapitalisedWord) else { return false }
        guard !words.contains(where: isRoleWord) else { return false }
        // `Margaret Wood`, `Wei L`, `MARGARET WOOD`, `Dr. Patel`: a first word longer than one letter.
        return words[0].count >= 2
    }

    static func isRoleWord<S: StringProtocol>(_ word: S) -> Bool {
        roleVocabulary.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters))
            || interviewerWords.contains(word.lowercased()) || participantWords.contains(word.lowercased())
    }

    /// `Margaret`, `O'Neil`, `Smith-Jones`, `Dr.`, `L` or `L.`: an upper-case letter then letters.
    static func isCapitalisedWord<S: StringProtocol>(_ word: S) -> Bool {
        guard let first = word.first, first.isUppercase, first.isLetter else { return false }
        var rest = word.dropFirst()
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        return rest.allSatisfy { $0.isLetter || $0 == "'" || $0 == "’" || $0 == "-" }
    }

    /// The label stored in place of a name: `Interviewer`, `Participant`, else `Speaker N` with the
    /// label's place among the transcript's speakers; never one already taken.
    static func replacement(role: Segment.Role, position: Int, taken: Set<String>) -> String {
        let base: String
        switch role {
        case .interviewer: base = "Interviewer"
        case .participant: base = "Participant"
        case .other, .unknown: base = "Speaker \(position)"
        }
        if !taken.contains(base) { return base }
        var suffix = 2
        while taken.contains("\(base) \(suffix)") { suffix += 1 }
        return "\(base) \(suffix)"
    }
}
