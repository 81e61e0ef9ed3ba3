/// What a person can do about a refused request, in the study's terms. The library says which
/// remedy applies; the command line says it in its own words (an option, a command to run).
public enum Remedy: Sendable, Equatable {
    /// Change the existing record instead of adding another.
    case updateInstead(RecordKind, id: String)
    /// Let an import change records that already exist.
    case updateExistingRows(RecordKind)
    /// Accept a column or attribute named like a direct identifier, after checking it holds none.
    case allowIdentifierColumn(String)
    /// Name the coder for rows that have none.
    case nameDefaultCoder
    /// Let an import add the codes the codebook lacks.
    case createMissingCodes
    /// Give the interviewer a name.
    case nameInterviewer
    /// Re-import a transcript that has codings, keeping those whose text is unchanged.
    case replaceTranscript
    /// Say which of a participant's interviews a transcript belongs to.
    case chooseInterview
    /// Say which format a transcript file is in.
    case nameTranscriptFormat
    /// Combine two codes instead of renaming one onto the other.
    case mergeCodes
    /// Delete a code together with its codings.
    case deleteCodings
    /// Register the coder first.
    case registerCoder(String)
    /// Select part of a segment by offsets rather than by its text.
    case selectBySpan
    /// Keep a column whose name is close to a field's as a free attribute.
    case declareAttribute(String)
}

/// The kinds of record a study holds, for messages and remedies.
public enum RecordKind: String, Sendable, Equatable {
    case participant, interviewer, interview, code, coder, transcript, action
}
