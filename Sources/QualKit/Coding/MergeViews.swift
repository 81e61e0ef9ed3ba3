/// How a merge report prints; the JSON is the contract (docs/json.md).
public enum MergeViews {
    public static let entry = RecordView<MergeReport.Entry>(
        [
            .field("outcome", json: { .string($0.outcome.rawValue) }),
            .field("conflicts", json: { .strings($0.conflicts.map(\.rawValue)) }),
            .field("transcript", json: { .string($0.transcript) }),
            .field("segment", .right, json: { .int($0.segment) }),
            .field("code", json: { .string($0.code) }), .field("coder", json: { .string($0.coder) }),
            .data("start", json: { .int($0.start) }), .data("end", json: { .int($0.end) }),
            .shown("span", text: { entry in entry.start.map { "\($0):\(entry.end ?? $0)" } ?? "" }),
            .field("note", json: { .string($0.note) }),
        ], csv: .data)

    /// The counts line, the same words in every format.
    public static func summary(_ report: MergeReport) -> String {
        "\(report.dryRun ? "dry run, nothing written: " : "")"
            + "\(report.count(.added)) added, \(report.count(.unchanged)) unchanged, \(report.count(.changed)) changed, "
            + "\(report.conflicts) conflicts, \(report.count(.notMerged)) not merged; "
            + "\(report.memosAdded) memos added, \(report.coverageAdded) coverage added, "
            + "\(report.codesProposed.count) codes proposed"
            + (report.codesProposed.isEmpty ? "" : " (\(report.codesProposed.joined(separator: ", ")))")
            + (report.leftOut.isEmpty ? "" : "; \(report.leftOut.count) left out of the file (listed above)")
            + (report.codersAdded.isEmpty
                ? "" : "; coders added: \(report.codersAdded.joined(separator: ", "))")
    }

    public static func report(_ report: MergeReport) -> Rendered {
        let counts: JSON = .object([
            ("added", .int(report.count(.added))), ("unchanged", .int(report.count(.unchanged))),
            ("changed", .int(report.count(.changed))), ("conflicts", .int(report.conflicts)),
            ("not_merged", .int(report.count(.notMerged))), ("memos_added", .int(report.memosAdded)),
            ("memos_unchanged", .int(report.memosUnchanged)), ("coverage_added", .int(report.coverageAdded)),
        ])
        let json: JSON = .object([
            ("source", .string(report.source)), ("dry_run", .bool(report.dryRun)), ("counts", counts),
            ("codes_proposed", .strings(report.codesProposed)), ("coders_added", .strings(report.codersAdded)),
            ("warnings", .strings(report.warnings)), ("left_out", .strings(report.leftOut)),
            ("entries", entry.json(report.entries)),
        ])
        let notes =
            report.warnings.map { "warning: \($0)" } + report.leftOut.map { "left out: \($0)" } + [summary(report)]
        return entry.rendered(report.entries, json: json, notes: notes)
    }
}
