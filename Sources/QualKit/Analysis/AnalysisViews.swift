import Foundation

/// How analyses print; the JSON is the documented contract (`docs/json.md`).
public enum AnalysisViews {
    static func fixed(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "—"
    }

    /// A theme's prevalence: `tally` rows, the report's themes.
    public static let theme = RecordView<Tally.Theme>(
        [
            .field("code", json: { .string($0.code) }), .field("kind", json: { .string($0.kind) }),
            .field("name", json: { .string($0.name) }), .field("excerpts", .right, json: { .int($0.excerpts) }),
            .field("participants", .right, json: { .int($0.participants) }),
            .field("percent", "%", .right, json: { .double($0.percent) }, text: { fixed($0.percent, 1) }),
            .field("transcripts", .right, json: { .int($0.transcripts) }),
        ],
        tableOrder: ["code", "name", "kind", "participants", "percent", "excerpts", "transcripts"], csv: .data)

    public static func tally(_ result: Tally.Result) -> Rendered {
        let json = JSON.object([
            ("participants_total", .int(result.participantsTotal)), ("coders", .strings(result.coders)),
            ("themes", theme.json(result.themes)),
        ])
        var rendered = theme.rendered(
            result.themes, json: json,
            notes: [
                "N = \(result.participantsTotal) participants with a transcript coded by \(result.coders.joined(separator: ", ")).",
                "A participant counts once for a code if any selected coder tagged any of their segments with it or a code under it.",
            ])
        // A spreadsheet row stands alone: each carries N, as the grouped CSV's rows carry their group's.
        var csv = theme.csv(result.themes)
        csv.columns.append(.init("participants_total", .right))
        for index in csv.rows.indices { csv.rows[index].append(String(result.participantsTotal)) }
        rendered.csv = csv
        return rendered
    }

    /// One theme within a subgroup.
    public static let groupTheme = RecordView<Tally.Theme>(
        [
            .field("code", json: { .string($0.code) }), .field("participants", .right, json: { .int($0.participants) }),
            .field("percent", .right, json: { .double($0.percent) }),
        ], csv: .data)

    /// One subgroup of `tally --by`; its themes are nested in JSON and flattened in CSV.
    public static let group = RecordView<Tally.Group>(
        [
            .field("value", json: { .string($0.value) }),
            .field("participants_total", .right, json: { .int($0.participantsTotal) }),
            .field("small", json: { .bool($0.small) }),
            .data("themes", csv: false, json: { groupTheme.json($0.themes) }),
        ], csv: .data)

    public static func grouped(_ result: Tally.GroupedResult) -> Rendered {
        let codes = result.groups.first?.themes.map(\.code).sorted() ?? []
        let byGroup = result.groups.map { group in Dictionary(uniqueKeysWithValues: group.themes.map { ($0.code, $0) })
        }
        let header = result.groups.map { "\($0.value) (n=\($0.participantsTotal)\($0.small ? ", small" : ""))" }
        // A pivot (codes down, groups across) reads best on screen; its cells are not records.
        let table = TextTable(
            columns: [.init("code")] + header.map { TextTable.Column($0, .right) },
            rows: codes.map { code in
                [code]
                    + byGroup.map { themes in
                        let theme = themes[code]!
                        return "\(theme.participants) (\(fixed(theme.percent, 1))%)"
                    }
            })
        var csvRows: [[String]] = []
        for group in result.groups {
            for theme in group.themes.sorted(by: { $0.code < $1.code }) {
                csvRows.append([result.by] + AnalysisViews.group.dataCells(group) + groupTheme.dataCells(theme))
            }
        }
        let csv = TextTable(
            columns: (["by"] + AnalysisViews.group.dataKeys + groupTheme.dataKeys).map { TextTable.Column($0) },
            rows: csvRows)
        let json = JSON.object([
            ("by", .string(result.by)), ("coders", .strings(result.coders)),
            ("groups", AnalysisViews.group.json(result.groups)),
        ])
        var notes = ["Each cell: participants in the group tagged with the code (percent of the group's n)."]
        if result.groups.contains(where: \.small) {
            notes.append(
                "small: fewer than \(Tally.smallGroup) participants — numbers this small can identify people and are unstable; do not publish them."
            )
        }
        return Rendered(table: table, csv: csv, json: json, notes: notes)
    }

    /// A pair of codes applied together; the count heading names the unit.
    public static func pair(within: Cooccurrence.Within) -> RecordView<Cooccurrence.Pair> {
        RecordView(
            [
                .field("a", "code a", json: { .string($0.a) }), .field("b", "code b", json: { .string($0.b) }),
                .field(
                    "count", within == .segment ? "segments" : "participants", .right, json: { .int($0.count) }),
                .field("jaccard", .right, json: { .double($0.jaccard) }, text: { fixed($0.jaccard, 3) }),
            ], csv: .data)
    }

    public static func cooccurrence(_ result: Cooccurrence.Result, matrix: Bool) -> Rendered {
        let view = pair(within: result.within)
        var rendered = view.rendered(
            result.pairs,
            json: .object([
                ("within", .string(result.within.rawValue)), ("coders", .strings(result.coders)),
                ("pairs", view.json(result.pairs)),
            ]),
            notes: [
                "Codes as applied (no roll-up); count = \(result.within == .segment ? "segments" : "participants") with both; Jaccard = both / either."
                    + (matrix ? " Diagonal: units with the code." : "")
            ])
        if matrix {
            var counts: [String: Int] = [:]
            for pair in result.pairs {
                counts[pair.a + "|" + pair.b] = pair.count; counts[pair.b + "|" + pair.a] = pair.count
            }
            rendered.table = TextTable(
                columns: [.init("code")] + result.codes.indices.map { TextTable.Column(String($0 + 1), .right) },
                rows: result.codes.enumerated().map { index, a in
                    ["\(index + 1) \(a)"]
                        + result.codes.map { b in
                            a == b ? String(result.units[a] ?? 0) : counts[a + "|" + b].map(String.init) ?? ""
                        }
                })
        }
        return rendered
    }

    /// One interview in saturation order, with its 1-based position.
    public static let saturationInterview = RecordView<(position: Int, interview: Saturation.Step)>([
        .shown("position", "#", .right, text: { String($0.position) }),
        .field("interview", json: { .string($0.interview.interview) }),
        .field("new_codes", .right, json: { .int($0.interview.firstSeen.count) }),
        .field("cumulative", .right, json: { .int($0.interview.cumulative) }),
        .field(
            "first_seen", json: { .strings($0.interview.firstSeen) },
            text: { $0.interview.firstSeen.joined(separator: ", ") }),
    ])

    /// One run of interviews checked against the threshold.
    public static let saturationRun = RecordView<Saturation.Run>([
        .shown("run", text: { "\($0.from)-\($0.to)" }), .data("from", json: { .int($0.from) }),
        .data("to", json: { .int($0.to) }), .field("new_codes", .right, json: { .int($0.newCodes) }),
        .field("ratio", "ratio %", .right, json: { .double($0.ratio) }, text: { fixed($0.ratio, 1) }),
    ])

    public static func saturation(_ result: Saturation.Result) -> Rendered {
        let positioned = result.interviews.enumerated().map { (position: $0 + 1, interview: $1) }
        let json = JSON.object([
            ("interviews", saturationInterview.json(positioned)), ("runs", saturationRun.json(result.runs)),
            ("base_unique", .int(result.baseUnique)), ("saturation_at", .int(result.saturationAt)),
            ("notation", .string(result.notation)),
            ("reason", .string(result.reason)), ("base", .int(result.base)), ("run", .int(result.run)),
            ("threshold", .double(result.threshold)), ("order", .string(result.order.rawValue)),
            ("coders", .strings(result.coders)),
            ("method", .string(Saturation.method(base: result.base, run: result.run))),
            ("citation", .string(Saturation.citation)),
        ])
        let verdict =
            result.notation.map {
                "Saturation: \($0) (at \(result.saturationAt!) interviews, confirmed by a run of \(result.run) adding ≤ \(JSON.format(result.threshold))% new codes)."
            }
            ?? "Saturation not reached: \(result.reason ?? "")."
        return saturationInterview.rendered(
            positioned, json: json,
            notes: [
                verdict, "Base: first \(result.base) interviews, \(result.baseUnique) unique codes.",
                "Method: " + Saturation.method(base: result.base, run: result.run), "Citation: " + Saturation.citation,
            ],
            moreTables: [("Runs:", saturationRun.table(result.runs))])
    }

    /// Agreement on one code; the flag column is for people scanning the table.
    public static let codeAgreement = RecordView<Agreement.CodeAgreement>(
        [
            .field("code", json: { .string($0.code) }), .data("leaf", json: { .bool($0.isLeaf) }),
            .field("units", .right, json: { .int($0.units) }),
            .field(
                "percent_agreement", "% agree", .right, json: { .number($0.percentAgreement) },
                text: { fixed($0.percentAgreement, 1) }),
            .field("kappa", .right, json: { .number($0.kappa) }, text: { fixed($0.kappa, 2) }),
            .field("alpha", .right, json: { .number($0.alpha) }, text: { fixed($0.alpha, 2) }),
            .field(
                "fleiss_kappa", "fleiss", .right, json: { .number($0.fleissKappa) }, text: { fixed($0.fleissKappa, 2) }),
            .shown("flag", text: { flag($0.alpha ?? $0.kappa) }),
            .field("note", json: { .string($0.note) }),
        ], csv: .data)

    static func flag(_ value: Double?) -> String {
        guard let value else { return "" }
        return value < Agreement.tentative ? "below 0.667" : value < Agreement.acceptable ? "below 0.80" : ""
    }

    public static func agreement(_ result: Agreement.Result) -> Rendered {
        let json = JSON.object([
            ("coders", .strings(result.coders)), ("unit", "segment"),
            ("participant_segments_only", .bool(result.unit == "participant segment")),
            ("codes", codeAgreement.json(result.codes)),
            (
                "overall",
                .object([
                    ("alpha", .number(result.overall.alpha)), ("mean_kappa", .number(result.overall.meanKappa)),
                    ("mean_alpha", .number(result.overall.meanAlpha)),
                ])
            ),
        ])
        return codeAgreement.rendered(
            result.codes, json: json,
            notes: [
                "Coders \(result.coders.joined(separator: ", ")); unit: \(result.unit). Overall (leaf codes): alpha \(fixed(result.overall.alpha, 3)), mean kappa \(fixed(result.overall.meanKappa, 3)), mean alpha \(fixed(result.overall.meanAlpha, 3)).",
                "Krippendorff's thresholds: alpha below 0.667 is unacceptable, below 0.80 tentative. Cohen's kappa needs exactly two coders, Fleiss' kappa three or more.",
            ])
    }
}
