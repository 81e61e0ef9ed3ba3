/// Why a request about transcripts was refused.
public enum TranscriptError: Error, Sendable, Equatable {
    case unknownTranscript(Unknown)
    /// A segment number outside the transcript's segments 1 to `count`.
    case unknownSegment(transcript: String, number: Int, count: Int)
    /// A file name from which no format could be told.
    case unknownFormat(file: String)
    /// A file name whose stem names no interview or participant.
    case noInterviewForFile(Unknown, file: String)
    /// A Zoom chat log (`10:02:15 From Alice to Everyone: ...`): messages, not an interview's turns.
    case chatLog(file: String, line: Int)
    /// A file name that names no interview or participant but looks like a participant id with
    /// other words (`Interview with CA-06 2024-02-01.vtt`): `--participant` says which it is.
    case participantNotInFileName(Unknown, file: String)
    /// Two files of one import for the same transcript.
    case twoFilesForOneTranscript(String, second: String)
    /// Re-importing a transcript that has codings, without asking to replace it.
    case hasCodings(String, codings: Int)
    /// Re-importing would lose codings whose segment or text changed.
    case wouldLoseCodings(String, file: String, lost: [LostCoding], of: Int)
    /// A participant with several interviews: which one is meant?
    case severalInterviews(participant: String, interviews: [String])
    /// A search the full-text engine cannot read; `reason` is SQLite's.
    case invalidSearch(String, reason: String)
    /// A search longer than the limit, which would run too long.
    case searchTooLong(characters: Int, limit: Int)
    /// A search with more terms than the limit, which would run too long.
    case searchTooManyTerms(terms: Int, limit: Int)
    /// A speaker label the transcript does not have.
    case unknownSpeaker(Unknown, transcript: String)
    /// Renaming a speaker to a label another speaker of the transcript already has.
    case speakerLabelTaken(String, transcript: String)
    /// A `LABEL=ROLE` or `LABEL=NEW` change that is not of that form, or names no role.
    case invalidSpeakerChange(String)

    /// A coding that a re-import would lose.
    public struct LostCoding: Sendable, Equatable {
        public let segment: Int
        public let code: String
        public let coder: String
        public let start: Int
        public let end: Int
        public let text: String
    }
}
