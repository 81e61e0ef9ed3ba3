import QualKit
import QualKitCommandLine

/// `qualkit tag`, `untag`, `codings ...`, `coding done` and `memo add`.
enum CodingCommands {
    static let all: [Command] = [tag, untag, list, importFile, export, done, memo, memoList, memoShow]

    static let transcript = Arg<String>.single("transcript", help: "The transcript id.")
    static let segment = Arg<Int>.integer("segment", "a segment number", in: 1...Int.max, help: "The segment number.")
    static let code = Arg<String>.single("code", help: "The code path.")
    static let coder = Opt<String>.required("coder", "id", help: "Whose coding this is.")
    static let quote = Opt<String?>.text(
        "quote", "text", help: "Tag only this text, which must occur exactly once in the segment.")
    static let span = Opt<String?>.text(
        "span", "start:end", help: "Tag only these offsets (Unicode scalars, zero-based, end exclusive).")

    static func selection(_ inv: Invocation) throws -> CodingLog.Selection {
        switch (inv[quote], inv[span]) {
        case (.some, .some): throw UsageError(message: "Give --quote or --span, not both.", command: inv.command)
        case (.some(let quote), nil): return .quote(quote)
        case (nil, .some(let span)):
            guard let selection = CodingLog.span(span) else {
                throw UsageError(message: "'--span \(span)' must be START:END, such as 12:48.", command: inv.command)
            }
            return selection
        case (nil, nil): return .whole
        }
    }

    static let tag: Command = {
        let memo = Opt<String?>.text("memo", "text", help: "A note on this coding.")
        return Command(
            path: ["tag"], summary: "Tag a segment, or part of it, with a code.",
            discussion:
                "Without --quote or --span the whole segment is tagged. Offsets count Unicode scalar values, zero-based, end exclusive, relative to the segment; the transcript-level offsets are stored too.",
            arguments: [transcript, segment, code],
            options: [coder, quote, span, memo],
            writes: true,
            examples: [
                "qualkit tag TC-001 10 barrier.stigma.family --coder AB --quote \"I'd brought shame on them\""
            ]
        ) { inv in
            let (coding, added) = try CodingLog(inv.openStudy()).tag(
                transcript: inv[transcript], segment: inv[segment], code: inv[code], coder: inv[coder],
                selection: selection(inv), memo: inv[memo])
            inv.console.line(
                "\(added ? "tagged" : "already tagged"): \(coding.transcript) segment \(coding.segment) [\(coding.start):\(coding.end)] \(coding.code) by \(coding.coder): \"\(coding.text)\""
            )
        }
    }()

    static let untag = Command(
        path: ["untag"], summary: "Remove a coding (same arguments as tag).",
        arguments: [transcript, segment, code], options: [coder, quote, span],
        writes: true, examples: ["qualkit untag TC-001 4 barrier.stigma.community --coder AB"]
    ) { inv in
        _ = try CodingLog(inv.openStudy()).untag(
            transcript: inv[transcript], segment: inv[segment], code: inv[code], coder: inv[coder],
            selection: selection(inv))
        inv.console.line("removed coding \(inv[code]) from \(inv[transcript]) segment \(inv[segment])")
    }

    static let list: Command = {
        let code = Opt<String?>.text("code", "path", help: "Only this code and the codes under it.")
        let coder = Opt<String?>.text("coder", "id", help: "Only this coder's codings.")
        let transcript = Opt<String?>.text("transcript", "id", help: "Only this transcript.")
        let participant = Opt<String?>.text("participant", "id", help: "Only this participant's transcripts.")
        return Command(
            path: ["codings", "list"], summary: "List codings with the coded text.",
            options: [code, coder, transcript, participant, Opt.format],
            examples: ["qualkit codings list --code barrier.stigma --coder AB --format csv"]
        ) { inv in
            let study = try inv.openStudy()
            if let code = inv[code], try CodeStore(study).subtree(code).isEmpty {
                _ = try CodeStore(study).require(code)
            }
            if let coder = inv[coder] { try CodeStore(study).requireCoder(coder) }
            if let transcript = inv[transcript] { try TranscriptStore(study).require(transcript) }
            if let participant = inv[participant] { _ = try PeopleStore(study).participant(participant) }
            inv.print(
                CodingViews.codings(
                    try CodingStore(study).codings(
                        .init(
                            codePrefix: inv[code], coder: inv[coder], transcript: inv[transcript],
                            participant: inv[participant]))))
        }
    }()

    static let importFile: Command = {
        let file = Arg<String>.single("file", help: "A CSV file.")
        let coder = Opt<String?>.text("coder", "id", help: "The coder for rows without a coder column or value.")
        let createCodes = Opt<Bool>.flag("create-codes", help: "Add codes the codebook does not have yet.")
        return Command(
            path: ["codings", "import"],
            summary: "Import codings from CSV: every row or none; re-importing adds no duplicates.",
            discussion:
                "Columns transcript,segment,code,coder and optionally start,end,memo (a text column is ignored). A row with an empty code records that the coder coded that transcript and found nothing to tag. Unknown codes are errors unless --create-codes.",
            arguments: [file],
            options: [coder, createCodes],
            writes: true, examples: ["qualkit codings import protocols/demo/codings-AB.csv"]
        ) { inv in
            let report = try CodingImport.run(
                path: inv[file], defaultCoder: inv[coder], createCodes: inv[createCodes], study: inv.openStudy())
            var line =
                "imported \(inv[file]): \(report.rows) rows, \(report.added) codings added, \(report.duplicates) already present, \(report.emptyRows) coded-with-nothing rows"
            if !report.codesCreated.isEmpty { line += "; created codes \(report.codesCreated.joined(separator: ", "))" }
            inv.console.line(line)
        }
    }()

    /// What `codings export` writes.
    enum ExportFormat: String, CaseIterable, Sendable { case csv, json }

    static let export: Command = {
        let format = Opt.choice("format", default: ExportFormat.csv, help: "csv or json.")
        let noRedact = Opt<Bool>.flag("no-redact", help: "Export the coded text unredacted (logged).")
        return Command(
            path: ["codings", "export"],
            summary: "Export all codings in the import's columns (round trip), or as JSON.",
            discussion:
                "The coded text is redacted (identifier patterns and the study's redaction list) unless --no-redact, which is recorded in the study's disclosure log.",
            options: [format, Opt.out, Opt.force, noRedact],
            writes: true, examples: ["qualkit codings export --format csv --out codings.csv"]
        ) { inv in
            let study = try inv.openStudy()
            let disclosure: Disclosure =
                inv[noRedact]
                ? .unredacted(request: "codings export --no-redact" + (inv[Opt.out].map { " --out " + $0 } ?? ""))
                : .redacted
            if inv[noRedact] {
                inv.console.err(
                    "warning: coded text exported unredacted; this is recorded in the study's disclosure log")
            }
            // Rows are written as they are read: constant memory for any number of codings.
            try inv.emitStreaming(to: inv[Opt.out]) { write in
                switch inv[format] {
                case .json: try CodingExport.json(study, disclosure: disclosure, write: write)
                case .csv: try CodingExport.csv(study, disclosure: disclosure, write: write)
                }
            }
        }
    }()

    static let done: Command = {
        let transcript = Arg<String>.single("transcript", help: "The transcript id.")
        let coder = Opt<String>.required("coder", "id", help: "The coder.")
        return Command(
            path: ["coding", "done"], summary: "Record that a coder finished a transcript (it counts as covered).",
            arguments: [transcript], options: [coder],
            writes: true, examples: ["qualkit coding done TC-001 --coder AB"]
        ) { inv in
            try CodingLog(inv.openStudy()).markDone(transcript: inv[transcript], coder: inv[coder])
            inv.console.line("\(inv[coder]) finished \(inv[transcript])")
        }
    }()

    static let memo: Command = {
        let text = Arg<String>.single("text", help: "The memo.")
        let transcript = Opt<String?>.text("transcript", "id", help: "The transcript it is about.")
        let segment = Opt<Int?>.integer("segment", in: 1...Int.max, help: "A segment of the transcript.")
        let code = Opt<String?>.text(
            "code", "path", help: "A code the memo is about (alone, or with a segment: a coding).")
        let coder = Opt<String?>.text("coder", "id", help: "Who wrote it.")
        return Command(
            path: ["memo", "add"], summary: "Add an analytic memo about a code, a transcript, a segment or a coding.",
            discussion:
                "--code alone: a memo about the code. --transcript: about the transcript; with --segment, about that turn; with --segment and --code, about that coding.",
            arguments: [text], options: [transcript, segment, code, coder],
            writes: true,
            examples: [
                "qualkit memo add --transcript TC-001 --segment 4 --code barrier.stigma 'Links stigma to marriage prospects'",
                "qualkit memo add --code barrier.stigma --coder AB 'Split family and community stigma?'",
            ]
        ) { inv in
            let id = try CodingLog(inv.openStudy()).addMemo(
                transcript: inv[transcript], segment: inv[segment], code: inv[code], coder: inv[coder],
                text: inv[text])
            inv.console.line("memo \(id) added about " + (inv[transcript] ?? inv[code] ?? ""))
        }
    }()

    static let memoList: Command = {
        let transcript = Opt<String?>.text("transcript", "id", help: "Only memos about this transcript.")
        let code = Opt<String?>.text("code", "path", help: "Only memos about this code or its sub-codes.")
        let coder = Opt<String?>.text("coder", "id", help: "Only memos by this coder.")
        return Command(
            path: ["memo", "list"], summary: "List memos, oldest first.",
            options: [transcript, code, coder, Opt.format],
            examples: [
                "qualkit memo list --code barrier.stigma", "qualkit memo list --transcript TC-001 --format json",
            ]
        ) { inv in
            let memos = try CodingLog(inv.openStudy()).memos(
                Memo.Filter(transcript: inv[transcript], code: inv[code], coder: inv[coder]))
            inv.print(MemoViews.list(memos))
        }
    }()

    static let memoShow: Command = {
        let id = Arg<Int>.integer(
            "id", "a memo number", in: 1...Int.max, help: "The memo's number (memo list shows it).")
        return Command(
            path: ["memo", "show"], summary: "Show one memo whole.",
            arguments: [id], options: [Opt.format],
            examples: ["qualkit memo show 1"]
        ) { inv in
            inv.print(MemoViews.show(try CodingLog(inv.openStudy()).memo(inv[id])))
        }
    }()
}
