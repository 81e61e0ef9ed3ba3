import QualKit
import QualKitCommandLine

/// `qualkit reach` and `fidelity`: did we hear from the right people, and ask what we meant to ask.
enum ReachCommands {
    static let all: [Command] = [reach, populationImport, targetsImport, fidelity]

    /// `--min-cell N`: the smallest group shown as a number in output written for others.
    static let minCell = Opt<Int>.integer(
        "min-cell", in: 1...1000, default: ReachViews.defaultMinCell,
        help:
            "With --out: groups of fewer participants than this are shown as 'fewer than N' with their figures withheld."
    )

    /// Reads `--population` and `--targets` files, each parsed before anything is counted.
    static func files(population: String?, targets: String?) throws -> (Population?, RecruitmentTargets?) {
        let people = try population.map { try ReachFiles.population(text: ReachFiles.read($0), file: $0) }
        let quotas = try targets.map { try ReachFiles.targets(text: ReachFiles.read($0), file: $0) }
        return (people, quotas)
    }

    static let population = Opt<String?>.path(
        "population",
        help:
            "The area's make-up: CSV rows attribute,value,count or attribute,value,share (lines starting # are comments)."
    )
    static let targets = Opt<String?>.path("targets", help: "Recruitment quotas: CSV rows attribute,value,target.")

    static let reach: Command = {
        let by = Opt<[String]?>.list("by", "attr[,attr...]", help: "Participant attributes to compare (required).")
        let stage = Opt.choice(
            "stage", of: Reach.Stage.self,
            help: "Count participants at this stage only (default: interviewed, with every stage as columns).")
        return Command(
            path: ["reach"],
            summary: "Reach and representation: who was heard, against the area's population and recruitment targets.",
            discussion:
                "For each value of each --by attribute: participants, share of the sample (N = participants at the stage with the attribute recorded) with a 95% Wilson interval, population share, ratio = sample share / population share, status under (population share above the interval), over (below it), as_expected or no_population, and how many more participants would reach the target (when set) or the population share. Stages: recruited (on the roster, not withdrawn), consented (consent date recorded), interviewed (an interview done or a transcript), coded (a transcript a coder covered). Values in the sample but not the population file, and population values nobody in the sample has, are listed. With --out, groups below --min-cell are shown as 'fewer than N'. Method: docs/analysis.md.",
            options: [by, population, targets, stage, Opt.format, Opt.out, Opt.force, minCell],
            examples: [
                "qualkit reach --by community --population protocols/demo/population.csv",
                "qualkit reach --by community,gender --stage coded --format json",
            ]
        ) { inv in
            guard let attributes = inv[by], !attributes.isEmpty else {
                throw UsageError(message: "reach needs --by ATTRIBUTE[,ATTRIBUTE].", command: inv.command)
            }
            var (people, quotas) = try files(population: inv[population], targets: inv[targets])
            let study = try inv.openStudy()
            // Without a file, the figures stored by `population import` and `targets import`.
            if people == nil { people = try ReachFigures(study).population() }
            if quotas == nil { quotas = try ReachFigures(study).targets() }
            let result = try Reach.run(
                study, by: attributes.map(PersonFields.normalizedKey), population: people, targets: quotas,
                stage: inv[stage] ?? .interviewed)
            if let out = inv[Opt.out], out != "-" {
                let rendered = ReachViews.reach(result, stageColumns: inv[stage] == nil, minCell: inv[minCell])
                try inv.emit(rendered.text(inv[Opt.format]), to: out)
            } else {
                inv.print(ReachViews.reach(result, stageColumns: inv[stage] == nil))
            }
        }
    }()

    static let populationImport: Command = {
        let file = Arg<String>.single("file", help: "CSV rows attribute,value,count or attribute,value,share.")
        return Command(
            path: ["population", "import"],
            summary: "Store the area's population make-up in the study, for reach (replaces any stored before).",
            discussion: "The same file --population reads; every problem is reported and nothing is stored.",
            arguments: [file], writes: true,
            examples: ["qualkit population import protocols/demo/population.csv"]
        ) { inv in
            let path = inv[file]
            let population = try ReachFiles.population(text: ReachFiles.read(path), file: path)
            let count = try ReachFigures(inv.openStudy()).store(population, file: path)
            inv.console.line("stored \(count) population rows from \(path)")
        }
    }()

    static let targetsImport: Command = {
        let file = Arg<String>.single("file", help: "CSV rows attribute,value,target.")
        return Command(
            path: ["targets", "import"],
            summary: "Store recruitment targets in the study, for reach and status (replaces any stored before).",
            discussion: "The same file --targets reads; every problem is reported and nothing is stored.",
            arguments: [file], writes: true,
            examples: ["qualkit targets import protocols/demo/targets.csv"]
        ) { inv in
            let path = inv[file]
            let targets = try ReachFiles.targets(text: ReachFiles.read(path), file: path)
            let count = try ReachFigures(inv.openStudy()).store(targets, file: path)
            inv.console.line("stored \(count) targets from \(path)")
        }
    }()

    static let fidelity: Command = {
        let transcripts = Arg<[String]>.optionalRepeated("transcript", help: "Transcripts to check (default: all).")
        let matrix = Opt<Bool>.flag(
            "matrix", help: "Print interviews x questions (table format): the turn each was asked at.")
        let threshold = Opt<Double>.number(
            "threshold", "fraction", in: 0.05...1, default: Fidelity.defaultThreshold,
            help: "Similarity at or above which an interviewer's clause asks a question.")
        return Command(
            path: ["fidelity"],
            summary:
                "Interview fidelity: which questions of the guide each interview asked, and which themes they drew.",
            discussion:
                "For each interview with a transcript and a protocol version, the guide in the interview's language (its translation when loaded, else the base text). Interviewer turns are split into sentences; a question counts as asked at the first turn with a sentence whose similarity to it reaches --threshold: the IDF-weighted share of the question's content words (lower case, accents folded, stop words dropped, English lightly stemmed) found in the sentence. Shows the turn, whether it was asked out of guide order, and the participant's words before the next interviewer turn; per question the share of interviews that asked it, per interviewer their coverage, questions never asked, and for questions with Themes: in how many interviews the answer turns were coded with one of them (or a code under it) and which other themes the answers drew. Method: docs/analysis.md.",
            arguments: [transcripts],
            options: [matrix, threshold, Opt.format],
            examples: ["qualkit fidelity", "qualkit fidelity TC-001 --format json", "qualkit fidelity --matrix"]
        ) { inv in
            let selected = inv[transcripts]
            let result = try Fidelity.run(
                inv.openStudy(), transcripts: selected.isEmpty ? nil : selected, threshold: inv[threshold])
            inv.print(FidelityViews.fidelity(result, matrix: inv[matrix]))
        }
    }()
}

/// `participant list --order reach`: recruitment help from `reach`.
enum ReachOrder {
    enum Order: String, CaseIterable, Sendable { case id, reach }

    static let order = Opt.choice(
        "order", default: Order.id,
        help:
            "id, or reach: participants not yet interviewed, the most under-represented groups first (needs --by, and --population or a stored population)."
    )
    static let by = Opt<[String]?>.list("by", "attr[,attr...]", help: "With --order reach: the attributes to weigh.")

    /// The participants in recruitment order, or nil when `--order reach` was not asked for.
    static func participants(_ inv: Invocation) throws -> [Participant]? {
        guard inv[order] == .reach else { return nil }
        let study = try inv.openStudy()
        let (given, _) = try ReachCommands.files(population: inv[ReachCommands.population], targets: nil)
        guard let attributes = inv[by], !attributes.isEmpty,
            let population = try given ?? ReachFigures(study).population()
        else {
            throw UsageError(
                message:
                    "--order reach needs --by ATTRIBUTE and a population (--population FILE.csv, or one stored with 'qualkit population import') to know who is under-represented.",
                command: inv.command)
        }
        let result = try Reach.run(
            study, by: attributes.map(PersonFields.normalizedKey), population: population, stage: .interviewed)
        return try Reach.recruitmentOrder(study, result: result)
    }
}
