/// Whether text leaving the study is redacted, and the record of every time it was not.
///
/// Everything that leaves the study (an export, a report) takes a `Disclosure`. Asking for
/// `.unredacted` writes an entry in the study's disclosure log in the same call, so no caller of
/// the library can take unredacted text out without it being recorded.
public enum Disclosure: Sendable, Equatable {
    /// Identifiers and the study's listed terms replaced (the default).
    case redacted
    /// The text as stored. `request` says who asked for what, for the log (no free text in it).
    case unredacted(request: String)

    /// One logged disclosure of unredacted text.
    public struct Entry: Sendable, Equatable {
        public let at: String
        public let what: String
    }

    /// The redactor to apply (nil for unredacted text, after logging the disclosure).
    public func redactor(for study: Study) throws -> Redactor? {
        switch self {
        case .redacted: return try RedactionList(study).redactor()
        case .unredacted(let request):
            try study.db.transaction { try PrivacyStore(study).logDisclosure(request) }
            return nil
        }
    }

    /// Every logged disclosure, oldest first.
    public static func log(of study: Study) throws -> [Entry] {
        try PrivacyStore(study).disclosures()
    }
}
