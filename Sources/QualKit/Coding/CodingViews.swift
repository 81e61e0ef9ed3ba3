/// How codes, coders and codings print; the JSON is the contract.
public enum CodingViews {
    /// A code's own fields, shared by `code list` and `code show`.
    static let codeFields: [Column<Code>] = [
        .data("path", json: { .string($0.path) }), .data("name", json: { .string($0.name) }),
        .data("kind", json: { .string($0.kind) }), .data("definition", json: { .string($0.definition) }),
        .data("use_when", json: { .string($0.useWhen) }), .data("do_not_use_when", json: { .string($0.doNotUseWhen) }),
        .data("example", json: { .string($0.example) }), .data("color", json: { .string($0.color) }),
    ]

    /// A code's own fields as JSON members, in contract order.
    public static func json(_ code: Code) -> [(String, JSON)] { ownFields.members(code) }

    static let ownFields = RecordView(codeFields)

    /// A code in the codebook tree: implicit parents included, with counts of own codings and with descendants.
    public struct TreeEntry: Sendable {
        public let code: Code
        public let implicit: Bool
        public let codings: Int
        public let withDescendants: Int
    }

    static let treeLabel: Column<TreeEntry> = .field(
        "path", "code", json: { .string($0.code.path) },
        text: { entry in
            let parts = entry.code.path.split(separator: ".")
            return String(repeating: "  ", count: parts.count - 1) + (parts.last.map(String.init) ?? entry.code.path)
        })

    /// The code's own fields after path, name and kind, which the tree shows in its own way.
    static let treeDetails: [Column<TreeEntry>] = codeFields.dropFirst(3).map {
        Column(hidingFromCSV: $0).from { (entry: TreeEntry) in entry.code }
    }

    public static let treeEntry: RecordView<TreeEntry> = {
        var columns: [Column<TreeEntry>] = [treeLabel]
        columns.append(
            .field(
                "name", json: { .string($0.code.name) },
                text: { $0.implicit ? "(implicit)" : $0.code.displayName + ($0.code.proposed ? " (proposed)" : "") }))
        columns.append(.field("kind", json: { .string($0.code.kind) }))
        columns += treeDetails
        columns.append(.data("implicit", csv: false, json: { .bool($0.implicit) }))
        columns.append(.data("proposed", json: { .bool($0.code.proposed) }))
        columns.append(.field("codings", .right, json: { .int($0.codings) }))
        columns.append(
            .field("codings_with_descendants", "with sub-codes", .right, json: { .int($0.withDescendants) }))
        return RecordView(columns, csv: .data)
    }()

    /// The codebook as a tree: implicit parents included, counts of own codings and with descendants.
    public static func tree(_ codes: [Code], counts: [String: Int]) -> Rendered {
        var byPath = Dictionary(uniqueKeysWithValues: codes.map { ($0.path, $0) })
        var implicit: Set<String> = []
        for code in codes {
            for ancestor in Code.ancestors(of: code.path) where byPath[ancestor] == nil {
                byPath[ancestor] = Code(path: ancestor)
                implicit.insert(ancestor)
            }
        }
        func total(_ path: String) -> Int {
            counts.filter { Code.path($0.key, isWithin: path) }.reduce(0) { $0 + $1.value }
        }
        let entries = byPath.keys.sorted().map {
            TreeEntry(
                code: byPath[$0]!, implicit: implicit.contains($0), codings: counts[$0] ?? 0, withDescendants: total($0)
            )
        }
        return treeEntry.rendered(entries)
    }

    public static func code(_ code: Code, codings: Int, subcodes: [String]) -> Rendered {
        let rows: [[String]] = [
            ["path", code.path], ["name", code.name ?? ""], ["kind", code.kind], ["definition", code.definition ?? ""],
            ["use when", code.useWhen ?? ""], ["do not use when", code.doNotUseWhen ?? ""],
            ["example", code.example ?? ""],
            ["colour", code.color ?? ""], ["codings", String(codings)],
            ["sub-codes", subcodes.joined(separator: ", ")],
        ]
        return Rendered(
            table: TextTable(columns: [.init("field"), .init("value")], rows: rows),
            json: .object(json(code) + [("codings", .int(codings)), ("subcodes", .strings(subcodes))]))
    }

    /// A registered coder.
    public static let coder = RecordView<(id: String, name: String?)>([
        .field("id", json: { .string($0.id) }), .field("name", json: { .string($0.name) }),
    ])

    public static func coders(_ coders: [(id: String, name: String?)]) -> Rendered {
        coder.rendered(coders)
    }

    /// One coding; the table shows its span and a shortened text, CSV the offsets and whole text.
    public static let coding = RecordView<Coding>(
        [
            .field("transcript", json: { .string($0.transcript) }),
            .field("segment", .right, json: { .int($0.segment) }),
            .field("code", json: { .string($0.code) }), .field("coder", json: { .string($0.coder) }),
            .data("start", json: { .int($0.start) }), .data("end", json: { .int($0.end) }),
            .shown("span", text: { "\($0.start):\($0.end)" }),
            .data("transcript_start", csv: false, json: { .int($0.transcriptStart) }),
            .data("transcript_end", csv: false, json: { .int($0.transcriptEnd) }),
            .data("memo", json: { .string($0.memo) }),
            .data("participant", csv: false, json: { .string($0.participant) }),
            .field("text", json: { .string($0.text) }, text: { shorten($0.text, 70) }),
        ], csv: .data)

    public static func codings(_ codings: [Coding]) -> Rendered {
        coding.rendered(codings, notes: ["\(codings.count) coding\(codings.count == 1 ? "" : "s")"])
    }

    /// Whether a coder has finished a transcript.
    public static let coverage = RecordView<(transcript: String, coder: String, done: Bool)>([
        .field("transcript", json: { .string($0.transcript) }), .field("coder", json: { .string($0.coder) }),
        .field("done", json: { .bool($0.done) }),
    ])

    /// `codings export --format json`: the codings and who has finished which transcript.
    public static func export(
        _ codings: [Coding], coverage: [(transcript: String, coder: String, done: Bool)]
    ) -> JSON {
        .object([("codings", coding.json(codings)), ("coverage", CodingViews.coverage.json(coverage))])
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        // Table output calls this per row: Foundation's replace and a grapheme count only when needed.
        let flat = text.utf8.contains(10) ? text.replacingOccurrences(of: "\n", with: " ") : text
        if flat.utf8.count <= limit { return flat }
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}

/// How the codebook and coding histories print; the JSON is the contract (docs/json.md).
public enum HistoryViews {
    public static let code = RecordView<CodeHistory.Entry>(
        [
            .field("at", json: { .string($0.at) }), .field("user", json: { .string($0.user) }),
            .field("change", json: { .string($0.change.rawValue) }), .field("path", json: { .string($0.path) }),
            .field("field", json: { .string($0.field) }),
            .field(
                "old_value", "old", json: { .string($0.oldValue) }, text: { CodingViews.shorten($0.oldValue ?? "", 40) }
            ),
            .field(
                "new_value", "new", json: { .string($0.newValue) }, text: { CodingViews.shorten($0.newValue ?? "", 40) }
            ),
            .data("code_uuid", json: { .string($0.codeUUID) }),
        ], csv: .data)

    public static func codes(_ entries: [CodeHistory.Entry]) -> Rendered {
        code.rendered(entries, notes: ["\(entries.count) change\(entries.count == 1 ? "" : "s")"])
    }

    public static let coding = RecordView<CodingHistory.Entry>(
        [
            .field("at", json: { .string($0.at) }), .field("user", json: { .string($0.user) }),
            .field("change", json: { .string($0.change) }), .field("transcript", json: { .string($0.transcript) }),
            .field("segment", .right, json: { .int($0.segment) }), .field("code", json: { .string($0.code) }),
            .field("coder", json: { .string($0.coder) }),
            .data("old_start", json: { .int($0.oldStart) }), .data("old_end", json: { .int($0.oldEnd) }),
            .shown("old", text: { "\($0.oldStart):\($0.oldEnd)" }),
            .data("new_start", json: { .int($0.newStart) }), .data("new_end", json: { .int($0.newEnd) }),
            .shown("new", text: { "\($0.newStart):\($0.newEnd)" }),
            .field("source", json: { .string($0.source) }),
        ], csv: .data)

    public static func codings(_ entries: [CodingHistory.Entry]) -> Rendered {
        coding.rendered(entries, notes: ["\(entries.count) change\(entries.count == 1 ? "" : "s")"])
    }
}
