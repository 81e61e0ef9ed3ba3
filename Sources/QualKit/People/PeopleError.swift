/// Why a request about participants, interviewers or interviews was refused.
public enum PeopleError: Error, Sendable, Equatable {
    case unknownParticipant(Unknown)
    case unknownInterviewer(Unknown)
    case unknownInterview(Unknown)
    /// A participant who withdrew: their data was erased on that date.
    case withdrawn(participant: String, on: String)
    /// A withdrawn participant's id given for a new participant: it cannot be used again.
    case withdrawnIDReused(participant: String, on: String)
    case alreadyExists(RecordKind, id: String)
    /// An id that breaks the id rule (1 to 64 letters, digits, '.', '_' or '-').
    case invalidID(RecordKind, id: String)
    /// A field value that is refused; `value` is the text given.
    case invalidField(FieldProblem, value: String)
    /// A free attribute given as `key=value` whose key is refused.
    case invalidAttribute(FieldProblem, given: String)
    /// An interviewer without a name.
    case interviewerWithoutName(String)
    /// A protocol version not written ID@VERSION.
    case invalidProtocolReference(String)
    /// A language that is not a BCP 47 tag.
    case invalidLanguage(String)
    /// A participant field or attribute to filter by that no participant has.
    case unknownField(Unknown)
}
