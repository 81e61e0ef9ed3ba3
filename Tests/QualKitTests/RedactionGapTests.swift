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
