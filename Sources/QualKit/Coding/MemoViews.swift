/// How memos print; the JSON is the contract (`docs/json.md`).
public enum MemoViews {
    public static let memo = RecordView<Memo>([
        .field("id", .right, json: { .int($0.id) }),
        .field("about", json: { .string($0.subject.rawValue) }),
        .field("transcript", json: { .string($0.transcript) }),
        .field("segment", .right, json: { .int($0.segment) }),
        .field("code", json: { .string($0.code) }),
        .field("coder", json: { .string($0.coder) }),
        .field("text", json: { .string($0.text) }),
        .field("created_at", "created", json: { .string($0.createdAt) }),
    ])

    public static func list(_ memos: [Memo]) -> Rendered {
        memo.rendered(memos, notes: ["\(memos.count) memo\(memos.count == 1 ? "" : "s")."])
    }

    /// One memo: its fields one per line, the text whole, in the table format.
    public static func show(_ one: Memo) -> Rendered {
        var table = TextTable(columns: [.init("field"), .init("value")])
        for (key, value) in memo.members(one) {
            table.rows.append([key, Column<Memo>.plain(value)])
        }
        return Rendered(table: table, csv: memo.csv([one]), json: memo.json(one))
    }
}
