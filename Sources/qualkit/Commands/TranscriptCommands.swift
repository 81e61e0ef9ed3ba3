import QualKit
import QualKitCommandLine

/// `qualkit transcript ...` and `qualkit search`.
enum TranscriptCommands {
    static let all: [Command] = [importFiles, list, show, speakers, search]

    static let importFiles: Command = {
        let files = Arg<[String]>.repeated("file", help: "Transcript files (.txt, .vtt, .srt).")
        let interview = Opt<String?>.text("interview", "id", help: "The interview the (single) file belongs to.")
        let participant = Opt<String?>.text(
            "participant", "id", help: "The participant whose only interview the (single) file belongs to.")
        let format = Opt.choice(
            "format", of: ParsedTranscript.Format.self, help: "The file format, if not given by the extension.")
        let interviewerLabel = Opt<String?>.text(
            "interviewer-label", "label", help: "The speaker label the interviewer has in the file.")
        let replace = Opt<Bool>.flag(
            "replace", help: "Replace an existing transcript that has codings, keeping codings whose text is unchanged."
        )
        let participantLabel = Opt<String?>.text(
            "participant-label", "label", help: "The speaker label the participant has in the file.")
        let keepLabels = Opt<Bool>.flag(
            "keep-labels", help: "Store speaker labels that look like personal names as they are (the audit says so).")
        return Command(
            path: ["transcript", "import"],
            summary: "Import transcripts (plain text, WebVTT from Teams/Zoom, SRT) as speaker-turn segments.",
            discussion: """
                A transcript belongs to one interview and takes its id. With --participant, it goes to the participant's \
                only interview, created (status done) if they have none. Without either option, each file's name names \
                the interview or participant (TC-001.vtt). Speakers matching --interviewer-label, the interviewer's id or \
                name, or Interviewer/INT/I/Q/Facilitator are the interviewer; then those matching --participant-label, the \
                participant's id, or Participant/P/R/Respondent are the participant; when no label is the participant and \
                one label is left, it is the participant; any other label is unknown (review with transcript speakers). \
                Labels that look like personal names (Teams 'Surname, First (Org)', 'First Last', a term of the \
                redaction list) are stored as Interviewer, Participant or Speaker N, unless --keep-labels; the file's \
                label is printed here once and never stored. Header lines (Date:, Transcribed by:, ...) before the first \
                turn are kept as the transcript's header. Re-importing a transcript that has codings needs --replace, \
                and even then stops if any coding would lose its segment or text. All files or none are imported.
                """,
            arguments: [files],
            options: [interview, participant, format, interviewerLabel, participantLabel, keepLabels, replace],
            writes: true,
            examples: [
                "qualkit transcript import protocols/demo/transcripts/TC-001.vtt protocols/demo/transcripts/TC-002.txt",
                "qualkit transcript import protocols/demo/transcripts/TC-014.txt --participant TC-014 --interviewer-label Interviewer",
            ]
        ) { inv in
            let files = inv[files]
            let target: TranscriptImporter.Target
            switch (inv[interview], inv[participant]) {
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
                    format: inv[format], interviewerLabel: inv[interviewerLabel],
                    participantLabel: inv[participantLabel], replace: inv[replace], keepLabels: inv[keepLabels]),
                study: inv.openStudy())
            for outcome in outcomes {
                var line =
                    "\(outcome.replaced ? "replaced" : "imported") \(outcome.transcript) from \(outcome.file): \(outcome.segments) segments"
                if outcome.createdInterview { line += " (created interview \(outcome.transcript))" }
                if outcome.replaced { line += ", \(outcome.keptCodings) codings kept" }
                inv.console.line(line)
                if let dialect = outcome.dialect { inv.console.line("  read as: \(dialect)") }
                if !outcome.speakers.isEmpty {
                    inv.console.line(
                        "  speakers: "
                            + outcome.speakers.map { speaker in
                                (speaker.original.map { "\($0) (stored as \(speaker.label))" } ?? speaker.label)
                                    + " -> "
                                    + speaker.role.rawValue
                            }.joined(separator: "; "))
                }
                for warning in outcome.warnings { inv.console.err(warning.description) }
                if outcome.hasNoInterviewer {
                    inv.console.err(
                        "warning: \(outcome.transcript) has no interviewer turn; set the interviewer's label with qualkit transcript speakers \(outcome.transcript) --set LABEL=interviewer"
                    )
                }
                if !outcome.unknownLabels.isEmpty {
                    inv.console.err(
                        "warning: \(outcome.transcript): speaker role unknown for \(outcome.unknownLabels.joined(separator: ", ")); review with qualkit transcript speakers \(outcome.transcript)"
                    )
                }
            }
        }
    }()

    static let list = Command(
        path: ["transcript", "list"],
        summary: "List transcripts with segments, words, coders and codings.",
        options: [Opt.format],
        examples: ["qualkit transcript list"],
        run: { inv in inv.print(TranscriptViews.transcripts(try TranscriptStore(inv.openStudy()).summaries())) })

    /// What `transcript show` prints: a listing, or the coder's reading view as one HTML page.
    enum ShowFormat: String, CaseIterable, Sendable { case table, json, csv, html }

    static let show: Command = {
        let id = Arg<String>.single("id", help: "The transcript (interview) id.")
        let segments = Opt<Bool>.flag("segments", help: "A compact table of segments instead of the full text.")
        let codes = Opt<Bool>.flag("codes", help: "Show the codes applied to each segment.")
        let format = Opt.choice(
            "format", default: ShowFormat.table,
            help: "table (for people), json or csv (for scripts), or html: the coder's reading view.")
        let coder = Opt<String?>.text("coder", "id", help: "With --format html: only this coder's codings and memos.")
        let noRedact = Opt<Bool>.flag(
            "no-redact", help: "With --format html: the text unredacted (recorded in the disclosure log).")
        return Command(
            path: ["transcript", "show"],
            summary:
                "Show a transcript's turns; --codes puts the codes beside each segment; --format html is a reading view.",
            discussion:
                "--format html writes one self-contained page (no scripts, no external requests): each turn with speaker and time, coded spans highlighted in their code's colour (overlapping codes as stripes), code names in the margin, memos beside their turn and the codebook as a legend. Identifiers are redacted unless --no-redact, which is recorded in the study's disclosure log.",
            arguments: [id],
            options: [segments, codes, format, coder, noRedact, Opt.out, Opt.force],
            examples: [
                "qualkit transcript show TC-001 --segments --codes",
                "qualkit transcript show TC-001 --format html --coder AB --out TC-001.html",
            ]
        ) { inv in
            let study = try inv.openStudy(writing: inv[format] == .html && inv[noRedact])
            let store = TranscriptStore(study)
            let id = inv[id]
            try store.require(id)
            if inv[format] == .html {
                let disclosure: Disclosure =
                    inv[noRedact] ? .unredacted(request: "transcript show --format html --no-redact") : .redacted
                let page = try ReadingView.html(study, transcript: id, coder: inv[coder], disclosure: disclosure)
                if inv[noRedact] {
                    inv.console.err(
                        "warning: transcript shown unredacted; this is recorded in the study's disclosure log")
                }
                return try inv.emit(page, to: inv[Opt.out])
            }
            let codings =
                inv[codes] || inv[Opt.format] == .json ? try CodingStore(study).codings(.init(transcript: id)) : []
            inv.print(
                TranscriptViews.transcript(
                    id: id, header: try store.header(of: id), segments: try store.segments(of: id),
                    codings: codings, showSegments: inv[segments], showCodes: inv[codes]))
        }
    }()

    static let speakers: Command = {
        let id = Arg<String>.single("id", help: "The transcript (interview) id.")
        let set = Opt<[String]>.repeated(
            "set", "label=role", help: "Give a label a role: interviewer, participant, other or unknown (repeatable).")
        let rename = Opt<[String]>.repeated(
            "rename", "label=new", help: "Rename a speaker label, keeping its turns and codings (repeatable).")
        return Command(
            path: ["transcript", "speakers"],
            summary: "List a transcript's speaker labels with role and turn count; --set and --rename change them.",
            discussion: """
                Roles: interviewer, participant, other (a relative, an interpreter, a second participant) and unknown. \
                Only participant turns are ever quoted. All changes are made in one transaction, keeping every coding.
                """,
            arguments: [id],
            options: [set, rename, Opt.format],
            writes: true,
            examples: [
                "qualkit transcript speakers TC-001",
                "qualkit transcript speakers TC-001 --set TC-001=participant --rename TC-001=Participant",
            ]
        ) { inv in
            let study = try inv.openStudy()
            let changes =
                try inv[set].map(SpeakerReview.Change.role) + inv[rename].map(SpeakerReview.Change.rename)
            let speakers =
                changes.isEmpty
                ? try SpeakerReview.speakers(of: inv[id], study: study)
                : try SpeakerReview.apply(changes, to: inv[id], study: study)
            inv.print(SpeakerViews.speakers(speakers))
        }
    }()

    static let search: Command = {
        let query = Arg<String>.single("query", help: "The search, e.g. 'appointment* AND (evening OR weekend)'.")
        let role = Opt.choice("role", of: Segment.Role.self, help: "Only turns of one speaker role.")
        let code = Opt<String?>.text("code", "path", help: "Only segments tagged with this code or one under it.")
        let tag = Opt<String?>.text("tag", "path", help: "Tag every hit segment with this code.")
        let coder = Opt<String?>.text("coder", "id", help: "The coder the tags are recorded for (with --tag).")
        let limit = Opt<Int>.integer(
            "limit", in: 0...100_000_000, default: TranscriptSearch.defaultLimit,
            help: "Show at most this many hits; 0 shows all. How many more there are is said on standard error.")
        let offset = Opt<Int>.integer(
            "offset", in: 0...100_000_000, default: 0, help: "Skip this many hits first (the next page).")
        return Command(
            path: ["search"],
            summary: "Search transcripts (words, \"phrases\", prefix*, AND/OR/NOT); --tag auto-codes every hit.",
            discussion:
                "Full-text search with SQLite FTS5, best matches first, each hit in context, at most --limit hits (50 unless said) from --offset. With --tag CODE --coder C, every segment found is tagged (whole segment, regardless of --limit) and the number tagged is reported.",
            arguments: [query],
            options: [role, code, tag, coder, limit, offset, Opt.format],
            // With --tag it codes every hit, so it is declared as a command that writes.
            writes: true,
            examples: [
                "qualkit search '\"what people would say\" OR shame' --role participant",
                "qualkit search 'evening* OR weekend*' --tag barrier.appointment-times --coder AB",
                "qualkit search 'appointment*' --limit 10 --offset 10",
            ]
        ) { inv in
            let study = try inv.openStudy()
            if let tagCode = inv[tag] {
                let hits = try TranscriptSearch.search(inv[query], role: inv[role], code: inv[code], study: study)
                guard let coder = inv[coder] else {
                    throw UsageError(message: "--tag needs --coder: whose codings are these?", command: inv.command)
                }
                let (added, already) = try CodingLog(study).tag(hits: hits, code: tagCode, coder: coder)
                inv.console.line(
                    "tagged \(added) segment\(added == 1 ? "" : "s") with \(tagCode) for \(coder) (\(already) already had it)"
                )
            } else {
                let page = inv[limit] == 0 ? nil : inv[limit]
                let hits = try TranscriptSearch.search(
                    inv[query], role: inv[role], code: inv[code], limit: page, offset: inv[offset], study: study)
                inv.print(TranscriptViews.search(hits))
                if let page, hits.count == page {
                    let more =
                        try TranscriptSearch.count(inv[query], role: inv[role], code: inv[code], study: study)
                        - inv[offset] - hits.count
                    if more > 0 {
                        inv.console.err(
                            "\(more) more hit\(more == 1 ? "" : "s"): --offset \(inv[offset] + hits.count) shows the next \(page), --limit 0 shows all"
                        )
                    }
                }
            }
        }
    }()
}
