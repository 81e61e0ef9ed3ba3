import QualKit
import QualKitCommandLine

/// `qualkit qdpx export`: the study as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder.
enum QdpxExportCommands {
    static let all: [Command] = [export]

    static let export: Command = {
        let out = Opt<String>.requiredPath("out", help: "The .qdpx file to write (mode 0600).")
        let noRedact = Opt<Bool>.flag("no-redact", help: "Export the transcripts and memos unredacted (logged).")
        return Command(
            path: ["qdpx", "export"],
            summary: "Export the study as a REFI-QDA project (.qdpx) for other QDA tools.",
            discussion:
                "Writes coders as users, the codebook, participants as cases with their attributes as variables, each transcript as a text source (sources/GUID.txt), each coding as a selection (positions in Unicode code points of the text as written), and memos as notes. Transcripts, coded text, attribute values and memos are redacted unless --no-redact, which is recorded in the study's disclosure log; selections are mapped onto the redacted text and cover the same words. Protocols, interviewers, interviews, consent, actions, outcomes and coverage have no place in the standard: they are counted as left out. Two exports of one study are byte-identical. See docs/exchange.md.",
            options: [out, Opt.force, noRedact, Opt.format],
            writes: true,
            examples: ["qualkit qdpx export --out study.qdpx", "qualkit qdpx export --out study.qdpx --format json"]
        ) { inv in
            let study = try inv.openStudy()
            let disclosure: Disclosure =
                inv[noRedact] ? .unredacted(request: "qdpx export --no-redact --out " + inv[out]) : .redacted
            if inv[noRedact] {
                inv.console.err(
                    "warning: transcripts and memos exported unredacted; this is recorded in the study's disclosure log"
                )
            }
            let report = try QdpxExport.write(study, disclosure: disclosure, to: inv[out], replacing: inv[Opt.force])
            if let line = QdpxViews.leftOut(report) { inv.console.err(line) }
            inv.console.err("wrote \(inv[out])")
            inv.print(QdpxViews.export(report, file: inv[out]))
        }
    }()
}
