import Foundation

/// `transcript import`: files to transcripts, all in one transaction.
public enum TranscriptImporter {
    /// Which interview a file belongs to.
    public enum Target: Sendable {
        case interview(String)
        case participant(String)
        /// From the file name: `TC-001.vtt` names an interview, or else a participant.
        case fileName
    }

    public struct Options: Sendable {
        public var format: ParsedTranscript.Format?
        public var interviewerLabel: String?
        public var participantLabel: String?
        public var replace: Bool
        /// Store speaker labels that look like personal names as they are, instead of role labels.
        public var keepLabels: Bool
        public init(
            format: ParsedTranscript.Format? = nil, interviewerLabel: String? = nil, participantLabel: String? = nil,
            replace: Bool = false, keepLabels: Bool = false
        ) {
            self.format = format
            self.interviewerLabel = interviewerLabel
            self.participantLabel = participantLabel
            self.replace = replace
            self.keepLabels = keepLabels
        }
    }

    /// One speaker of an imported transcript.
    public struct Speaker: Sendable, Equatable {
        /// The label as stored.
        public let label: String
        /// The label in the file, when it looked like a personal name and was replaced: for the
        /// terminal only, never stored.
        public let original: String?
        public let role: Segment.Role
        public let turns: Int
    }

    public struct ImportedTranscript: Sendable {
        public let transcript: String
        public let file: String
        public let segments: Int
        /// Each speaker label and the role it was given, in order of first turn.
        public let speakers: [Speaker]
        public let createdInterview: Bool
        public let replaced: Bool
        public let keptCodings: Int
        /// What the reader accepted but the user should know (no speakers: roles need setting).
        public var warnings: [Diagnostic] = []
        /// The transcript dialect recognised, when the reader tells one.
        public var dialect: String? = nil

        /// No turn of this transcript is the interviewer's: its questions may be taken for answers.
        public var hasNoInterviewer: Bool { !speakers.contains { $0.role == .interviewer } }
        /// Labels nobody recognised, to review with `transcript speakers --set`.
        public var unknownLabels: [String] { speakers.filter { $0.role == .unknown }.map(\.label) }
    }

    /// Imports transcript files into the study, all of them or none, in one transaction.
    ///
    /// Each file becomes the transcript of one interview: the one `target` names, or the one its
    /// file name names. Speakers get their roles by ``SpeakerRoles``; labels that look like personal
    /// names are stored as role labels unless `options.keepLabels`. Re-importing a transcript
    /// that has codings needs `options.replace`, and even then stops if any coding would lose its
    /// segment or text.
    ///
    /// - Throws: ``TranscriptError`` for a refused import, ``InvalidInput`` for a file that does not parse.
    public static func run(_ paths: [String], target: Target, options: Options, study: Study) throws
        -> [ImportedTranscript]
    {
        try study.db.useBulkSettings()
        return try study.db.transaction {
            let store = TranscriptStore(study)
            try store.stageSegments()
            var outcomes: [ImportedTranscript] = []
            var seen: Set<String> = []
            for path in paths {
                let outcome = try importOne(path, target: target, options: options, study: study)
                guard seen.insert(outcome.transcript).inserted else {
                    throw TranscriptError.twoFilesForOneTranscript(outcome.transcript, second: path)
                }
                outcomes.append(outcome)
            }
            try store.writeStagedSegments()
            return outcomes
        }
    }

    /// One file's transcript, its segments staged (``TranscriptStore/stageSegments()``) when new.
    static func importOne(_ path: String, target: Target, options: Options, study: Study) throws -> ImportedTranscript {
        let bytes = try SourceText.readBytes(path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let format = options.format ?? ParsedTranscript.Format(fileName: name) else {
            throw TranscriptError.unknownFormat(file: name)
        }
        let parsed = try TranscriptParser.parse(bytes, format: format, file: path)
        let (interview, created) = try resolve(target, fileName: name, study: study)
        let store = TranscriptStore(study)
        let transcriptID = interview.id

        let people = PeopleStore(study)
        var interviewer: [String] = []
        if let id = interview.interviewer {
            interviewer.append(id)
            if let person = try? people.interviewer(id) { interviewer.append(person.name) }
        }
        let facts = SpeakerRoles.Facts(
            interviewerLabel: options.interviewerLabel, participantLabel: options.participantLabel,
            interviewer: interviewer, participant: interview.participant)
        var labels: [String] = []
        for turn in parsed.turns where turn.hasSpeaker && !labels.contains(turn.speaker) { labels.append(turn.speaker) }
        var roles = SpeakerRoles.assign(labels, facts: facts)
        // A re-import keeps what a person decided (`transcript speakers --set`) for labels the
        // rules cannot place; the rules' own answers stand, so a new --interviewer-label still works.
        var reviewed: [String: Segment.Role] = [:]
        if try store.exists(transcriptID) {
            for speaker in try store.speakers(of: transcriptID) where speaker.role != .unknown {
                reviewed[speaker.label] = reviewed[speaker.label] == nil ? speaker.role : .unknown
            }
        }
        let terms = options.keepLabels ? [] : try RedactionList(study).terms().map(\.term)
        // Labels that look like names are stored as their role: the study file is pseudonymous.
        var stored: [String: String] = [:]
        var taken = Set(labels)
        var speakers: [Speaker] = []
        for (index, label) in labels.enumerated() {
            var role = roles[label] ?? .unknown
            var name = label
            if !options.keepLabels && SpeakerRoles.looksLikeName(label, redactionTerms: terms) {
                taken.remove(label)
                name = SpeakerRoles.replacement(role: role, position: index + 1, taken: taken)
                taken.insert(name)
            }
            stored[label] = name
            if role == .unknown, let earlier = reviewed[name], earlier != .unknown {
                role = earlier
                roles[label] = earlier
            }
            speakers.append(
                Speaker(
                    label: name, original: name == label ? nil : label, role: role,
                    turns: parsed.turns.filter { $0.speaker == label }.count))
        }
        var text = ""
        var offset = 0
        var segments:
            [(
                number: Int, speaker: String, role: Segment.Role, start: Int?, end: Int?, text: String, textStart: Int,
                textEnd: Int
            )] = []
        for (index, turn) in parsed.turns.enumerated() {
            // A turn the file names no speaker for (a caption cue) has no label and no role yet.
            let role = turn.hasSpeaker ? roles[turn.speaker] ?? .unknown : .unknown
            let speaker = turn.hasSpeaker ? stored[turn.speaker] ?? turn.speaker : ""
            let prefix = (index == 0 ? "" : "\n\n") + (turn.hasSpeaker ? speaker + ": " : "")
            text += prefix
            offset += ScalarText.count(prefix)
            let length = ScalarText.count(turn.text)
            segments.append(
                (
                    index + 1, speaker, role, turn.startMilliseconds, turn.endMilliseconds, turn.text, offset,
                    offset + length
                ))
            text += turn.text
            offset += length
        }

        var kept = 0
        let existed = try store.exists(transcriptID)
        if existed {
            let codings = try CodingStore(study).placedCodings(of: transcriptID)
            if !codings.isEmpty && !options.replace {
                throw TranscriptError.hasCodings(transcriptID, codings: codings.count)
            }
            let lost = codings.filter { coding in
                guard coding.segmentNumber <= segments.count else { return true }
                return ScalarText.slice(segments[coding.segmentNumber - 1].text, coding.start, coding.end)
                    != coding.text
            }
            if !lost.isEmpty {
                throw TranscriptError.wouldLoseCodings(
                    transcriptID, file: path,
                    lost: lost.map {
                        .init(
                            segment: $0.segmentNumber, code: $0.code, coder: $0.coder, start: $0.start, end: $0.end,
                            text: $0.text)
                    }, of: codings.count)
            }
            kept = codings.count
        }
        if interview.status == .planned {
            // A transcript means the interview happened.
            var done = interview
            done.status = .done
            try InterviewStore(study).update(done)
        }
        try store.write(
            // The schema's format column allows txt, vtt and srt: a Word document is stored as the
            // text read from it (source_file keeps the .docx name).
            id: transcriptID, interview: interview.id, format: format == .docx ? "txt" : format.rawValue, file: path,
            header: parsed.header.joined(separator: "\n"), text: text, segments: segments, staged: true)
        return ImportedTranscript(
            transcript: transcriptID, file: path, segments: segments.count, speakers: speakers,
            createdInterview: created, replaced: existed, keptCodings: kept, warnings: parsed.warnings,
            dialect: parsed.dialect)
    }

    /// The interview a file belongs to, creating a participant's first interview when needed.
    static func resolve(_ target: Target, fileName: String, study: Study) throws -> (Interview, Bool) {
        let interviews = InterviewStore(study)
        switch target {
        case .interview(let id):
            return (try interviews.interview(id), false)
        case .participant(let id):
            return try interviewOf(participant: id, study: study)
        case .fileName:
            let stem = fileName.split(separator: ".").first.map(String.init) ?? fileName
            if try interviews.exists(stem) { return (try interviews.interview(stem), false) }
            if try PeopleStore(study).participantExists(stem) {
                return try interviewOf(participant: stem, study: study)
            }
            let unknown = Unknown(stem, among: try interviews.ids() + PeopleStore(study).participantIDs())
            // `Interview with CA-06 2024-02-01`: a title, not an id, so only the user can say whose it is.
            if !Identifiers.isPersonID(stem) {
                throw TranscriptError.participantNotInFileName(unknown, file: fileName)
            }
            throw TranscriptError.noInterviewForFile(unknown, file: fileName)
        }
    }

    static func interviewOf(participant: String, study: Study) throws -> (Interview, Bool) {
        _ = try PeopleStore(study).participant(participant)
        let interviews = InterviewStore(study)
        let theirs = try interviews.interviews(where: .participant(participant)).filter { $0.status != .cancelled }
        if theirs.count > 1 {
            throw TranscriptError.severalInterviews(participant: participant, interviews: theirs.map(\.id))
        }
        if let only = theirs.first { return (only, false) }
        let interview = Interview(id: try interviews.nextID(for: participant), participant: participant, status: .done)
        try interviews.insert(interview)
        return (interview, true)
    }
}
