/// Syntax rules for the names qualkit stores, shared by every parser and command.
public enum Identifiers {
    /// A protocol or question id: one or more of `a-z`, `0-9`, `-`.
    public static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || isASCIIDigit($0) || $0 == "-" }
    }

    /// A code path: dotted parts, each a slug (`barrier.stigma.family`).
    public static func isCodePath(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { isSlug(String($0)) }
    }

    /// A BCP 47 language tag, checked for shape: a 2–3 letter language, then 1–8 character subtags
    /// (`en`, `ur`, `pa-Guru`, `zh-Hant-HK`, `en-GB`).
    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
            language.unicodeScalars.allSatisfy(isASCIILetter)
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
        }
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// A participant, interviewer, coder or interview id: 1–64 of letters, digits, `.`, `_`, `-`.
    public static func isPersonID(_ text: String) -> Bool {
        (1...64).contains(text.unicodeScalars.count)
            && text.unicodeScalars.allSatisfy {
                isASCIILetter($0) || isASCIIDigit($0) || $0 == "." || $0 == "_" || $0 == "-"
            }
    }
}
