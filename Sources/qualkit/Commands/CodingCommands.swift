import QualKit

/// `qualkit tag`, `untag`, `codings ...`, `coding done` and `memo add`.
enum CodingCommands {
    static let all: [Command] = [tag, untag, list, importFile, export, done, memo]

    static let target: [Argument] = [
        Argument(name: "transcript", help: "The transcript id."),
        Argument(name: "segment", help: "The segment number."),
        Argument(name: "code", help: "The code path."),
    ]
    static let selection: [Option] = [
        Option(name: "coder", value: .text("id"), help: "Whose coding this is.", required: true),
        Option(
            name: "quote", value: .text("text"),
            help: "Tag only this text, which must occur exactly once in the segment."),
        Option(
            name: "span", value: .text("start:end"),
            help: "Tag only these offsets (Unicode scalars, zero-based, end exclusive)."),
    ]

    static func selected(_ inv: Invocation) throws -> (Int, CodingLog.Selection) {
        guard let number = Int(inv.argument("segment")), number > 0 else {
            throw UsageError(
                message: "'<segment>' must be a segment number, not '\(inv.argument("segment"))'.", command: inv.command
            )
        }
        switch (inv.option("quote"), inv.option("span")) {
        case (.some, .some): throw UsageError(message: "Give --quote or --span, not both.", command: inv.command)
        case (.some(let quote), nil): return (number, .quote(quote))
        case (nil, .some(let span)):
            guard let selection = CodingLog.span(span) else {
                throw UsageError(message: "'--span \(span)' must be START:END, such as 12:48.", command: inv.command)
            }
            return (number, selection)
        case (nil, nil): return (number, .whole)
        }
    }

    static let tag = Command(
        path: ["tag"], summary: "Tag a segment, or part of it, with a code.",
        discussion:
            "Without --quote or --span the whole segment is tagged. Offsets count Unicode scalar values, zero-based, end exclusive, relative to the segment; the transcript-level offsets are stored too.",
        arguments: target,
        options: selection + [Option(name: "memo", value: .text("text"), help: "A note on this coding.")],
        examples: ["qualkit tag TC-001 4 barrier.stigma.family --coder AB --quote \"they'd say I'd brought shame\""],
        run: { inv in
            let (number, selection) = try selected(inv)
            let (coding, added) = try CodingLog(inv.openStudy()).tag(
                transcript: inv.argument("transcript"), segment: number, code: inv.argument("code"),
                coder: inv.option("coder") ?? "", selection: selection, memo: inv.option("memo"))
            inv.console.line(
                "\(added ? "tagged" : "already tagged"): \(coding.transcript) segment \(coding.segment) [\(coding.start):\(coding.end)] \(coding.code) by \(coding.coder): \"\(coding.text)\""
            )
        })

    static let untag = Command(
        path: ["untag"], summary: "Remove a coding (same arguments as tag).",
        arguments: target, options: selection,
        examples: ["qualkit untag TC-001 4 barrier.stigma.family --coder AB"],
        run: { inv in
            let (number, selection) = try selected(inv)
            _ = try CodingLog(inv.openStudy()).untag(
                transcript: inv.argument("transcript"), segment: number,
                code: inv.argument("code"), coder: inv.option("coder") ?? "", selection: selection)
            inv.console.line(
                "removed coding \(inv.argument("code")) from \(inv.argument("transcript")) segment \(number)")
        })

    static let list = Command(
        path: ["codings", "list"], summary: "List codings with the coded text.",
        options: [
            Option(name: "code", value: .text("path"), help: "Only this code and the codes under it."),
            Option(name: "coder", value: .text("id"), help: "Only this coder's codings."),
            Option(name: "transcript", value: .text("id"), help: "Only this transcript."),
            Option(name: "participant", value: .text("id"), help: "Only this participant's transcripts."),
            .format,
        ],
        examples: ["qualkit codings list --code barrier.stigma --coder AB --format csv"],
        run: { inv in
            let study = try inv.openStudy()
            if let code = inv.option("code"), try CodeStore(study).subtree(code).isEmpty {
                _ = try CodeStore(study).require(code)
            }
            if let coder = inv.option("coder") { try CodeStore(study).requireCoder(coder) }
            if let transcript = inv.option("transcript") { try TranscriptStore(study).require(transcript) }
            if let participant = inv.option("participant") { _ = try PeopleStore(study).participant(participant) }
            inv.print(
                CodingViews.codings(
                    try CodingStore(study).codings(
                        .init(
                            codePrefix: inv.option("code"), coder: inv.option("coder"),
                            transcript: inv.option("transcript"),
                            participant: inv.option("participant")))))
        })

    static let importFile = Command(
        path: ["codings", "import"],
        summary: "Import codings from CSV: every row or none; re-importing adds no duplicates.",
        discussion:
            "Columns transcript,segment,code,coder and optionally start,end,memo (a text column is ignored). A row with an empty code records that the coder coded that transcript and found nothing to tag. Unknown codes are errors unless --create-codes.",
        arguments: [Argument(name: "file", help: "A CSV file.")],
        options: [
            Option(name: "coder", value: .text("id"), help: "The coder for rows without a coder column or value."),
            Option(name: "create-codes", help: "Add codes the codebook does not have yet."),
        ],
        examples: ["qualkit codings import protocols/demo/codings-AB.csv"],
        run: { inv in
            let report = try CodingImport.run(
                path: inv.argument("file"), defaultCoder: inv.option("coder"),
                createCodes: inv.flag("create-codes"), study: inv.openStudy())
            var line =
                "imported \(inv.argument("file")): \(report.rows) rows, \(report.added) codings added, \(report.duplicates) already present, \(report.emptyRows) coded-with-nothing rows"
            if !report.codesCreated.isEmpty { line += "; created codes \(report.codesCreated.joined(separator: ", "))" }
            inv.console.line(line)
        })

    static let export = Command(
        path: ["codings", "export"], summary: "Export all codings in the import's columns (round trip), or as JSON.",
        discussion:
            "The coded text is redacted (identifier patterns and the study's redaction list) unless --no-redact, which is recorded in the study's disclosure log.",
        options: [
            Option(name: "format", value: .choice(["csv", "json"]), help: "csv or json.", defaultValue: "csv"),
            Option(name: "out", value: .path, help: "Write to this file instead of standard output."),
            Option(name: "no-redact", help: "Export the coded text unredacted (logged)."),
        ],
        examples: ["qualkit codings export --format csv --out codings.csv"],
        run: { inv in
            let study = try inv.openStudy()
            let redactor: Redactor? = inv.flag("no-redact") ? nil : try FindingsStore(study).redactor()
            if inv.flag("no-redact") {
                try study.db.transaction {
                    try FindingsStore(study).logDisclosure(
                        "codings export --no-redact\(inv.option("out").map { " --out " + $0 } ?? "")")
                }
                inv.console.err(
                    "warning: coded text exported unredacted; this is recorded in the study's disclosure log")
            }
            let text =
                inv.option("format") == "json"
                ? JSON.object([
                    (
                        "codings",
                        CodingViews.codings(try CodingStore(study).codings().map { $0.redacted(by: redactor) }).json
                    ),
                    (
                        "coverage",
                        .array(
                            try CodingStore(study).coverage().map {
                                .object([
                                    ("transcript", .string($0.transcript)), ("coder", .string($0.coder)),
                                    ("done", .bool($0.done)),
                                ])
                            })
                    ),
                ]).serialized() + "\n"
                : try CodingImport.exportCSV(study, redactor: redactor)
            try inv.emit(text)
        })

    static let done = Command(
        path: ["coding", "done"], summary: "Record that a coder finished a transcript (it counts as covered).",
        arguments: [Argument(name: "transcript", help: "The transcript id.")],
        options: [Option(name: "coder", value: .text("id"), help: "The coder.", required: true)],
        examples: ["qualkit coding done TC-001 --coder AB"],
        run: { inv in
            try CodingLog(inv.openStudy()).markDone(
                transcript: inv.argument("transcript"), coder: inv.option("coder") ?? "")
            inv.console.line("\(inv.option("coder") ?? "") finished \(inv.argument("transcript"))")
        })

    static let memo = Command(
        path: ["memo", "add"], summary: "Add an analytic memo to a transcript, segment or code.",
        arguments: [Argument(name: "text", help: "The memo.")],
        options: [
            Option(name: "transcript", value: .text("id"), help: "The transcript.", required: true),
            Option(name: "segment", value: .integer("n", 1...Int.max), help: "A segment of it."),
            Option(name: "code", value: .text("path"), help: "A code the memo is about."),
            Option(name: "coder", value: .text("id"), help: "Who wrote it."),
        ],
        examples: [
            "qualkit memo add --transcript TC-001 --segment 4 --code barrier.stigma 'Links stigma to marriage prospects'"
        ],
        run: { inv in
            try CodingLog(inv.openStudy()).addMemo(
                transcript: inv.option("transcript") ?? "", segment: inv.integer("segment"),
                code: inv.option("code"), coder: inv.option("coder"), text: inv.argument("text"))
            inv.console.line("memo added to \(inv.option("transcript") ?? "")")
        })
}
