/// How codes, codings and transcripts print; the JSON is the contract.
public enum CodingViews {
    public static func json(_ code: Code) -> [(String, JSON)] {
        [
            ("path", .string(code.path)), ("name", .string(code.name)), ("kind", .string(code.kind)),
            ("definition", .string(code.definition)), ("use_when", .string(code.useWhen)),
            ("do_not_use_when", .string(code.doNotUseWhen)), ("example", .string(code.example)),
            ("color", .string(code.color)),
        ]
    }

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
        let paths = byPath.keys.sorted()
        func total(_ path: String) -> Int {
            counts.filter { Code.path($0.key, isWithin: path) }.reduce(0) { $0 + $1.value }
        }
        var rows: [[String]] = []
        var items: [JSON] = []
        for path in paths {
            let code = byPath[path]!
            let depth = path.split(separator: ".").count - 1
            let label =
                String(repeating: "  ", count: depth) + (path.split(separator: ".").last.map(String.init) ?? path)
            rows.append([
                label, implicit.contains(path) ? "(implicit)" : code.displayName, code.kind,
                String(counts[path] ?? 0), String(total(path)),
            ])
            items.append(
                .object(
                    json(code) + [
                        ("implicit", .bool(implicit.contains(path))), ("codings", .int(counts[path] ?? 0)),
                        ("codings_with_descendants", .int(total(path))),
                    ]))
        }
        let table = TextTable(
            columns: [
                .init("code"), .init("name"), .init("kind"), .init("codings", .right), .init("with sub-codes", .right),
            ],
            rows: rows)
        let csv = TextTable(
            columns: [
                .init("path"), .init("name"), .init("kind"), .init("codings"), .init("codings_with_descendants"),
            ],
            rows: paths.map {
                [$0, byPath[$0]!.name ?? "", byPath[$0]!.kind, String(counts[$0] ?? 0), String(total($0))]
            })
        return Rendered(table: table, csv: csv, json: .array(items))
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

    public static func json(_ coding: Coding) -> JSON {
        .object([
            ("transcript", .string(coding.transcript)), ("segment", .int(coding.segment)),
            ("code", .string(coding.code)),
            ("coder", .string(coding.coder)), ("start", .int(coding.start)), ("end", .int(coding.end)),
            ("transcript_start", .int(coding.transcriptStart)), ("transcript_end", .int(coding.transcriptEnd)),
            ("memo", .string(coding.memo)), ("participant", .string(coding.participant)),
            ("text", .string(coding.text)),
        ])
    }

    public static func codings(_ codings: [Coding]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("transcript"), .init("segment", .right), .init("code"), .init("coder"), .init("span"),
                .init("text"),
            ],
            rows: codings.map {
                [$0.transcript, String($0.segment), $0.code, $0.coder, "\($0.start):\($0.end)", shorten($0.text, 70)]
            })
        let csv = TextTable(
            columns: ["transcript", "segment", "code", "coder", "start", "end", "memo", "text"].map {
                TextTable.Column($0)
            },
            rows: codings.map {
                [
                    $0.transcript, String($0.segment), $0.code, $0.coder, String($0.start), String($0.end),
                    $0.memo ?? "", $0.text,
                ]
            })
        return Rendered(
            table: table, csv: csv, json: .array(codings.map(json)),
            notes: ["\(codings.count) coding\(codings.count == 1 ? "" : "s")"])
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    public static func transcripts(_ summaries: [TranscriptSummary]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("id"), .init("participant"), .init("format"), .init("segments", .right), .init("words", .right),
                .init("coders"), .init("codings", .right),
            ],
            rows: summaries.map {
                [
                    $0.id, $0.participant, $0.format, String($0.segments), String($0.words),
                    $0.coders.joined(separator: ","), String($0.codings),
                ]
            })
        let json = JSON.array(
            summaries.map {
                .object([
                    ("id", .string($0.id)), ("interview", .string($0.interview)),
                    ("participant", .string($0.participant)),
                    ("format", .string($0.format)), ("source_file", .string($0.sourceFile)),
                    ("segments", .int($0.segments)),
                    ("words", .int($0.words)), ("coders", .strings($0.coders)), ("codings", .int($0.codings)),
                    ("imported_at", .string($0.importedAt)),
                ])
            })
        return Rendered(table: table, json: json)
    }

    /// One transcript: its text with numbered turns, or a segment table; codes beside segments on request.
    public static func transcript(
        id: String, header: String, segments: [Segment], codings: [Coding], showSegments: Bool, showCodes: Bool
    ) -> Rendered {
        let bySegment = Dictionary(grouping: codings, by: \.segment)
        func codeList(_ number: Int) -> String {
            (bySegment[number] ?? []).map { "\($0.code) (\($0.coder))" }.joined(separator: ", ")
        }
        var columns: [TextTable.Column] = [
            .init("n", .right), .init("speaker"), .init("role"), .init("start"), .init("text"),
        ]
        if showCodes { columns.append(.init("codes")) }
        let rows = segments.map { segment -> [String] in
            var row = [
                String(segment.number), segment.speaker, segment.role.rawValue,
                segment.startMilliseconds.map(Timestamp.display) ?? "",
                showSegments ? shorten(segment.text, 80) : segment.text,
            ]
            if showCodes { row.append(codeList(segment.number)) }
            return row
        }
        let json = JSON.object([
            ("id", .string(id)), ("header", .string(header)),
            (
                "segments",
                .array(
                    segments.map { segment in
                        .object([
                            ("number", .int(segment.number)), ("speaker", .string(segment.speaker)),
                            ("role", .string(segment.role.rawValue)),
                            ("start_ms", .int(segment.startMilliseconds)), ("end_ms", .int(segment.endMilliseconds)),
                            ("text", .string(segment.text)), ("text_start", .int(segment.textStart)),
                            ("text_end", .int(segment.textEnd)),
                            (
                                "codes",
                                .array(
                                    (bySegment[segment.number] ?? []).map { coding in
                                        .object([
                                            ("code", .string(coding.code)), ("coder", .string(coding.coder)),
                                            ("start", .int(coding.start)), ("end", .int(coding.end)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
        return Rendered(
            table: TextTable(columns: columns, rows: rows), json: json,
            notes: header.isEmpty ? [] : ["Header: " + header.replacingOccurrences(of: "\n", with: " | ")])
    }

    public static func search(_ hits: [TranscriptSearch.Hit]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("transcript"), .init("segment", .right), .init("speaker"), .init("role"), .init("context"),
            ],
            rows: hits.map { [$0.transcript, String($0.segment), $0.speaker, $0.role.rawValue, $0.context] })
        let json = JSON.array(
            hits.map {
                .object([
                    ("transcript", .string($0.transcript)), ("segment", .int($0.segment)),
                    ("speaker", .string($0.speaker)),
                    ("role", .string($0.role.rawValue)), ("participant", .string($0.participant)),
                    ("context", .string($0.context)),
                ])
            })
        return Rendered(table: table, json: json, notes: ["\(hits.count) segment\(hits.count == 1 ? "" : "s") found"])
    }
}
