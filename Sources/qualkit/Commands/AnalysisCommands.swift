import QualKit
import QualKitCommandLine

/// `qualkit tally`, `cooccur`, `saturation` and `agreement`.
enum AnalysisCommands {
    static let all: [Command] = [tally, cooccur, saturation, agreement]

    /// `--coders`, `--kind`, `--code`: which codings an analysis counts.
    struct ScopeOptions {
        let coders = Opt<[String]?>.list(
            "coders", "c[,c2...]",
            help: "Whose codings count (default: every coder); a segment counts if any of them tagged it."
        ).alias("coder")
        let kind = Opt<String?>.text("kind", "kind", help: "Only codes of this kind (barrier, facilitator, ...).")
        let code = Opt<String?>.text("code", "prefix", help: "Only this code and the codes under it.")

        var all: [any OptionDeclaration] { [coders, kind, code] }

        func scope(_ inv: Invocation) -> AnalysisScope {
            AnalysisScope(coders: inv[coders], kind: inv[kind], codePrefix: inv[code])
        }
    }

    static let tally: Command = {
        let scope = ScopeOptions()
        let by = Opt<String?>.text("by", "attribute", help: "Break down by this participant attribute.")
        return Command(
            path: ["tally"],
            summary: "Prevalence of each theme by participants (\"31 of 108\"), overall or by subgroup.",
            discussion:
                "Per code: excerpts (distinct coded segments), participants, percent of N and transcripts, where N is the participants with at least one transcript covered by the selected coders. Parents roll up: a participant counts once for barrier.stigma if tagged with it or any code under it. --by gives one group per value of a participant attribute (or gender, community, language = first language); a missing value is '(not recorded)'; groups under 5 participants are flagged small.",
            options: scope.all + [by, Opt.format],
            examples: ["qualkit tally --kind barrier", "qualkit tally --by household --format json"]
        ) { inv in
            let study = try inv.openStudy()
            if let by = inv[by] {
                inv.print(
                    AnalysisViews.grouped(
                        try Tally.run(study, scope: scope.scope(inv), by: PersonFields.normalizedKey(by))))
            } else {
                inv.print(AnalysisViews.tally(try Tally.run(study, scope: scope.scope(inv))))
            }
        }
    }()

    static let cooccur: Command = {
        let scope = ScopeOptions()
        let within = Opt.choice("within", default: Cooccurrence.Within.segment, help: "segment or participant.")
        let minimum = Opt<Int>.integer(
            "min", in: 1...Int.max, default: 1, help: "Only pairs occurring together at least this often.")
        let matrix = Opt<Bool>.flag("matrix", help: "Print a code x code matrix instead of a list (table format).")
        return Command(
            path: ["cooccur"],
            summary: "Code pairs that occur in the same segment or participant, with the Jaccard index.",
            options: scope.all + [within, minimum, matrix, Opt.format],
            examples: ["qualkit cooccur --within participant --min 3", "qualkit cooccur --kind barrier --matrix"]
        ) { inv in
            let result = try Cooccurrence.run(
                inv.openStudy(), scope: scope.scope(inv), within: inv[within], minimum: inv[minimum])
            inv.print(AnalysisViews.cooccurrence(result, matrix: inv[matrix]))
        }
    }()

    static let saturation: Command = {
        let scope = ScopeOptions()
        let base = Opt<Int>.integer("base", in: 1...100_000, default: 4, help: "Interviews in the base.")
        let run = Opt<Int>.integer("run", in: 1...100_000, default: 2, help: "Interviews in each run.")
        let threshold = Opt<Double>.number(
            "threshold", "percent", in: 0...100, default: 5,
            help: "New information at or below this percent marks saturation.")
        let order = Opt.choice("order", default: Saturation.Order.date, help: "Interview order.")
        return Command(
            path: ["saturation"],
            summary: "Thematic saturation by Guest, Namey & Chen (2020): base, runs, new-information threshold.",
            discussion: Saturation.method
                + " Interviews counted: those with a transcript covered by the selected coders, ordered by interview date then id (--order id ignores dates). Codes: the distinct codes applied, parents not counted separately.",
            options: scope.all + [base, run, threshold, order, Opt.format],
            examples: ["qualkit saturation --base 6 --run 3 --threshold 5"]
        ) { inv in
            inv.print(
                AnalysisViews.saturation(
                    try Saturation.run(
                        inv.openStudy(), scope: scope.scope(inv), base: inv[base], run: inv[run],
                        threshold: inv[threshold], order: inv[order])))
        }
    }()

    static let agreement: Command = {
        let coders = Opt<[String]?>.list(
            "coders", "a,b[,c...]", help: "Coders to compare (default: every coder who coded)."
        ).alias("coder")
        let code = Opt<String?>.text("code", "prefix", help: "Only this code and the codes under it.")
        let allSegments = Opt<Bool>.flag("all-segments", help: "Include interviewer turns as units.")
        return Command(
            path: ["agreement"],
            summary:
                "Inter-coder agreement per code: percent agreement, Cohen's kappa, Krippendorff's alpha, Fleiss' kappa.",
            discussion:
                "Unit: a participant segment (--all-segments adds interviewer turns). A coder's value is 1 if they tagged the segment with the code or one under it, 0 if they covered its transcript without tagging it, missing if they did not cover it. Codes without variation give null statistics with a note. Overall: alpha pooled over every unit x leaf code, and the means of the leaf codes' kappas and alphas.",
            options: [coders, code, allSegments, Opt.format],
            examples: ["qualkit agreement --coders AB,CD", "qualkit agreement --code barrier --format json"]
        ) { inv in
            inv.print(
                AnalysisViews.agreement(
                    try Agreement.run(
                        inv.openStudy(), coders: inv[coders], codePrefix: inv[code],
                        allSegments: inv[allSegments])))
        }
    }()
}
