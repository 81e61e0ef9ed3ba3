import Testing

@testable import QualKit

/// Every identifier pattern the redactor removes, and what it must leave alone.
@Suite struct RedactorTests {
    let redactor = Redactor(terms: [
        .init(term: "Imran"), .init(term: "Dr Patel", label: "GP"), .init(term: "Northside Clinic", label: "place"),
    ])

    @Test(arguments: [
        ("email me at amina.k@example.org please", "email me at [email] please"),
        ("ring 07700 900123 or 07700900123", "ring [phone] or [phone]"),
        ("call +44 7700 900123 today", "call [phone] today"),
        ("the office is (0161) 496 0000", "the office is [phone]"),
        ("020 7946 0958 is London", "[phone] is London"),
        ("my NHS number is 943 476 5919", "my NHS number is [NHS number]"),
        ("or written 9434765919.", "or written [NHS number]."),
        ("with dashes 943-476-5919", "with dashes [NHS number]"),
        ("I live at SW1A 1AA now", "I live at [postcode] now"),
        (
            "M1 1AE, B33 8TH, CR2 6XH, DN55 1PT and EC1A1BB",
            "[postcode], [postcode], [postcode], [postcode] and [postcode]"
        ),
        ("lower case ls6 2ab too", "lower case [postcode] too"),
        ("born 12/03/1987 in Leeds", "born [date] in Leeds"),
        ("on 3 March 1987 and March 3rd, 1987", "on [date] and [date]"),
        ("the 14th of February 2001", "the [date]"),
        ("my son Imran and IMRAN's friend", "my son [name] and [name]'s friend"),
        ("Dr Patel at Northside Clinic", "[GP] at [place]"),
    ])
    func redactsIdentifiers(_ input: String, _ expected: String) {
        #expect(redactor.redact(input) == expected)
    }

    @Test(arguments: [
        "an invalid NHS number 943 476 5918 stays",
        "Imrana is a different name",
        "we met at 10:30 on Saturday",
        "in 1987 I was born",
        "COVID 19 made it worse",
        "about 45 minutes, 3 times a week",
    ])
    func leavesOrdinaryTextAlone(_ input: String) {
        #expect(redactor.redact(input) == input)
    }

    @Test func nhsModulus11() {
        #expect(Redactor.isNHSNumber([9, 4, 3, 4, 7, 6, 5, 9, 1, 9]))
        #expect(!Redactor.isNHSNumber([9, 4, 3, 4, 7, 6, 5, 9, 1, 8]))
        // A check digit of 10 is never valid.
        #expect(!Redactor.isNHSNumber([1, 0, 0, 0, 0, 0, 0, 0, 9, 0]))
        #expect(!Redactor.isNHSNumber([1, 2, 3]))
    }

    @Test func likelyNamesFollowCuePhrases() {
        let names = redactor.likelyNames(
            in: "My son Bilal drove me, and my GP Sarah Jones was kind. A nurse called Joy phoned."
        ).map(\.text)
        #expect(names == ["Bilal", "Sarah Jones", "Joy"])
    }

    @Test func findingsGiveScalarOffsets() {
        let text = "café — call 07700 900123"
        let finding = redactor.findings(in: text).first!
        #expect(finding.kind == "phone")
        #expect(ScalarText.slice(text, finding.start, finding.end) == "07700 900123")
    }
}
