/// How service changes, outcomes and redaction terms print; the JSON is the contract.
public enum FindingsViews {
    /// A service change answering barrier themes (`action list`, the report's actions).
    public static let action = RecordView<ServiceAction>(
        [
            .field("id", .right, json: { .int($0.id) }),
            .field("themes", json: { .strings($0.themes) }, text: { $0.themes.joined(separator: ", ") }),
            .field("change", json: { .string($0.change) }), .field("owner", json: { .string($0.owner) }),
            .field("due", json: { .string($0.due?.description) }),
            .field("status", json: { .string($0.status.rawValue) }),
            .field("done_on", "done", json: { .string($0.doneOn?.description) }),
            .data("note", json: { .string($0.note) }),
        ],
        tableOrder: ["id", "themes", "change", "owner", "status", "due", "done_on"])

    public static func actions(_ actions: [ServiceAction]) -> Rendered {
        action.rendered(actions)
    }

    /// One value of an outcome measure for one period.
    public static let outcome = RecordView<Outcome>([
        .field("measure", json: { .string($0.measure) }), .field("group", json: { .string($0.group) }),
        .field("period", json: { .string($0.period) }), .field("value", .right, json: { .double($0.value) }),
        .field("n", .right, json: { .int($0.n) }), .field("unit", json: { .string($0.unit?.rawValue) }),
        .field("date", json: { .string($0.date?.description) }), .field("action", .right, json: { .int($0.action) }),
        .field("better", json: { .string($0.better?.rawValue) }),
    ])

    public static func outcomes(_ outcomes: [Outcome]) -> Rendered {
        outcome.rendered(outcomes)
    }

    /// A term on the study's redaction list and the label that replaces it.
    public static let term = RecordView<Redactor.Term>([
        .field("term", json: { .string($0.term) }),
        .field("label", "replaced by", json: { .string($0.label) }, text: { "[\($0.label)]" }),
    ])

    public static func terms(_ terms: [Redactor.Term]) -> Rendered {
        term.rendered(terms)
    }

    /// A likely identifier found by `redact scan`.
    public static let scanHit = RecordView<RedactionList.ScanHit>([
        .field("transcript", json: { .string($0.transcript) }), .field("segment", .right, json: { .int($0.segment) }),
        .field("kind", json: { .string($0.kind) }), .field("text", "found", json: { .string($0.text) }),
        .field("on_list", json: { .bool($0.onList) }),
    ])

    public static func scan(_ hits: [RedactionList.ScanHit]) -> Rendered {
        scanHit.rendered(
            hits,
            notes: [
                "\(hits.filter { !$0.onList }.count) not covered by the redaction list (patterns are always redacted; add names with: qualkit redact add NAME)"
            ])
    }
}
