/// The report as JSON: the same data as the other formats, machine-readable.
extension FindingsReport {
    /// A theme with the small-numbers rule applied: a suppressed count is the string "fewer than 5"
    /// and its percentage, excerpts and transcripts null.
    func publishedJSON(_ theme: Tally.Theme, full: Bool) -> JSON {
        let small = options.smallNumbers
        let hidden = small.suppresses(theme.participants)
        var fields: [(String, JSON)] = [("code", .string(theme.code))]
        if full { fields += [("kind", .string(theme.kind)), ("name", .string(theme.name))] }
        if full { fields.append(("excerpts", hidden ? .null : .int(theme.excerpts))) }
        fields += [
            ("participants", small.jsonCount(theme.participants)),
            ("percent", small.jsonPercent(theme.percent, of: theme.participants)),
        ]
        if full { fields.append(("transcripts", hidden ? .null : .int(theme.transcripts))) }
        if full { fields.append(("level", .int(ThemeHierarchy.level(theme.code, among: themes)))) }
        return .object(fields)
    }

    var subgroupsJSON: JSON {
        let small = options.smallNumbers
        let count: (Int) -> JSON = small.jsonCount
        return .array(
            published.map { table in
                .object([
                    ("by", .string(table.by)), ("label", .string(labels.label(table.by))),
                    ("coders", .strings(tally.coders)),
                    (
                        "groups",
                        .array(
                            table.groups.map { group in
                                .object([
                                    ("value", .string(group.value)),
                                    ("participants_total", count(group.participantsTotal)),
                                    ("small", .bool(group.small)),
                                    (
                                        "themes",
                                        .array(
                                            group.themes.sorted { $0.code < $1.code }.map {
                                                publishedJSON($0, full: false)
                                            })
                                    ),
                                ])
                            })
                    ),
                    ("note", .string(small.note(table).isEmpty ? nil : small.note(table))),
                ])
            })
    }

    /// The saturation JSON of `qualkit saturation` with the same settings.
    var saturationJSON: JSON { AnalysisViews.saturation(saturation).json }

    /// "Who we heard from" as JSON; counts of people follow the small-numbers rule.
    var audienceJSON: JSON {
        let small = options.smallNumbers
        let count: (Int) -> JSON = small.jsonCount
        return .object([
            (
                "flow",
                .array(
                    audience.flow.map {
                        .object([("stage", .string($0.stage)), ("participants", count($0.participants))])
                    })
            ),
            ("withdrawn", count(audience.withdrawn)),
            (
                "languages",
                .array(
                    audience.languages.map {
                        .object([
                            ("language", .string($0.code)), ("name", .string(LanguageNames.name($0.code))),
                            ("interviews", count($0.interviews)),
                        ])
                    })
            ),
            (
                "make_up",
                .array(
                    audience.makeUp.map { table in
                        .object([
                            ("by", .string(table.by)), ("label", .string(labels.label(table.by))),
                            (
                                "groups",
                                .array(
                                    table.groups.map {
                                        .object([
                                            ("value", .string($0.value)), ("participants", count($0.participantsTotal)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            (
                "reach",
                audience.reach.map {
                    ReachViews.reach($0, stageColumns: false, minCell: small.showSmall ? nil : small.minimum).json
                } ?? .null
            ),
            (
                "below_target",
                .array(
                    audience.belowTarget.map {
                        .object([
                            ("attribute", .string($0.attribute)), ("value", .string($0.value)),
                            ("participants", count($0.participants)), ("target", .int($0.target)),
                        ])
                    })
            ),
        ])
    }

    var summaryJSON: JSON { .strings(executiveSummary) }

    var reproduceJSON: JSON {
        let by: [String] = options.by.map { tallyCommand(by: PersonFields.normalizedKey($0)) }
        let agreementLine: JSON = agreement == nil ? .null : .string(agreementCommand)
        return .object([
            ("tally", .string(tallyCommand())), ("tally_by", .strings(by)),
            ("saturation", .string(saturationCommand)), ("agreement", agreementLine),
        ])
    }

    var fidelityJSON: JSON {
        guard let result = fidelity else { return .null }
        let asked: Int = result.interviews.reduce(0) { $0 + $1.asked.count }
        let of: Int = result.interviews.reduce(0) { $0 + $1.questions.count }
        return .object([
            ("interviews", .int(result.interviews.count)), ("asked", .int(asked)), ("of", .int(of)),
            ("sentence", .string(FidelityViews.methodsSentence(result))),
        ])
    }

    var codebookJSON: JSON {
        let rows: [JSON] = codebook.map { code in
            .object([
                ("code", .string(code.path)), ("name", .string(code.name)), ("definition", .string(code.definition)),
            ])
        }
        return .array(rows)
    }

    public var json: JSON {
        let small = options.smallNumbers
        let count: (Int) -> JSON = small.jsonCount
        return .object([
            ("title", .string(summary.title)), ("generated_at", .string(generatedAt)),
            (
                "small_numbers",
                .object([
                    ("min_cell", .int(small.minimum)), ("show_small", .bool(small.showSmall)),
                    ("banner", small.showSmall ? .string(SmallNumbers.banner) : .null),
                ])
            ),
            (
                "summary",
                .object([
                    ("protocol_versions", .strings(summary.protocolVersions)),
                    ("interviews", count(summary.interviews)),
                    ("participants", count(summary.participants)), ("first_date", .string(summary.firstDate)),
                    ("last_date", .string(summary.lastDate)),
                    (
                        "languages",
                        .array(
                            summary.languages.map {
                                .object([("language", .string($0.0)), ("interviews", count($0.1))])
                            })
                    ),
                    ("interviews_with_interviewer", count(summary.withInterviewer)),
                    ("shared_language", count(summary.sharedLanguage)),
                    ("same_community", count(summary.sameCommunity)),
                ])
            ),
            ("executive_summary", summaryJSON), ("who_we_heard_from", audienceJSON),
            ("participants_total", count(tally.participantsTotal)), ("coders", .strings(tally.coders)),
            ("themes", .array(themes.map { publishedJSON($0, full: true) })),
            ("subgroups", subgroupsJSON),
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
            ("saturation", saturationJSON),
            ("agreement", agreement.map { AnalysisViews.agreement($0).json } ?? .null),
            (
                "you_said_we_did",
                .array(
                    themes.map { theme in
                        .object([
                            ("code", .string(theme.code)), ("name", .string(theme.name)),
                            ("participants", count(theme.participants)),
                            ("percent", small.jsonPercent(theme.percent, of: theme.participants)),
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
                            ("after", .number(series.after)), ("spc", series.spcJSON),
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
            ("reproduce", reproduceJSON), ("fidelity", fidelityJSON), ("codebook", codebookJSON),
        ])
    }
}
