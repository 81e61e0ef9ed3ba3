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
        public var replace: Bool
        public init(format: ParsedTranscript.Format? = nil, interviewerLabel: String? = nil, replace: Bool = false) {
            self.format = format
            self.interviewerLabel = interviewerLabel
            self.replace = replace
        }
    }

    public struct ImportedTranscript: Sendable {
        public let transcript: String
        public let file: String
        public let segments: Int
        /// Each speaker label and the role it was given.
        public let speakers: [(label: String, role: Segment.Role)]
        public let createdInterview: Bool
        public let replaced: Bool
        public let keptCodings: Int
    }

    /// Labels that mean the interviewer in any transcript.
    public static let interviewerLabels: Set<String> = ["interviewer", "int", "i"]

    /// Imports transcript files into the study, all of them or none, in one transaction.
    ///
    /// Each file becomes the transcript of one interview: the one `target` names, or the one its
    /// file name names. Speakers are classed as interviewer or participant. Re-importing a transcript
    /// that has codings needs `options.replace`, and even then stops if any coding would lose its
    /// segment or text.
    ///
    /// - Throws: ``TranscriptError`` for a refused import, ``InvalidInput`` for a file that does not parse.
    public static func run(_ paths: [String], target: Target, options: Options, study: Study) throws
        -> [ImportedTranscript]
    {
        try study.db.useBulkSettings()
        return try study.db.transaction {
            var outcomes: [ImportedTranscript] = []
            var seen: Set<String> = []
            for path in paths {
                let outcome = try importOne(path, target: target, options: options, study: study)
                guard seen.insert(outcome.transcript).inserted else {
                    throw TranscriptError.twoFilesForOneTranscript(outcome.transcript, second: path)
                }
                outcomes.append(outcome)
            }
            return outcomes
        }
    }

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

        // Roles: the named label, the interviewer's id or name, or the usual interviewer labels.
        var interviewerNames = interviewerLabels
        if let label = options.interviewerLabel { interviewerNames.insert(label.lowercased()) }
        if let id = interview.interviewer {
            interviewerNames.insert(id.lowercased())
            if let person = try? PeopleStore(study).interviewer(id) {
                interviewerNames.insert(person.name.lowercased())
            }
        }
        var speakers: [(String, Segment.Role)] = []
        var text = ""
        var offset = 0
        var segments:
            [(
                number: Int, speaker: String, role: Segment.Role, start: Int?, end: Int?, text: String, textStart: Int,
                textEnd: Int
            )] = []
        for (index, turn) in parsed.turns.enumerated() {
            let role: Segment.Role = interviewerNames.contains(turn.speaker.lowercased()) ? .interviewer : .participant
            if !speakers.contains(where: { $0.0 == turn.speaker }) { speakers.append((turn.speaker, role)) }
            let prefix = (index == 0 ? "" : "\n\n") + turn.speaker + ": "
            text += prefix
            offset += ScalarText.count(prefix)
            let length = ScalarText.count(turn.text)
            segments.append(
                (
                    index + 1, turn.speaker, role, turn.startMilliseconds, turn.endMilliseconds, turn.text, offset,
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
            id: transcriptID, interview: interview.id, format: format.rawValue, file: path,
            header: parsed.header.joined(separator: "\n"), text: text, segments: segments)
        return ImportedTranscript(
            transcript: transcriptID, file: path, segments: segments.count, speakers: speakers,
            createdInterview: created, replaced: existed, keptCodings: kept)
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
            if try interviews.ids().contains(stem) { return (try interviews.interview(stem), false) }
            if try PeopleStore(study).participantExists(stem) {
                return try interviewOf(participant: stem, study: study)
            }
            throw TranscriptError.noInterviewForFile(
                Unknown(stem, among: try interviews.ids() + PeopleStore(study).participantIDs()), file: fileName)
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
