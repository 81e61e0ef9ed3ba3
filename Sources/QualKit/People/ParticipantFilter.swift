/// `participant list --where KEY=VALUE`: keep participants whose field or attribute has a value.
public enum ParticipantFilter {
    /// Fields `--where` understands besides attributes.
    public static let fields = [
        "gender", "community", "language", "languages", "consent_quotes", "prefers_gender", "prefers_same_community",
    ]

    /// The participants matching every filter; values compare case-insensitively. An unknown key is
    /// ``NotFound`` with the nearest known one, so a typo never silently lists nobody.
    public static func apply(_ filters: [(key: String, value: String)], in study: Study) throws -> [Participant] {
        let store = PeopleStore(study)
        let attributeKeys = try store.participantAttributeKeys()
        for filter in filters where !fields.contains(filter.key) && !attributeKeys.contains(filter.key) {
            throw PeopleError.unknownField(Unknown(filter.key, among: fields + attributeKeys))
        }
        return try store.participants().filter { participant in
            filters.allSatisfy { filter in
                let wanted = filter.value.lowercased()
                switch filter.key {
                case "gender": return (participant.gender ?? "") == wanted
                case "community": return (participant.community ?? "").lowercased() == wanted
                case "language", "languages":
                    return participant.languages.contains { $0.lowercased() == wanted }
                case "consent_quotes": return (participant.consent.quotes ? "yes" : "no") == wanted
                case "prefers_gender": return participant.prefersGender == wanted
                case "prefers_same_community": return participant.prefersSameCommunity.rawValue == wanted
                default: return (participant.attributes[filter.key] ?? "").lowercased() == wanted
                }
            }
        }
    }
}
