import Foundation

/// Removes identifiers from every quote that leaves the study.
///
/// The study's own redaction list comes first (names, places, services the team added), matched
/// case-insensitively on word boundaries, then patterns: e-mail addresses, NHS numbers (ten digits
/// that pass the modulus 11 check), UK phone numbers, UK postcodes and full dates (dates of birth).
///
/// ```swift
/// let redactor = Redactor(terms: [.init(term: "Dr Patel", label: "GP")])
/// redactor.redact("Dr Patel said call 07700 900123")   // "[GP] said call [phone]"
/// ```
public struct Redactor: Sendable {
    /// A term on the study's redaction list and what replaces it.
    public struct Term: Sendable, Equatable {
        public let term: String
        public let label: String
        public init(term: String, label: String = "name") {
            self.term = term
            self.label = label
        }
    }

    /// One identifier found, for `redact scan` and tests.
    public struct Finding: Sendable, Equatable {
        public let kind: String
        public let text: String
        /// Unicode-scalar offsets in the text scanned.
        public let start: Int
        public let end: Int
    }

    let terms: [(Term, NSRegularExpression)]

    public init(terms: [Term]) {
        // Longest first, so "Dr Amina Patel" is replaced before "Amina".
        self.terms = terms.sorted { $0.term.count > $1.term.count }.compactMap { term in
            let pattern = "(?<![\\p{L}\\p{N}])" + Self.matchingPattern(for: term.term) + "(?![\\p{L}\\p{N}])"
            return (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { (term, $0) }
        }
    }

    /// Characters that separate words however a transcript or its typist wrote them: space, tab,
    /// line breaks, no-break space (U+00A0), thin space (U+2009), narrow no-break space (U+202F).
    static let space = "[\\s\\u00A0\\u2009\\u202F]"
    /// The apostrophes people type: straight, left and right single quotes, modifier letter, grave.
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`"]

    /// The regular expression for a listed term, normalised for matching only: any run of
    /// whitespace in the term matches any run of whitespace in the text, and any apostrophe any
    /// apostrophe. The text itself is never changed; a match covers the characters as written.
    static func matchingPattern(for term: String) -> String {
        var pattern = ""
        var inSpace = false
        for character in term.trimmingCharacters(in: .whitespacesAndNewlines) {
            if character.isWhitespace {
                if !inSpace { pattern += space + "+" }
                inSpace = true
                continue
            }
            inSpace = false
            if apostrophes.contains(character) {
                pattern += "['\\u2019\\u2018\\u02BC`]"
            } else {
                pattern += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        return pattern
    }

    static let email = try! NSRegularExpression(pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")
    /// Ten digits in groups of 3, 3 and 4, joined by nothing, a space of any width, a hyphen or a dot.
    static let tenDigits = try! NSRegularExpression(
        pattern: "(?<![0-9])[0-9]{3}[ \\u00A0\\u2009\\u202F.-]?[0-9]{3}[ \\u00A0\\u2009\\u202F.-]?[0-9]{4}(?![0-9])")
    /// National (`07700 900123`, `(0161) 496 0000`) or international (`+44 7700 900123`,
    /// `+44 (0)7700 900123`, `0044 7700 900123`); the digit count is checked in ``matches(in:)``.
    static let phone = try! NSRegularExpression(
        pattern: "(?<![0-9+])(?:(?:\\+|00)44[ \\u00A0\\u2009]?\\(?0?\\)?[ \\u00A0\\u2009]?|\\(?0)[0-9]{2,4}\\)?"
            + "(?:[ \\u00A0\\u2009-]?[0-9]{2,4}){2,3}(?![0-9])")
    /// Outward and inward code, with up to two spaces of any width between them.
    static let postcode = try! NSRegularExpression(
        pattern:
            "(?<![A-Za-z0-9])[A-Za-z]{1,2}[0-9][A-Za-z0-9]?[ \\u00A0\\u2009\\u202F]{0,2}[0-9][A-Za-z]{2}(?![A-Za-z0-9])"
    )
    static let months =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    /// Day-month-year with `/`, `.` or `-`; ISO year-month-day; and dates with the month in words.
    static let date = try! NSRegularExpression(
        pattern: "(?<![0-9])(?:[0-3]?[0-9][/.-][01]?[0-9][/.-](?:19|20)?[0-9]{2}"
            + "|(?:19|20)[0-9]{2}[/.-][01]?[0-9][/.-][0-3]?[0-9]"
            + "|[0-3]?[0-9](?:st|nd|rd|th)?(?: of)? (?:\(months)),? (?:19|20)[0-9]{2}"
            + "|(?:\(months)) [0-3]?[0-9](?:st|nd|rd|th)?,? (?:19|20)[0-9]{2})(?![0-9])",
        options: [.caseInsensitive])

    /// True when the ten digits pass the NHS number modulus 11 check.
    public static func isNHSNumber(_ digits: [Int]) -> Bool {
        guard digits.count == 10 else { return false }
        let sum = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) }
        let check = 11 - sum % 11
        if check == 10 { return false }
        return (check == 11 ? 0 : check) == digits[9]
    }

    /// Every identifier in `text`, earliest first; overlaps keep the earlier kind in the order above.
    public func findings(in text: String) -> [Finding] {
        let ns = text as NSString
        return matches(in: text).map { range, kind, _ in
            let start = ns.substring(to: range.location).unicodeScalars.count
            let found = ns.substring(with: range)
            return Finding(kind: kind, text: found, start: start, end: start + found.unicodeScalars.count)
        }
    }

    /// (range in UTF-16 units, kind, replacement), earliest first.
    func matches(in text: String) -> [(NSRange, String, String)] {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var found: [(NSRange, String, String)] = []
        func take(_ range: NSRange, _ kind: String, _ label: String) {
            guard !found.contains(where: { NSIntersectionRange($0.0, range).length > 0 }) else { return }
            found.append((range, kind, label))
        }
        for (term, regex) in terms {
            for match in regex.matches(in: text, range: whole) { take(match.range, "term", "[\(term.label)]") }
        }
        for match in Self.email.matches(in: text, range: whole) { take(match.range, "email", "[email]") }
        for match in Self.tenDigits.matches(in: text, range: whole) {
            let digits = ns.substring(with: match.range).compactMap { $0.wholeNumberValue }
            if Self.isNHSNumber(digits) { take(match.range, "nhs-number", "[NHS number]") }
        }
        for match in Self.phone.matches(in: text, range: whole) {
            if Self.isUKPhone(ns.substring(with: match.range)) { take(match.range, "phone", "[phone]") }
        }
        for match in Self.postcode.matches(in: text, range: whole)
        where Self.looksLikePostcode(ns.substring(with: match.range)) {
            take(match.range, "postcode", "[postcode]")
        }
        for match in Self.date.matches(in: text, range: whole) { take(match.range, "date", "[date]") }
        return found.sorted { $0.0.location < $1.0.location }
    }

    /// Whether a phone-shaped match has the digits of a UK number: after the country code (`+44`
    /// or `0044`) and the trunk `0` (also written `(0)`), 9 or 10 digits are left.
    static func isUKPhone(_ text: String) -> Bool {
        var digits = Substring(text.filter(\.isASCII).filter(\.isNumber))
        let international = text.hasPrefix("+") || digits.hasPrefix("0044")
        if international { digits = digits.dropFirst(digits.hasPrefix("00") ? 4 : 2) }
        if digits.hasPrefix("0") { digits = digits.dropFirst() }
        return (9...10).contains(digits.count)
    }

    /// A postcode-shaped word that is not an ordinary word or time: the outward code has a digit
    /// and the whole has the letters a postcode has.
    static func looksLikePostcode(_ text: String) -> Bool {
        let compact = String(text.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) }).uppercased()
        guard (5...7).contains(compact.count) else { return false }
        return compact.last!.isLetter && compact.dropLast().last!.isLetter && compact.first!.isLetter
    }

    /// `text` with every identifier replaced by its label.
    public func redact(_ text: String) -> String {
        var result = text as NSString
        // From the end, so earlier ranges stay valid.
        for (range, _, label) in matches(in: text).reversed() {
            result = result.replacingCharacters(in: range, with: label) as NSString
        }
        return result as String
    }

    /// The span `start..<end` (Unicode scalars) of `turn`, cut from the redacted turn.
    ///
    /// Redaction before cutting: the whole turn is redacted first, so that an identifier is found
    /// with all its characters, and the span is then mapped onto the redacted text. A span that
    /// touches an identifier (even one character of it) is widened to hold its whole placeholder,
    /// so no excerpt ever holds part of an identifier (`my NHS number 943 476 59` becomes
    /// `my NHS number [NHS number]`). Offsets outside the turn are clamped to it.
    ///
    /// Use this wherever a coded span is cut out of its turn for output; redacting an excerpt
    /// after cutting it misses an identifier the cut has shortened.
    public func excerpt(of turn: String, from start: Int, to end: Int) -> String {
        RedactedTurn(turn, by: self).excerpt(from: start, to: end)
    }

    /// ``matches(in:)`` in Unicode-scalar offsets, with their replacements, earliest first.
    func scalarMatches(in text: String) -> [(start: Int, end: Int, label: String)] {
        let found = matches(in: text)
        guard !found.isEmpty else { return [] }
        // UTF-16 offset -> scalar offset, for every scalar boundary.
        var scalarAt: [Int: Int] = [0: 0]
        var utf16 = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            utf16 += scalar.utf16.count
            scalarAt[utf16] = index + 1
        }
        return found.map { range, _, label in
            (scalarAt[range.location]!, scalarAt[range.location + range.length]!, label)
        }
    }

    /// Phrases after which a capitalised word is likely a name (`my son Imran`, `called Joy`).
    static let nameCue = try! NSRegularExpression(
        pattern:
            "\\b(?:[Mm]y (?:son|daughter|husband|wife|brother|sister|mum|mother|dad|father|cousin|uncle|aunt|auntie|friend|GP|doctor|nurse|teacher|boss|partner|neighbour)|called|named|[Dd]octor|Dr\\.?|Mrs?\\.?|Ms\\.?)\\s+([A-Z][\\p{L}'-]+(?:\\s+[A-Z][\\p{L}'-]+)?)"
    )

    /// Likely names: capitalised words after cue phrases, with offsets.
    public func likelyNames(in text: String) -> [Finding] {
        let ns = text as NSString
        return Self.nameCue.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            let range = match.range(at: 1)
            let start = ns.substring(to: range.location).unicodeScalars.count
            let name = ns.substring(with: range)
            return Finding(kind: "name?", text: name, start: start, end: start + name.unicodeScalars.count)
        }
    }
}

/// A turn with its identifiers found once, so that many excerpts can be cut from it: the same
/// rule as ``Redactor/excerpt(of:from:to:)``, without redacting the turn again for each.
public struct RedactedTurn: Sendable {
    let scalars: [Unicode.Scalar]
    let found: [(start: Int, end: Int, label: String)]

    public init(_ turn: String, by redactor: Redactor) {
        scalars = Array(turn.unicodeScalars)
        found = redactor.scalarMatches(in: turn)
    }

    /// The span `start..<end` (Unicode scalars) of the redacted turn, widened to whole
    /// placeholders where it touches an identifier; offsets outside the turn are clamped.
    public func excerpt(from start: Int, to end: Int) -> String {
        var from = max(0, min(start, scalars.count))
        var to = max(from, min(end, scalars.count))
        // Matches never overlap, so widening to the ones touched cannot touch another.
        for match in found where match.start < to && match.end > from {
            from = min(from, match.start)
            to = max(to, match.end)
        }
        var out = String.UnicodeScalarView()
        var position = from
        for match in found where match.start >= from && match.end <= to {
            out.append(contentsOf: scalars[position..<match.start])
            out.append(contentsOf: match.label.unicodeScalars)
            position = match.end
        }
        out.append(contentsOf: scalars[position..<to])
        return String(out)
    }
}
