import Foundation
import Testing

@testable import QualKit

/// Output that may be rendered (Markdown, SVG) stays what it says, and inputs that would make it
/// unsafe or slow are refused with where they came from.
@Suite struct OutputSafetyTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qk-out-\(UUID().uuidString)-\(name)").path
    }

    // MARK: protocol render --format md

    @Test func renderedMarkdownEscapesHTMLInEveryText() throws {
        let text = """
            ---
            id: x
            title: "Title <script>alert(1)</script>"
            version: 1
            language: en
            ethics: "REC <img src=x onerror=alert(2)>"
            ---
            <b>Opening</b> script
            # Section <i>one</i>
            ## Question <svg onload=alert(3)> {#q}
            - Probe <a href="javascript:alert(4)">x</a>
            Note: [link](javascript:alert(5))
            1. not a list
            """
        let guide = try #require(ProtocolParser.parse(text: text, file: "p.md").protocol)
        let markdown = ProtocolRenderer.markdown(guide)
        // No raw tag opens anywhere: every `<` is escaped, so CommonMark renders it as text.
        for (index, character) in markdown.enumerated() where character == "<" {
            let before = markdown[markdown.index(markdown.startIndex, offsetBy: index - 1)]
            #expect(before == "\\", "unescaped '<' at \(index) in \(markdown)")
        }
        #expect(markdown.contains("ethics approval REC \\<img src=x onerror=alert(2)\\>"))
        #expect(markdown.contains("Title \\<script\\>alert(1)\\</script\\>, version 1"))
        #expect(markdown.contains("\\[link\\](javascript:alert(5))"))
        #expect(markdown.contains("\n1\\. not a list"))
    }

    @Test func markdownTextEscapesBlockMarkersAtTheStart() {
        #expect(MarkdownText.escape("- item") == "\\- item")
        #expect(MarkdownText.escape("+ item") == "\\+ item")
        #expect(MarkdownText.escape("=====") == "\\=====")
        #expect(MarkdownText.escape("12) twelve") == "12\\) twelve")
        #expect(MarkdownText.escape("2023 was a year. Fine") == "2023 was a year. Fine")
        #expect(MarkdownText.escape("a - b") == "a - b")
    }

    // MARK: outcome values and charts

    @Test func absurdOutcomeValuesAreRefusedWithTheirLine() throws {
        let studyPath = temporaryPath("study.sqlite")
        let csvPath = temporaryPath("outcomes.csv")
        defer {
            for path in [studyPath, csvPath] { try? FileManager.default.removeItem(atPath: path) }
        }
        let study = try Study.create(at: studyPath, title: nil)
        let csv = """
            measure,period,value
            completion,2023-Q1,41.5
            completion,2023-Q2,1e308
            completion,2023-Q3,-1e308
            completion,2023-Q4,inf
            completion,2024-Q1,nan
            completion,2024-Q2,1000000000000
            completion,2024-Q3,1000000000001

            """
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        do {
            _ = try ServiceChangeLog(study).importOutcomes(path: csvPath)
            Issue.record("expected the import to be refused")
        } catch let error as InvalidInput {
            let found = error.diagnostics.map(\.description)
            #expect(
                found == [
                    "\(csvPath):3: value '1e308' is out of range: expected a number from -1e12 to 1e12",
                    "\(csvPath):4: value '-1e308' is out of range: expected a number from -1e12 to 1e12",
                    "\(csvPath):5: value 'inf' is out of range: expected a number from -1e12 to 1e12",
                    "\(csvPath):6: bad value 'nan': expected a number",
                    "\(csvPath):8: value '1000000000001' is out of range: expected a number from -1e12 to 1e12",
                ])
        }
        #expect(try FindingsStore(study).outcomes().isEmpty)
        #expect(throws: FindingsError.outcomeOutOfRange(-1e308)) {
            try ServiceChangeLog(study).addOutcome(Outcome(id: 0, measure: "m", period: "p", value: -1e308))
        }
        // NaN equals nothing, so the case is checked by type here.
        #expect(throws: FindingsError.self) {
            try ServiceChangeLog(study).addOutcome(Outcome(id: 0, measure: "m", period: "p", value: .nan))
        }
        try ServiceChangeLog(study).addOutcome(Outcome(id: 0, measure: "m", period: "p", value: -1e12))
        #expect(try FindingsStore(study).outcomes().map(\.value) == [-1e12])
    }

    @Test func aChartNeverDrawsNaN() {
        // Values a study may hold from before the import limit, whose span overflows.
        let values: [Double] = [1e308, -1e308, 5, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        let points = values.enumerated().map {
            Outcome(id: $0.offset + 1, measure: "m", period: "P\($0.offset)", value: $0.element)
        }
        let series = FindingsReport.OutcomeSeries(
            measure: "m", group: nil, unit: nil, action: nil, points: points, before: nil, after: nil,
            better: .neither, analysis: XmR.analyse(points.map(\.value), split: nil, better: .neither))
        let svg = FindingsReport.lineChart(series).lowercased()
        #expect(svg.contains("<polyline"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        for fraction in [1e308, -1e308, 0, 5].map(ChartScale([1e308, -1e308]).fraction) {
            #expect(fraction.isFinite && (0...1).contains(fraction))
        }
        #expect(ChartScale([0, 10]).fraction(5) == 0.5)
    }

    // MARK: search

    @Test func hugeSearchesAreRefusedBeforeTheyRun() throws {
        let path = temporaryPath("search.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let study = try Study.create(at: path, title: nil)
        let ors = (1...2000).map { "word\($0)" }.joined(separator: " OR ")
        #expect(throws: TranscriptError.searchTooLong(characters: ors.count, limit: 1000)) {
            _ = try TranscriptSearch.search(ors, role: nil, code: nil, study: study)
        }
        let manyShort = (1...65).map { "w\($0)" }.joined(separator: " OR ")
        #expect(manyShort.count <= 1000)
        #expect(throws: TranscriptError.searchTooManyTerms(terms: 65, limit: 64)) {
            _ = try TranscriptSearch.search(manyShort, role: nil, code: nil, study: study)
        }
        let big = String(repeating: "a", count: 100_000)
        #expect(throws: TranscriptError.searchTooLong(characters: 100_000, limit: 1000)) {
            _ = try TranscriptSearch.search(big, role: nil, code: nil, study: study)
        }
        // At the limits a query runs.
        let sixtyFour = (1...64).map { "w\($0)" }.joined(separator: " OR ")
        #expect(try TranscriptSearch.search(sixtyFour, role: nil, code: nil, study: study).isEmpty)
        #expect(TranscriptSearch.termCount("\"a long phrase\" AND (b OR c*) NOT d NEAR(e f, 3)") == 7)
    }
}
