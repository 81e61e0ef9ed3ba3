import Foundation
import Testing

@testable import QualKit

/// The demo study, built once in-process through the library for every contract test.
private enum Demo {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocols").path

    static let built: Result<String, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-json-contract-\(getpid())-\(UUID().uuidString)").path
        return try DemoStudy.build(in: folder, shipped: shipped).studyPath
    }

    /// The shared demo study; tests that change a study use ``copy()``.
    static func study() throws -> Study { try Study.open(at: built.get()) }

    /// A private copy of the demo study to change.
    static func copy() throws -> Study {
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-json-contract-copy-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: built.get(), toPath: copy)
        return try Study.open(at: copy)
    }
}

/// The items of an array (none for anything else).
private func items(_ value: JSON?) -> [JSON] {
    if case .array(let items)? = value { return items }
    return []
}

/// The member names of an object, or of an array's first object, in order.
private func keys(_ value: JSON?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    var value = try #require(value, "no such member", sourceLocation: sourceLocation)
    if case .array(let items) = value {
        value = try #require(items.first, "an empty array has no keys to check", sourceLocation: sourceLocation)
    }
    guard case .object(let members) = value else {
        Issue.record("expected an object, got \(value.serialized(pretty: false))", sourceLocation: sourceLocation)
        return []
    }
    return members.map(\.name)
}

/// One golden test per contract in `docs/json.md`: every member name, in the documented order.
///
/// Each builds the JSON the command prints from the same library calls and views the command uses.
@Suite struct JSONContractTests {
    static let participant = [
        "id", "languages", "gender", "community", "availability", "prefers_gender", "prefers_same_community",
        "consent_date", "consent_version", "consent_quotes", "attributes",
    ]
    static let interviewer = [
        "id", "name", "languages", "gender", "community", "capacity", "assigned", "availability", "attributes",
    ]
    static let interview = [
        "id", "participant", "interviewer", "protocol", "date", "language", "mode", "status", "slot",
    ]
    static let code = [
        "path", "name", "kind", "definition", "use_when", "do_not_use_when", "example", "color",
    ]
    static let coding = [
        "transcript", "segment", "code", "coder", "start", "end", "transcript_start", "transcript_end", "memo",
        "participant", "text",
    ]
    static let theme = ["code", "kind", "name", "excerpts", "participants", "percent", "transcripts"]
    static let grouped = ["by", "coders", "groups"]
    static let group = ["value", "participants_total", "small", "themes"]
    static let groupTheme = ["code", "participants", "percent"]
    static let saturation = [
        "interviews", "runs", "base_unique", "saturation_at", "notation", "reason", "base", "run", "threshold",
        "order", "coders", "method", "citation",
    ]
    static let saturationInterview = ["interview", "new_codes", "cumulative", "first_seen"]
    static let saturationRun = ["from", "to", "new_codes", "ratio"]
    static let agreement = ["coders", "unit", "participant_segments_only", "codes", "overall"]
    static let comparison = ["coders", "unit", "participant_segments_only", "transcripts", "disagreements", "codes"]
    static let comparisonCode = ["code", "disagreements", "units"]
    static let comparisonUnit = ["transcript", "segment", "code", "text", "coder_a", "coder_b"]
    static let comparisonSide = ["coder", "tagged", "spans"]
    static let comparisonSpan = ["code", "start", "end", "text"]
    static let consensus = [
        "coder", "from", "created_coder", "dry_run", "participant_segments_only", "agreed", "kept", "dropped",
        "decisions_recorded", "open",
    ]
    static let codeAgreement = [
        "code", "leaf", "units", "percent_agreement", "kappa", "alpha", "fleiss_kappa", "note",
    ]
    static let overall = ["alpha", "mean_kappa", "mean_alpha"]
    static let action = ["id", "themes", "change", "owner", "due", "status", "done_on", "note"]

    static let memo = ["id", "about", "transcript", "segment", "code", "coder", "text", "created_at"]

    @Test func memos() throws {
        let study = try Demo.copy()
        let log = CodingLog(study)
        try log.addMemo(transcript: nil, segment: nil, code: "barrier.stigma", coder: "AB", text: "about the code")
        try log.addMemo(transcript: "TC-001", segment: 4, code: "barrier.stigma", coder: "AB", text: "a coding")
        let list = MemoViews.list(try log.memos(.init(code: "barrier"))).json
        #expect(try keys(list) == Self.memo)
        #expect(items(list).count >= 2)
        #expect(try keys(MemoViews.show(try log.memo(1)).json) == Self.memo)
    }

    @Test func qdpxExport() throws {
        let report = try QdpxExport.archive(Demo.study(), disclosure: .redacted).report
        let json = QdpxViews.export(report, file: "study.qdpx").json
        #expect(try keys(json) == ["file", "redacted", "exported", "left_out"])
        #expect(
            try keys(json["exported"]) == [
                "users", "codes", "variables", "cases", "sources", "selections", "codings", "notes",
            ])
        #expect(try keys(json["left_out"]) == ["what", "count"])
        #expect(items(json["left_out"]).count == 7)
    }

    @Test func status() throws {
        let json = try StudySummary.load(Demo.study()).rendered.json
        #expect(try keys(json) == ["path", "title", "created_at", "schema_version", "counts"])
        #expect(
            try keys(json["counts"]) == [
                "protocol_versions", "translations", "participants", "withdrawn", "interviewers", "interviews_planned",
                "interviews_done", "transcripts", "segments", "codes", "coders", "codings",
            ])
    }

    @Test func protocolList() throws {
        let json = try ProtocolViews.list(ProtocolStore(Demo.study()).summaries()).json
        #expect(
            try keys(json) == [
                "id", "version", "title", "language", "languages", "questions", "duration_minutes", "ethics",
                "loaded_at",
            ])
    }

    @Test func protocolShow() throws {
        let study = try Demo.study()
        let stored = try #require(ProtocolReference("talking-change")).resolve(in: study, language: "ur")
        let languages = try ProtocolStore(study).languages(id: stored.guide.id, version: stored.guide.version)
        let json = ProtocolViews.show(stored.guide, languages: languages).json
        #expect(
            try keys(json) == [
                "id", "version", "title", "language", "languages", "translation_of", "duration_minutes", "ethics",
                "introduction", "sections",
            ])
        #expect(try keys(json["sections"]) == ["id", "title", "paragraphs", "questions"])
        let section = try #require(items(json["sections"]).first)
        #expect(
            try keys(section["questions"]) == ["id", "text", "paragraphs", "probes", "notes", "themes", "minutes"])
    }

    @Test func protocolDiff() throws {
        let study = try Demo.study()
        let old = try #require(ProtocolReference("talking-change@1")).resolve(in: study)
        let new = try #require(ProtocolReference("talking-change@2")).resolve(in: study)
        let json = ProtocolViews.diff(
            id: "talking-change", from: 1, to: 2, changes: ProtocolDiff.compare(old.guide, new.guide)
        ).json
        #expect(try keys(json) == ["protocol", "from", "to", "changes"])
        #expect(try keys(json["changes"]) == ["question", "change", "before", "after"])
    }

    @Test func participantListAndShow() throws {
        let study = try Demo.study()
        let participants = try ParticipantFilter.apply([], in: study)
        #expect(try keys(PeopleViews.participants(participants).json) == Self.participant)
        let first = try #require(participants.first)
        let shown = PeopleViews.participant(
            first, interviews: try InterviewStore(study).interviews(where: .participant(first.id))
        ).json
        #expect(try keys(shown) == Self.participant + ["interviews"])
        #expect(try keys(shown["interviews"]) == Self.interview)
    }

    @Test func interviewerListAndShow() throws {
        let study = try Demo.study()
        let interviewers = try PeopleStore(study).interviewers()
        let json = PeopleViews.interviewers(interviewers, load: try InterviewStore(study).activeLoad()).json
        #expect(try keys(json) == Self.interviewer)
        let first = try #require(interviewers.first)
        let shown = PeopleViews.interviewer(
            first, interviews: try InterviewStore(study).interviews(where: .interviewer(first.id))
        ).json
        #expect(try keys(shown) == Self.interviewer + ["interviews"])
    }

    @Test func interviewList() throws {
        #expect(try keys(PeopleViews.interviews(InterviewStore(Demo.study()).interviews()).json) == Self.interview)
    }

    @Test(arguments: [false, true]) func match(explain: Bool) throws {
        // A fresh roster, so that some participants are matched and one (no shared language) is not.
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-json-contract-match-\(UUID().uuidString).sqlite").path
        let study = try Study.create(at: path, title: nil)
        let roster = Roster(study)
        let demo = URL(fileURLWithPath: Demo.shipped).appendingPathComponent("demo")
        _ = try roster.importParticipants(
            path: demo.appendingPathComponent("participants.csv").path, update: false, allowColumns: [])
        _ = try roster.importInterviewers(
            path: demo.appendingPathComponent("interviewers.csv").path, update: false, allowColumns: [])
        let result = try MatchPlanner.run(study, settings: MatchSettings(), save: false, explain: explain)
        let json = MatchViews.match(result, explain: explain, saved: false).json
        #expect(try keys(json) == ["matched", "unmatched", "matched_count", "total_cost", "saved", "protocol"])
        let options = explain ? ["options"] : []
        #expect(
            try keys(json["matched"]) == ["participant", "interviewer", "cost", "window", "reasons"] + options)
        #expect(try keys(json["unmatched"]) == ["participant", "reason"] + options)
    }

    @Test func withdraw() throws {
        let study = try Demo.copy()
        let id = try #require(PeopleStore(study).participants().first).id
        let json = PeopleViews.withdrawal(try Withdrawal.withdraw(id, reason: "asked by phone", in: study)).json
        #expect(try keys(json) == ["participant", "withdrawn_on", "reason", "erased", "log_truncated"])
    }

    @Test func transcriptListAndShow() throws {
        let study = try Demo.study()
        let summaries = try TranscriptStore(study).summaries()
        #expect(
            try keys(TranscriptViews.transcripts(summaries).json) == [
                "id", "interview", "participant", "format", "source_file", "segments", "words", "coders", "codings",
                "imported_at", "speakers_to_review",
            ])
        // A transcript with codings, so that the nested codes are checked too.
        let id = try #require(summaries.first { $0.codings > 0 }).id
        let store = TranscriptStore(study)
        let json = TranscriptViews.transcript(
            id: id, header: try store.header(of: id), segments: try store.segments(of: id),
            codings: try CodingStore(study).codings(.init(transcript: id)), showSegments: false, showCodes: false
        ).json
        #expect(try keys(json) == ["id", "header", "segments"])
        #expect(
            try keys(json["segments"]) == [
                "number", "speaker", "role", "start_ms", "end_ms", "text", "text_start", "text_end", "codes",
            ])
        let coded = try #require(items(json["segments"]).first { !items($0["codes"]).isEmpty })
        #expect(try keys(coded["codes"]) == ["code", "coder", "start", "end"])
    }

    @Test func transcriptSpeakers() throws {
        let study = try Demo.study()
        let id = try #require(try TranscriptStore(study).ids().first)
        let json = SpeakerViews.speakers(try SpeakerReview.speakers(of: id, study: study)).json
        #expect(try keys(json) == ["transcript", "label", "role", "turns"])
    }

    @Test func search() throws {
        let hits = try TranscriptSearch.search("appointment*", role: nil, code: nil, study: Demo.study())
        #expect(
            try keys(TranscriptViews.search(hits).json) == [
                "transcript", "segment", "speaker", "role", "participant", "context",
            ])
    }

    @Test func codeListAndShow() throws {
        let store = CodeStore(try Demo.study())
        let list = CodingViews.tree(try store.codes(), counts: try store.codingCounts()).json
        #expect(try keys(list) == Self.code + ["implicit", "proposed", "codings", "codings_with_descendants"])
        let code = try store.require("barrier.stigma")
        let shown = CodingViews.code(
            code, codings: try store.codingCount(code.path),
            subcodes: try store.subtree(code.path).filter { $0 != code.path }
        ).json
        #expect(try keys(shown) == Self.code + ["codings", "subcodes"])
    }

    @Test func codingsListAndExport() throws {
        let study = try Demo.study()
        let codings = try CodingStore(study).codings()
        #expect(try keys(CodingViews.codings(codings).json) == Self.coding)
        let export = CodingViews.export(codings, coverage: try CodingStore(study).coverage())
        #expect(try keys(export) == ["codings", "coverage"])
        #expect(try keys(export["codings"]) == Self.coding)
        #expect(try keys(export["coverage"]) == ["transcript", "coder", "done"])
    }

    @Test func mergeAndHistories() throws {
        let study = try Demo.copy()
        let copyPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-json-contract-handout-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: copyPath) }
        _ = try Handout.make(from: study, coder: "AB", transcripts: ["TC-001"], to: copyPath, replacing: false)
        do {
            let copy = try Study.open(at: copyPath)
            let first = try #require(try CodingStore(copy).codings(.init(coder: "AB")).first)
            _ = try CodingLog(copy).untag(
                transcript: first.transcript, segment: first.segment, code: first.code, coder: "AB",
                selection: .span(first.start, first.end))
            _ = try CodingLog(copy).tag(
                transcript: first.transcript, segment: first.segment, code: first.code, coder: "AB",
                selection: .span(first.start, first.end - 1), memo: nil)
        }
        let report = try CodingMerge(study).merge(copyPath)
        let json = MergeViews.report(report).json
        #expect(
            try keys(json) == [
                "source", "dry_run", "counts", "codes_proposed", "coders_added", "warnings", "left_out", "entries",
            ])
        #expect(
            try keys(json["counts"]) == [
                "added", "unchanged", "changed", "conflicts", "not_merged", "memos_added", "memos_unchanged",
                "coverage_added",
            ])
        #expect(
            try keys(json["entries"]) == [
                "outcome", "conflicts", "transcript", "segment", "code", "coder", "start", "end", "note",
            ])
        _ = try Codebook(study).rename("barrier.waiting", to: "barrier.waiting-lists")
        #expect(
            try keys(HistoryViews.codes(try CodeHistory.entries(study)).json) == [
                "at", "user", "change", "path", "field", "old_value", "new_value", "code_uuid",
            ])
        #expect(
            try keys(HistoryViews.codings(try CodingHistory.entries(study)).json) == [
                "at", "user", "change", "transcript", "segment", "code", "coder", "old_start", "old_end", "new_start",
                "new_end", "source",
            ])
    }

    @Test func coderList() throws {
        #expect(try keys(CodingViews.coders(CodeStore(Demo.study()).coders()).json) == ["id", "name"])
    }

    @Test func tally() throws {
        let json = AnalysisViews.tally(try Tally.run(Demo.study(), scope: AnalysisScope(kind: "barrier"))).json
        #expect(try keys(json) == ["participants_total", "coders", "themes"])
        #expect(try keys(json["themes"]) == Self.theme)
    }

    @Test func tallyBy() throws {
        let result = try Tally.run(Demo.study(), scope: AnalysisScope(kind: "barrier"), by: "household")
        let json = AnalysisViews.grouped(result).json
        #expect(try keys(json) == Self.grouped)
        #expect(try keys(json["groups"]) == Self.group)
        #expect(try keys(items(json["groups"]).first?["themes"]) == Self.groupTheme)
    }

    @Test func cooccur() throws {
        let result = try Cooccurrence.run(Demo.study(), scope: AnalysisScope(), within: .segment, minimum: 1)
        let json = AnalysisViews.cooccurrence(result, matrix: false).json
        #expect(try keys(json) == ["within", "coders", "pairs"])
        #expect(try keys(json["pairs"]) == ["a", "b", "count", "jaccard"])
    }

    @Test func saturation() throws {
        let result = try Saturation.run(
            Demo.study(), scope: AnalysisScope(), base: 4, run: 2, threshold: 5, order: .date)
        let json = AnalysisViews.saturation(result).json
        #expect(try keys(json) == Self.saturation)
        #expect(try keys(json["interviews"]) == Self.saturationInterview)
        #expect(try keys(json["runs"]) == Self.saturationRun)
    }

    @Test func comparison() throws {
        let result = try Comparison.run(Demo.study(), coders: ("AB", "CD"), redactor: Redactor(terms: []))
        let json = ComparisonViews.comparison(result).json
        #expect(try keys(json) == Self.comparison)
        #expect(try keys(json["codes"]) == Self.comparisonCode)
        let units = items(items(json["codes"]).first?["units"])
        #expect(try keys(units.first) == Self.comparisonUnit)
        #expect(try keys(units.first?["coder_a"]) == Self.comparisonSide)
        let tagged = units.compactMap { $0["coder_a"] }.first { items($0["spans"]).count > 0 }
        #expect(try keys(tagged?["spans"]) == Self.comparisonSpan)
        #expect(
            ComparisonViews.comparison(result).text(.csv).hasPrefix(
                ComparisonViews.resolveColumns.joined(separator: ",") + "\n"))
    }

    @Test func consensus() throws {
        let outcome = try Consensus.run(
            Demo.copy(), from: ("AB", "CD"), as: "AGREED", decisions: [], resolveFile: nil, allSegments: false,
            dryRun: true, user: "test")
        let json = ComparisonViews.consensus(outcome).json
        #expect(try keys(json) == Self.consensus)
        #expect(try keys(json["open"]) == Self.comparisonUnit)
    }

    @Test func agreement() throws {
        let result = try Agreement.run(Demo.study(), coders: nil, codePrefix: nil, allSegments: false)
        let json = AnalysisViews.agreement(result).json
        #expect(try keys(json) == Self.agreement)
        #expect(try keys(json["codes"]) == Self.codeAgreement)
        #expect(try keys(json["overall"]) == Self.overall)
    }

    @Test func actionAndOutcomeList() throws {
        let store = FindingsStore(try Demo.study())
        #expect(try keys(FindingsViews.actions(store.actions()).json) == Self.action)
        #expect(
            try keys(FindingsViews.outcomes(store.outcomes()).json) == [
                "measure", "group", "period", "value", "n", "unit", "date", "action", "better",
            ])
    }

    @Test func redactListAndScan() throws {
        let study = try Demo.copy()
        try RedactionList(study).add("Dr Patel", label: "GP")
        #expect(try keys(FindingsViews.terms(RedactionList(study).terms()).json) == ["term", "label"])
        // The demo transcripts hold no identifiers to find, so the hit is made here.
        let hit = RedactionList.ScanHit(
            transcript: "TC-001", segment: 4, kind: "email", text: "a@example.org", onList: false)
        #expect(try keys(FindingsViews.scan([hit]).json) == ["transcript", "segment", "kind", "text", "on_list"])
    }

    static let spc = ["measure", "group", "unit", "better", "chart", "periods", "signals", "verdict"]

    /// `outcome show --format json`: the demo's completion shows a shift after the action.
    @Test func outcomeShow() throws {
        let series = try FindingsReport.outcomeSeries(Demo.study(), measure: "programme completion", group: nil)
        let json = series.spcJSON
        #expect(try keys(json) == Self.spc)
        #expect(try keys(json["periods"]) == ["from", "to", "mean", "lower_limit", "upper_limit"])
        #expect(try keys(json["signals"]) == ["rule", "from", "to", "direction"])
        #expect(json["chart"] == .string("xmr") && json["better"] == .string("higher"))
        #expect(items(json["periods"]).count == 2)
        // The baseline spans the whole series; the rebased period runs from the action to the end.
        let periods = items(json["periods"])
        #expect(periods.first?["from"] == .string("2022-01") && periods.first?["to"] == periods.last?["to"])
        #expect(periods.last?["from"] == .string("2023-06"))
        let shift = try #require(items(json["signals"]).first { $0["rule"] == .string("shift") })
        #expect(shift["from"] == .string("2023-06") && shift["direction"] == .string("improvement"))
        guard case .string(let verdict)? = json["verdict"] else {
            Issue.record("no verdict")
            return
        }
        #expect(verdict.hasPrefix("programme completion (ethnic minority): special-cause improvement since 2023-06"))
        #expect(verdict.hasSuffix("not what changed it."))
        let crisis = try FindingsReport.outcomeSeries(Demo.study(), measure: "crisis admissions", group: nil)
        #expect(crisis.analysis.signals.filter { $0.to >= (crisis.analysis.split ?? 0) }.isEmpty)
        #expect(crisis.verdict.contains("no signal since the action yet: common-cause variation"))
    }

    @Test func report() throws {
        var options = FindingsReport.Options()
        options.by = ["household"]
        let json = try FindingsReport.build(Demo.study(), options: options).json
        #expect(
            try keys(json) == [
                "title", "generated_at", "small_numbers", "summary", "executive_summary", "who_we_heard_from",
                "participants_total", "coders", "themes", "subgroups", "quotes",
                "saturation", "agreement", "you_said_we_did", "actions", "outcomes", "methods", "reproduce",
                "fidelity", "codebook",
            ])
        #expect(
            try keys(json["who_we_heard_from"]) == [
                "flow", "withdrawn", "languages", "make_up", "reach", "below_target",
            ])
        #expect(try keys(json["who_we_heard_from"]?["flow"]) == ["stage", "participants"])
        #expect(try keys(json["who_we_heard_from"]?["languages"]) == ["language", "name", "interviews"])
        #expect(try keys(json["who_we_heard_from"]?["make_up"]) == ["by", "label", "groups"])
        #expect(try keys(json["who_we_heard_from"]?["reach"]) == ["by", "stage", "groups"])
        #expect(try keys(json["reproduce"]) == ["tally", "tally_by", "saturation", "agreement"])
        #expect(try keys(json["fidelity"]) == ["interviews", "asked", "of", "sentence"])
        #expect(try keys(json["codebook"]) == ["code", "name", "definition"])
        #expect(
            try keys(json["summary"]) == [
                "protocol_versions", "interviews", "participants", "first_date", "last_date", "languages",
                "interviews_with_interviewer", "shared_language", "same_community",
            ])
        #expect(try keys(json["summary"]?["languages"]) == ["language", "interviews"])
        #expect(try keys(json["themes"]) == Self.theme + ["level"])
        #expect(try keys(json["small_numbers"]) == ["min_cell", "show_small", "banner"])
        #expect(try keys(json["subgroups"]) == ["by", "label"] + Self.grouped.dropFirst() + ["note"])
        #expect(try keys(items(json["subgroups"]).first?["groups"]) == Self.group)
        #expect(try keys(items(items(json["subgroups"]).first?["groups"]).first?["themes"]) == Self.groupTheme)
        #expect(try keys(json["quotes"]) == ["participant", "code", "text", "attributes"])
        #expect(try keys(json["saturation"]) == Self.saturation)
        #expect(try keys(json["agreement"]) == Self.agreement)
        #expect(try keys(json["you_said_we_did"]) == ["code", "name", "participants", "percent", "actions"])
        let withActions = try #require(items(json["you_said_we_did"]).first { !items($0["actions"]).isEmpty })
        #expect(try keys(withActions["actions"]) == Self.action)
        #expect(try keys(json["actions"]) == Self.action)
        #expect(
            try keys(json["outcomes"]) == ["measure", "group", "unit", "action", "before", "after", "spc", "points"])
        #expect(try keys(items(json["outcomes"]).first?["spc"]) == Self.spc)
        #expect(try keys(items(json["outcomes"]).first?["points"]) == ["period", "value", "n", "date"])
    }
}

/// `reach` and `fidelity` on the demo study, with its illustrative population file.
extension JSONContractTests {
    @Test func reach() throws {
        let file = Demo.shipped + "/demo/population.csv"
        let population = try ReachFiles.population(text: ReachFiles.read(file), file: file)
        let result = try Reach.run(Demo.study(), by: ["community"], population: population)
        let json = ReachViews.reach(result, stageColumns: false).json
        #expect(try keys(json) == ["by", "stage", "groups"])
        let group = [
            "attribute", "value", "participants", "sample_share", "population_share", "ratio", "ci_low", "ci_high",
            "status", "target", "needed",
        ]
        #expect(try keys(json["groups"]) == group)
        let staged = ReachViews.reach(result, stageColumns: true).json
        #expect(try keys(staged["groups"]) == group + ["recruited", "consented", "interviewed", "coded"])
    }

    @Test func fidelity() throws {
        let json = FidelityViews.fidelity(try Fidelity.run(Demo.study()), matrix: false).json
        #expect(
            try keys(json) == [
                "threshold", "interviews", "questions", "interviewers", "themes_elicited", "other_themes",
            ])
        #expect(
            try keys(json["interviews"]) == [
                "interview", "interviewer", "protocol", "version", "language", "asked", "not_asked",
            ])
        #expect(
            try keys(items(json["interviews"]).first?["asked"])
                == ["question", "turn", "similarity", "participant_words", "out_of_order"])
        #expect(try keys(json["questions"]) == ["protocol", "question", "asked", "of", "share"])
        #expect(try keys(json["interviewers"]) == ["interviewer", "interviews", "asked", "of", "coverage"])
        #expect(try keys(json["themes_elicited"]) == ["question", "theme", "interviews", "of"])
        #expect(try keys(json["other_themes"]) == ["question", "code", "interviews"])
    }
}
