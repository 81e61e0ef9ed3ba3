import Foundation
import Testing

@testable import QualKit

/// The demo study, built once for the report-structure tests.
private enum ReportDemo {
    static let built: Result<String, any Error> = Result {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocols").path
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-report-structure-\(getpid())-\(UUID().uuidString)").path
        return try DemoStudy.build(in: folder, shipped: shipped).studyPath
    }
    static func study() throws -> Study { try Study.open(at: built.get()) }
    static func report() throws -> FindingsReport {
        var options = FindingsReport.Options()
        options.by = ["household", "age_band"]
        return try FindingsReport.build(study(), options: options)
    }
}

/// Headings in HTML that have nothing under them before the next heading of the same or a higher
/// level, or the end of their section.
func emptyHTMLHeadings(_ html: String) -> [String] {
    var found: [String] = []
    let pattern = try! NSRegularExpression(pattern: "<h([1-6])[^>]*>(.*?)</h\\1>\\s*(<h([1-6])|</section>|</main>)")
    let range = NSRange(html.startIndex..., in: html)
    for match in pattern.matches(in: html, range: range) {
        let level = Int(html[Range(match.range(at: 1), in: html)!])!
        let next = Range(match.range(at: 4), in: html).flatMap { Int(html[$0]) }
        if next.map({ $0 <= level }) ?? true { found.append(String(html[Range(match.range(at: 2), in: html)!])) }
    }
    return found
}

/// Section headings (`h2`, `h3`) that print unguarded: not inside a `.keep` block (which does not
/// break inside, so the heading stays with its intro and first table or figure), or last in it.
func headingsOutsideKeepBlocks(_ html: String) -> [String] {
    var found: [String] = []
    var open: [Bool] = []  // one per open <div>: is it a keep block
    let pattern = try! NSRegularExpression(pattern: "<div([^>]*)>|</div>|<h([23])[^>]*>(.*?)</h\\2>\\s*(</div>)?")
    for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        let tag = html[Range(match.range, in: html)!]
        if tag.hasPrefix("<div") {
            open.append(html[Range(match.range(at: 1), in: html)!].contains("class=\"keep\""))
        } else if tag.hasPrefix("</div") {
            _ = open.popLast()
        } else {
            let last = match.range(at: 4).location != NSNotFound
            if !open.contains(true) || last { found.append(String(html[Range(match.range(at: 3), in: html)!])) }
            if last { _ = open.popLast() }
        }
    }
    return found
}

/// Markdown headings followed by a heading of the same or a higher level, or by the end.
func emptyMarkdownHeadings(_ markdown: String) -> [String] {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    func level(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return hashes > 0 && line.dropFirst(hashes).hasPrefix(" ") ? hashes : nil
    }
    var found: [String] = []
    for (index, line) in lines.enumerated() {
        guard let own = level(line) else { continue }
        let next = index + 1 < lines.count ? lines[index + 1] : nil
        if next == nil || level(next!).map({ $0 <= own }) == true { found.append(line) }
    }
    return found
}

@Suite struct ReportStructureTests {
    static let parts = [
        "Summary", "Who we heard from", "Themes", "Themes by subgroup", "In participants' words",
        "You said, we did", "Outcomes", "Methods and limitations", "Appendix: the codebook",
    ]

    @Test func theDemoReportHasAllNinePartsInOrderWithReachAndFidelity() throws {
        let report = try ReportDemo.report()
        let markdown = report.markdown
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == Self.parts)
        for part in Self.parts { #expect(report.html.contains("<h2>\(part)</h2>"), "\(part)") }
        #expect(report.audience.reach != nil)
        #expect(markdown.contains("### Reach: who we heard from"))
        #expect(report.fidelity != nil)
        #expect(report.methods.contains { $0.contains("guide questions") && $0.contains("qualkit fidelity") })
        #expect(emptyHTMLHeadings(report.html).isEmpty, "\(emptyHTMLHeadings(report.html))")
        #expect(emptyMarkdownHeadings(markdown).isEmpty, "\(emptyMarkdownHeadings(markdown))")
        #expect(headingsOutsideKeepBlocks(report.html).isEmpty, "\(headingsOutsideKeepBlocks(report.html))")
        // Human labels and language names, never the raw field names.
        #expect(markdown.contains("### By Age band"))
        #expect(!markdown.contains("By age_band"))
        #expect(markdown.contains("Cantonese ("))
        #expect(!markdown.contains("yue ("))
        // The flow, in order.
        #expect(
            report.audience.flow.map(\.stage) == [
                "recruited", "consented", "matched", "interviewed", "transcribed", "coded",
            ])
        let counts = report.audience.flow.map(\.participants)
        #expect(counts == counts.sorted(by: >))
    }

    @Test func theExecutiveSummaryIsWrittenFromTheData() throws {
        let report = try ReportDemo.report()
        let summary = report.executiveSummary.joined(separator: " ")
        let lead = try #require(report.leadingThemes.first)
        #expect(summary.contains("\(lead.name) (\(lead.participants) of \(report.tally.participantsTotal))"))
        for action in report.actions { #expect(summary.contains(action.change)) }
        // Every sentence starts with a capital, even when it starts with a measure's lower-case name.
        for sentence in report.executiveSummary.flatMap({ $0.components(separatedBy: ". ") }) {
            #expect(sentence.first.map { !$0.isLowercase } ?? true, "\(sentence)")
        }
        #expect(summary.contains("common-cause variation") || summary.contains("special-cause"))
        if let difference = report.largestDifference {
            #expect(difference.high.total >= 5 && difference.low.total >= 5)
            #expect(difference.high.participants >= 5 && difference.low.participants >= 5)
            #expect(summary.contains("The largest difference between subgroups"))
        }
    }

    @Test func parentsAreFollowedByTheirChildrenNeverRankedAgainstThem() throws {
        let report = try ReportDemo.report()
        let codes = report.themes.map(\.code)
        for (index, code) in codes.enumerated() where ThemeHierarchy.level(code, among: report.themes) > 0 {
            let parent = try #require(codes[..<index].last { code.hasPrefix($0 + ".") })
            // Everything between the parent and the child is within the parent too.
            let parentIndex = try #require(codes.firstIndex(of: parent))
            #expect(codes[(parentIndex + 1)..<index].allSatisfy { $0.hasPrefix(parent + ".") })
        }
        let bars = report.barChart()
        for theme in report.themes where ThemeHierarchy.level(theme.code, among: report.themes) > 0 {
            #expect(!bars.contains(">\(HTML.escape(theme.name))</text>"))
        }
    }

    /// Every figure in the report equals the one the matching command prints with the same options.
    @Test func theReportsFiguresAreTheCommandsFigures() throws {
        let study = try ReportDemo.study()
        let report = try ReportDemo.report()
        let json = report.json
        var options = FindingsReport.Options()
        options.smallNumbers = SmallNumbers(minimum: 1, showSmall: false)
        options.by = ["household"]
        let unsuppressed = try FindingsReport.build(study, options: options).json
        // tally --kind barrier
        let tally = AnalysisViews.tally(try Tally.run(study, scope: AnalysisScope(coders: nil, kind: "barrier"))).json
        #expect(unsuppressed["participants_total"] == tally["participants_total"])
        for theme in items(unsuppressed["themes"]) {
            let same = items(tally["themes"]).first { $0["code"] == theme["code"] }
            #expect(same?["participants"] == theme["participants"])
            #expect(same?["percent"] == theme["percent"])
        }
        // tally --kind barrier --by household
        let byHousehold = AnalysisViews.grouped(
            try Tally.run(study, scope: AnalysisScope(coders: nil, kind: "barrier"), by: "household")
        ).json
        let table = try #require(items(unsuppressed["subgroups"]).first)
        for group in items(table["groups"]) {
            let same = items(byHousehold["groups"]).first { $0["value"] == group["value"] }
            #expect(same?["participants_total"] == group["participants_total"])
        }
        // agreement --code barrier
        let agreement = AnalysisViews.agreement(
            try Agreement.run(study, coders: nil, codePrefix: "barrier", allSegments: false)
        ).json
        #expect(json["agreement"] == agreement)
        #expect(json["reproduce"]?["agreement"] == .string("qualkit agreement --code barrier"))
        // saturation --base 4 --run 2 --threshold 5
        let saturation = AnalysisViews.saturation(
            try Saturation.run(study, scope: AnalysisScope(coders: nil), base: 4, run: 2, threshold: 5, order: .date)
        ).json
        for key in ["saturation_at", "notation", "interviews"] {
            #expect(json["saturation"]?[key] == saturation[key], "\(key)")
        }
        #expect(json["reproduce"]?["saturation"] == .string("qualkit saturation --base 4 --run 2 --threshold 5"))
        #expect(json["reproduce"]?["tally"] == .string("qualkit tally --kind barrier"))
    }

    @Test func aStudyWithNoQuotesNoActionsAndOneCoderHasNoEmptyHeading() throws {
        let fixture = try bareReportStudy()
        let report = try FindingsReport.build(fixture.study, options: .init())
        #expect(emptyHTMLHeadings(report.html).isEmpty, "\(emptyHTMLHeadings(report.html))")
        #expect(emptyMarkdownHeadings(report.markdown).isEmpty, "\(emptyMarkdownHeadings(report.markdown))")
        #expect(headingsOutsideKeepBlocks(report.html).isEmpty, "\(headingsOutsideKeepBlocks(report.html))")
        #expect(headingsOutsideKeepBlocks("<div class=\"keep\"><h2>A</h2></div><h3>B</h3><p>b</p>") == ["A", "B"])
        #expect(report.methods.contains { $0.contains("Agreement between coders is not reported: only AB coded") })
        #expect(report.markdown.contains("No service change has been recorded yet"))
        #expect(report.markdown.contains("No outcome measure has been recorded yet"))
        #expect(!report.markdown.contains("N = 1 participants"))
        #expect(
            report.markdown.contains("N = fewer than 5 participants") || report.markdown.contains("N = 1 participant "))
    }

    @Test func attributeLabelsAreStoredAndUsed() throws {
        let fixture = try TemporaryStudy(title: "Labels")
        try fixture.participant("P1", [("age_band", "18-24")])
        try AttributeLabels.set("age_band", label: " Age band ", in: fixture.study)
        #expect(try AttributeLabels.load(fixture.study).label("age_band") == "Age band")
        #expect(try AttributeLabels.load(fixture.study).label("household") == "household")
        #expect(try AttributeLabels.list(fixture.study).first { $0.attribute == "age_band" }?.label == "Age band")
        try AttributeLabels.set("age_band", label: "", in: fixture.study)
        #expect(try AttributeLabels.load(fixture.study).labels.isEmpty)
        #expect(throws: AnalysisError.self) { try AttributeLabels.set("age_bnad", label: "x", in: fixture.study) }
    }

    @Test func languageNamesCoverTheCensusLanguagesAndBSL() {
        #expect(LanguageNames.name("yue") == "Cantonese")
        #expect(LanguageNames.name("bfi") == "British Sign Language")
        #expect(LanguageNames.name("UR") == "Urdu")
        #expect(LanguageNames.name("pt-BR") == "Portuguese (BR)")
        #expect(LanguageNames.name("pa-Arab") == "Punjabi (Shahmukhi)")
        #expect(LanguageNames.name("xx") == nil)
        #expect(LanguageNames.label("xx") == "xx")
        // The main languages of England and Wales, 2021 census (ISO 639-1 or 639-3).
        let census = [
            "en", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it", "fr", "zh", "yue", "cmn", "lt", "de",
            "ta", "bg", "tr", "fa", "hu", "ru", "so", "lv", "el", "ne", "ml", "hi", "sk", "cs", "tl", "vi", "ku",
            "ti", "uk", "nl", "si", "te", "sq", "cy", "ps", "prs", "am", "yo", "sw", "ja", "ko", "th", "he",
        ]
        for code in census { #expect(LanguageNames.name(code) != nil, "\(code)") }
    }
}

private func items(_ value: JSON?) -> [JSON] {
    if case .array(let items)? = value { return items }
    return []
}
