/// The report as JSON: the same data as the other formats, machine-readable.
extension FindingsReport {
    public var json: JSON {
        .object([
            ("title", .string(summary.title)), ("generated_at", .string(generatedAt)),
            (
                "summary",
                .object([
                    ("protocol_versions", .strings(summary.protocolVersions)), ("interviews", .int(summary.interviews)),
                    ("participants", .int(summary.participants)), ("first_date", .string(summary.firstDate)),
                    ("last_date", .string(summary.lastDate)),
                    (
                        "languages",
                        .array(
                            summary.languages.map {
                                .object([("language", .string($0.0)), ("interviews", .int($0.1))])
                            })
                    ),
                    ("interviews_with_interviewer", .int(summary.withInterviewer)),
                    ("shared_language", .int(summary.sharedLanguage)), ("same_community", .int(summary.sameCommunity)),
                ])
            ),
            ("participants_total", .int(tally.participantsTotal)), ("coders", .strings(tally.coders)),
            ("themes", AnalysisViews.theme.json(themes)),
            ("subgroups", .array(groups.map { AnalysisViews.grouped($0).json })),
            (
                "quotes",
                .array(
                    themes.flatMap { quotes[$0.code] ?? [] }.map { quote in
                        .object([
                            ("participant", .string(quote.participant)), ("code", .string(quote.code)),
                            ("text", .string(quote.text)),
                            ("attributes", .object(quote.attributes.map { ($0.0, JSON.string($0.1)) })),
                        ])
                    })
            ),
            ("saturation", AnalysisViews.saturation(saturation).json),
            ("agreement", agreement.map { AnalysisViews.agreement($0).json } ?? .null),
            (
                "you_said_we_did",
                .array(
                    themes.map { theme in
                        .object([
                            ("code", .string(theme.code)), ("name", .string(theme.name)),
                            ("participants", .int(theme.participants)),
                            ("percent", .double(theme.percent)),
                            (
                                "actions",
                                FindingsViews.action.json(actions.filter { $0.themes.contains(theme.code) })
                            ),
                        ])
                    })
            ),
            ("actions", FindingsViews.action.json(actions)),
            (
                "outcomes",
                .array(
                    outcomes.map { series in
                        .object([
                            ("measure", .string(series.measure)), ("group", .string(series.group)),
                            ("unit", .string(series.unit)),
                            ("action", .int(series.action?.id)), ("before", .number(series.before)),
                            ("after", .number(series.after)),
                            (
                                "points",
                                .array(
                                    series.points.map {
                                        .object([
                                            ("period", .string($0.period)), ("value", .double($0.value)),
                                            ("n", .int($0.n)),
                                            ("date", .string($0.date?.description)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            ("methods", .strings(methods)),
        ])
    }
}
