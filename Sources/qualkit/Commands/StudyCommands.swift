import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit init`, `qualkit status` and `qualkit demo`.
enum StudyCommands {
    static let all: [Command] = [initialize, status, demo]

    static let initialize: Command = {
        let title = Opt<String?>.text("title", "text", help: "The study's title, used in reports.")
        return Command(
        path: ["init"],
        summary: "Create a new, empty study file (never overwrites one).",
        discussion:
            "The file is created readable and writable by you only (mode 0600): it will hold special-category personal data.",
        options: [title],
        examples: ["qualkit init --title \"Talking Change\"", "qualkit init --db talking-change.sqlite"]
        ) { inv in
            let study = try Study.create(at: inv.studyPath, title: inv[title])
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
            inv.print(try StudySummary.load(inv.openStudy()).rendered)
        })

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
