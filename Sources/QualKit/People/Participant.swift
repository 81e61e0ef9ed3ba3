/// A person interviewed, known to the study only by a pseudonymous id (`TC-001`).
///
/// The study holds no direct identifiers: names, contact details and NHS numbers stay in the
/// team's separate, access-controlled key file.
public struct Participant: Sendable, Equatable {
    public var id: String
    /// Languages spoken, the preferred one first.
    public var languages: [String]
    public var gender: String?
    public var community: String?
    public var availability: Availability
    /// A gender the participant prefers their interviewer to be, or `any`.
    public var prefersGender: String
    public var prefersSameCommunity: CommunityPreference
    public var consent: Consent
    /// Free attributes analyses group by (`age_band`, `household`, `borough`, ...).
    public var attributes: [String: String]

    public init(
        id: String, languages: [String] = [], gender: String? = nil, community: String? = nil,
        availability: Availability = .none, prefersGender: String = "any",
        prefersSameCommunity: CommunityPreference = .unspecified, consent: Consent = Consent(),
        attributes: [String: String] = [:]
    ) {
        self.id = id
        self.languages = languages
        self.gender = gender
        self.community = community
        self.availability = availability
        self.prefersGender = prefersGender
        self.prefersSameCommunity = prefersSameCommunity
        self.consent = consent
        self.attributes = attributes
    }
}

/// Whether a participant asked for an interviewer from their own community.
public enum CommunityPreference: String, Sendable, CaseIterable {
    case yes, no, unspecified
}

/// What a participant agreed to.
public struct Consent: Sendable, Equatable {
    /// When consent was given.
    public var date: CalendarDate?
    /// Which consent form version was signed.
    public var version: String?
    /// Whether anonymised quotes may be published. Nothing is quoted without an explicit yes.
    public var quotes: Bool

    public init(date: CalendarDate? = nil, version: String? = nil, quotes: Bool = false) {
        self.date = date
        self.version = version
        self.quotes = quotes
    }
}

/// A team member who interviews participants.
public struct Interviewer: Sendable, Equatable {
    public var id: String
    /// A team member's name is not special-category data about participants; it appears on guides and plans.
    public var name: String
    public var languages: [String]
    public var gender: String?
    public var community: String?
    /// The most participants they take on (default 10).
    public var capacity: Int
    public var availability: Availability
    /// Free attributes; `exclude` lists participant ids they must not interview (conflicts of interest).
    public var attributes: [String: String]

    public static let defaultCapacity = 10

    public init(
        id: String, name: String, languages: [String] = [], gender: String? = nil, community: String? = nil,
        capacity: Int = Interviewer.defaultCapacity, availability: Availability = .none,
        attributes: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.languages = languages
        self.gender = gender
        self.community = community
        self.capacity = capacity
        self.availability = availability
        self.attributes = attributes
    }

    /// Participant ids listed in the `exclude` attribute.
    public var excludedParticipants: Set<String> {
        Set(PersonFields.list(attributes["exclude"] ?? ""))
    }
}
