/// How a match plan prints; the JSON is the contract.
public enum MatchViews {
    /// A participant given an interviewer; `options` (the interviewers considered) only when explaining.
    public static func matched(_ result: Matcher.Result, explain: Bool) -> RecordView<Matcher.Match> {
        var columns: [Column<Matcher.Match>] = [
            .field("participant", json: { .string($0.participant) }),
            .field("interviewer", json: { .string($0.interviewer) }),
            .field("cost", .right, json: { .int($0.cost) }), .field("window", json: { .string($0.window) }),
            .field("reasons", json: { .strings($0.reasons) }, text: { $0.reasons.joined(separator: "; ") }),
        ]
        let explanations = result.explanations
        if explain { columns.append(.data("options", json: { .strings(explanations[$0.participant] ?? []) })) }
        return RecordView(columns)
    }

    /// A participant left without an interviewer, and why.
    public static func unmatched(_ result: Matcher.Result, explain: Bool) -> RecordView<Matcher.Unmatched> {
        var columns: [Column<Matcher.Unmatched>] = [
            .field("participant", json: { .string($0.participant) }), .field("reason", json: { .string($0.reason) }),
        ]
        let explanations = result.explanations
        if explain { columns.append(.data("options", json: { .strings(explanations[$0.participant] ?? []) })) }
        return RecordView(columns)
    }

    /// The participants left out, alone in every format (`match --unmatched`).
    public static func unmatchedOnly(_ result: Matcher.Result, explain: Bool) -> Rendered {
        unmatched(result, explain: explain).rendered(
            result.unmatched, notes: ["\(result.unmatched.count) unmatched, \(result.matched.count) matched."])
    }

    public static func match(
        _ result: Matcher.Result, explain: Bool, saved: Bool, protocolReference: String? = nil
    ) -> Rendered {
        let matchedView = matched(result, explain: explain)
        let unmatchedView = unmatched(result, explain: explain)
        var explanationTable = TextTable(columns: [.init("participant"), .init("interviewer options")])
        if explain {
            for id in (result.matched.map(\.participant) + result.unmatched.map(\.participant)).sorted() {
                for (index, line) in (result.explanations[id] ?? []).enumerated() {
                    explanationTable.rows.append([index == 0 ? id : "", line])
                }
            }
        }
        // A spreadsheet takes one table: the CSV is the matches only; `unmatchedOnly` gives the others.
        let csv = matchedView.csv(result.matched)
        let json = JSON.object([
            ("matched", matchedView.json(result.matched)), ("unmatched", unmatchedView.json(result.unmatched)),
            ("matched_count", .int(result.matched.count)), ("total_cost", .int(result.totalCost)),
            ("saved", .bool(saved)), ("protocol", protocolReference.map(JSON.string) ?? .null),
        ])
        var notes = [
            "\(result.matched.count) matched, \(result.unmatched.count) unmatched, total cost \(result.totalCost)."
        ]
        notes.append(
            saved
                ? "Saved as planned interviews" + (protocolReference.map { " with \($0)." } ?? ".")
                : "Nothing saved: run again with --save to record these as planned interviews.")
        var more: [(String, TextTable)] = [("Unmatched:", unmatchedView.table(result.unmatched))]
        if explain { more.append(("Options considered:", explanationTable)) }
        return Rendered(table: matchedView.table(result.matched), csv: csv, json: json, notes: notes, moreTables: more)
    }
}
