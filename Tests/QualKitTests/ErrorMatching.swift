import QualKit

/// What an error says is unknown, as `kind name` ("code a.y"), for any capability's error; nil
/// when the error is about something else.
func unknown(_ error: any Error) -> String? {
    switch error {
    case CodingError.unknownCode(let name): return "code \(name.name)"
    case CodingError.unknownCoder(let name): return "coder \(name.name)"
    case TranscriptError.unknownTranscript(let name): return "transcript \(name.name)"
    case TranscriptError.unknownSegment(let transcript, let number, _): return "segment \(transcript) \(number)"
    case PeopleError.unknownParticipant(let name): return "participant \(name.name)"
    case PeopleError.unknownInterviewer(let name): return "interviewer \(name.name)"
    case AnalysisError.unknownAttribute(let name): return "attribute \(name.name)"
    case AnalysisError.unknownCodeKind(let name): return "kind \(name.name)"
    default: return nil
    }
}
