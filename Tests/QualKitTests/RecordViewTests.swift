import Foundation
import Testing

@testable import QualKit

/// One declaration per record gives the table, the CSV and the JSON.
@Suite struct RecordViewTests {
    struct Visit {
        let id: String
        let minutes: Int?
        let score: Double
        let tags: [String]
        let done: Bool
    }

    static let visits = [
        Visit(id: "V1", minutes: 45, score: 0.125, tags: ["a", "b, c"], done: true),
        Visit(id: "V2", minutes: nil, score: 2, tags: [], done: false),
    ]

    static func view(_ layout: RecordView<Visit>.CSVLayout) -> RecordView<Visit> {
        RecordView(
            [
                .field("id", json: { .string($0.id) }),
                .field("minutes", "min", .right, json: { .int($0.minutes) }),
                .field("score", .right, json: { .double($0.score) }, text: { String(format: "%.1f", $0.score) }),
                .shown("flag", text: { $0.score > 1 ? "high" : "" }),
                .field("tags", json: { .strings($0.tags) }),
                .data("done", json: { .bool($0.done) }),
                .data("secret", csv: false, json: { _ in .string("only in JSON") }),
            ],
            tableOrder: ["id", "score", "minutes", "flag", "tags"], csv: layout)
    }

    @Test func jsonFollowsTheDeclarationAndKeepsTypes() {
        let json = Self.view(.table).json(Self.visits).serialized(pretty: false)
        #expect(
            json
                == #"[{"id":"V1","minutes":45,"score":0.125,"tags":["a","b, c"],"done":true,"secret":"only in JSON"},"#
                + #"{"id":"V2","minutes":null,"score":2.0,"tags":[],"done":false,"secret":"only in JSON"}]"#)
        #expect(Self.view(.data).keys == ["id", "minutes", "score", "tags", "done", "secret"])
    }

    @Test func tableUsesHeadingsTextAndItsOwnOrder() {
        #expect(
            Self.view(.table).table(Self.visits).rendered() == """
                ID  SCORE  MIN  FLAG  TAGS
                --  -----  ---  ----  ------
                V1    0.1   45        a,b, c
                V2    2.0       high

                """)
    }

    @Test func tableLayoutCSVHasTheTableCellsUnderTheKeys() {
        #expect(
            Self.view(.table).csv(Self.visits).csv()
                == "id,score,minutes,flag,tags\nV1,0.1,45,,\"a,b, c\"\nV2,2.0,,high,\n")
    }

    @Test func dataLayoutCSVHasTheJSONValuesPlainly() {
        #expect(
            Self.view(.data).csv(Self.visits).csv()
                == "id,minutes,score,tags,done\nV1,45,0.125,\"a;b, c\",yes\nV2,,2.0,,no\n")
    }

    @Test func renderedGivesAllThreeFormats() {
        let rendered = Self.view(.data).rendered(Self.visits, notes: ["2 visits"])
        #expect(rendered.text(.csv).hasPrefix("id,minutes,score,tags,done\n"))
        #expect(rendered.text(.table).hasSuffix("\n2 visits\n"))
        #expect(rendered.text(.json).hasPrefix("[\n  {\n    \"id\": \"V1\""))
    }

    @Test func columnsReadFromAPartOfALargerRecord() {
        let column = Column<Visit>.field("id", json: { .string($0.id) }).from { (pair: (Visit, Int)) in pair.0 }
        let view = RecordView<(Visit, Int)>([column, .field("n", json: { .int($0.1) })])
        #expect(view.json((Self.visits[0], 3)).serialized(pretty: false) == #"{"id":"V1","n":3}"#)
    }

    /// CSV headers are the JSON names: the saturation table's spaced headings no longer leak into CSV.
    @Test func csvHeadersAreSnakeCase() {
        let result = Saturation.Result(
            base: 1, run: 1, threshold: 5, order: .id, coders: ["AB"],
            interviews: [.init(interview: "TC-001", firstSeen: ["barrier.stigma"], cumulative: 1)], baseUnique: 1,
            runs: [], saturationAt: nil, notation: nil, reason: "too few interviews")
        #expect(
            AnalysisViews.saturation(result).text(.csv)
                == "position,interview,new_codes,cumulative,first_seen\n1,TC-001,1,1,barrier.stigma\n")
        let terms = FindingsViews.terms([Redactor.Term(term: "Dr Patel", label: "GP")]).text(.csv)
        #expect(terms == "term,label\nDr Patel,[GP]\n")
    }
}
