import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit action ...`, `outcome ...`, `redact ...` and `report`.
enum FindingsCommands {
    static let all: [Command] = [
        actionAdd, actionUpdate, actionList, actionShow, outcomeAdd, outcomeList, outcomeShow, outcomeImport, redactAdd,
        redactList,
        redactRemove, redactScan, report,
    ]

    static let theme = Opt<[String]>.repeated("theme", "code", help: "A theme the change answers (repeat for several).")
    static let change = Opt<String?>.text("change", "text", help: "What the service changed.")
    static let owner = Opt<String?>.text("owner", "text", help: "Who is responsible.")
    static let due = Opt<CalendarDate?>.date("due", help: "When it is due.")
    static let status = Opt.choice(
        "status", of: ServiceAction.Status.self, help: "planned, in-progress, done or dropped.")
    static let doneOn = Opt<CalendarDate?>.date(
        "done-on", help: "When it was done (default today when the status is done).")
    static let note = Opt<String?>.text("note", "text", help: "A note.")
    static let actionID = Arg<Int>.integer("id", "an action number", in: 1...Int.max, help: "The action number.")

    static func changes(_ inv: Invocation) -> ServiceChangeLog.ActionChanges {
        ServiceChangeLog.ActionChanges(
            themes: inv[theme].isEmpty ? nil : inv[theme], change: inv[change], owner: inv[owner], due: inv[due],
            status: inv[status], doneOn: inv[doneOn], note: inv[note])
    }

    static let actionAdd = Command(
        path: ["action", "add"], summary: "Record a service change that answers one or more barrier themes.",
        options: [theme.required(), change.required(), owner, due, status, doneOn, note],
        writes: true,
        examples: [
            "qualkit action add --theme barrier.appointment-times --change 'Evening and weekend appointments for young people' --owner 'Service lead' --status done --done-on 2023-06-01"
        ]
    ) { inv in
        let action = try ServiceChangeLog(inv.openStudy()).addAction(changes(inv))
        inv.console.line("recorded action \(action.id): \(action.change)")
    }

    static let actionUpdate = Command(
        path: ["action", "update"], summary: "Change an action's themes, text, owner, dates or status.",
        arguments: [actionID], options: [theme, change, owner, due, status, doneOn, note],
        writes: true, examples: ["qualkit action update 2 --status done --done-on 2023-09-01"]
    ) { inv in
        let action = try ServiceChangeLog(inv.openStudy()).updateAction(inv[actionID], changes(inv))
        inv.console.line("updated action \(action.id) (\(action.status.rawValue))")
    }

    static let actionList: Command = {
        let theme = Opt<String?>.text("theme", "code", help: "Only actions answering this theme (or one under it).")
        let status = Opt.choice("status", of: ServiceAction.Status.self, help: "Only this status.")
        return Command(
            path: ["action", "list"], summary: "List service changes.",
            options: [theme, status, Opt.format],
            examples: ["qualkit action list --status done"]
        ) { inv in
            var actions = try FindingsStore(inv.openStudy()).actions()
            if let theme = inv[theme] {
                actions = actions.filter { $0.themes.contains { Code.path($0, isWithin: theme) } }
            }
            if let status = inv[status] { actions = actions.filter { $0.status == status } }
            inv.print(FindingsViews.actions(actions))
        }
    }()

    static let actionShow = Command(
        path: ["action", "show"], summary: "Show one action.",
        arguments: [actionID], options: [Opt.format],
        examples: ["qualkit action show 1"]
    ) { inv in
        inv.print(FindingsViews.actions([try FindingsStore(inv.openStudy()).action(inv[actionID])]))
    }

    static let outcomeAdd: Command = {
        let measure = Opt<String>.required(
            "measure", "name", help: "The measure (programme completion, crisis admissions).")
        let period = Opt<String>.required("period", "label", help: "The period (2023-Q1).")
        let value = Opt<Double>.requiredNumber("value", "x", help: "The value.")
        let n = Opt<Int?>.integer("n", "count", in: 0...Int.max, help: "How many people the value is based on.")
        let group = Opt<String?>.text("group", "text", help: "The group (ethnic minority).")
        let unit = Opt.choice("unit", of: Outcome.Unit.self, help: "%, count or rate.")
        let date = Opt<CalendarDate?>.date("date", help: "A date in the period, for before/after comparisons.")
        let action = Opt<Int?>.integer(
            "action", "id", in: 1...Int.max, help: "The action this outcome is read against.")
        let better = Opt.choice("better", of: XmR.Better.self, help: "Which way is better: higher, lower or neither.")
        return Command(
            path: ["outcome", "add"], summary: "Record one value of an outcome measure for one period.",
            options: [measure, period, value, n, group, unit, date, action, better],
            writes: true,
            examples: [
                "qualkit outcome add --measure 'programme completion' --period 2023-Q1 --value 41.0 --n 120 --group 'ethnic minority' --unit % --date 2023-02-15 --action 1 --better higher"
            ]
        ) { inv in
            try ServiceChangeLog(inv.openStudy()).addOutcome(
                Outcome(
                    id: 0, measure: inv[measure], period: inv[period], value: inv[value], n: inv[n],
                    group: inv[group], unit: inv[unit], date: inv[date], action: inv[action], better: inv[better]))
            inv.console.line("recorded \(inv[measure]) for \(inv[period])")
        }
    }()

    static let outcomeList = Command(
        path: ["outcome", "list"], summary: "List outcome values.", options: [Opt.format],
        examples: ["qualkit outcome list"],
        run: { inv in
            inv.print(FindingsViews.outcomes(try FindingsStore(inv.openStudy()).outcomes()))
        })

    /// What `outcome show` prints.
    enum ShowFormat: String, CaseIterable, Sendable { case table, json }

    static let outcomeShow: Command = {
        let measure = Arg<String>.single("measure", help: "The measure, as recorded.")
        let group = Opt<String?>.text("group", "text", help: "The group, when the measure has several.")
        let format = Opt.choice("format", default: ShowFormat.table, help: "table or json.")
        return Command(
            path: ["outcome", "show"],
            summary: "Read one outcome measure as an XmR chart: mean, process limits, signals and the verdict.",
            discussion:
                "The baseline is the points before the linked action's done date; limits are its mean ± 2.66 × mean moving range. Signals: outside the limits, a shift of 7, a trend of 7, two of three near a limit. With fewer than 12 baseline points, a run chart around the median.",
            arguments: [measure], options: [group, format],
            examples: [
                "qualkit outcome show 'crisis admissions'", "qualkit outcome show 'programme completion' --format json",
            ]
        ) { inv in
            let series = try FindingsReport.outcomeSeries(inv.openStudy(), measure: inv[measure], group: inv[group])
            switch inv[format] {
            case .json: inv.console.out(series.spcJSON.serialized() + "\n")
            case .table:
                let analysis = series.analysis
                // Every point is judged against the baseline; the rebased mean is shown beside it.
                func period(of index: Int) -> XmR.Period? { analysis.periods.first }
                let rebased = analysis.periods.dropFirst().first
                var rows: [[String]] = []
                for (index, point) in series.points.enumerated() {
                    let p = period(of: index)
                    let marks = analysis.signals.filter { $0.from <= index && index <= $0.to }.map {
                        "\($0.rule.rawValue) (\($0.direction.rawValue))"
                    }
                    var row: [String] = [
                        point.period, JSON.format(point.value), p.map { String(format: "%.2f", $0.mean) } ?? "",
                        p?.lowerLimit.map { String(format: "%.2f", $0) } ?? "",
                        p?.upperLimit.map { String(format: "%.2f", $0) } ?? "",
                        index == analysis.split ? "action" : "", marks.joined(separator: ", "),
                    ]
                    if let rebased { row.append(index >= rebased.from ? String(format: "%.2f", rebased.mean) : "") }
                    rows.append(row)
                }
                var columns: [TextTable.Column] = [
                    .init("period"), .init("value", .right), .init(analysis.limits ? "mean" : "median", .right),
                    .init("lower", .right), .init("upper", .right), .init(""), .init("signals"),
                ]
                if rebased != nil { columns.append(.init("rebased mean", .right)) }
                let table = TextTable(columns: columns, rows: rows)
                inv.console.out(table.rendered())
                inv.console.line("")
                inv.console.line(series.verdict)
            }
        }
    }()

    static let outcomeImport: Command = {
        let file = Arg<String>.single("file", help: "A CSV file.")
        return Command(
            path: ["outcome", "import"], summary: "Import outcome values from CSV: every row or none.",
            discussion:
                "Columns measure, period, value and optionally n, group, unit, date, action, better (higher, lower or neither).",
            arguments: [file],
            writes: true, examples: ["qualkit outcome import protocols/demo/outcomes.csv"]
        ) { inv in
            let count = try ServiceChangeLog(inv.openStudy()).importOutcomes(path: inv[file])
            inv.console.line("imported \(count) outcome values from \(inv[file])")
        }
    }()

    static let redactAdd: Command = {
        let term = Arg<String>.single("term", help: "A name, place or service to remove from quotes.")
        let label = Opt<String?>.text("as", "label", help: "What replaces it, e.g. GP or place (default: name).")
        return Command(
            path: ["redact", "add"],
            summary: "Add a term to the study's redaction list (matched case-insensitively on word boundaries).",
            arguments: [term], options: [label],
            writes: true, examples: ["qualkit redact add 'Dr Patel' --as GP", "qualkit redact add Imran"]
        ) { inv in
            try RedactionList(inv.openStudy()).add(inv[term], label: inv[label])
            inv.console.line("quotes will show [\(inv[label] ?? "name")] for '\(inv[term])'")
        }
    }()

    static let redactList = Command(
        path: ["redact", "list"], summary: "List the study's redaction terms.", options: [Opt.format],
        examples: ["qualkit redact list"],
        run: { inv in
            inv.print(FindingsViews.terms(try RedactionList(inv.openStudy()).terms()))
        })

    static let redactRemove: Command = {
        let term = Arg<String>.single("term", help: "The term.")
        return Command(
            path: ["redact", "remove"], summary: "Remove a term from the redaction list.",
            arguments: [term],
            writes: true, examples: ["qualkit redact remove Imran"]
        ) { inv in
            try RedactionList(inv.openStudy()).remove(inv[term])
            inv.console.line("removed '\(inv[term])' from the redaction list")
        }
    }()

    static let redactScan: Command = {
        let transcript = Opt<String?>.text("transcript", "id", help: "Only this transcript.")
        return Command(
            path: ["redact", "scan"],
            summary: "List likely identifiers in transcripts, to extend the redaction list before publishing.",
            discussion:
                "Finds e-mail addresses, UK phone numbers, NHS numbers, postcodes and dates, and capitalised words after 'my son', 'my GP', 'called', 'Dr', ... Each is marked if the redaction list already covers it.",
            options: [transcript, Opt.format],
            examples: ["qualkit redact scan --transcript TC-014"]
        ) { inv in
            inv.print(FindingsViews.scan(try RedactionList(inv.openStudy()).scan(transcript: inv[transcript])))
        }
    }()

    /// What `report` writes.
    enum ReportFormat: String, CaseIterable, Sendable { case html, md, json, csv, xlsx }

    static let report: Command = {
        let format = Opt.choice("format", default: ReportFormat.html, help: "html, md, json, csv or xlsx.")
        let out = Opt<String?>.path(
            "out", help: "The file to write (a folder for csv; required for xlsx); default standard output.")
        let by = Opt<[String]?>.list("by", "attr[,attr]", help: "Subgroup tables for these participant attributes.")
        let quotes = Opt<Int>.integer("quotes", in: 0...50, default: 3, help: "Quotes per theme.")
        let kind = Opt<String>.text(
            "kind", "kind", default: "barrier", help: "Which kind of theme the report is about.")
        let coders = Opt<[String]?>.list(
            "coders", "c[,c2...]", help: "Whose codings count (default: every coder)."
        ).alias("coder")
        let attribute = Opt<[String]>.repeated(
            "attribute", "attr", help: "Attributes shown beside quotes (default: the --by attributes).")
        let minCell = Opt<Int>.integer(
            "min-cell", "n", in: 1...1000, default: SmallNumbers.defaultMinimum,
            help: "Suppress counts of people and groups under n (shown as 'fewer than n').")
        let showSmall = Opt<Bool>.flag(
            "show-small", help: "Show small numbers; marks the report NOT FOR PUBLICATION (logged).")
        return Command(
            path: ["report"],
            summary:
                "Write the barrier findings: prevalence, subgroups, consented redacted quotes, saturation, agreement, you said / we did.",
            discussion:
                "HTML is one self-contained file (inline CSS and SVG charts, no scripts, no external requests) with a print stylesheet. Markdown has the same content with tables. JSON has the same data. CSV writes one file per table into the --out folder. xlsx writes one Excel workbook to --out (sheets Summary, Themes, one per --by attribute, Quotes, Actions, Outcomes; numbers and dates as real cells, no formulas). Quotes come only from participants' own turns, of participants with consent_quotes = yes who have not withdrawn, and are always redacted. Counts of people under --min-cell (default 5) are shown as 'fewer than 5' and smaller groups are not broken out, unless --show-small, which is recorded in the study's disclosure log.",
            options: [format, out, Opt.force, by, quotes, kind, coders, attribute, minCell, showSmall],
            writes: true,
            examples: [
                "qualkit report --by household,age_band --out report.html",
                "qualkit report --format csv --out findings/",
                "qualkit report --format xlsx --by household --out findings.xlsx",
            ]
        ) { inv in
            var options = FindingsReport.Options()
            options.by = inv[by] ?? []
            options.quotesPerTheme = inv[quotes]
            options.kind = inv[kind]
            options.coders = inv[coders]
            if !inv[attribute].isEmpty { options.attributes = inv[attribute].map(PersonFields.normalizedKey) }
            options.smallNumbers = SmallNumbers(minimum: inv[minCell], showSmall: inv[showSmall])
            let study = try inv.openStudy()
            // Every attribute named is checked against the study: a misspelt one would print blank columns.
            try AnalysisScope.checkAttributes(options.by + inv[attribute].map(PersonFields.normalizedKey), in: study)
            if inv[showSmall] {
                inv.console.err(
                    "warning: small numbers shown; the report is NOT FOR PUBLICATION and this is recorded in the study's disclosure log"
                )
            }
            // A workbook is binary: it is never written to the terminal.
            if inv[format] == .xlsx, inv[out] == nil || inv[out] == "-" {
                throw UsageError(message: "--format xlsx needs --out FILE.xlsx", command: inv.command)
            }
            let report = try FindingsReport.build(study, options: options)
            switch inv[format] {
            case .xlsx:
                let workbook = report.workbook
                try workbook.write(to: inv[out]!, replacing: inv[Opt.force])
                inv.console.err("wrote \(workbook.sheets.count) sheets to \(inv[out]!)")
            case .md: try inv.emit(report.markdown, to: inv[out])
            case .json: try inv.emit(report.json.serialized() + "\n", to: inv[out])
            case .html: try inv.emit(report.html, to: inv[out])
            case .csv:
                guard let folder = inv[out], folder != "-" else {
                    inv.console.out(inv.csvPrefix + report.csvFiles[0].1)
                    return
                }
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw CannotCreateOutput(path: folder, reason: "\(error)")
                }
                // Every table's file is checked before any is written, so a refusal leaves none half-replaced.
                let files = report.csvFiles.map {
                    ((folder as NSString).appendingPathComponent($0.0), inv.csvPrefix + $0.1)
                }
                for (path, _) in files { try OutputFile.checkTarget(path, replacing: inv[Opt.force]) }
                for (path, text) in files { try OutputFile.write(text, to: path, replacing: inv[Opt.force]) }
                inv.console.err("wrote \(report.csvFiles.count) tables to \(folder)")
            }
        }
    }()
}
