/// How `qdpx export` prints what it wrote; the JSON is the contract (docs/json.md).
public enum QdpxViews {
    /// One row per kind of record: how many were exported, then each kind left out.
    public static func export(_ report: QdpxExport.Report, file: String) -> Rendered {
        let exported: [(String, Int)] = [
            ("users", report.users), ("codes", report.codes), ("variables", report.variables),
            ("cases", report.cases), ("sources", report.sources), ("selections", report.selections),
            ("codings", report.codings), ("notes", report.notes),
        ]
        let table = TextTable(
            columns: [.init("record"), .init("count", .right), .init("in_export")],
            rows: exported.map { [$0.0, String($0.1), "yes"] }
                + report.leftOut.map { [$0.what, String($0.count), "left out"] })
        let json = JSON.object([
            ("file", .string(file)), ("redacted", .bool(report.redacted)),
            ("exported", .object(exported.map { ($0.0, JSON.int($0.1)) })),
            (
                "left_out",
                .array(report.leftOut.map { JSON.object([("what", .string($0.what)), ("count", .int($0.count))]) })
            ),
        ])
        return Rendered(table: table, json: json)
    }

    /// The qualkit-only records left out, counted (`left out (...): 2 protocols, 12 interviews`),
    /// or nil when the study has none.
    public static func leftOut(_ report: QdpxExport.Report) -> String? {
        let omitted = report.leftOut.filter { $0.count > 0 }
        guard !omitted.isEmpty else { return nil }
        return "left out (REFI-QDA has no place for them): "
            + omitted.map { "\($0.count) \($0.what)" }.joined(separator: ", ")
    }
}
