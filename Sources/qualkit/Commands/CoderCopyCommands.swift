import QualKit
import QualKitCommandLine

/// `qualkit handout`, `merge`, `code accept`, `code history` and `codings history`: two coders
/// working apart on copies of one study (docs/two-coders.md).
enum CoderCopyCommands {
    static let all: [Command] = [handout, merge, accept, codeHistory, codingsHistory]

    static let handout: Command = {
        let coder = Opt<String>.required("coder", "id", help: "The coder the copy is for.")
        let out = Opt<String>.requiredPath("out", help: "The new study file for the coder (made with mode 0600).")
        let transcripts = Opt<[String]>.repeated(
            "transcript", "id", help: "A transcript to hand out (repeat it); all transcripts when left out.")
        let force = Opt<Bool>.flag("force", help: "Replace a file already at --out (never the study itself).")
        return Command(
            path: ["handout"],
            summary: "Make a blind copy of the study for one coder: codebook, transcripts, their codings.",
            discussion:
                "The copy holds the codebook, the transcripts (turns, speaker roles, text) and only this coder's own codings and memos, so coding stays blind; no participant attributes, consent, contact or interviewer data. Stable UUIDs are kept, and the copy records each transcript's text fingerprint, so 'qualkit merge' can bring the work back. The copy carries unredacted transcripts: the handout is recorded in the study's disclosure log.",
            options: [coder, out, transcripts, force],
            writes: true,
            examples: [
                "qualkit handout --coder AB --out AB.sqlite",
                "qualkit handout --coder CD --out CD.sqlite --transcript TC-001 --transcript TC-002",
            ]
        ) { inv in
            let made = try Handout.make(
                from: inv.openStudy(), coder: inv[coder], transcripts: inv[transcripts], to: inv[out],
                replacing: inv[force])
            inv.console.line(
                "handed out \(made.transcripts.count) transcript\(made.transcripts.count == 1 ? "" : "s") to \(made.coder) in \(made.path): \(made.codes) codes, \(made.codings) codings, \(made.memos) memos"
            )
        }
    }()

    static let merge: Command = {
        let file = Arg<String>.single(
            "file", help: "A coder copy made by 'qualkit handout', any qualkit study, or a .qdpx project.")
        let coderMap = Opt<[String]>.repeated(
            "coder-map", "file-id=study-id", help: "Take a coder of the file as this study's coder (repeat it).")
        let dryRun = Opt<Bool>.flag("dry-run", help: "Print the same report and write nothing.")
        return Command(
            path: ["merge"], summary: "Merge a coder's copy back: codings, coverage, memos, new codes (proposed).",
            discussion:
                "One transaction. Codes renamed, moved or merged here are followed by UUID; a transcript changed here since the handout has its codings re-anchored by their text where it occurs once, else they are listed and not merged; a coding already here is unchanged (merging twice adds nothing); one whose boundaries differ from the same coder's coding with the same code is changed, the incoming one kept and the old one kept in 'codings history'. New codes are proposed until 'qualkit code accept'. A .qdpx from another tool is read onto this study's transcripts first (positions as in 'qualkit qdpx import'); its new users become coders, and --coder-map takes USER=CODER (name or GUID) as there; its selections on transcripts this study lacks are not merged (bring those in with 'qualkit qdpx import').",
            arguments: [file], options: [coderMap, dryRun, Opt.format],
            writes: true,
            examples: [
                "qualkit merge AB.sqlite --dry-run",
                "qualkit merge CD.sqlite --coder-map CD2=CD --format json",
            ]
        ) { inv in
            var map: [String: String] = [:]
            for pair in inv[coderMap] {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw UsageError(
                        message: "'--coder-map \(pair)' must be FILE-CODER=STUDY-CODER, such as AB2=AB.",
                        command: inv.command)
                }
                map[parts[0]] = parts[1]
            }
            let study = try inv.openStudy()
            let report = try QdpxFileError.naming(inv[file]) {
                try CodingMerge(study).merge(inv[file], coderMap: map, dryRun: inv[dryRun])
            }
            inv.print(MergeViews.report(report))
        }
    }()

    static let accept: Command = {
        let path = Arg<String>.single("path", help: "A proposed code's path.")
        return Command(
            path: ["code", "accept"], summary: "Accept a code a merge proposed into the codebook.",
            arguments: [path], writes: true, examples: ["qualkit code accept barrier.cost.travel"]
        ) { inv in
            let accepted = try Codebook(inv.openStudy()).accept(inv[path])
            inv.console.line(
                accepted ? "accepted code \(inv[path])" : "code \(inv[path]) was not proposed; nothing changed")
        }
    }()

    static let codeHistory: Command = {
        let path = Arg<String?>.optional(
            "path", help: "A code path: its changes and its sub-codes' (under older names too).")
        return Command(
            path: ["code", "history"],
            summary: "Every change to the codebook: when, by whom, old and new values.",
            arguments: [path], options: [Opt.format],
            examples: ["qualkit code history", "qualkit code history barrier.stigma --format csv"]
        ) { inv in
            inv.print(HistoryViews.codes(try CodeHistory.entries(inv.openStudy(), path: inv[path])))
        }
    }()

    static let codingsHistory: Command = {
        let code = Opt<String?>.text("code", "path", help: "Only this code and the codes under it.")
        let coder = Opt<String?>.text("coder", "id", help: "Only this coder's codings.")
        let transcript = Opt<String?>.text("transcript", "id", help: "Only this transcript.")
        return Command(
            path: ["codings", "history"],
            summary: "Codings a merge replaced with other boundaries: the old and new spans.",
            options: [code, coder, transcript, Opt.format],
            examples: ["qualkit codings history --coder AB"]
        ) { inv in
            inv.print(
                HistoryViews.codings(
                    try CodingHistory.entries(
                        inv.openStudy(), transcript: inv[transcript], code: inv[code], coder: inv[coder])))
        }
    }()
}
