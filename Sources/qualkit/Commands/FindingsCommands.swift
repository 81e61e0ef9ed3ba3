import Foundation
import QualKit

/// `qualkit action ...`, `outcome ...`, `redact ...` and `report`.
enum FindingsCommands {
    static let all: [Command] = [
        actionAdd, actionUpdate, actionList, actionShow, outcomeAdd, outcomeList, outcomeImport, redactAdd, redactList,
        redactRemove, redactScan, report,
    ]

    static let actionOptions: [Option] = [
        Option(
            name: "theme", value: .text("code"), repeated: true,
            help: "A theme the change answers (repeat for several)."),
        Option(name: "change", value: .text("text"), help: "What the service changed."),
        Option(name: "owner", value: .text("text"), help: "Who is responsible."),
        Option(name: "due", value: .date, help: "When it is due."),
        Option(
            name: "status", value: .choice(ServiceAction.Status.allCases.map(\.rawValue)),
            help: "planned, in-progress, done or dropped."),
        Option(name: "done-on", value: .date, help: "When it was done (default today when the status is done)."),
        Option(name: "note", value: .text("text"), help: "A note."),
    ]

    static func changes(_ inv: Invocation) -> ServiceChangeLog.ActionChanges {
        ServiceChangeLog.ActionChanges(
            themes: inv.options("theme").isEmpty ? nil : inv.options("theme"), change: inv.option("change"),
            owner: inv.option("owner"),
            due: inv.option("due").flatMap(CalendarDate.init),
            status: inv.option("status").flatMap(ServiceAction.Status.init),
            doneOn: inv.option("done-on").flatMap(CalendarDate.init), note: inv.option("note"))
    }

    static func actionsView(_ actions: [ServiceAction]) -> Rendered {
        Rendered(
            table: TextTable(
                columns: [
                    .init("id", .right), .init("themes"), .init("change"), .init("owner"), .init("status"),
                    .init("due"), .init("done"),
                ],
                rows: actions.map {
                    [
                        String($0.id), $0.themes.joined(separator: ", "), $0.change, $0.owner ?? "", $0.status.rawValue,
                        $0.due?.description ?? "", $0.doneOn?.description ?? "",
                    ]
                }),
            json: FindingsReport.actionsJSON(actions))
    }

    static let actionAdd = Command(
        path: ["action", "add"], summary: "Record a service change that answers one or more barrier themes.",
        options: actionOptions.map {
            ["theme", "change"].contains($0.name)
                ? Option(name: $0.name, value: $0.value, repeated: $0.repeated, help: $0.help, required: true) : $0
        },
        examples: [
            "qualkit action add --theme barrier.appointment-times --change 'Evening and weekend appointments for young people' --owner 'Service lead' --status done --done-on 2023-06-01"
        ],
        run: { inv in
            let action = try ServiceChangeLog(inv.openStudy()).addAction(changes(inv))
            inv.console.line("recorded action \(action.id): \(action.change)")
        })

    static let actionUpdate = Command(
        path: ["action", "update"], summary: "Change an action's themes, text, owner, dates or status.",
        arguments: [Argument(name: "id", help: "The action number.")], options: actionOptions,
        examples: ["qualkit action update 2 --status done --done-on 2023-09-01"],
        run: { inv in
            guard let id = Int(inv.argument("id")) else {
                throw UsageError(message: "'<id>' must be an action number.", command: inv.command)
            }
            let action = try ServiceChangeLog(inv.openStudy()).updateAction(id, changes(inv))
            inv.console.line("updated action \(action.id) (\(action.status.rawValue))")
        })

    static let actionList = Command(
        path: ["action", "list"], summary: "List service changes.",
        options: [
            Option(name: "theme", value: .text("code"), help: "Only actions answering this theme (or one under it)."),
            Option(
                name: "status", value: .choice(ServiceAction.Status.allCases.map(\.rawValue)), help: "Only this status."
            ), .format,
        ],
        examples: ["qualkit action list --status done"],
        run: { inv in
            var actions = try FindingsStore(inv.openStudy()).actions()
            if let theme = inv.option("theme") {
                actions = actions.filter { $0.themes.contains { Code.path($0, isWithin: theme) } }
            }
            if let status = inv.option("status") { actions = actions.filter { $0.status.rawValue == status } }
            inv.print(actionsView(actions))
        })

    static let actionShow = Command(
        path: ["action", "show"], summary: "Show one action.",
        arguments: [Argument(name: "id", help: "The action number.")], options: [.format],
        examples: ["qualkit action show 1"],
        run: { inv in
            guard let id = Int(inv.argument("id")) else {
                throw UsageError(message: "'<id>' must be an action number.", command: inv.command)
            }
            inv.print(actionsView([try FindingsStore(inv.openStudy()).action(id)]))
        })

    static let outcomeAdd = Command(
        path: ["outcome", "add"], summary: "Record one value of an outcome measure for one period.",
        options: [
            Option(
                name: "measure", value: .text("name"), help: "The measure (programme completion, crisis admissions).",
                required: true),
            Option(name: "period", value: .text("label"), help: "The period (2023-Q1).", required: true),
            Option(name: "value", value: .number("x"), help: "The value.", required: true),
            Option(name: "n", value: .integer("count", 0...Int.max), help: "How many people the value is based on."),
            Option(name: "group", value: .text("text"), help: "The group (ethnic minority)."),
            Option(name: "unit", value: .choice(Outcome.Unit.allCases.map(\.rawValue)), help: "%, count or rate."),
            Option(name: "date", value: .date, help: "A date in the period, for before/after comparisons."),
            Option(
                name: "action", value: .integer("id", 1...Int.max), help: "The action this outcome is read against."),
        ],
        examples: [
            "qualkit outcome add --measure 'programme completion' --period 2023-Q1 --value 41.0 --n 120 --group 'ethnic minority' --unit % --date 2023-02-15 --action 1"
        ],
        run: { inv in
            try ServiceChangeLog(inv.openStudy()).addOutcome(
                Outcome(
                    id: 0, measure: inv.option("measure") ?? "", period: inv.option("period") ?? "",
                    value: inv.number("value") ?? 0,
                    n: inv.integer("n"), group: inv.option("group"),
                    unit: inv.option("unit").flatMap(Outcome.Unit.init),
                    date: inv.option("date").flatMap(CalendarDate.init), action: inv.integer("action")))
            inv.console.line("recorded \(inv.option("measure") ?? "") for \(inv.option("period") ?? "")")
        })

    static let outcomeList = Command(
        path: ["outcome", "list"], summary: "List outcome values.", options: [.format],
        examples: ["qualkit outcome list"],
        run: { inv in
            let outcomes = try FindingsStore(inv.openStudy()).outcomes()
            inv.print(
                Rendered(
                    table: TextTable(
                        columns: [
                            .init("measure"), .init("group"), .init("period"), .init("value", .right),
                            .init("n", .right), .init("unit"), .init("date"), .init("action", .right),
                        ],
                        rows: outcomes.map {
                            [
                                $0.measure, $0.group ?? "", $0.period, JSON.format($0.value),
                                $0.n.map(String.init) ?? "", $0.unit?.rawValue ?? "", $0.date?.description ?? "",
                                $0.action.map(String.init) ?? "",
                            ]
                        }),
                    json: .array(
                        outcomes.map {
                            .object([
                                ("measure", .string($0.measure)), ("group", .string($0.group)),
                                ("period", .string($0.period)),
                                ("value", .double($0.value)), ("n", .int($0.n)), ("unit", .string($0.unit?.rawValue)),
                                ("date", .string($0.date?.description)), ("action", .int($0.action)),
                            ])
                        })))
        })

    static let outcomeImport = Command(
        path: ["outcome", "import"], summary: "Import outcome values from CSV: every row or none.",
        discussion: "Columns measure, period, value and optionally n, group, unit, date, action.",
        arguments: [Argument(name: "file", help: "A CSV file.")],
        examples: ["qualkit outcome import protocols/demo/outcomes.csv"],
        run: { inv in
            let count = try ServiceChangeLog(inv.openStudy()).importOutcomes(path: inv.argument("file"))
            inv.console.line("imported \(count) outcome values from \(inv.argument("file"))")
        })

    static let redactAdd = Command(
        path: ["redact", "add"],
        summary: "Add a term to the study's redaction list (matched case-insensitively on word boundaries).",
        arguments: [Argument(name: "term", help: "A name, place or service to remove from quotes.")],
        options: [
            Option(name: "as", value: .text("label"), help: "What replaces it, e.g. GP or place (default: name).")
        ],
        examples: ["qualkit redact add 'Dr Patel' --as GP", "qualkit redact add Imran"],
        run: { inv in
            try ServiceChangeLog(inv.openStudy()).addTerm(inv.argument("term"), label: inv.option("as"))
            inv.console.line("quotes will show [\(inv.option("as") ?? "name")] for '\(inv.argument("term"))'")
        })

    static let redactList = Command(
        path: ["redact", "list"], summary: "List the study's redaction terms.", options: [.format],
        examples: ["qualkit redact list"],
        run: { inv in
            let terms = try FindingsStore(inv.openStudy()).redactionTerms()
            inv.print(
                Rendered(
                    table: TextTable(
                        columns: [.init("term"), .init("replaced by")], rows: terms.map { [$0.term, "[\($0.label)]"] }),
                    json: .array(terms.map { .object([("term", .string($0.term)), ("label", .string($0.label))]) })))
        })

    static let redactRemove = Command(
        path: ["redact", "remove"], summary: "Remove a term from the redaction list.",
        arguments: [Argument(name: "term", help: "The term.")],
        examples: ["qualkit redact remove Imran"],
        run: { inv in
            try ServiceChangeLog(inv.openStudy()).removeTerm(inv.argument("term"))
            inv.console.line("removed '\(inv.argument("term"))' from the redaction list")
        })

    static let redactScan = Command(
        path: ["redact", "scan"],
        summary: "List likely identifiers in transcripts, to extend the redaction list before publishing.",
        discussion:
            "Finds e-mail addresses, UK phone numbers, NHS numbers, postcodes and dates, and capitalised words after 'my son', 'my GP', 'called', 'Dr', ... Each is marked if the redaction list already covers it.",
        options: [Option(name: "transcript", value: .text("id"), help: "Only this transcript."), .format],
        examples: ["qualkit redact scan --transcript TC-014"],
        run: { inv in
            let hits = try ServiceChangeLog(inv.openStudy()).scan(transcript: inv.option("transcript"))
            inv.print(
                Rendered(
                    table: TextTable(
                        columns: [
                            .init("transcript"), .init("segment", .right), .init("kind"), .init("found"),
                            .init("on list"),
                        ],
                        rows: hits.map {
                            [$0.transcript, String($0.segment), $0.kind, $0.text, $0.onList ? "yes" : "no"]
                        }),
                    json: .array(
                        hits.map {
                            .object([
                                ("transcript", .string($0.transcript)), ("segment", .int($0.segment)),
                                ("kind", .string($0.kind)),
                                ("text", .string($0.text)), ("on_list", .bool($0.onList)),
                            ])
                        }),
                    notes: [
                        "\(hits.filter { !$0.onList }.count) not covered by the redaction list (patterns are always redacted; add names with: qualkit redact add NAME)"
                    ]))
        })

    static let report = Command(
        path: ["report"],
        summary:
            "Write the barrier findings: prevalence, subgroups, consented redacted quotes, saturation, agreement, you said / we did.",
        discussion:
            "HTML is one self-contained file (inline CSS and SVG charts, no scripts, no external requests) with a print stylesheet. Markdown has the same content with tables. JSON has the same data. CSV writes one file per table into the --out folder. Quotes come only from participants with consent_quotes = yes and are always redacted.",
        options: [
            Option(
                name: "format", value: .choice(["html", "md", "json", "csv"]), help: "html, md, json or csv.",
                defaultValue: "html"),
            Option(name: "out", value: .path, help: "The file to write (a folder for csv); default standard output."),
            Option(name: "by", value: .text("attr[,attr]"), help: "Subgroup tables for these participant attributes."),
            Option(name: "quotes", value: .integer("n", 0...50), help: "Quotes per theme.", defaultValue: "3"),
            Option(
                name: "kind", value: .text("kind"), help: "Which kind of theme the report is about.",
                defaultValue: "barrier"),
            Option(name: "coder", value: .text("c[,c2...]"), help: "Whose codings count (default: every coder)."),
            Option(
                name: "attribute", value: .text("attr"), repeated: true,
                help: "Attributes shown beside quotes (default: the --by attributes)."),
        ],
        examples: [
            "qualkit report --by household,age_band --out report.html", "qualkit report --format csv --out findings/",
        ],
        run: { inv in
            var options = FindingsReport.Options()
            options.by =
                inv.option("by").map {
                    $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                } ?? []
            options.quotesPerTheme = inv.integer("quotes") ?? 3
            options.kind = inv.option("kind")
            options.coders = inv.option("coder").map { $0.split(separator: ",").map(String.init) }
            if !inv.options("attribute").isEmpty {
                options.attributes = inv.options("attribute").map(PersonFields.normalizedKey)
            }
            let report = try FindingsReport.build(inv.openStudy(), options: options)
            switch inv.option("format") ?? "html" {
            case "md": try inv.emit(report.markdown)
            case "json": try inv.emit(report.json.serialized() + "\n")
            case "csv":
                guard let folder = inv.option("out") else {
                    inv.console.out(report.csvFiles[0].1)
                    return
                }
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch
                {
                    throw CannotCreateOutput(path: folder, reason: "\(error)")
                }
                for (name, text) in report.csvFiles {
                    try OutputFile.write(text, to: (folder as NSString).appendingPathComponent(name))
                }
                inv.console.err("wrote \(report.csvFiles.count) tables to \(folder)")
            default: try inv.emit(report.html)
            }
        })
}
