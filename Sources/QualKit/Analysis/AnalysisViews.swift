import Foundation

/// How analyses print; the JSON is the documented contract (`docs/json.md`).
public enum AnalysisViews {
    static func fixed(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "—"
    }

    public static func tally(_ result: Tally.Result) -> Rendered {
        let table = TextTable(
            columns: [
                .init("code"), .init("name"), .init("kind"), .init("participants", .right), .init("%", .right),
                .init("excerpts", .right), .init("transcripts", .right),
            ],
            rows: result.themes.map {
                [
                    $0.code, $0.name, $0.kind, String($0.participants), fixed($0.percent, 1), String($0.excerpts),
                    String($0.transcripts),
                ]
            })
        let csv = TextTable(
            columns: ["code", "kind", "name", "excerpts", "participants", "percent", "transcripts"].map {
                TextTable.Column($0)
            },
            rows: result.themes.map {
                [
                    $0.code, $0.kind, $0.name, String($0.excerpts), String($0.participants), JSON.format($0.percent),
                    String($0.transcripts),
                ]
            })
        let json = JSON.object([
            ("participants_total", .int(result.participantsTotal)), ("coders", .strings(result.coders)),
            (
                "themes",
                .array(
                    result.themes.map {
                        .object([
                            ("code", .string($0.code)), ("kind", .string($0.kind)), ("name", .string($0.name)),
                            ("excerpts", .int($0.excerpts)), ("participants", .int($0.participants)),
                            ("percent", .double($0.percent)), ("transcripts", .int($0.transcripts)),
                        ])
                    })
            ),
        ])
        return Rendered(
            table: table, csv: csv, json: json,
            notes: [
                "N = \(result.participantsTotal) participants with a transcript coded by \(result.coders.joined(separator: ", ")).",
                "A participant counts once for a code if any selected coder tagged any of their segments with it or a code under it.",
            ])
    }

    public static func grouped(_ result: Tally.GroupedResult) -> Rendered {
        let codes = result.groups.first?.themes.map(\.code).sorted() ?? []
        let byGroup = result.groups.map { group in Dictionary(uniqueKeysWithValues: group.themes.map { ($0.code, $0) })
        }
        let header = result.groups.map { "\($0.value) (n=\($0.participantsTotal)\($0.small ? ", small" : ""))" }
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
                csvRows.append([
                    result.by, group.value, String(group.participantsTotal), group.small ? "yes" : "no", theme.code,
                    String(theme.participants), JSON.format(theme.percent),
                ])
            }
        }
        let csv = TextTable(
            columns: ["by", "value", "participants_total", "small", "code", "participants", "percent"].map {
                TextTable.Column($0)
            },
            rows: csvRows)
        let json = JSON.object([
            ("by", .string(result.by)), ("coders", .strings(result.coders)),
            (
                "groups",
                .array(
                    result.groups.map { group in
                        .object([
                            ("value", .string(group.value)), ("participants_total", .int(group.participantsTotal)),
                            ("small", .bool(group.small)),
                            (
                                "themes",
                                .array(
                                    group.themes.map {
                                        .object([
                                            ("code", .string($0.code)), ("participants", .int($0.participants)),
                                            ("percent", .double($0.percent)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
        var notes = ["Each cell: participants in the group tagged with the code (percent of the group's n)."]
        if result.groups.contains(where: \.small) {
            notes.append(
                "small: fewer than \(Tally.smallGroup) participants — numbers this small can identify people and are unstable; do not publish them."
            )
        }
        return Rendered(table: table, csv: csv, json: json, notes: notes)
    }

    public static func cooccurrence(_ result: Cooccurrence.Result, matrix: Bool) -> Rendered {
        let pairTable = TextTable(
            columns: [
                .init("code a"), .init("code b"),
                .init(result.within == .segment ? "segments" : "participants", .right), .init("jaccard", .right),
            ],
            rows: result.pairs.map { [$0.a, $0.b, String($0.count), fixed($0.jaccard, 3)] })
        var table = pairTable
        if matrix {
            var counts: [String: Int] = [:]
            for pair in result.pairs {
                counts[pair.a + "|" + pair.b] = pair.count; counts[pair.b + "|" + pair.a] = pair.count
            }
            table = TextTable(
                columns: [.init("code")] + result.codes.indices.map { TextTable.Column(String($0 + 1), .right) },
                rows: result.codes.enumerated().map { index, a in
                    ["\(index + 1) \(a)"]
                        + result.codes.map { b in
                            a == b ? String(result.units[a] ?? 0) : counts[a + "|" + b].map(String.init) ?? ""
                        }
                })
        }
        let csv = TextTable(
            columns: ["a", "b", "count", "jaccard"].map { TextTable.Column($0) },
            rows: result.pairs.map { [$0.a, $0.b, String($0.count), JSON.format($0.jaccard)] })
        let json = JSON.object([
            ("within", .string(result.within.rawValue)), ("coders", .strings(result.coders)),
            (
                "pairs",
                .array(
                    result.pairs.map {
                        .object([
                            ("a", .string($0.a)), ("b", .string($0.b)), ("count", .int($0.count)),
                            ("jaccard", .double($0.jaccard)),
                        ])
                    })
            ),
        ])
        return Rendered(
            table: table, csv: csv, json: json,
            notes: [
                "Codes as applied (no roll-up); count = \(result.within == .segment ? "segments" : "participants") with both; Jaccard = both / either."
                    + (matrix ? " Diagonal: units with the code." : "")
            ])
    }

    public static func saturation(_ result: Saturation.Result) -> Rendered {
        let table = TextTable(
            columns: [
                .init("#", .right), .init("interview"), .init("new codes", .right), .init("cumulative", .right),
                .init("first seen"),
            ],
            rows: result.interviews.enumerated().map {
                [
                    String($0 + 1), $1.interview, String($1.firstSeen.count), String($1.cumulative),
                    $1.firstSeen.joined(separator: ", "),
                ]
            })
        let runs = TextTable(
            columns: [.init("run"), .init("new codes", .right), .init("ratio %", .right)],
            rows: result.runs.map { ["\($0.from)-\($0.to)", String($0.newCodes), fixed($0.ratio, 1)] })
        let json = JSON.object([
            (
                "interviews",
                .array(
                    result.interviews.map {
                        .object([
                            ("interview", .string($0.interview)), ("new_codes", .int($0.firstSeen.count)),
                            ("cumulative", .int($0.cumulative)), ("first_seen", .strings($0.firstSeen)),
                        ])
                    })
            ),
            (
                "runs",
                .array(
                    result.runs.map {
                        .object([
                            ("from", .int($0.from)), ("to", .int($0.to)), ("new_codes", .int($0.newCodes)),
                            ("ratio", .double($0.ratio)),
                        ])
                    })
            ),
            ("base_unique", .int(result.baseUnique)), ("saturation_at", .int(result.saturationAt)),
            ("notation", .string(result.notation)),
            ("reason", .string(result.reason)), ("base", .int(result.base)), ("run", .int(result.run)),
            ("threshold", .double(result.threshold)), ("order", .string(result.order.rawValue)),
            ("coders", .strings(result.coders)),
            ("method", .string(Saturation.method)), ("citation", .string(Saturation.citation)),
        ])
        let verdict =
            result.notation.map {
                "Saturation: \($0) (at \(result.saturationAt!) interviews, confirmed by a run of \(result.run) adding ≤ \(JSON.format(result.threshold))% new codes)."
            }
            ?? "Saturation not reached: \(result.reason ?? "")."
        return Rendered(
            table: table, json: json,
            notes: [
                verdict, "Base: first \(result.base) interviews, \(result.baseUnique) unique codes.",
                "Method: " + Saturation.method, "Citation: " + Saturation.citation,
            ],
            moreTables: [("Runs:", runs)])
    }

    public static func agreement(_ result: Agreement.Result) -> Rendered {
        func flag(_ value: Double?) -> String {
            guard let value else { return "" }
            return value < Agreement.tentative ? "below 0.667" : value < Agreement.acceptable ? "below 0.80" : ""
        }
        let table = TextTable(
            columns: [
                .init("code"), .init("units", .right), .init("% agree", .right), .init("kappa", .right),
                .init("alpha", .right),
                .init("fleiss", .right), .init("flag"), .init("note"),
            ],
            rows: result.codes.map {
                [
                    $0.code, String($0.units), fixed($0.percentAgreement, 1), fixed($0.kappa, 2), fixed($0.alpha, 2),
                    fixed($0.fleissKappa, 2),
                    flag($0.alpha ?? $0.kappa), $0.note ?? "",
                ]
            })
        let csv = TextTable(
            columns: ["code", "leaf", "units", "percent_agreement", "kappa", "alpha", "fleiss_kappa", "note"].map {
                TextTable.Column($0)
            },
            rows: result.codes.map {
                [
                    $0.code, $0.isLeaf ? "yes" : "no", String($0.units), $0.percentAgreement.map(JSON.format) ?? "",
                    $0.kappa.map(JSON.format) ?? "",
                    $0.alpha.map(JSON.format) ?? "", $0.fleissKappa.map(JSON.format) ?? "", $0.note ?? "",
                ]
            })
        let json = JSON.object([
            ("coders", .strings(result.coders)), ("unit", "segment"),
            ("participant_segments_only", .bool(result.unit == "participant segment")),
            (
                "codes",
                .array(
                    result.codes.map {
                        .object([
                            ("code", .string($0.code)), ("leaf", .bool($0.isLeaf)), ("units", .int($0.units)),
                            ("percent_agreement", .number($0.percentAgreement)), ("kappa", .number($0.kappa)),
                            ("alpha", .number($0.alpha)),
                            ("fleiss_kappa", .number($0.fleissKappa)), ("note", .string($0.note)),
                        ])
                    })
            ),
            (
                "overall",
                .object([
                    ("alpha", .number(result.overall.alpha)), ("mean_kappa", .number(result.overall.meanKappa)),
                    ("mean_alpha", .number(result.overall.meanAlpha)),
                ])
            ),
        ])
        return Rendered(
            table: table, csv: csv, json: json,
            notes: [
                "Coders \(result.coders.joined(separator: ", ")); unit: \(result.unit). Overall (leaf codes): alpha \(fixed(result.overall.alpha, 3)), mean kappa \(fixed(result.overall.meanKappa, 3)), mean alpha \(fixed(result.overall.meanAlpha, 3)).",
                "Krippendorff's thresholds: alpha below 0.667 is unacceptable, below 0.80 tentative. Cohen's kappa needs exactly two coders, Fleiss' kappa three or more.",
            ])
    }
}
