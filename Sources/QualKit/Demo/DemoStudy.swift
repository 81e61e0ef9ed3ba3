import Foundation

/// Builds the demo study from the files shipped in the repository's `protocols/` folder.
///
/// Everything is read from disk and goes through the same library calls as the real commands, so
/// the demo is also a smoke test of the whole cycle. It needs no network and runs in seconds.
public enum DemoStudy {
    /// What the demo made.
    public struct Result: Sendable {
        public let directory: String
        public let studyPath: String
        /// One line per step, in order.
        public let steps: [String]
        /// The report files written.
        public let reports: [String]
    }

    /// Creates `directory` (or uses it if empty of a study), then builds `study.sqlite` in it.
    ///
    /// - Parameters:
    ///   - shipped: the folder holding `talking-change.md` and the `demo/` data.
    ///   - progress: called with each step's line as it finishes.
    public static func build(in directory: String, shipped: String, progress: (String) -> Void = { _ in }) throws
        -> Result
    {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CannotCreateOutput(path: directory, reason: (error as NSError).localizedDescription)
        }
        let studyPath = (directory as NSString).appendingPathComponent("study.sqlite")
        if FileManager.default.fileExists(atPath: studyPath) { throw StudyError.demoExists(path: studyPath) }
        var steps: [String] = []
        func step(_ line: String) {
            steps.append(line)
            progress(line)
        }
        let study = try Study.create(at: studyPath, title: "Talking Change: barriers to mental health support (demo)")
        step("created \(studyPath)")

        let shippedURL = URL(fileURLWithPath: shipped)
        func file(_ relative: String) throws -> ProtocolLoader.File {
            let path = shippedURL.appendingPathComponent(relative).path
            return ProtocolLoader.File(path: path, bytes: try SourceText.readBytes(path))
        }
        // Version 1 first, as a study would have piloted it, then the revised guide and its translation.
        for batch in [["demo/talking-change.v1.md"], ["talking-change.md", "talking-change.ur.md"]] {
            let report = try ProtocolLoader.load(try batch.map(file), into: study)
            for outcome in report.outcomes {
                step("loaded protocol \(outcome.reference) (\(outcome.language)), \(outcome.questions) questions")
            }
        }
        let roster = Roster(study)
        let participants = try roster.importParticipants(
            path: shippedURL.appendingPathComponent("demo/participants.csv").path, update: false, allowColumns: [])
        step("imported \(participants.added.count) participants (pseudonymous ids, consent recorded)")
        let interviewers = try roster.importInterviewers(
            path: shippedURL.appendingPathComponent("demo/interviewers.csv").path, update: false, allowColumns: [])
        step("imported \(interviewers.added.count) interviewers")
        // The area's make-up and the recruitment quotas (illustrative figures), so reach is shown.
        let figures = ReachFigures(study)
        for (name, kind) in [("population", "population"), ("targets", "recruitment targets")] {
            let path = shippedURL.appendingPathComponent("demo/\(name).csv").path
            let text = try ReachFiles.read(path)
            let rows =
                name == "population"
                ? try figures.store(ReachFiles.population(text: text, file: path), file: path)
                : try figures.store(ReachFiles.targets(text: text, file: path), file: path)
            step("imported the \(kind) (illustrative): \(rows) rows")
        }
        for (attribute, label) in [("age_band", "Age band"), ("household", "Household"), ("borough", "Borough")] {
            try AttributeLabels.set(attribute, label: label, in: study)
        }
        step("labelled the attributes age_band, household and borough for reports")
        let match = try MatchPlanner.run(study, settings: MatchSettings(), save: true)
        step(
            "matched \(match.matched.count) participants to interviewers (total cost \(match.totalCost)), \(match.unmatched.count) left out; saved as planned interviews"
        )
        for item in match.unmatched { step("  \(item.participant) not matched: \(item.reason)") }

        let codebookPath = shippedURL.appendingPathComponent("talking-change.codebook.md").path
        let codebook = try Codebook(study).importEntries(
            try CodebookFile.parseMarkdown(SourceText.readBytes(codebookPath), file: codebookPath), file: codebookPath)
        step("imported the codebook: \(codebook.added) codes")

        // Each interview as it was held, with the interviewer who held it (not always the one the
        // match planned), so the transcripts' interviewer labels are recognised at import.
        let log = InterviewLog(study)
        let details = try CSVReader(path: shippedURL.appendingPathComponent("demo/interviews.csv").path).readAll()
        for record in details.dropFirst() where record.fields.count == 6 {
            let changes = InterviewLog.Changes(
                interviewer: record.fields[1], protocolReference: record.fields[2],
                date: CalendarDate(record.fields[3]), language: record.fields[4],
                mode: Interview.Mode(rawValue: record.fields[5]), status: .done)
            if try InterviewStore(study).ids().contains(record.fields[0]) {
                _ = try log.update(record.fields[0], changes: changes)
            } else {
                _ = try log.add(participant: record.fields[0], id: record.fields[0], changes: changes)
            }
        }
        step("recorded interviewer, protocol version, date, language and mode for \(details.count - 1) interviews")

        let transcriptFolder = shippedURL.appendingPathComponent("demo/transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: transcriptFolder.path)
            .filter { ParsedTranscript.Format(fileName: $0) != nil }.sorted()
            .map { transcriptFolder.appendingPathComponent($0).path }
        let imported = try TranscriptImporter.run(files, target: .fileName, options: .init(), study: study)
        let formats = Set(files.map { URL(fileURLWithPath: $0).pathExtension }).sorted().joined(separator: ", ")
        step("imported \(imported.count) transcripts (\(formats)), \(imported.reduce(0) { $0 + $1.segments }) segments")

        let coding = Codebook(study)
        try coding.addCoder("AB", name: "Coder A")
        try coding.addCoder("CD", name: "Coder B")
        for coder in ["AB", "CD"] {
            let report = try CodingImport.run(
                path: shippedURL.appendingPathComponent("demo/codings-\(coder).csv").path, defaultCoder: nil,
                createCodes: false,
                study: study)
            step("imported \(report.added) codings by \(coder)")
        }

        // Memos of the kinds coders write: about a code, a transcript, and a coding.
        let memos = CodingLog(study)
        try memos.addMemo(
            transcript: nil, segment: nil, code: "barrier.stigma", coder: "AB",
            text: "Family and community stigma read differently: consider splitting into two codes.")
        try memos.addMemo(
            transcript: "TC-001", segment: nil, code: nil, coder: "AB",
            text: "Interview held in Cantonese; the translation may flatten how stigma is described.")
        try memos.addMemo(
            transcript: "TC-001", segment: 4, code: "barrier.stigma.community", coder: "AB",
            text: "Gossip travelling round the community, not family disapproval.")
        step("added 3 memos")

        let changes = ServiceChangeLog(study)
        // Numbered in this order: protocols/demo/outcomes.csv refers to actions 1 and 2, as the
        // README's tour records them.
        let demoActions: [ServiceChangeLog.ActionChanges] = [
            .init(
                themes: ["barrier.appointment-times", "suggestion.flexible-appointments"],
                change: "Evening and Saturday appointments, and text or video check-ins, for young people",
                owner: "Talking therapies service lead", due: CalendarDate("2023-06-30"), status: .done,
                doneOn: CalendarDate("2023-06-12")),
            .init(
                themes: ["barrier.stigma", "barrier.awareness", "suggestion.community-outreach"],
                change: "A community engagement worker holding sessions at mosques, temples and community centres",
                owner: "Engagement lead", due: CalendarDate("2023-07-31"), status: .done,
                doneOn: CalendarDate("2023-07-03")),
            .init(
                themes: ["barrier.cultural-understanding", "suggestion.staff-training"],
                change: "Cultural awareness training for all clinical and admin staff",
                owner: "Head of workforce development",
                due: CalendarDate("2023-09-30"), status: .done, doneOn: CalendarDate("2023-09-22")),
            .init(
                themes: ["barrier.language"],
                change: "Leaflets and self-referral form in Urdu, Bengali, Somali and Cantonese",
                owner: "Communications", due: CalendarDate("2024-03-31"), status: .inProgress),
        ]
        for action in demoActions { _ = try changes.addAction(action) }
        let outcomes = try changes.importOutcomes(path: shippedURL.appendingPathComponent("demo/outcomes.csv").path)
        step("recorded \(demoActions.count) service changes and \(outcomes) outcome values")

        var options = FindingsReport.Options()
        options.by = ["household", "age_band"]
        let report = try FindingsReport.build(study, options: options)
        let html = (directory as NSString).appendingPathComponent("report.html")
        let markdown = (directory as NSString).appendingPathComponent("report.md")
        try OutputFile.write(report.html, to: html, replacing: true)
        try OutputFile.write(report.markdown, to: markdown, replacing: true)
        step("wrote the findings report: \(html) and \(markdown)")
        return Result(directory: directory, studyPath: studyPath, steps: steps, reports: [html, markdown])
    }

    /// The folder of shipped files: `$QUALKIT_SHARE`, else `./protocols`, else the source checkout's.
    public static func locateShippedFiles(environment: [String: String], sourceFile: String = #filePath) -> String? {
        var candidates: [String] = []
        if let share = environment["QUALKIT_SHARE"], !share.isEmpty { candidates.append(share) }
        candidates.append(FileManager.default.currentDirectoryPath + "/protocols")
        // Sources/QualKit/Demo/DemoStudy.swift -> the checkout's top folder.
        var url = URL(fileURLWithPath: sourceFile)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        candidates.append(url.appendingPathComponent("protocols").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/talking-change.md") }
    }
}
