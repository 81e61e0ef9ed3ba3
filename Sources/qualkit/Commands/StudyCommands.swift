import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit init`, `status`, `demo`, and the safety commands `check`, `backup`, `audit`, `migrate`.
enum StudyCommands {
    static let all: [Command] = [initialize, status, demo, check, backup, audit, migrate]

    static let initialize: Command = {
        let title = Opt<String?>.text("title", "text", help: "The study's title, used in reports.")
        return Command(
            path: ["init"],
            summary: "Create a new, empty study file (never overwrites one).",
            discussion:
                "The file is created readable and writable by you only (mode 0600): it will hold special-category personal data.",
            options: [title],
            writes: true,
            examples: ["qualkit init --title \"Talking Change\"", "qualkit init --db talking-change.sqlite"]
        ) { inv in
            let study = try Study.create(at: inv.studyPath, title: inv[title])
            inv.recordAudit(of: study, countingFromOpen: true)
            inv.console.line(
                "created study '\(try study.title())' at \(study.path) (schema \(try study.schemaVersion()))")
        }
    }()

    static let status = Command(
        path: ["status"],
        summary: "Show the study's title, schema version and what it holds.",
        options: [Opt.format],
        examples: ["qualkit status", "qualkit status --db demo/study.sqlite --format json"],
        run: { inv in
            let study = try inv.openStudy()
            var rendered = try StudySummary.load(study).rendered
            for group in try ReachFigures(study).belowTarget() {
                rendered.notes.append(
                    "Below target: \(group.attribute)=\(group.value), \(group.participants) of \(group.target ?? 0) interviewed (qualkit reach --by \(group.attribute))."
                )
            }
            inv.print(rendered)
        })

    static let check = Command(
        path: ["check"],
        summary: "Check the study file: SQLite integrity, foreign keys and the study's own rules.",
        discussion:
            "Runs PRAGMA integrity_check and foreign_key_check, then checks that every coding lies inside its segment and transcript, that every interview's protocol version is in the study, that nothing remains of withdrawn participants, and lists segments whose speaker role is 'unknown' for review. Prints 'ok' and exits 0 when nothing is wrong; otherwise lists every problem and exits 65. Changes nothing.",
        options: [Opt.format],
        examples: ["qualkit check", "qualkit check --format json"]
    ) { inv in
        let problems = try StudyCheck.run(inv.openStudy())
        if problems.isEmpty && inv[Opt.format] == .table {
            inv.console.line("ok")
        } else {
            inv.print(IntegrityViews.check(problems))
        }
        let errors = problems.filter(\.isError).count
        if errors > 0 { throw StudyCheckFailed(errors: errors) }
    }

    static let backup: Command = {
        let file = Arg<String>.single("file", help: "The backup file to write (mode 0600).")
        return Command(
            path: ["backup"],
            summary: "Copy the study to FILE, consistently, even while others are writing to it.",
            discussion:
                "Uses SQLite's online backup API: the copy is one consistent state of the study. It is written to a private temporary file (mode 0600) beside FILE and moved into place when complete. An existing FILE is refused unless --force; a folder, link or device never is replaced. The copy holds special-category data: keep it as safe as the study.",
            arguments: [file],
            options: [Opt.force],
            examples: ["qualkit backup study-2026-11-22.sqlite", "qualkit backup copy.sqlite --force"]
        ) { inv in
            let pages = try StudyBackup.copy(inv.openStudy(), to: inv[file], replacing: inv[Opt.force])
            inv.console.line("backed up \(inv.studyPath) to \(inv[file]) (\(pages) pages)")
        }
    }()

    static let audit: Command = {
        let since = Opt<CalendarDate?>.date("since", help: "Only changes made on this day or later.")
        return Command(
            path: ["audit"],
            summary: "Show the audit trail: every change made to the study, by whom and with which command.",
            discussion:
                "Every command that changes the study appends a row in the same transaction as its change: when (UTC), the operating-system user, the command with its options, and the number of rows changed. Values that could identify a person are never stored: arguments show their name (<id>), text and path options show '…'; only flags, choices, numbers and dates keep their values. Rows cannot be changed or deleted.",
            options: [since, Opt.format],
            examples: ["qualkit audit", "qualkit audit --since 2026-11-01 --format json"]
        ) { inv in
            inv.print(IntegrityViews.audit(try AuditLog.entries(inv.openStudy(), since: inv[since])))
        }
    }()

    static let migrate = Command(
        path: ["migrate"],
        summary: "Upgrade the study file to this qualkit's schema (commands that only read never do).",
        discussion:
            "All pending upgrades run in one transaction, after checking that the file's tables are those its schema version stands for; if anything fails, the file is left exactly as it was. Take a copy first with qualkit backup.",
        writes: true, examples: ["qualkit migrate"]
    ) { inv in
        let study = try inv.openStudy()
        inv.console.line("study at \(study.path) is at schema \(try study.schemaVersion())")
    }

    static let demo: Command = {
        let dir = Opt<String?>.path(
            "dir", help: "Folder to build the demo in (created if missing; must not hold a study.sqlite).")
        return Command(
            path: ["demo"],
            summary: "Build a complete demo study from the shipped files and print its summary.",
            discussion:
                "Runs offline in seconds. Without --dir, the demo goes into a new temporary folder, which is printed.",
            options: [dir],
            examples: ["qualkit demo", "qualkit demo --dir talking-change-demo"]
        ) { inv in
            guard let shipped = DemoStudy.locateShippedFiles(environment: inv.environment) else {
                throw MissingInputFile(
                    path: "protocols/talking-change.md",
                    reason:
                        "the shipped demo files were not found: run from the qualkit checkout or set QUALKIT_SHARE to its protocols folder"
                )
            }
            let directory =
                inv[dir] ?? NSTemporaryDirectory() + "qualkit-demo-" + UUID().uuidString.prefix(8).lowercased()
            let result = try DemoStudy.build(in: directory, shipped: shipped) { inv.console.line("- " + $0) }
            let study = try Study.open(at: result.studyPath)
            inv.console.line()
            inv.console.out(try StudySummary.load(study).rendered.text(.table))
            inv.console.line()
            inv.console.line("Barrier themes by participant prevalence (qualkit tally --kind barrier):")
            inv.console.out(
                try AnalysisViews.tally(Tally.run(study, scope: AnalysisScope(kind: "barrier"))).text(.table))
            inv.console.line()
            inv.console.line("By household (qualkit tally --by household --kind barrier):")
            inv.console.out(
                try AnalysisViews.grouped(Tally.run(study, scope: AnalysisScope(kind: "barrier"), by: "household"))
                    .text(.table))
            inv.console.line()
            let agreement = try Agreement.run(study, coders: nil, codePrefix: nil, allSegments: false)
            inv.console.line(
                "Inter-coder agreement (qualkit agreement): \(agreement.coders.joined(separator: " and ")), overall alpha \(agreement.overall.alpha.map { String(format: "%.3f", $0) } ?? "—"), mean kappa \(agreement.overall.meanKappa.map { String(format: "%.3f", $0) } ?? "—")"
            )
            let weak = agreement.codes.filter { $0.isLeaf && ($0.alpha ?? 1) < Agreement.acceptable }
            if !weak.isEmpty {
                inv.console.line(
                    "  leaf codes below 0.80 (review before trusting them): "
                        + weak.map { "\($0.code) \(String(format: "%.2f", $0.alpha ?? 0))" }.joined(separator: ", "))
            }
            inv.console.line()
            inv.console.line("Findings report: \(result.reports.joined(separator: " and "))")
            inv.console.line(
                "  open it in a browser, e.g. xdg-open \(result.reports[0]) (Linux) or open \(result.reports[0]) (macOS)"
            )
            inv.console.line("Demo study: \(result.studyPath)")
            inv.console.line("Try: export QUALKIT_DB=\(result.studyPath); qualkit protocol list")
        }
    }()
}
