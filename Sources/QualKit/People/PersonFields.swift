import Foundation

/// The rules for each field of a participant or interviewer, shared by command-line options and
/// CSV columns so that both accept exactly the same values and say the same thing when they don't.
public enum PersonFields {
    /// A field value that cannot be accepted.
    public typealias Problem = FieldProblem

    /// CSV columns (and option names, with `-` for `_`) that set participant fields, not attributes.
    public static let participantColumns = [
        "id", "languages", "gender", "community", "availability", "prefers_gender", "prefers_same_community",
        "consent_quotes", "consent_date", "consent_version",
    ]

    public static let interviewerColumns = [
        "id", "name", "languages", "gender", "community", "capacity", "availability",
    ]

    /// A kind of direct identifier that a column or attribute name can name.
    ///
    /// Names are compared in a compact form: ``ColumnName/normalized(_:)``, then digits dropped
    /// and the words run together (`Address Line 1` -> `addressline`, `D.O.B.` -> `dob`).
    public struct IdentifierConcept: Sendable, Equatable {
        /// What the column would hold, in the refusal message (`NHS number`).
        public let concept: String
        /// Stems that name the concept anywhere in the compact name (`phone` in `home_phone`).
        public let stems: [String]
        /// Short forms that name it only as a whole word of the name, or as the whole compact
        /// name (`tel`, `dob`, `mrn`), because inside other words they mean nothing (`hotel`).
        public let words: [String]
        /// Forms that name it only as the whole name (`nhs`, but not `nhs_trust`).
        public let whole: [String]

        public init(concept: String, stems: [String], words: [String], whole: [String] = []) {
            self.concept = concept
            self.stems = stems
            self.words = words
            self.whole = whole
        }
    }

    /// The identifier concepts the column guard refuses. Deliberately wide: a column refused in
    /// error is let through with `--allow-column`; an identifier let through in error is in the
    /// study file for good.
    public static let identifierConcepts: [IdentifierConcept] = [
        IdentifierConcept(
            concept: "personal name",
            stems: [
                "firstname", "lastname", "surname", "forename", "fullname", "givenname", "familyname",
                "middlename", "maidenname", "nickname", "preferredname", "username",
            ],
            words: ["name", "names", "fname", "lname", "initials"]),
        IdentifierConcept(
            concept: "NHS number (or CHI, H&C number)",
            stems: ["nhsnumber", "nhsno", "nhsnum", "nhsid", "chinumber", "hcnumber"],
            words: [], whole: ["nhs", "chi", "hc"]),
        IdentifierConcept(
            concept: "hospital number / MRN",
            stems: [
                "hospitalnumber", "hospitalno", "hospitalnum", "hospitalid", "hospno", "hospnum",
                "medicalrecord", "patientnumber", "patientno", "casenotenumber", "casenoteno",
            ],
            words: ["mrn"]),
        IdentifierConcept(
            concept: "telephone number",
            stems: ["phone", "mobile", "telno", "telnumber", "landline", "contactnumber", "contactno"],
            words: ["tel", "mob", "mobno", "cell", "fax"]),
        IdentifierConcept(concept: "e-mail address", stems: ["email"], words: []),
        IdentifierConcept(
            concept: "postal address",
            stems: ["address", "street", "housenumber", "flatnumber"],
            words: ["addr"]),
        IdentifierConcept(
            concept: "postcode", stems: ["postcode", "postalcode", "zipcode"], words: ["zip", "pcode"]),
        IdentifierConcept(
            concept: "date of birth", stems: ["dateofbirth", "birthdate", "birthday", "birthdt"],
            words: ["dob", "bday"]),
        IdentifierConcept(
            concept: "National Insurance number", stems: ["nationalinsurance", "ninumber", "nino"], words: []),
    ]

    /// First words of a name that say the name is not a person's (`service_name`, `site_name`):
    /// only the `name` word itself is excused, never a stem such as `surname`.
    public static let impersonalNameQualifiers: Set<String> = [
        "site", "service", "practice", "clinic", "hospital", "team", "trust", "ward",
        "organisation", "organization", "org", "project", "study", "file", "code", "language", "group",
        "theme", "course", "condition", "medication", "drug", "area", "country", "town", "city", "borough",
    ]

    /// `Household Type` -> `household_type`: how headers and attribute keys are compared.
    public static func normalizedKey(_ text: String) -> String { ColumnName.normalized(text) }

    /// The identifier concept that `key` names, if any. `key` is normalised first, so raw
    /// headers work too (`Mobile No`, `Postcode1`, `contact_email`).
    public static func identifierConcept(of key: String) -> IdentifierConcept? {
        let words = ColumnName.normalized(key).split(separator: "_")
            .map { String($0.filter { !$0.isNumber }) }
            .filter { !$0.isEmpty }
        let compact = words.joined()
        guard !compact.isEmpty else { return nil }
        // `site_name`, and the same written the other way round: `name_of_group`.
        let impersonal =
            (words.count > 1 && impersonalNameQualifiers.contains(words[0]))
            || (words.count > 2 && words[0] == "name" && words[1] == "of"
                && impersonalNameQualifiers.contains(words[2]))
        for concept in identifierConcepts {
            if concept.stems.contains(where: { compact.contains($0) }) || concept.whole.contains(compact) {
                return concept
            }
            for word in concept.words where words.contains(word) || compact == word {
                if concept.concept == "personal name" && impersonal && (word == "name" || word == "names") { continue }
                return concept
            }
            // `PatientName`, `carername`: run-together names end in the word.
            if concept.concept == "personal name" && !impersonal
                && (compact.hasSuffix("name") || compact.hasSuffix("names"))
            {
                return concept
            }
        }
        return nil
    }

    /// Whether `key` names a direct identifier (see ``identifierConcepts``).
    public static func isDirectIdentifier(_ key: String) -> Bool {
        identifierConcept(of: key) != nil
    }

    /// The message shown when a direct-identifier column or attribute is refused.
    public static func identifierRefusal(_ key: String) -> String {
        let concept = identifierConcept(of: key).map { " (\($0.concept))" } ?? ""
        return
            "'\(key)' looks like a direct identifier\(concept); the study keeps pseudonymous ids only (data minimisation, UK GDPR Article 5(1)(c)): keep identifiers in your separate key file"
    }

    /// Splits a list value on `;` or `,`, trimming and dropping empties.
    public static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," })
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
    }

    public static func languages(_ text: String, field: String = "languages") throws(Problem) -> [String] {
        var result: [String] = []
        for tag in list(text) {
            guard Identifiers.isLanguageTag(tag) else {
                throw Problem(
                    field: field, message: "bad language tag '\(tag)': expected BCP 47 tags such as ur, pa, en-GB",
                    column: nil)
            }
            let normalized = normalizeLanguage(tag)
            if !result.contains(normalized) { result.append(normalized) }
        }
        return result
    }

    /// `EN-gb` -> `en-GB`: language lower case, region upper case, script title case.
    public static func normalizeLanguage(_ tag: String) -> String {
        let parts = tag.split(separator: "-")
        return parts.enumerated().map { index, part -> String in
            if index == 0 { return part.lowercased() }
            if part.count == 2 && part.allSatisfy(\.isLetter) { return part.uppercased() }
            if part.count == 4 && part.allSatisfy(\.isLetter) {
                return part.prefix(1).uppercased() + part.dropFirst().lowercased()
            }
            return part.lowercased()
        }.joined(separator: "-")
    }

    public static func availability(_ text: String) throws(Problem) -> Availability {
        do {
            return try Availability.parse(text)
        } catch {
            throw Problem(field: "availability", message: error.message, column: error.column)
        }
    }

    /// Free text, trimmed; empty means not recorded.
    public static func optionalText(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Gender as recorded: trimmed, lower case (`f`, `m`, `non-binary`, ...).
    public static func gender(_ text: String) -> String? {
        optionalText(text)?.lowercased()
    }

    public static func yesNo(_ text: String, field: String) throws(Problem) -> Bool {
        switch text.trimmingSpaces().lowercased() {
        case "yes", "y": return true
        case "no", "n", "": return false
        default: throw Problem(field: field, message: "bad \(field) '\(text)': expected yes or no", column: nil)
        }
    }

    public static func communityPreference(_ text: String) throws(Problem) -> CommunityPreference {
        let value = text.trimmingSpaces().lowercased()
        if value.isEmpty { return .unspecified }
        guard let preference = CommunityPreference(rawValue: value) else {
            throw Problem(
                field: "prefers_same_community",
                message: "bad prefers_same_community '\(text)': expected yes, no or unspecified", column: nil)
        }
        return preference
    }

    public static func date(_ text: String, field: String) throws(Problem) -> CalendarDate? {
        let value = text.trimmingSpaces()
        if value.isEmpty { return nil }
        guard let date = CalendarDate(value) else {
            throw Problem(
                field: field, message: "bad \(field) '\(text)': expected a date as \(CalendarDate.formats)", column: nil
            )
        }
        return date
    }

    public static func capacity(_ text: String) throws(Problem) -> Int {
        let value = text.trimmingSpaces()
        if value.isEmpty { return Interviewer.defaultCapacity }
        guard let number = Int(value), number >= 0 else {
            throw Problem(
                field: "capacity",
                message: "bad capacity '\(text)': expected a whole number of participants, 0 or more", column: nil)
        }
        return number
    }

    /// Sets one recognised participant field from its text, or throws.
    public static func set(_ field: String, _ text: String, on participant: inout Participant) throws(Problem) {
        switch field {
        case "languages": participant.languages = try languages(text)
        case "gender": participant.gender = gender(text)
        case "community": participant.community = optionalText(text)
        case "availability": participant.availability = try availability(text)
        case "prefers_gender": participant.prefersGender = gender(text) ?? "any"
        case "prefers_same_community": participant.prefersSameCommunity = try communityPreference(text)
        case "consent_quotes": participant.consent.quotes = try yesNo(text, field: "consent_quotes")
        case "consent_date": participant.consent.date = try date(text, field: "consent_date")
        case "consent_version": participant.consent.version = optionalText(text)
        default: setAttribute(field, text, in: &participant.attributes)
        }
    }

    /// Sets one recognised interviewer field from its text, or throws.
    public static func set(_ field: String, _ text: String, on interviewer: inout Interviewer) throws(Problem) {
        switch field {
        case "name":
            guard let name = optionalText(text) else {
                throw Problem(field: "name", message: "an interviewer needs a name", column: nil)
            }
            interviewer.name = name
        case "languages": interviewer.languages = try languages(text)
        case "gender": interviewer.gender = gender(text)
        case "community": interviewer.community = optionalText(text)
        case "capacity": interviewer.capacity = try capacity(text)
        case "availability": interviewer.availability = try availability(text)
        default: setAttribute(field, text, in: &interviewer.attributes)
        }
    }

    /// An empty value removes the attribute.
    static func setAttribute(_ key: String, _ text: String, in attributes: inout [String: String]) {
        if let value = optionalText(text) { attributes[key] = value } else { attributes.removeValue(forKey: key) }
    }

    /// Checks an attribute key: its normalised form, not a direct identifier unless allowed.
    public static func attributeKey(_ raw: String, allowed: Set<String>) throws(Problem) -> String {
        let key = normalizedKey(raw)
        guard !key.isEmpty else {
            throw Problem(field: raw, message: "attribute name '\(raw)' has no letters or digits", column: nil)
        }
        if isDirectIdentifier(key) && !allowed.contains(key) {
            throw Problem(field: key, message: identifierRefusal(key), remedy: .allowIdentifierColumn(key))
        }
        return key
    }
}
