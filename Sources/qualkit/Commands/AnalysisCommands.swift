import QualKit

/// `qualkit tally`, `cooccur`, `saturation` and `agreement`.
enum AnalysisCommands {
    static let all: [Command] = [tally, cooccur, saturation, agreement]

    static let scopeOptions: [Option] = [
        Option(
            name: "coder", value: .text("c[,c2...]"),
            help: "Whose codings count (default: every coder); a segment counts if any of them tagged it."),
        Option(name: "kind", value: .text("kind"), help: "Only codes of this kind (barrier, facilitator, ...)."),
        Option(name: "code", value: .text("prefix"), help: "Only this code and the codes under it."),
    ]

    static func scope(_ inv: Invocation) -> AnalysisScope {
        AnalysisScope(
            coders: inv.option("coder").map {
                $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            },
            kind: inv.option("kind"), codePrefix: inv.option("code"))
    }

    static let tally = Command(
        path: ["tally"],
        summary: "Prevalence of each theme by participants (\"31 of 108\"), overall or by subgroup.",
        discussion:
            "Per code: excerpts (distinct coded segments), participants, percent of N and transcripts, where N is the participants with at least one transcript covered by the selected coders. Parents roll up: a participant counts once for barrier.stigma if tagged with it or any code under it. --by gives one group per value of a participant attribute (or gender, community, language = first language); a missing value is '(not recorded)'; groups under 5 participants are flagged small.",
        options: scopeOptions + [
            Option(name: "by", value: .text("attribute"), help: "Break down by this participant attribute."), .format,
        ],
        examples: ["qualkit tally --kind barrier", "qualkit tally --by household --format json"],
        run: { inv in
            let study = try inv.openStudy()
            if let by = inv.option("by") {
                inv.print(
                    AnalysisViews.grouped(try Tally.run(study, scope: scope(inv), by: PersonFields.normalizedKey(by))))
            } else {
                inv.print(AnalysisViews.tally(try Tally.run(study, scope: scope(inv))))
            }
        })

    static let cooccur = Command(
        path: ["cooccur"],
        summary: "Code pairs that occur in the same segment or participant, with the Jaccard index.",
        options: scopeOptions + [
            Option(
                name: "within", value: .choice(Cooccurrence.Within.allCases.map(\.rawValue)),
                help: "segment or participant.", defaultValue: "segment"),
            Option(
                name: "min", value: .integer("n", 1...Int.max),
                help: "Only pairs occurring together at least this often.", defaultValue: "1"),
            Option(name: "matrix", help: "Print a code x code matrix instead of a list (table format)."),
            .format,
        ],
        examples: ["qualkit cooccur --within participant --min 3", "qualkit cooccur --kind barrier --matrix"],
        run: { inv in
            let result = try Cooccurrence.run(
                inv.openStudy(), scope: scope(inv),
                within: Cooccurrence.Within(rawValue: inv.option("within") ?? "segment") ?? .segment,
                minimum: inv.integer("min") ?? 1)
            inv.print(AnalysisViews.cooccurrence(result, matrix: inv.flag("matrix")))
        })

    static let saturation = Command(
        path: ["saturation"],
        summary: "Thematic saturation by Guest, Namey & Chen (2020): base, runs, new-information threshold.",
        discussion: Saturation.method
            + " Interviews counted: those with a transcript covered by the selected coders, ordered by interview date then id (--order id ignores dates). Codes: the distinct codes applied, parents not counted separately.",
        options: scopeOptions + [
            Option(name: "base", value: .integer("n", 1...100_000), help: "Interviews in the base.", defaultValue: "4"),
            Option(name: "run", value: .integer("n", 1...100_000), help: "Interviews in each run.", defaultValue: "2"),
            Option(
                name: "threshold", value: .number("percent"),
                help: "New information at or below this percent marks saturation.", defaultValue: "5"),
            Option(
                name: "order", value: .choice(Saturation.Order.allCases.map(\.rawValue)), help: "Interview order.",
                defaultValue: "date"),
            .format,
        ],
        examples: ["qualkit saturation --base 6 --run 3 --threshold 5"],
        run: { inv in
            let threshold = inv.number("threshold") ?? 5
            guard threshold >= 0 && threshold <= 100 else {
                throw UsageError(
                    message: "The value '\(threshold)' is invalid for '--threshold <percent>': expected 0 to 100.",
                    command: inv.command)
            }
            inv.print(
                AnalysisViews.saturation(
                    try Saturation.run(
                        inv.openStudy(), scope: scope(inv), base: inv.integer("base") ?? 4,
                        run: inv.integer("run") ?? 2,
                        threshold: threshold, order: Saturation.Order(rawValue: inv.option("order") ?? "date") ?? .date)
                ))
        })

    static let agreement = Command(
        path: ["agreement"],
        summary:
            "Inter-coder agreement per code: percent agreement, Cohen's kappa, Krippendorff's alpha, Fleiss' kappa.",
        discussion:
            "Unit: a participant segment (--all-segments adds interviewer turns). A coder's value is 1 if they tagged the segment with the code or one under it, 0 if they covered its transcript without tagging it, missing if they did not cover it. Codes without variation give null statistics with a note. Overall: alpha pooled over every unit x leaf code, and the means of the leaf codes' kappas and alphas.",
        options: [
            Option(
                name: "coders", value: .text("a,b[,c...]"), help: "Coders to compare (default: every coder who coded)."),
            Option(name: "code", value: .text("prefix"), help: "Only this code and the codes under it."),
            Option(name: "all-segments", help: "Include interviewer turns as units."),
            .format,
        ],
        examples: ["qualkit agreement --coders AB,CD", "qualkit agreement --code barrier --format json"],
        run: { inv in
            let coders = inv.option("coders").map {
                $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            }
            inv.print(
                AnalysisViews.agreement(
                    try Agreement.run(
                        inv.openStudy(), coders: coders, codePrefix: inv.option("code"),
                        allSegments: inv.flag("all-segments"))))
        })
}
