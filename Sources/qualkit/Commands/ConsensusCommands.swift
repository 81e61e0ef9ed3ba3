import QualKit
import QualKitCommandLine

/// `qualkit compare` and `qualkit consensus`: the two-coder reconciliation.
enum ConsensusCommands {
    static let all: [Command] = [compare, consensus]

    /// What `compare` writes: the listing formats, or the meeting's HTML page.
    enum CompareFormat: String, CaseIterable, Sendable { case table, json, csv, html }

    /// Exactly two coders from a `--coders`/`--from` list.
    static func pair(_ list: [String]) throws -> (String, String) {
        guard list.count == 2 else { throw ConsensusError.notTwoCoders(list) }
        return (list[0], list[1])
    }

    static let allSegments = Opt<Bool>.flag(
        "all-segments", help: "Include interviewer turns as units (as agreement --all-segments).")

    static let compare: Command = {
        let coders = Opt<[String]?>.list("coders", "a,b", help: "The two coders to compare.").required()
        let code = Opt<String?>.text("code", "prefix", help: "Only this code and the codes under it.")
        let transcript = Opt<String?>.text("transcript", "id", help: "Only this transcript.")
        let format = Opt.choice(
            "format", default: CompareFormat.table,
            help:
                "table (for people), json (for scripts), csv (the resolve file consensus reads) or html (a page for the reconciliation meeting)."
        )
        return Command(
            path: ["compare"],
            summary: "Every unit where two coders differ, grouped by code: for the meeting that resolves them.",
            discussion:
                "A unit is a participant segment (--all-segments adds interviewer turns) of a transcript both coders covered, and a code; a coder has the code there when they tagged the segment with it or one under it, as agreement counts, so each code's disagreements are what its percent agreement implies. Each unit shows the turn and each coder's spans. Text is redacted in every format. --format csv is the resolve file: fill its decision column with keep or drop and give it to consensus --resolve. --format html is one self-contained page (no scripts) with a decision column to write on.",
            options: [coders, code, transcript, allSegments, format, Opt.out, Opt.force],
            examples: [
                "qualkit compare --coders AB,CD",
                "qualkit compare --coders AB,CD --format csv --out resolve.csv",
                "qualkit compare --coders AB,CD --code barrier --format html --out meeting.html",
            ]
        ) { inv in
            let study = try inv.openStudy()
            let comparison = try Comparison.run(
                study, coders: try pair(inv[coders] ?? []), codePrefix: inv[code], transcript: inv[transcript],
                allSegments: inv[allSegments], redactor: try RedactionList(study).redactor())
            let rendered = ComparisonViews.comparison(comparison)
            switch inv[format] {
            case .html:
                let title = (try? study.title()) ?? "qualkit study"
                try inv.emit(ComparisonViews.html(comparison, title: title), to: inv[Opt.out])
            case .table where inv[Opt.out] == nil: inv.print(rendered)
            case .table: try inv.emit(rendered.text(.table), to: inv[Opt.out])
            case .json: try inv.emit(rendered.text(.json), to: inv[Opt.out])
            case .csv: try inv.emit(rendered.text(.csv), to: inv[Opt.out])
            }
        }
    }()

    static let consensus: Command = {
        let from = Opt<[String]?>.list("from", "a,b", help: "The two coders whose work is settled.").required()
        let agreed = Opt<String>.required("as", "coder", help: "The consensus coder (created when missing).")
        let resolve = Opt<String?>.path(
            "resolve", help: "The resolve file: compare --format csv with keep or drop in its decision column.")
        let dryRun = Opt<Bool>.flag("dry-run", help: "Print what would be done and change nothing.")
        return Command(
            path: ["consensus"],
            summary: "Make a consensus coder: the codings two coders share, and each disagreement kept or dropped.",
            discussion:
                "On the units compare lists: a code both coders have on a segment becomes the consensus coder's, as one coding over both coders' spans of it (their union); a code only one has is settled by the resolve file's decision on its unit (or the nearest unit above it with one): keep copies that coder's coding with its span, drop leaves it out, no decision leaves the unit open (listed, and in JSON under open). Transcripts both coders covered become covered by the consensus coder. One transaction; consensus only adds, so rerunning it changes nothing. Each decision is stored and written to the audit trail. Afterwards the consensus coder is an ordinary coder (tag, untag), and report counts its codings.",
            options: [from, agreed, resolve, allSegments, dryRun, Opt.format],
            writes: true,
            examples: [
                "qualkit consensus --from AB,CD --as AGREED --dry-run",
                "qualkit consensus --from AB,CD --as AGREED --resolve resolve.csv",
            ]
        ) { inv in
            let decisions = try inv[resolve].map(Consensus.readResolveFile) ?? []
            let outcome = try Consensus.run(
                inv.openStudy(), from: try pair(inv[from] ?? []), as: inv[agreed], decisions: decisions,
                resolveFile: inv[resolve], allSegments: inv[allSegments], dryRun: inv[dryRun],
                user: inv.operatingSystemUser)
            inv.print(ComparisonViews.consensus(outcome))
        }
    }()
}
