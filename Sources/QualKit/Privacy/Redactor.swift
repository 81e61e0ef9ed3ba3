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

    /// A run of digits joined by single separators (a space of any width, a dash, a dot, or the
    /// brackets and `+` of a phone number): `07700 9001234567`, `+44 (0)7700 900123`.
    static let digitRun = try! NSRegularExpression(
        pattern:
            "(?<![0-9])(?:\\+|\\()?[0-9]+(?:(?:[ \\u00A0\\u2009\\u202F.-]\\(?|\\(|\\)[ \\u00A0\\u2009\\u202F]?)[0-9]+)*"
    )
    /// A digit run with more digits than this is redacted whole (see ``matches(in:)``): longer
    /// than any UK phone number (11 digits nationally) or NHS number (10).
    static let longRunDigits = 11

    /// Every identifier in `text`, earliest first; overlaps keep the earlier kind in the order above.
    public func findings(in text: String) -> [Finding] {
        let found = scalarMatches(in: text)
        guard !found.isEmpty else { return [] }
        let scalars = Array(text.unicodeScalars)
        return found.map { match in
            let written = String(String.UnicodeScalarView(scalars[match.start..<match.end]))
            return Finding(kind: match.kind, text: written, start: match.start, end: match.end)
        }
    }

    /// (range in UTF-16 units, kind, replacement), earliest first.
    ///
    /// Linear in the text: each pattern is one pass, and whether a candidate overlaps one already
    /// taken is checked on a map of the text's UTF-16 units, so each candidate costs its length.
    func matches(in text: String) -> [(NSRange, String, String)] {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var found: [(NSRange, String, String)] = []
        // owner[i]: index in `found` + 1 of the match holding UTF-16 unit i, 0 for none.
        var owner: [Int32] = []
        func overlaps(_ range: NSRange) -> Bool {
            guard !owner.isEmpty else { return false }
            return owner[range.location..<(range.location + range.length)].contains { $0 != 0 }
        }
        func take(_ range: NSRange, _ kind: String, _ label: String) {
            guard range.length > 0, !overlaps(range) else { return }
            if owner.isEmpty { owner = Array(repeating: 0, count: ns.length) }
            found.append((range, kind, label))
            let index = Int32(found.count)
            for unit in range.location..<(range.location + range.length) { owner[unit] = index }
        }
        for (term, regex) in terms {
            for match in regex.matches(in: text, range: whole) { take(match.range, "term", "[\(term.label)]") }
        }
        // Every pattern below needs an `@` or a digit: most quoted turns have neither, and skip them.
        var hasAt = false
        var hasDigit = false
        for unit in text.utf16 {
            if unit == 0x40 { hasAt = true } else if unit >= 0x30 && unit <= 0x39 { hasDigit = true }
            if hasAt && hasDigit { break }
        }
        if hasAt {
            for match in Self.email.matches(in: text, range: whole) { take(match.range, "email", "[email]") }
        }
        guard hasDigit else { return found.sorted { $0.0.location < $1.0.location } }
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
        // A number running into more digits (`07700 9001234567`, `943 476 59191`) fits no pattern
        // above, yet holds a phone or NHS number whole. Such a run, with more digits than any
        // identifier has, is redacted whole, absorbing whatever the patterns found inside it
        // (`12.03.1987 14.02.2001` becomes one placeholder): too much redacted is safe, part of
        // an identifier published is not.
        var absorbed = Set<Int>()
        var runs: [(NSRange, String, String)] = []
        for match in Self.digitRun.matches(in: text, range: whole) {
            let range = match.range
            let run = ns.substring(with: range)
            guard run.unicodeScalars.lazy.filter({ ("0"..."9").contains($0) }).count >= Self.longRunDigits else {
                continue
            }
            var union = range
            var inside: [Int] = []
            if !owner.isEmpty {
                for unit in range.location..<(range.location + range.length) where owner[unit] != 0 {
                    let index = Int(owner[unit]) - 1
                    if inside.last != index { inside.append(index) }
                }
            }
            // Already one identifier (an e-mail holding the digits, a phone that is the run): kept.
            if inside.count == 1 && NSIntersectionRange(found[inside[0]].0, range) == range { continue }
            for index in inside { union = NSUnionRange(union, found[index].0) }
            absorbed.formUnion(inside)
            let phoneLike = run.hasPrefix("+") || run.hasPrefix("0") || run.hasPrefix("(0")
            runs.append((union, phoneLike ? "phone" : "number", phoneLike ? "[phone]" : "[number]"))
        }
        if !runs.isEmpty {
            // Two runs that absorbed the same match become one placeholder.
            var merged: [(NSRange, String, String)] = []
            for run in runs {
                if let last = merged.last, NSIntersectionRange(last.0, run.0).length > 0 {
                    merged[merged.count - 1].0 = NSUnionRange(last.0, run.0)
                } else {
                    merged.append(run)
                }
            }
            found = found.enumerated().filter { !absorbed.contains($0.offset) }.map(\.element) + merged
        }
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

    /// ``matches(in:)`` in Unicode-scalar offsets, with their kinds and replacements, earliest first.
    func scalarMatches(in text: String) -> [(start: Int, end: Int, kind: String, label: String)] {
        let found = matches(in: text)
        guard !found.isEmpty else { return [] }
        // One walk over the scalars, converting the sorted UTF-16 boundaries as they are passed.
        var boundaries: [Int] = []
        boundaries.reserveCapacity(found.count * 2)
        for (range, _, _) in found { boundaries += [range.location, range.location + range.length] }
        let order = boundaries.indices.sorted { boundaries[$0] < boundaries[$1] }
        var scalarOffsets = Array(repeating: 0, count: boundaries.count)
        var next = 0
        var utf16 = 0
        var scalarIndex = 0
        var scalars = text.unicodeScalars.makeIterator()
        while next < order.count {
            if boundaries[order[next]] <= utf16 {
                scalarOffsets[order[next]] = scalarIndex
                next += 1
                continue
            }
            guard let scalar = scalars.next() else { break }
            utf16 += scalar.utf16.count
            scalarIndex += 1
        }
        return found.enumerated().map { index, match in
            (scalarOffsets[2 * index], scalarOffsets[2 * index + 1], match.1, match.2)
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
    let turn: ScalarBytes
    let found: [(start: Int, end: Int, kind: String, label: String)]

    public init(_ turn: String, by redactor: Redactor) {
        self.turn = ScalarBytes(turn)
        found = redactor.scalarMatches(in: turn)
    }

    /// The span `start..<end` (Unicode scalars) of the redacted turn, widened to whole
    /// placeholders where it touches an identifier; offsets outside the turn are clamped.
    public func excerpt(from start: Int, to end: Int) -> String {
        var out: [UInt8] = []
        appendExcerpt(from: start, to: end, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``excerpt(from:to:)`` as UTF-8 bytes appended to `out`, for writers that build bytes.
    func appendExcerpt(from start: Int, to end: Int, to out: inout [UInt8]) {
        var from = max(0, min(start, turn.scalarCount))
        var to = max(from, min(end, turn.scalarCount))
        // Matches never overlap, so widening to the ones touched cannot touch another.
        for match in found where match.start < to && match.end > from {
            from = min(from, match.start)
            to = max(to, match.end)
        }
        // Built as UTF-8 bytes: appending to a String.UnicodeScalarView copies the whole view each
        // time, which made a long turn with many identifiers quadratic.
        var position = from
        for match in found where match.start >= from && match.end <= to {
            turn.append(position, match.start, to: &out)
            out.append(contentsOf: match.label.utf8)
            position = match.end
        }
        turn.append(position, to, to: &out)
    }
}

/// A text's UTF-8 bytes and where each Unicode scalar starts in them, so that spans given in
/// scalars are cut as byte ranges (the bytes of `text.unicodeScalars[start..<end]`).
struct ScalarBytes: Sendable {
    let bytes: [UInt8]
    /// Byte offset of each scalar, then the byte count; nil when the text is ASCII (offset = index).
    let offsets: [Int32]?
    let scalarCount: Int

    init(_ text: String) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            offsets = nil
            scalarCount = bytes.count
            return
        }
        var offsets: [Int32] = []
        offsets.reserveCapacity(bytes.count + 1)
        // A continuation byte (10xxxxxx) never starts a scalar.
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { offsets.append(Int32(index)) }
        scalarCount = offsets.count
        offsets.append(Int32(bytes.count))
        self.offsets = offsets
    }

    func byteOffset(_ scalar: Int) -> Int { offsets.map { Int($0[scalar]) } ?? scalar }

    /// Appends the bytes of scalars `start..<end` (in range) to `out`.
    func append(_ start: Int, _ end: Int, to out: inout [UInt8]) {
        guard start < end else { return }
        out.append(contentsOf: bytes[byteOffset(start)..<byteOffset(end)])
    }

    /// `ScalarText.slice`'s rule: the span's bytes when it lies in the text, else nothing.
    func appendSlice(_ start: Int, _ end: Int, to out: inout [UInt8]) {
        guard start >= 0, end >= start, end <= scalarCount else { return }
        append(start, end, to: &out)
    }
}
