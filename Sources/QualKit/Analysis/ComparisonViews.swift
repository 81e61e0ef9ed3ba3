/// How `compare` and `consensus` print: a table, the resolve-file CSV, JSON, and the HTML page for
/// the reconciliation meeting.
public enum ComparisonViews {
    /// A disagreement with the names of the coders it compares.
    struct Row: Sendable {
        let item: Comparison.Disagreement
        let coderA: String
        let coderB: String
    }

    /// The resolve file's columns, in order: what `consensus --resolve` reads back.
    public static let resolveColumns = ["transcript", "segment", "code", "coder_a", "coder_b", "text", "decision"]

    /// A coder's side of a unit in one cell: `AB: barrier.cost 12:40 "text"; ...` or `AB: not tagged`.
    static func cell(_ coder: String, _ spans: [Comparison.Span]) -> String {
        guard !spans.isEmpty else { return "\(coder): not tagged" }
        return "\(coder): "
            + spans.map { "\($0.code) \($0.start):\($0.end) \"\($0.text)\"" }.joined(separator: "; ")
    }

    static func side(_ coder: String, _ spans: [Comparison.Span]) -> JSON {
        .object([
            ("coder", .string(coder)), ("tagged", .bool(!spans.isEmpty)),
            (
                "spans",
                .array(
                    spans.map {
                        .object([
                            ("code", .string($0.code)), ("start", .int($0.start)), ("end", .int($0.end)),
                            ("text", .string($0.text)),
                        ])
                    })
            ),
        ])
    }

    /// One unit: the JSON object, and the table and CSV columns (the CSV adds an empty `decision`).
    static let unit = RecordView<Row>(
        [
            .field("transcript", json: { .string($0.item.transcript) }),
            .field("segment", .right, json: { .int($0.item.segment) }),
            .field("code", json: { .string($0.item.code) }),
            .field("text", json: { .string($0.item.text) }, text: { $0.item.text }),
            .field("coder_a", json: { side($0.coderA, $0.item.spansA) }, text: { cell($0.coderA, $0.item.spansA) }),
            .field("coder_b", json: { side($0.coderB, $0.item.spansB) }, text: { cell($0.coderB, $0.item.spansB) }),
        ], tableOrder: ["code", "transcript", "segment", "coder_a", "coder_b", "text"])

    static func rows(_ items: [Comparison.Disagreement], _ a: String, _ b: String) -> [Row] {
        items.map { Row(item: $0, coderA: a, coderB: b) }
    }

    /// The resolve file: one row per unit, `decision` left empty to fill with keep or drop.
    static func resolveCSV(_ rows: [Row]) -> TextTable {
        TextTable(
            columns: resolveColumns.map { TextTable.Column($0) },
            rows: rows.map { row in
                [
                    row.item.transcript, String(row.item.segment), row.item.code, cell(row.coderA, row.item.spansA),
                    cell(row.coderB, row.item.spansB), row.item.text, "",
                ]
            })
    }

    /// `compare` as a table, the resolve-file CSV, or JSON grouped by code.
    public static func comparison(_ comparison: Comparison) -> Rendered {
        let all = rows(comparison.disagreements, comparison.coderA, comparison.coderB)
        let json = JSON.object([
            ("coders", .strings([comparison.coderA, comparison.coderB])), ("unit", "segment"),
            ("participant_segments_only", .bool(comparison.unit == "participant segment")),
            ("transcripts", .int(comparison.transcripts.count)),
            ("disagreements", .int(comparison.disagreements.count)),
            (
                "codes",
                .array(
                    comparison.byCode.map { group in
                        .object([
                            ("code", .string(group.code)), ("disagreements", .int(group.disagreements.count)),
                            ("units", unit.json(rows(group.disagreements, comparison.coderA, comparison.coderB))),
                        ])
                    })
            ),
        ])
        return Rendered(
            table: unit.table(all), csv: resolveCSV(all), json: json,
            notes: [
                "\(comparison.disagreements.count) disagreement\(comparison.disagreements.count == 1 ? "" : "s") between \(comparison.coderA) and \(comparison.coderB) over \(comparison.transcripts.count) transcript\(comparison.transcripts.count == 1 ? "" : "s") both covered; unit: \(comparison.unit) x code (a code counts where it or one under it was tagged).",
                "Settle them: qualkit compare --coders \(comparison.coderA),\(comparison.coderB) --format csv --out resolve.csv, fill 'decision' with keep or drop, then qualkit consensus --from \(comparison.coderA),\(comparison.coderB) --as AGREED --resolve resolve.csv",
            ])
    }

    /// What `consensus` did, with the units still open.
    public static func consensus(_ outcome: Consensus.Outcome) -> Rendered {
        let open = rows(outcome.open, outcome.coderA, outcome.coderB)
        let json = JSON.object([
            ("coder", .string(outcome.coder)), ("from", .strings([outcome.coderA, outcome.coderB])),
            ("created_coder", .bool(outcome.createdCoder)), ("dry_run", .bool(outcome.dryRun)),
            ("participant_segments_only", .bool(outcome.unit == "participant segment")),
            ("agreed", .int(outcome.agreed)), ("kept", .int(outcome.kept)), ("dropped", .int(outcome.dropped)),
            ("decisions_recorded", .int(outcome.decisionsRecorded)), ("open", unit.json(open)),
        ])
        let verb = outcome.dryRun ? "would add" : "added"
        return Rendered(
            table: unit.table(open), csv: resolveCSV(open), json: json,
            notes: [
                (outcome.dryRun ? "Dry run: nothing was written. " : "")
                    + "\(outcome.coder) (consensus of \(outcome.coderA) and \(outcome.coderB)\(outcome.createdCoder ? ", new coder" : "")): \(verb) \(outcome.agreed) shared coding\(outcome.agreed == 1 ? "" : "s") and \(outcome.kept) kept; \(outcome.dropped) dropped; \(outcome.decisionsRecorded) decision\(outcome.decisionsRecorded == 1 ? "" : "s") recorded.",
                outcome.open.isEmpty
                    ? "No disagreement is left open."
                    : "\(outcome.open.count) disagreement\(outcome.open.count == 1 ? " is" : "s are") open (listed above): give each a keep or drop decision in the resolve file and run consensus again.",
            ])
    }
}

extension ComparisonViews {
    /// The reconciliation meeting's page: every disagreement grouped by code, the turn with each
    /// coder's spans marked, and an empty decision column to write keep or drop in. Self-contained
    /// (no scripts, no external requests) and made to print; the text is what `comparison` holds,
    /// redacted when it was made with a redactor.
    public static func html(_ comparison: Comparison, title: String) -> String {
        let a = HTML.escape(comparison.coderA)
        let b = HTML.escape(comparison.coderB)
        var body = """
            <header><h1>Disagreements: \(a) and \(b)</h1>
            <p class="sub">\(HTML.escape(title)) · \(comparison.disagreements.count) unit\(comparison.disagreements.count == 1 ? "" : "s") to settle over \(comparison.transcripts.count) transcript\(comparison.transcripts.count == 1 ? "" : "s") both coders covered · unit: \(comparison.unit) × code (a code counts where it or one under it was tagged)</p>
            <p class="sub">Write <b>keep</b> (the consensus gets the code there, with the span of the coder who had it) or <b>drop</b> in the last column, then copy the decisions into the resolve file (<code>compare --format csv</code>).</p>
            </header>
            <main>

            """
        if comparison.disagreements.isEmpty {
            body += "<p class=\"none\">The coders do not differ on any unit.</p>\n"
        }
        for group in comparison.byCode {
            body += """
                <section><h2>\(HTML.escape(group.code)) <span class="n">\(group.disagreements.count)</span></h2>
                <table><thead><tr><th class="where">Transcript · segment</th><th>Text</th><th class="coder">\(a)</th><th class="coder">\(b)</th><th class="decision">Decision</th></tr></thead>
                <tbody>

                """
            for item in group.disagreements {
                let spans = item.spansA.isEmpty ? item.spansB : item.spansA
                body += "<tr><td class=\"where\">\(HTML.escape(item.transcript)) · \(item.segment)</td>"
                body += "<td class=\"text\">\(marked(item.text, spans: spans))</td>"
                body += "<td class=\"coder\" data-coder=\"\(a)\">\(sideHTML(item.spansA))</td>"
                body += "<td class=\"coder\" data-coder=\"\(b)\">\(sideHTML(item.spansB))</td>"
                body +=
                    "<td class=\"decision\"><span class=\"box\"></span> keep<br><span class=\"box\"></span> drop</td></tr>\n"
            }
            body += "</tbody></table></section>\n"
        }
        body += "</main>\n"
        return HTML.document(
            title: "Disagreements: \(comparison.coderA) and \(comparison.coderB)", language: "en", css: css, body: body)
    }

    static func sideHTML(_ spans: [Comparison.Span]) -> String {
        guard !spans.isEmpty else { return "<span class=\"absent\">not tagged</span>" }
        return spans.map {
            "<span class=\"has\">\(HTML.escape($0.code))</span> <span class=\"at\">\($0.start)–\($0.end)</span>"
        }
        .joined(separator: "<br>")
    }

    /// The turn with the holder's spans marked. Spans index the turn as stored; a redacted turn
    /// may differ in length, so spans are found by their (redacted) text where they no longer fit.
    static func marked(_ text: String, spans: [Comparison.Span]) -> String {
        let scalars = Array(text.unicodeScalars)
        var inside = [Bool](repeating: false, count: scalars.count)
        for span in spans {
            let piece = Array(span.text.unicodeScalars)
            var start = span.start
            if start + piece.count > scalars.count || Array(scalars[start..<(start + piece.count)]) != piece {
                start = -1
                if !piece.isEmpty, piece.count <= scalars.count {
                    for index in 0...(scalars.count - piece.count)
                    where Array(scalars[index..<(index + piece.count)]) == piece {
                        start = index
                        break
                    }
                }
            }
            if start >= 0 { for index in start..<(start + piece.count) { inside[index] = true } }
        }
        var out = ""
        var open = false
        var run = String.UnicodeScalarView()
        func flush() {
            out += HTML.escape(String(run))
            run = String.UnicodeScalarView()
        }
        for (index, scalar) in scalars.enumerated() {
            if inside[index] != open {
                flush()
                out += inside[index] ? "<mark>" : "</mark>"
                open = inside[index]
            }
            run.append(scalar)
        }
        flush()
        if open { out += "</mark>" }
        return out
    }

    /// The reading view's type, colours and spacing, with a table that prints.
    static let css = """
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
        header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #ddd; }
        h1 { font-size: 20px; margin: 0 0 4px; } .sub { margin: 0 0 4px; color: #555; }
        main { padding: 16px 24px; }
        h2 { font-size: 16px; margin: 16px 0 8px; } h2 .n { color: #888; font-weight: normal; font-size: 13px; }
        table { width: 100%; table-layout: fixed; border-collapse: collapse; background: #fff; font-size: 14px; }
        th, td { border: 1px solid #ddd; padding: 6px 8px; vertical-align: top; text-align: left; }
        th { background: #f0f0f0; font-size: 13px; }
        td.where { white-space: nowrap; color: #444; font-size: 13px; } th.where { width: 110px; }
        th.coder { width: 150px; } td.coder { font-size: 12px; }
        th.decision { width: 90px; } td.decision { font-size: 12px; color: #444; line-height: 2; }
        .box { display: inline-block; width: 12px; height: 12px; border: 1px solid #555; vertical-align: middle; }
        mark { background: #fde58a; color: inherit; padding: 1px 0; border-radius: 2px; }
        .has { font-weight: 600; overflow-wrap: anywhere; } .at { color: #888; white-space: nowrap; } .absent { color: #999; font-style: italic; }
        .none { color: #555; }
        code { font-size: 13px; }
        tr { break-inside: avoid; } thead { display: table-header-group; }
        @media (max-width: 700px) {
          main, header { padding: 12px; }
          table, thead, tbody, tr, td { display: block; width: auto; } thead { display: none; }
          tr { border: 1px solid #ddd; margin-bottom: 8px; background: #fff; }
          td { border: none; border-bottom: 1px solid #eee; }
          td.coder::before { content: attr(data-coder) ": "; color: #888; }
        }
        @media print { body { background: #fff; font-size: 12px; } header { border: none; } section { break-before: auto; } }
        """
}
