import Foundation
import Testing

@testable import QualKit

/// The report's small-number suppression, in every format.
@Suite struct SmallNumbersTests {
    /// Groups of 1, 4, 5 and 9 participants by `band`. Everyone raised `barrier.common`; three of
    /// the five and two of the nine raised `barrier.rare` (5 overall); two of the nine raised
    /// `barrier.tiny` (2 overall). Everyone consents to quotes.
    func study() throws -> TemporaryStudy {
        let fixture = try TemporaryStudy(title: "Small numbers")
        try fixture.codes(["barrier.common", "barrier.rare", "barrier.tiny"])
        try fixture.coders(["AB"])
        let bands = [("solo-band", 1), ("quad-band", 4), ("five-band", 5), ("nine-band", 9)]
        var number = 0
        for (band, size) in bands {
            for member in 0..<size {
                number += 1
                let id = String(format: "P%02d", number)
                try fixture.participant(id, [("consent_quotes", "yes"), ("band", band)])
                try fixture.transcript(
                    id,
                    turns: [
                        "Tell me more?", "Participant \(id) found the buses hard. It was a long way.", "And?",
                        "Participant \(id) says the letters were confusing.",
                    ])
                try fixture.tag(id, 2, "barrier.common", by: "AB")
                if (band == "five-band" && member < 3) || (band == "nine-band" && member < 2) {
                    try fixture.tag(id, 4, "barrier.rare", by: "AB")
                }
                if band == "nine-band" && member >= 7 { try fixture.tag(id, 4, "barrier.tiny", by: "AB") }
            }
        }
        return fixture
    }

    func array(_ value: JSON?) -> [JSON] {
        if case .array(let items)? = value { return items }
        return []
    }

    func formats(_ report: FindingsReport) -> [String: String] {
        [
            "html": report.html, "md": report.markdown, "json": report.json.serialized(),
            "csv": report.csvFiles.map { "\($0.0)\n\($0.1)" }.joined(separator: "\n"),
        ]
    }

    @Test func groupsUnderTheThresholdAreNeverBrokenOutInAnyFormat() throws {
        let fixture = try study()
        var options = FindingsReport.Options()
        options.by = ["band"]
        options.attributes = ["band"]
        let report = try FindingsReport.build(fixture.study, options: options)
        // The working tally still has every group, flagged.
        #expect(
            report.groups[0].groups.map { "\($0.value) \($0.participantsTotal) \($0.small)" } == [
                "five-band 5 false", "nine-band 9 false", "quad-band 4 true", "solo-band 1 true",
            ])
        let published = try #require(report.published.first)
        #expect(
            published.groups.map { "\($0.value) \($0.participantsTotal)" } == [
                "five-band 5", "nine-band 9", "\(SmallNumbers.PublishedGroups.other) 5",
            ])
        #expect(published.pooled == 2 && published.leftOut == 0)
        // The pooled group's counts are its members' sums: all 5 raised barrier.common.
        let other = try #require(published.groups.last?.themes.first { $0.code == "barrier.common" })
        #expect(other.participants == 5 && other.percent == 100)
        for (format, text) in formats(report) {
            #expect(!text.contains("solo-band") && !text.contains("quad-band"), "\(format) names a small group")
            // 3 of 5 (60.0%), 2 of 9 (22.2%) and 2 of 19 (10.5%) are small counts: never shown.
            for hidden in ["60.0%", "22.2%", "10.5%", ",60.0", ",22.2", ",10.5", ": 60.0", ": 22.2", ": 10.5"] {
                #expect(!text.contains(hidden), "\(format) shows \(hidden)")
            }
            #expect(text.contains("fewer than 5"), "\(format) does not say fewer than 5")
            #expect(!text.contains(SmallNumbers.banner))
        }
        #expect(report.markdown.contains("| five-band (n=5) | nine-band (n=9) | Other groups combined (n=5) |"))
        #expect(report.markdown.contains("| common | 5 (100.0%) | 9 (100.0%) | 5 (100.0%) |"))
        #expect(report.markdown.contains("| rare | fewer than 5 | fewer than 5 | 0 (0.0%) |"))
        #expect(report.markdown.contains("| tiny | `barrier.tiny` | fewer than 5 |  |  |"))
        // JSON: no group under 5, and every suppressed count a string with no percentage.
        let json = report.json
        let tables = array(json["subgroups"])
        #expect(tables.count == 1)
        for group in array(tables.first?["groups"]) {
            guard case .int(let total)? = group["participants_total"] else {
                Issue.record("a group's total is not a number")
                continue
            }
            #expect(total >= 5)
            for theme in array(group["themes"]) {
                if case .int = theme["participants"] { continue }
                #expect(theme["participants"] == .string("fewer than 5"))
                #expect(theme["percent"] == .null)
            }
        }
        // Captions: every band here reaches 5 except solo and quad, whose members show no band.
        for quote in report.quotes.values.flatMap({ $0 }) {
            let id = Int(quote.participant.dropFirst())!
            #expect(
                quote.attribution
                    == (id <= 5 ? quote.participant : "\(quote.participant), \(id <= 10 ? "five-band" : "nine-band")"))
        }
        #expect(try Disclosure.log(of: fixture.study).isEmpty)
    }

    @Test func showSmallShowsThemWithTheBannerAndIsLogged() throws {
        let fixture = try study()
        var options = FindingsReport.Options()
        options.by = ["band"]
        options.smallNumbers = SmallNumbers(showSmall: true)
        let report = try FindingsReport.build(fixture.study, options: options)
        for (format, text) in formats(report) {
            #expect(text.contains(SmallNumbers.banner), "\(format) has no banner")
            #expect(text.contains("solo-band") && text.contains("quad-band"), "\(format) hides a group")
        }
        #expect(report.html.contains("1 (100.0%)"))
        #expect(report.markdown.contains("| rare | 3 (60.0%) |"))
        #expect(try Disclosure.log(of: fixture.study).map(\.what) == ["report --show-small --min-cell 5"])
    }

    @Test func aPoolStillUnderTheThresholdIsLeftOutWithANote() throws {
        let fixture = try study()
        var options = FindingsReport.Options()
        options.by = ["band"]
        // At 6: five-band (5) and quad (4) and solo (1) pool to 10; only nine-band stands alone.
        options.smallNumbers = SmallNumbers(minimum: 6)
        var published = try #require(FindingsReport.build(fixture.study, options: options).published.first)
        #expect(published.groups.map(\.value) == ["nine-band", SmallNumbers.PublishedGroups.other])
        #expect(published.groups.last?.participantsTotal == 10)
        // At 20 nothing reaches it, even all pooled (19): everything is left out, with a note.
        options.smallNumbers = SmallNumbers(minimum: 20)
        let report = try FindingsReport.build(fixture.study, options: options)
        published = try #require(report.published.first)
        #expect(published.groups.isEmpty && published.leftOut == 4)
        #expect(report.markdown.contains("4 groups with fewer than 20 participants"))
    }

    @Test func countsAreNumbersOrWords() {
        let rule = SmallNumbers()
        #expect(rule.count(0) == "0")
        #expect(rule.count(4) == "fewer than 5")
        #expect(rule.count(5) == "5")
        #expect(rule.countAndPercent(4, 40) == "fewer than 5")
        #expect(rule.countAndPercent(6, 40) == "6 (40.0%)")
        #expect(SmallNumbers(showSmall: true).count(1) == "1")
    }
}

/// The report never prints an unfilled placeholder, for the demo or for a bare study.
@Suite struct ReportPlaceholderTests {
    static let placeholders = ["BASE", "RUN", "0 listed terms", "(blank)", "— to —", "nil", "N = 1 participants"]

    func check(_ report: FindingsReport, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in [report.html, report.markdown, report.json.serialized()] {
            for word in Self.placeholders {
                #expect(!text.contains(word), "\(word)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theDemoReportHasEveryNumberFilledIn() throws {
        var options = FindingsReport.Options()
        options.by = ["household"]
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocols").path
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-placeholders-\(getpid())-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let study = try Study.open(at: DemoStudy.build(in: folder, shipped: shipped).studyPath)
        check(try FindingsReport.build(study, options: options))
    }

    @Test func aStudyWithNoQuotesNoActionsAndOneCoderToo() throws {
        let fixture = try bareReportStudy()
        let report = try FindingsReport.build(fixture.study, options: .init())
        check(report)
        #expect(report.markdown.contains(FindingsReport.noQuotes))
        #expect(report.html.contains("no study-specific terms"))
    }
}
