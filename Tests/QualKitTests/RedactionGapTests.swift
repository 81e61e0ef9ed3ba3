import Testing

@testable import QualKit

/// Identifiers written in ways the redactor used to miss, one test per way. Matching normalises
/// whitespace and apostrophes; the replacement covers the characters as written.
@Suite struct RedactionGapTests {
    let redactor = Redactor(terms: [
        .init(term: "Mary O'Neil"), .init(term: "Siobhan O\u{2019}Brien"),
        .init(term: "Northside Clinic", label: "place"),
    ])

    /// The text redacted, and the one finding's original characters.
    func check(_ text: String, _ expected: String, finds written: String, kind: String) {
        #expect(redactor.redact(text) == expected)
        let findings = redactor.findings(in: text)
        #expect(findings.map(\.kind) == [kind])
        #expect(findings.map(\.text) == [written])
    }

    @Test func nhsNumberWithNoBreakSpaces() {
        check(
            "number 943\u{00A0}476\u{00A0}5919 ok", "number [NHS number] ok", finds: "943\u{00A0}476\u{00A0}5919",
            kind: "nhs-number")
    }

    @Test func nhsNumberWithThinSpaces() {
        check(
            "number 943\u{2009}476\u{2009}5919 ok", "number [NHS number] ok", finds: "943\u{2009}476\u{2009}5919",
            kind: "nhs-number")
    }

    @Test func nhsNumberWithDots() {
        check("number 943.476.5919.", "number [NHS number].", finds: "943.476.5919", kind: "nhs-number")
        // Still checked: a number failing modulus 11 is left alone.
        #expect(redactor.redact("number 943.476.5918.") == "number 943.476.5918.")
    }

    @Test func nhsNumberWithNarrowNoBreakSpaces() {
        check(
            "number 943\u{202F}476\u{202F}5919 ok", "number [NHS number] ok", finds: "943\u{202F}476\u{202F}5919",
            kind: "nhs-number")
    }

    @Test func isoDate() {
        check("born 1987-03-12 in Leeds", "born [date] in Leeds", finds: "1987-03-12", kind: "date")
        #expect(redactor.redact("in 1987 and 2001") == "in 1987 and 2001")
    }

    @Test func internationalPhoneWithTrunkZeroInBrackets() {
        check("ring +44 (0)7700 900123 now", "ring [phone] now", finds: "+44 (0)7700 900123", kind: "phone")
    }

    @Test func internationalPhoneWithDoubleZero() {
        check("ring 0044 7700 900123 now", "ring [phone] now", finds: "0044 7700 900123", kind: "phone")
    }

    /// A phone number running into more digits fits no phone pattern, yet holds the number whole:
    /// the whole digit run is redacted.
    @Test func phoneRunningIntoMoreDigits() {
        check("ring 07700 9001234567 now", "ring [phone] now", finds: "07700 9001234567", kind: "phone")
        check("ring 077009001234567.", "ring [phone].", finds: "077009001234567", kind: "phone")
        check("ring +44 7700 900123 45 now", "ring [phone] now", finds: "+44 7700 900123 45", kind: "phone")
    }

    @Test func nhsNumberRunningIntoMoreDigits() {
        check("number 943 476 59191 ok", "number [number] ok", finds: "943 476 59191", kind: "number")
        check("ref 12943 476 5919 ok", "ref [number] ok", finds: "12943 476 5919", kind: "number")
    }

    /// A long run absorbs what the patterns found inside it, so nothing of it is left between
    /// placeholders; shorter numbers and a single identifier are left as they were.
    @Test func longDigitRunsAreRedactedWhole() {
        check("dates 12.03.1987 14.02.2001 ok", "dates [number] ok", finds: "12.03.1987 14.02.2001", kind: "number")
        check("ref 9434765919 07700 900123", "ref [number]", finds: "9434765919 07700 900123", kind: "number")
        #expect(redactor.redact("ring 07700 900123, ok") == "ring [phone], ok")
        #expect(redactor.redact("ring 0044 7700 900123") == "ring [phone]")
        #expect(
            redactor.redact("in 2019 and 2020, 1 000 000 people, 943.476.5918")
                == "in 2019 and 2020, 1 000 000 people, 943.476.5918")
    }

    @Test func postcodeWithTwoSpaces() {
        check("I live at SW1A  1AA now", "I live at [postcode] now", finds: "SW1A  1AA", kind: "postcode")
    }

    @Test func listedTermWithNoBreakSpace() {
        check("ask Mary\u{00A0}O'Neil today", "ask [name] today", finds: "Mary\u{00A0}O'Neil", kind: "term")
    }

    @Test func listedTermWithTwoSpaces() {
        check("at Northside  Clinic today", "at [place] today", finds: "Northside  Clinic", kind: "term")
    }

    @Test func listedTermWithTab() {
        check("ask Mary\tO'Neil today", "ask [name] today", finds: "Mary\tO'Neil", kind: "term")
    }

    @Test func listedTermWithCurlyApostropheInTheText() {
        check("ask mary o\u{2019}neil today", "ask [name] today", finds: "mary o\u{2019}neil", kind: "term")
    }

    @Test func listedTermWithCurlyApostropheOnTheList() {
        check("ask Siobhan O'Brien today", "ask [name] today", finds: "Siobhan O'Brien", kind: "term")
    }

    @Test func normalisingNeverChangesTheRestOfTheText() {
        let text = "Mary\u{00A0}O\u{2019}Neil said\u{00A0}it’s  fine\tthen"
        #expect(redactor.redact(text) == "[name] said\u{00A0}it’s  fine\tthen")
        #expect(redactor.redact("Maryx O'Neil and Mary O'Neill") == "Maryx O'Neil and Mary O'Neill")
    }
}
