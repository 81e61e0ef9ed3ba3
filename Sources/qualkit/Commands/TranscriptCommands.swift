import QualKit

/// `qualkit transcript ...` and `qualkit search`.
enum TranscriptCommands {
    static let all: [Command] = [importFiles, list, show, search]

    static let importFiles = Command(
        path: ["transcript", "import"],
        summary: "Import transcripts (plain text, WebVTT from Teams/Zoom, SRT) as speaker-turn segments.",
        discussion: """
            A transcript belongs to one interview and takes its id. With --participant, it goes to the participant's \
            only interview, created (status done) if they have none. Without either option, each file's name names \
            the interview or participant (TC-001.vtt). Speakers matching --interviewer-label, the interviewer's id or \
            name, or Interviewer/INT/I are the interviewer. Re-importing a transcript that has codings needs --replace, \
            and even then stops if any coding would lose its segment or text. All files or none are imported.
            """,
        arguments: [Argument(name: "file", help: "Transcript files (.txt, .vtt, .srt).", repeated: true)],
        options: [
            Option(name: "interview", value: .text("id"), help: "The interview the (single) file belongs to."),
            Option(
                name: "participant", value: .text("id"),
                help: "The participant whose only interview the (single) file belongs to."),
            Option(
                name: "format", value: .choice(ParsedTranscript.Format.allCases.map(\.rawValue)),
                help: "The file format, if not given by the extension."),
            Option(
                name: "interviewer-label", value: .text("label"),
                help: "The speaker label the interviewer has in the file."),
            Option(
                name: "replace",
                help: "Replace an existing transcript that has codings, keeping codings whose text is unchanged."),
        ],
        examples: [
            "qualkit transcript import transcripts/TC-001.vtt transcripts/TC-002.txt",
            "qualkit transcript import notes.txt --participant TC-014 --interviewer-label AK",
        ],
        run: { inv in
            let files = inv.arguments("file")
            let target: TranscriptImporter.Target
            switch (inv.option("interview"), inv.option("participant")) {
            case (.some, .some):
                throw UsageError(message: "Give --interview or --participant, not both.", command: inv.command)
            case (.some(let id), nil): target = .interview(id)
            case (nil, .some(let id)): target = .participant(id)
            case (nil, nil): target = .fileName
            }
            if files.count > 1, case .fileName = target {
            } else if files.count > 1 {
                throw UsageError(
                    message:
                        "--interview and --participant take one file; several files take their ids from their names.",
                    command: inv.command)
            }
            let outcomes = try TranscriptImporter.run(
                files, target: target,
                options: .init(
                    format: inv.option("format").flatMap(ParsedTranscript.Format.init(rawValue:)),
                    interviewerLabel: inv.option("interviewer-label"), replace: inv.flag("replace")),
                study: inv.openStudy())
            for outcome in outcomes {
                var line =
                    "\(outcome.replaced ? "replaced" : "imported") \(outcome.transcript) from \(outcome.file): \(outcome.segments) segments"
                if outcome.createdInterview { line += " (created interview \(outcome.transcript))" }
                if outcome.replaced { line += ", \(outcome.keptCodings) codings kept" }
                inv.console.line(line)
                inv.console.line(
                    "  speakers: "
                        + outcome.speakers.map { "\($0.label) -> \($0.role.rawValue)" }.joined(separator: "; "))
            }
        })

    static let list = Command(
        path: ["transcript", "list"],
        summary: "List transcripts with segments, words, coders and codings.",
        options: [.format],
        examples: ["qualkit transcript list"],
        run: { inv in inv.print(CodingViews.transcripts(try TranscriptStore(inv.openStudy()).summaries())) })

    static let show = Command(
        path: ["transcript", "show"],
        summary: "Show a transcript's turns; --codes puts the codes beside each segment.",
        arguments: [Argument(name: "id", help: "The transcript (interview) id.")],
        options: [
            Option(name: "segments", help: "A compact table of segments instead of the full text."),
            Option(name: "codes", help: "Show the codes applied to each segment."),
            .format,
        ],
        examples: ["qualkit transcript show TC-001 --segments --codes"],
        run: { inv in
            let study = try inv.openStudy()
            let store = TranscriptStore(study)
            let id = inv.argument("id")
            try store.require(id)
            let codings =
                inv.flag("codes") || inv.format == .json ? try CodingStore(study).codings(.init(transcript: id)) : []
            inv.print(
                CodingViews.transcript(
                    id: id, header: try store.header(of: id), segments: try store.segments(of: id),
                    codings: codings, showSegments: inv.flag("segments"), showCodes: inv.flag("codes")))
        })

    static let search = Command(
        path: ["search"],
        summary: "Search transcripts (words, \"phrases\", prefix*, AND/OR/NOT); --tag auto-codes every hit.",
        discussion:
            "Full-text search with SQLite FTS5, best matches first, each hit in context. With --tag CODE --coder C, every segment found is tagged (whole segment) and the number tagged is reported.",
        arguments: [Argument(name: "query", help: "The search, e.g. 'appointment* AND (evening OR weekend)'.")],
        options: [
            Option(
                name: "role", value: .choice(Segment.Role.allCases.map(\.rawValue)),
                help: "Only participant or only interviewer turns."),
            Option(name: "code", value: .text("path"), help: "Only segments tagged with this code or one under it."),
            Option(name: "tag", value: .text("path"), help: "Tag every hit segment with this code."),
            Option(name: "coder", value: .text("id"), help: "The coder the tags are recorded for (with --tag)."),
            .format,
        ],
        examples: [
            "qualkit search '\"what people would say\" OR shame' --role participant",
            "qualkit search 'evening* OR weekend*' --tag barrier.appointment-times --coder AB",
        ],
        run: { inv in
            let study = try inv.openStudy()
            let hits = try TranscriptSearch.search(
                inv.argument("query"), role: inv.option("role").flatMap(Segment.Role.init(rawValue:)),
                code: inv.option("code"), study: study)
            if let code = inv.option("tag") {
                guard let coder = inv.option("coder") else {
                    throw UsageError(message: "--tag needs --coder: whose codings are these?", command: inv.command)
                }
                let (added, already) = try TranscriptSearch.tagHits(hits, code: code, coder: coder, study: study)
                inv.console.line(
                    "tagged \(added) segment\(added == 1 ? "" : "s") with \(code) for \(coder) (\(already) already had it)"
                )
            } else {
                inv.print(CodingViews.search(hits))
            }
        })
}
