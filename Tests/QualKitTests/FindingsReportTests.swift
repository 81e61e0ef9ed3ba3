import Foundation
import Testing

@testable import QualKit

/// `FindingsReport.build`: themes, consented and redacted quotes, actions and outcomes.
@Suite struct FindingsReportTests {
    /// P1 and P3 consent to quotes, P2 does not; everyone's turns 2 and 4 are tagged by AB.
    /// P1's first answer holds a phone number and a listed name.
    func study() throws -> TemporaryStudy {
        let fixture = try TemporaryStudy(title: "Findings unit test")
        try fixture.codes(["barrier.stigma", "barrier.times", "facilitator.friend"])
        try fixture.coders(["AB"])
        let answers = [
            "P1": [
                "People would say I was mad, ring me on 07700 900123 or see Dr Patel.",
                "The afternoon calls never worked for me at home with everyone there.",
            ],
            "P2": [
                "My family would never forgive the shame of it, honestly never.",
                "Only daytime appointments were offered to me by anyone at all.",
            ],
            "P3": [
                "Everyone in the community would know about it within a week.",
                "They rang at two when I was in college every single week.",
            ],
        ]
        let people = [("P1", "yes", "multi"), ("P2", "no", "multi"), ("P3", "yes", "alone")]
        for (id, consent, household) in people {
            try fixture.participant(id, [("consent_quotes", consent), ("household", household)])
            let turns = try #require(answers[id])
            try fixture.transcript(id, turns: ["Why?", turns[0], "Times?", turns[1]])
            try fixture.tag(id, 2, "barrier.stigma", by: "AB")
            try fixture.tag(id, 4, "barrier.times", by: "AB")
        }
        try fixture.tag("P2", 4, "facilitator.friend", by: "AB")
        try RedactionList(fixture.study).add("Dr Patel", label: "GP")
        return fixture
    }

    func quotes(_ report: FindingsReport, _ theme: String) -> [String] {
        (report.quotes[theme] ?? []).map { "\($0.participant): \($0.text)" }
    }

    @Test func themesAreTheKindsCodesByPeople() throws {
        let fixture = try study()
        var options = FindingsReport.Options()
        options.by = ["household"]
        let report = try FindingsReport.build(fixture.study, options: options)
        #expect(report.tally.participantsTotal == 3)
        // The kind's root and other kinds are left out.
        #expect(report.themes.map(\.code) == ["barrier.stigma", "barrier.times"])
        #expect(report.themes.map(\.participants) == [3, 3])
        #expect(report.themes.map(\.percent) == [100.0, 100.0])
        #expect(report.groups.map(\.by) == ["household"])
        #expect(report.groups.first?.groups.map { "\($0.value) \($0.participantsTotal)" } == ["alone 1", "multi 2"])
        #expect(report.summary.title == "Findings unit test")
    }

    @Test func quotesComeOnlyFromConsentingParticipantsRedacted() throws {
        let fixture = try study()
        var options = FindingsReport.Options()
        options.by = ["household"]
        let report = try FindingsReport.build(fixture.study, options: options)
        #expect(
            quotes(report, "barrier.stigma") == [
                "P1: People would say I was mad, ring me on [phone] or see [GP].",
                "P3: Everyone in the community would know about it within a week.",
            ])
        #expect(
            quotes(report, "barrier.times") == [
                "P1: The afternoon calls never worked for me at home with everyone there.",
                "P3: They rang at two when I was in college every single week.",
            ])
        // Household "multi" has 2 participants: under the threshold, so no caption shows it.
        let first = try #require(report.quotes["barrier.stigma"]?.first)
        #expect(first.attributes.isEmpty)
        #expect(first.attribution == "P1")
        options.smallNumbers = SmallNumbers(minimum: 2)
        let shown = try #require(FindingsReport.build(fixture.study, options: options).quotes["barrier.stigma"]?.first)
        #expect(shown.attribution == "P1, multi")
        #expect(report.redactionTerms == 1)
        for text in [report.markdown, report.html] {
            #expect(!text.contains("07700") && !text.contains("Patel") && !text.contains("forgive the shame"))
        }
        // Markdown escapes the brackets of the redaction labels.
        #expect(report.markdown.contains("ring me on \\[phone\\] or see \\[GP\\]."))
        #expect(report.html.contains("ring me on [phone] or see [GP]."))
    }

    @Test func withdrawingConsentRemovesTheirQuotes() throws {
        let fixture = try study()
        _ = try Roster(fixture.study).updateParticipant("P3", fields: [("consent_quotes", "no")])
        let report = try FindingsReport.build(fixture.study, options: .init())
        #expect(quotes(report, "barrier.stigma") == ["P1: People would say I was mad, ring me on [phone] or see [GP]."])
        #expect(quotes(report, "barrier.times").map { $0.prefix(3) } == ["P1:"])
        // Counts still include everyone coded: consent is about quotes, not about being counted.
        #expect(report.tally.participantsTotal == 3)
        var none = FindingsReport.Options()
        none.quotesPerTheme = 0
        #expect(try FindingsReport.build(fixture.study, options: none).quotes.isEmpty)
    }

    @Test func actionsAndOutcomesAreReadBeforeAndAfter() throws {
        let fixture = try study()
        let log = ServiceChangeLog(fixture.study)
        let action = try log.addAction(
            .init(
                themes: ["barrier.times"], change: "Evening appointments", owner: "Lead", status: .done,
                doneOn: CalendarDate("2023-06-01")))
        _ = try log.addAction(.init(themes: ["barrier.stigma"], change: "Community sessions"))
        for (value, date) in [(40.0, "2023-02-15"), (42, "2023-05-15"), (50, "2023-08-15"), (54, "2023-11-15")] {
            try log.addOutcome(
                Outcome(
                    id: 0, measure: "completion", period: String(date.prefix(7)), value: value, n: 100, unit: .percent,
                    date: CalendarDate(date), action: action.id))
        }
        try log.addOutcome(Outcome(id: 0, measure: "admissions", period: "2023-Q1", value: 12))
        let report = try FindingsReport.build(fixture.study, options: .init())
        #expect(report.actions.map(\.change) == ["Evening appointments", "Community sessions"])
        #expect(report.actions.map(\.status) == [.done, .planned])
        #expect(report.actions.first?.doneOn == CalendarDate("2023-06-01"))
        #expect(report.actions.first?.themes == ["barrier.times"])
        #expect(report.outcomes.map(\.measure) == ["admissions", "completion"])
        let completion = try #require(report.outcomes.last)
        #expect(completion.points.map(\.value) == [40, 42, 50, 54])
        // Before 2023-06-01: (40 + 42) / 2; from then on: (50 + 54) / 2.
        #expect(completion.before == 41)
        #expect(completion.after == 52)
        #expect(completion.action?.id == action.id)
        let admissions = try #require(report.outcomes.first)
        #expect(admissions.action == nil && admissions.before == nil && admissions.after == nil)
        #expect(report.markdown.contains("Evening appointments"))
        #expect(report.html.contains("Evening appointments"))
    }

    @Test func theSameWordsAreTheSameQuoteWhateverTheirSpacingCaseOrQuotes() {
        let plain = FindingsReport.sameWordsKey("I was passed from the GP to one team, and then nothing.")
        #expect(FindingsReport.sameWordsKey("I\nwas passed from the GP to one team, and then nothing.") == plain)
        #expect(FindingsReport.sameWordsKey("i was  passed from the gp to one team and then nothing") == plain)
        #expect(
            FindingsReport.sameWordsKey("They said \u{201C}don\u{2019}t\u{201D}")
                == FindingsReport.sameWordsKey("they said \"don't\""))
        #expect(FindingsReport.sameWordsKey("I was passed on") != plain)
    }
}
