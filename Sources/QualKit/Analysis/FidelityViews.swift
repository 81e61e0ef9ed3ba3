import Foundation

/// How `fidelity` prints; the JSON is the documented contract (`docs/json.md`).
public enum FidelityViews {
    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }

    /// One question asked in one interview (nested in JSON, one CSV row each).
    public static let asked = RecordView<Fidelity.Asked>(
        [
            .field("question", json: { .string($0.question) }),
            .field("turn", .right, json: { .int($0.turn) }),
            .field(
                "similarity", .right, json: { .double(($0.similarity * 1000).rounded() / 1000) },
                text: { AnalysisViews.fixed($0.similarity, 2) }),
            .field("participant_words", "words", .right, json: { .int($0.participantWords) }),
            .field("out_of_order", json: { .bool($0.outOfOrder) }),
        ], csv: .data)

    public static let interview = RecordView<Fidelity.Interview>(
        [
            .field("interview", json: { .string($0.interview) }),
            .field("interviewer", json: { $0.interviewer.map(JSON.string) ?? .null }),
            .field("protocol", json: { .string($0.protocolID) }),
            .field("version", .right, json: { .int($0.version) }),
            .field("language", json: { .string($0.language) }),
            .shown("asked", .right) { "\($0.asked.count) of \($0.questions.count)" },
            .data("asked", csv: false, json: { FidelityViews.asked.json($0.asked) }),
            .field("not_asked", json: { .strings($0.notAsked) }),
            .shown("out of order") { $0.asked.filter(\.outOfOrder).map(\.question).joined(separator: ",") },
        ])

    public static let question = RecordView<Fidelity.QuestionSummary>(
        [
            .field("protocol", json: { .string("\($0.protocolID)@\($0.version)") }),
            .field("question", json: { .string($0.question) }),
            .field("asked", .right, json: { .int($0.asked) }),
            .field("of", .right, json: { .int($0.of) }),
            .field("share", .right, json: { .double($0.share) }, text: { percent($0.share) }),
        ], csv: .data)

    public static let interviewer = RecordView<Fidelity.InterviewerCoverage>(
        [
            .field("interviewer", json: { .string($0.interviewer) }),
            .field("interviews", .right, json: { .int($0.interviews) }),
            .field("asked", .right, json: { .int($0.asked) }),
            .field("of", .right, json: { .int($0.of) }),
            .field("coverage", .right, json: { .double($0.coverage) }, text: { percent($0.coverage) }),
        ], csv: .data)

    public static let theme = RecordView<Fidelity.ThemeElicited>(
        [
            .field("question", json: { .string($0.question) }),
            .field("theme", json: { .string($0.theme) }),
            .field("interviews", .right, json: { .int($0.interviews) }),
            .field("of", .right, json: { .int($0.of) }),
        ], csv: .data)

    public static let other = RecordView<Fidelity.OtherTheme>(
        [
            .field("question", json: { .string($0.question) }),
            .field("code", json: { .string($0.code) }),
            .field("interviews", .right, json: { .int($0.interviews) }),
        ], csv: .data)

    /// `fidelity` in every format: the table lists interviews (or, with `matrix`, interviews x
    /// questions) and then the summaries; CSV has one row per interview and question.
    public static func fidelity(_ result: Fidelity.Result, matrix: Bool) -> Rendered {
        let json = JSON.object([
            ("threshold", .double(result.threshold)),
            ("interviews", interview.json(result.interviews)),
            ("questions", question.json(result.questions)),
            ("interviewers", interviewer.json(result.interviewers)),
            ("themes_elicited", theme.json(result.themesElicited)),
            ("other_themes", other.json(result.otherThemes)),
        ])
        var rendered = interview.rendered(result.interviews, json: json)
        // CSV: one row per interview and guide question, asked or not, so a spreadsheet can pivot it.
        var csvRows: [[String]] = []
        for record in result.interviews {
            let byQuestion = Dictionary(uniqueKeysWithValues: record.asked.map { ($0.question, $0) })
            for id in record.questions {
                let hit = byQuestion[id]
                csvRows.append([
                    record.interview, record.interviewer ?? "", "\(record.protocolID)@\(record.version)",
                    record.language, id, hit == nil ? "no" : "yes", hit.map { String($0.turn) } ?? "",
                    hit.map { AnalysisViews.fixed($0.similarity, 3) } ?? "",
                    hit.map { String($0.participantWords) } ?? "",
                    hit.map { $0.outOfOrder ? "yes" : "no" } ?? "",
                ])
            }
        }
        rendered.csv = TextTable(
            columns: [
                "interview", "interviewer", "protocol", "language", "question", "asked", "turn", "similarity",
                "participant_words", "out_of_order",
            ].map { TextTable.Column($0) }, rows: csvRows)
        if matrix {
            var ids: [String] = []
            for record in result.interviews { for id in record.questions where !ids.contains(id) { ids.append(id) } }
            rendered.table = TextTable(
                columns: [.init("interview")] + ids.map { TextTable.Column($0, .right) },
                rows: result.interviews.map { record in
                    let byQuestion = Dictionary(uniqueKeysWithValues: record.asked.map { ($0.question, $0) })
                    return [record.interview]
                        + ids.map { id in
                            guard record.questions.contains(id) else { return "" }
                            guard let hit = byQuestion[id] else { return "—" }
                            return "\(hit.turn)\(hit.outOfOrder ? "*" : "")"
                        }
                })
        }
        rendered.moreTables = [
            ("Questions: share of interviews that asked each", question.table(result.questions)),
            ("Interviewers: coverage of the guide", interviewer.table(result.interviewers)),
        ]
        if !result.themesElicited.isEmpty {
            rendered.moreTables.append(
                (
                    "Themes elicited: interviews whose answers were coded with the question's theme",
                    theme.table(result.themesElicited)
                ))
        }
        if !result.otherThemes.isEmpty {
            rendered.moreTables.append(("Other themes the answers drew most", other.table(result.otherThemes)))
        }
        var notes = [
            "A question is asked at the first interviewer turn with a sentence at least \(JSON.format(result.threshold)) similar to it (docs/analysis.md)."
                + (matrix
                    ? " Cells: the turn; * out of guide order; — not asked; blank: not in that interview's guide." : "")
        ]
        let never = result.neverAsked.map { "\($0.protocolID)@\($0.version)#\($0.question)" }
        if !never.isEmpty { notes.append("Never asked: " + never.joined(separator: ", ") + ".") }
        if !result.withoutProtocol.isEmpty {
            notes.append(
                "No protocol version recorded for: " + result.withoutProtocol.joined(separator: ", ")
                    + " (set it with interview's --protocol).")
        }
        if !result.withoutInterviewerTurns.isEmpty {
            notes.append(
                "No interviewer turns in: " + result.withoutInterviewerTurns.joined(separator: ", ")
                    + " — every question shows as not asked; check the speakers' roles (transcript show).")
        }
        if result.interviews.isEmpty {
            notes.append("No interview has both a transcript and a protocol version.")
        }
        rendered.notes = notes
        return rendered
    }

    /// One sentence for a report's Methods section, with the command that reproduces it.
    public static func methodsSentence(_ result: Fidelity.Result) -> String {
        let asked = result.interviews.reduce(0) { $0 + $1.asked.count }
        let of = result.interviews.reduce(0) { $0 + $1.questions.count }
        let share = of == 0 ? 0 : Double(asked) / Double(of)
        return
            "Across \(result.interviews.count) interviews, \(asked) of \(of) guide questions (\(percent(share))) were asked, judged by text similarity between interviewer turns and the guide (qualkit fidelity)."
    }
}
