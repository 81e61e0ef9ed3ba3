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

    /// Column names that look like direct identifiers. A study is pseudonymous: these are refused
    /// unless the team names the column with `--allow-column` (for example, after checking that
    /// a column called `address` holds only a borough).
    public static let directIdentifierColumns: Set<String> = [
        "name", "full_name", "fullname", "first_name", "firstname", "forename", "given_name", "last_name",
        "lastname", "surname", "family_name", "email", "e_mail", "email_address", "phone", "telephone",
        "phone_number", "tel", "mobile", "mobile_number", "address", "street", "home_address", "postcode",
        "post_code", "zip", "nhs_number", "nhs_no", "nhs", "dob", "date_of_birth", "birth_date", "birthdate",
    ]

    /// `Household Type` -> `household_type`: how headers and attribute keys are compared.
    public static func normalizedKey(_ text: String) -> String { ColumnName.normalized(text) }

    /// Whether `key` (already normalised) names a direct identifier.
    public static func isDirectIdentifier(_ key: String) -> Bool {
        directIdentifierColumns.contains(key)
    }

    /// The message shown when a direct-identifier column or attribute is refused.
    public static func identifierRefusal(_ key: String) -> String {
        "'\(key)' looks like a direct identifier; the study keeps pseudonymous ids only (data minimisation, UK GDPR Article 5(1)(c)): keep identifiers in your separate key file"
    }

    /// Splits a list value on `;` or `,`, trimming and dropping empties.
    public static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }
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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Gender as recorded: trimmed, lower case (`f`, `m`, `non-binary`, ...).
    public static func gender(_ text: String) -> String? {
        optionalText(text)?.lowercased()
    }

    public static func yesNo(_ text: String, field: String) throws(Problem) -> Bool {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y": return true
        case "no", "n", "": return false
        default: throw Problem(field: field, message: "bad \(field) '\(text)': expected yes or no", column: nil)
        }
    }

    public static func communityPreference(_ text: String) throws(Problem) -> CommunityPreference {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value.isEmpty { return .unspecified }
        guard let preference = CommunityPreference(rawValue: value) else {
            throw Problem(
                field: "prefers_same_community",
                message: "bad prefers_same_community '\(text)': expected yes, no or unspecified", column: nil)
        }
        return preference
    }

    public static func date(_ text: String, field: String) throws(Problem) -> CalendarDate? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        guard let date = CalendarDate(value) else {
            throw Problem(field: field, message: "bad \(field) '\(text)': expected a date as YYYY-MM-DD", column: nil)
        }
        return date
    }

    public static func capacity(_ text: String) throws(Problem) -> Int {
        let value = text.trimmingCharacters(in: .whitespaces)
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
