import Foundation
import QualKit
import QualKitCommandLine

/// `qdpx import`: REFI-QDA projects from NVivo, ATLAS.ti, MAXQDA, QualCoder or Taguette.
enum QdpxImportCommands {
    static let all: [Command] = [qdpxImport]

    static let qdpxImport: Command = {
        let file = Arg<String>.single("file", help: "The REFI-QDA project (.qdpx).")
        let coderMap = Opt<[String]>.repeated(
            "coder-map", "USER=CODER", help: "Store the file's user USER (name or GUID) as coder CODER (repeatable).")
        let dryRun = Opt<Bool>.flag("dry-run", help: "Print what the import would do and change nothing.")
        return Command(
            path: ["qdpx", "import"],
            summary: "Import a REFI-QDA project: transcripts, codes, coders, codings, participants, memos.",
            discussion:
                "Into the study given by --db, which is created when it does not exist. One transaction: on any error nothing is written. Importing the same file again changes nothing. Positions are read as Unicode code points, or as UTF-16 code units for NVivo files; the rule used, every repair and everything left out are printed. See docs/exchange.md.",
            arguments: [file], options: [coderMap, dryRun],
            writes: true,
            examples: ["qualkit qdpx import protocols/demo/example.qdpx --coder-map 'Anna Smith=AS' --dry-run"]
        ) { inv in
            var map: [String: String] = [:]
            for pair in inv[coderMap] {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex,
                    pair.index(after: equals) != pair.endIndex
                else { throw QdpxError.badCoderMap(pair) }
                map[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            let path = inv[file]
            let bytes = Data(try SourceText.readBytes(path))
            let created = !FileManager.default.fileExists(atPath: inv.studyPath)
            let report: QdpxImport.Report
            do {
                let study: Study
                if created && inv[dryRun] {
                    // Planned against an empty study in memory: a dry run leaves no file behind.
                    study = try Study.scratch(title: nil)
                } else if created {
                    study = try Study.create(at: inv.studyPath, title: nil)
                    inv.recordAudit(of: study, countingFromOpen: true)
                } else {
                    study = try inv.openStudy()
                }
                let name = URL(fileURLWithPath: path).lastPathComponent
                report = try QdpxFileError.naming(path) {
                    try QdpxImport.run(
                        bytes, file: name, options: .init(coderMap: map, dryRun: inv[dryRun]), study: study)
                }
            } catch {
                // A study made for this import and not filled is not left behind.
                if created && !inv[dryRun] { Study.removeFiles(at: inv.studyPath) }
                throw error
            }
            inv.console.line(report.dryRun ? "\(path): nothing written (dry run); it would import:" : "\(path):")
            inv.console.line("  positions read as \(report.rule.rawValue): \(report.ruleReason)")
            for (kind, tally) in [
                ("transcripts", report.transcripts), ("participants", report.participants), ("coders", report.coders),
                ("codes", report.codes), ("codings", report.codings), ("memos", report.memos),
            ] {
                inv.console.line(
                    "  \(kind): \(tally.added) added, \(tally.changed) changed, \(tally.unchanged) unchanged")
            }
            for line in report.warnings { inv.console.line("  warning: \(line)") }
            for line in report.leftOut { inv.console.line("  left out: \(line)") }
        }
    }()
}
