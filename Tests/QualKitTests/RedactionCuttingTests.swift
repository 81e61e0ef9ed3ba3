import Foundation
import Testing

@testable import QualKit

/// Redaction before cutting: the whole turn is redacted, then the span is mapped onto it, so no
/// excerpt holds part of an identifier.
@Suite struct RedactionCuttingTests {
    let redactor = Redactor(terms: [.init(term: "Imran"), .init(term: "Dr Patel", label: "GP")])

    /// The span of `needle` in `text`, in scalars.
    func span(_ needle: String, in text: String) throws -> (Int, Int) {
        let start = try #require(ScalarText.occurrences(of: needle, in: text).first)
        return (start, start + ScalarText.count(needle))
    }

    @Test func aSpanEndingInsideAnNHSNumberTakesTheWholePlaceholder() throws {
        let turn = "Yes, my NHS number 943 476 5919 is on the letter."
        let (start, end) = try span("my NHS number 943 476 59", in: turn)
        #expect(redactor.excerpt(of: turn, from: start, to: end) == "my NHS number [NHS number]")
        // Cut first, redacted second: what the report used to print.
        #expect(redactor.redact(ScalarText.slice(turn, start, end)!) == "my NHS number 943 476 59")
    }

    @Test func aSpanStartingInsideAPhoneNumberTakesTheWholePlaceholder() throws {
        let turn = "Just ring me on 07700 900123 after six."
        let (start, end) = try span("0123 after six.", in: turn)
        #expect(redactor.excerpt(of: turn, from: start, to: end) == "[phone] after six.")
        let (head, tail) = try span("ring me on 07700 90", in: turn)
        #expect(redactor.excerpt(of: turn, from: head, to: tail) == "ring me on [phone]")
    }

    @Test func aSpanInsideOneIdentifierIsItsPlaceholder() throws {
        let turn = "Dr Patel wrote to SW1A 1AA."
        let (start, end) = try span("1A 1", in: turn)
        #expect(redactor.excerpt(of: turn, from: start, to: end) == "[postcode]")
        let (name, nameEnd) = try span("Pat", in: turn)
        #expect(redactor.excerpt(of: turn, from: name, to: nameEnd) == "[GP]")
        // An empty span inside an identifier still gives nothing of it away.
        #expect(redactor.excerpt(of: turn, from: name + 1, to: name + 1) == "[GP]")
    }

    @Test func aSpanBesideAnIdentifierIsNotWidened() throws {
        let turn = "Imran drove me there."
        let (start, end) = try span(" drove me", in: turn)
        #expect(redactor.excerpt(of: turn, from: start, to: end) == " drove me")
        #expect(redactor.excerpt(of: turn, from: 0, to: ScalarText.count(turn)) == "[name] drove me there.")
    }

    @Test func offsetsOutsideTheTurnAreClamped() {
        #expect(redactor.excerpt(of: "call 07700 900123", from: -4, to: 99) == "call [phone]")
        #expect(redactor.excerpt(of: "call 07700 900123", from: 99, to: 120) == "")
    }

    @Test func scalarOffsetsSurviveTextBeforeTheSpan() throws {
        // Characters of two UTF-16 units before the identifier must not shift the span.
        let turn = "😀 café 🇬🇧 — my number is 943 476 5919, yes."
        let (start, end) = try span("is 943", in: turn)
        #expect(redactor.excerpt(of: turn, from: start, to: end) == "is [NHS number]")
    }

    /// Codings leaving in an export are cut from the redacted turn, not redacted after cutting.
    @Test func exportedCodingsAreCutFromTheRedactedTurn() throws {
        let fixture = try TemporaryStudy(title: "Cutting")
        try fixture.codes(["barrier.phone"])
        try fixture.coders(["AB"])
        try fixture.participant("P1")
        let answer = "My NHS number is 943 476 5919 and ring me on 07700 900123 any time."
        try fixture.transcript("P1", turns: ["Anything else?", answer])
        let (start, end) = try span("is 943 476 59", in: answer)
        _ = try CodingLog(fixture.study).tag(
            transcript: "P1", segment: 2, code: "barrier.phone", coder: "AB", selection: .span(start, end),
            memo: "He read out 07700 900123")
        let csv = try CodingExport.csv(fixture.study, disclosure: .redacted)
        #expect(csv.contains("is [NHS number]"))
        #expect(csv.contains("He read out [phone]"))
        #expect(!csv.contains("943"))
        #expect(!csv.contains("07700"))
        let json = try CodingExport.json(fixture.study, disclosure: .redacted)
        #expect(json.contains("is [NHS number]"))
        #expect(json.contains("He read out [phone]"))
        #expect(!json.contains("943"))
        #expect(!json.contains("07700"))
    }

    /// Memos go out through the redactor too, with the study's list and its normalised matching.
    @Test func exportedMemosAreRedactedWithTheStudysList() throws {
        let fixture = try TemporaryStudy(title: "Memos")
        try fixture.codes(["barrier.family"])
        try fixture.coders(["AB"])
        try fixture.participant("P1")
        try RedactionList(fixture.study).add("Mary O'Neil", label: nil)
        try fixture.transcript("P1", turns: ["Anything else?", "My sister helps me."])
        _ = try CodingLog(fixture.study).tag(
            transcript: "P1", segment: 2, code: "barrier.family", coder: "AB", selection: .span(0, 9),
            memo: "Sister is Mary\u{00A0}O\u{2019}Neil, born 1987-03-12, mob 07700 9001234567")
        for export in [
            try CodingExport.csv(fixture.study, disclosure: .redacted),
            try CodingExport.json(fixture.study, disclosure: .redacted),
        ] {
            #expect(export.contains("Sister is [name], born [date], mob [phone]"))
            #expect(!export.contains("Neil") && !export.contains("1987") && !export.contains("0770"))
        }
        // Unredacted, the memo is as written (and the disclosure is logged).
        let raw = try CodingExport.csv(fixture.study, disclosure: .unredacted(request: "test"))
        #expect(raw.contains("O\u{2019}Neil"))
        #expect(try Disclosure.log(of: fixture.study).map(\.what) == ["test"])
    }

    /// The report's quotes are cut from the redacted turn.
    @Test func reportQuotesAreCutFromTheRedactedTurn() throws {
        let fixture = try TemporaryStudy(title: "Cutting report")
        try fixture.codes(["barrier.phone"])
        try fixture.coders(["AB"])
        try fixture.participant("P1", [("consent_quotes", "yes")])
        let answer = "Nobody phones back, and my NHS number 943 476 5919 is on every letter they send."
        try fixture.transcript("P1", turns: ["Anything else?", answer])
        let (start, end) = try span("Nobody phones back, and my NHS number 943 476 59", in: answer)
        _ = try CodingLog(fixture.study).tag(
            transcript: "P1", segment: 2, code: "barrier.phone", coder: "AB", selection: .span(start, end),
            memo: nil)
        let report = try FindingsReport.build(fixture.study, options: FindingsReport.Options())
        let quotes = report.quotes.values.flatMap { $0 }.map(\.text)
        // The whole sentence, cut from the redacted turn.
        #expect(quotes == ["Nobody phones back, and my NHS number [NHS number] is on every letter they send."])
    }
}

/// The property: seeded random spans over generated turns full of identifiers never hold four or
/// more consecutive characters of any identifier.
@Suite struct RedactionCuttingPropertyTests {
    /// Listed terms; the generated texts write them in other cases, spacings and apostrophes.
    static let terms: [Redactor.Term] = [
        .init(term: "Imran Qureshi"), .init(term: "Mary O'Neil"), .init(term: "Siobhan O\u{2019}Brien"),
        .init(term: "Wojcik"), .init(term: "Dr Okonkwo", label: "GP"),
    ]
    /// Filler with no digits and no four letters in a row of any listed name.
    static let filler = [
        "the", "clinic", "was", "busy", "and", "we", "waited", "for", "hours", "then", "nurse", "came", "back",
        "said", "call", "again", "tomorrow", "it", "felt", "long", "my", "son", "drove", "me", "letter", "said",
        "to", "bring", "proof", "of", "who", "I", "am", "or", "ask", "at", "desk",
    ]

    enum Kind: Hashable { case number, postcode, email, name }

    /// One identifier planted in a text: what is compared, normalised.
    struct Planted {
        let kind: Kind
        let written: String
        /// Digits only (numbers), compact case-folded (postcodes), local part (e-mails), or the
        /// listed name case-folded with spaces and apostrophes made plain.
        let key: String
    }

    static func normalisedName(_ text: String) -> String {
        var out = ""
        var inSpace = false
        for character in text.lowercased() {
            if character.isWhitespace || character == "\u{00A0}" || character == "\u{2009}" {
                if !inSpace { out.append(" ") }
                inSpace = true
            } else {
                out.append(Redactor.apostrophes.contains(character) ? "'" : character)
                inSpace = false
            }
        }
        return out
    }

    static func digits(_ text: String) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }

    static func pick<T>(_ items: [T], _ random: inout SeededRandom) -> T {
        items[Int.random(in: 0..<items.count, using: &random)]
    }

    static func digitString(_ count: Int, _ random: inout SeededRandom) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
    }

    static func nhsNumber(_ random: inout SeededRandom) -> Planted {
        while true {
            let digits = (0..<9).map { _ in Int.random(in: 0...9, using: &random) }
            let sum = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) }
            let check = (11 - sum % 11) % 11
            guard check != 10 else { continue }
            let all = (digits + [check]).map(String.init).joined()
            let separator = pick(["", " ", "-", ".", "\u{00A0}", "\u{2009}"], &random)
            let written = all.prefix(3) + separator + all.dropFirst(3).prefix(3) + separator + all.suffix(4)
            return Planted(kind: .number, written: String(written), key: all)
        }
    }

    static func phone(_ random: inout SeededRandom) -> Planted {
        let mobile = "7" + digitString(3, &random)
        let rest = digitString(6, &random)
        let written: String
        switch Int.random(in: 0..<6, using: &random) {
        case 0: written = "0\(mobile) \(rest)"
        case 1: written = "0\(mobile)\(rest)"
        case 2: written = "+44 \(mobile) \(rest)"
        case 3: written = "+44 (0)\(mobile) \(rest)"
        case 4: written = "0044 \(mobile) \(rest)"
        default:
            let area = "1" + digitString(2, &random)
            written = "(0\(area)) \(rest.prefix(3)) \(digitString(4, &random))"
        }
        return Planted(kind: .number, written: written, key: digits(written))
    }

    /// A phone or NHS number running into more digits, which only the whole-run rule catches.
    static func runOn(_ random: inout SeededRandom) -> Planted {
        let number = Bool.random(using: &random) ? phone(&random) : nhsNumber(&random)
        let written = number.written + digitString(Int.random(in: 1...4, using: &random), &random)
        return Planted(kind: .number, written: written, key: digits(written))
    }

    static func date(_ random: inout SeededRandom) -> Planted {
        let year = String(Int.random(in: 1930...2019, using: &random))
        let month = String(format: "%02d", Int.random(in: 1...12, using: &random))
        let day = String(format: "%02d", Int.random(in: 1...28, using: &random))
        let written = Bool.random(using: &random) ? "\(year)-\(month)-\(day)" : "\(day)/\(month)/\(year)"
        return Planted(kind: .number, written: written, key: digits(written))
    }

    static func postcode(_ random: inout SeededRandom) -> Planted {
        let letters = Array("ABDEFGHJLNPRSTUWYZ")
        var outward = String(pick(letters, &random))
        if Bool.random(using: &random) { outward.append(pick(letters, &random)) }
        outward += String(Int.random(in: 1...9, using: &random))
        if Bool.random(using: &random) { outward += String(Int.random(in: 0...9, using: &random)) }
        let inward =
            String(Int.random(in: 0...9, using: &random)) + String(pick(letters, &random))
            + String(pick(letters, &random))
        let separator = pick([" ", "", "  ", "\u{00A0}"], &random)
        var written = outward + separator + inward
        if Bool.random(using: &random) { written = written.lowercased() }
        return Planted(kind: .postcode, written: written, key: (outward + inward).lowercased())
    }

    static func email(_ random: inout SeededRandom) -> Planted {
        let local =
            String((0..<Int.random(in: 4...8, using: &random)).map { _ in pick(Array("qxzjkv"), &random) })
            + "." + digitString(2, &random)
        return Planted(kind: .email, written: local + "@" + pick(["nhs.net", "example.org"], &random), key: local)
    }

    static func name(_ random: inout SeededRandom) -> Planted {
        let term = pick(terms, &random).term
        var written = ""
        for character in term {
            if character == " " {
                written += pick([" ", "  ", "\u{00A0}", "\t", "\u{2009}"], &random)
            } else if Redactor.apostrophes.contains(character) {
                written += pick(["'", "\u{2019}"], &random)
            } else {
                written.append(character)
            }
        }
        switch Int.random(in: 0..<3, using: &random) {
        case 0: written = written.uppercased()
        case 1: written = written.lowercased()
        default: break
        }
        return Planted(kind: .name, written: written, key: normalisedName(term))
    }

    /// A turn of filler words with identifiers between them, and where each identifier is.
    static func turn(_ random: inout SeededRandom) -> (text: String, planted: [(Planted, Int, Int)]) {
        var text = ""
        var planted: [(Planted, Int, Int)] = []
        for _ in 0..<Int.random(in: 3...9, using: &random) {
            for _ in 0..<Int.random(in: 1...4, using: &random) { text += pick(filler, &random) + " " }
            let maker = pick([nhsNumber, phone, runOn, date, postcode, email, name], &random)
            let identifier = maker(&random)
            let start = ScalarText.count(text)
            text += identifier.written
            planted.append((identifier, start, ScalarText.count(text)))
            text += pick([" ", ", ", ". ", "; ", "'s "], &random)
        }
        return (text + pick(filler, &random) + ".", planted)
    }

    /// What of `planted` the `output` gives away, or nil.
    static func leak(in output: String, of planted: [Planted]) -> String? {
        // Each form of the output as the set of its four-character pieces, made once and only
        // when an identifier of that kind needs it: set lookups keep the many cases fast.
        var grams: [Kind: Set<Substring>] = [:]
        func pieces(_ kind: Kind) -> Set<Substring> {
            if let made = grams[kind] { return made }
            let form: String
            switch kind {
            case .number: form = digits(output)
            case .postcode: form = String(output.lowercased().filter { !$0.isWhitespace })
            case .email: form = output.lowercased()
            case .name: form = normalisedName(output)
            }
            var made = Set<Substring>()
            var start = form.startIndex
            while let end = form.index(start, offsetBy: 4, limitedBy: form.endIndex) {
                made.insert(form[start..<end])
                start = form.index(after: start)
            }
            grams[kind] = made
            return made
        }
        for identifier in planted {
            let key = Array(identifier.key)
            guard key.count >= 4 else { continue }
            let found = pieces(identifier.kind)
            for index in 0...(key.count - 4) where found.contains(Substring(String(key[index..<(index + 4)]))) {
                return "'\(String(key[index..<(index + 4)]))' of \(identifier.written)"
            }
        }
        return nil
    }

    /// Whether the placeholders in `output` are all whole: filler holds no brackets, so any
    /// bracket comes from a placeholder, and a cut one would leave a `[` or `]` unpaired.
    static func placeholdersAreWhole(_ output: String) -> Bool {
        var open = false
        for character in output {
            if character == "[" {
                if open { return false }
                open = true
            } else if character == "]" {
                if !open { return false }
                open = false
            }
        }
        return !open
    }

    /// 150 turns, each cut by random spans and by spans starting, ending or lying inside every
    /// identifier, or running from inside one identifier into the next: the hard cases, kept
    /// few enough that the test takes well under a second.
    @Test func noExcerptHoldsFourCharactersOfAnyIdentifier() throws {
        let redactor = Redactor(terms: Self.terms)
        var random = SeededRandom(seed: 0x5EED_0010)
        var cases = 0
        var naiveLeaks = 0
        var widened = 0
        var failures: [String] = []
        for _ in 0..<150 {
            let (text, planted) = Self.turn(&random)
            let length = ScalarText.count(text)
            let redactedTurn = redactor.redact(text)
            let cut = RedactedTurn(text, by: redactor)
            // The whole turn redacted gives nothing away: the generator makes detectable identifiers.
            if let leak = Self.leak(in: redactedTurn, of: planted.map(\.0)) {
                failures.append("whole turn leaks \(leak): \(text.debugDescription)")
                continue
            }
            var spans: [(Int, Int)] = (0..<20).map { _ in
                let start = Int.random(in: 0...length, using: &random)
                return (start, Int.random(in: start...length, using: &random))
            }
            // Spans that start or end inside each identifier, where cutting hurts.
            let insides = planted.map { _, start, end in Int.random(in: (start + 1)...(end - 1), using: &random) }
            for ((_, start, end), inside) in zip(planted, insides) {
                spans.append((Int.random(in: 0...start, using: &random), inside))
                spans.append((inside, Int.random(in: end...length, using: &random)))
                spans.append((inside, inside))
            }
            for (from, to) in zip(insides, insides.dropFirst()) { spans.append((from, to)) }
            for (start, end) in spans {
                cases += 1
                let output = cut.excerpt(from: start, to: end)
                // The one-call form and the cached form are the same rule.
                if cases % 97 == 0 && output != redactor.excerpt(of: text, from: start, to: end) {
                    failures.append("span \(start):\(end): excerpt(of:) and RedactedTurn differ")
                }
                if let leak = Self.leak(in: output, of: planted.map(\.0)) {
                    failures.append("span \(start):\(end) leaks \(leak) in \(output.debugDescription)")
                }
                // The excerpt is a piece of the redacted turn, never text of its own.
                if !output.isEmpty && !redactedTurn.contains(output) {
                    failures.append("span \(start):\(end) gives \(output.debugDescription), not in the redacted turn")
                }
                // A span touching an identifier holds its whole placeholder, and no placeholder is cut.
                let touched = cut.found.filter {
                    ($0.start < end && $0.end > start) || ($0.start < start && start < $0.end)
                }
                if !Self.placeholdersAreWhole(output) || output.filter({ $0 == "[" }).count < touched.count {
                    failures.append("span \(start):\(end) cuts a placeholder: \(output.debugDescription)")
                }
                if ScalarText.count(output) > end - start { widened += 1 }
                // Cutting first and redacting second, on every eighth case (it is the slow part).
                if cases % 8 == 0,
                    Self.leak(in: redactor.redact(ScalarText.slice(text, start, end)!), of: planted.map(\.0)) != nil
                {
                    naiveLeaks += 1
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(cases >= 5_000)
        // The test has teeth: cutting first and redacting second leaks in many of these cases.
        #expect(naiveLeaks > cases / 80)
        #expect(widened > cases / 10)
    }
}
