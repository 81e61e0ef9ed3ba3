/// One interview with one participant: who led it, with which protocol version, when and how.
public struct Interview: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case planned, done, cancelled }
    public enum Mode: String, Sendable, CaseIterable {
        case inPerson = "in-person"
        case phone, video
    }

    /// The participant's id for their first interview (`TC-001`), then `TC-001-2`, `TC-001-3`:
    /// in a one-interview study the interview, its transcript and the participant share one id.
    public var id: String
    public var participant: String
    public var interviewer: String?
    /// `talking-change@2`, or nil until known.
    public var protocolReference: String?
    public var date: CalendarDate?
    public var language: String?
    public var mode: Mode?
    public var status: Status
    /// The weekly window a match proposed (`sat 10:00-11:00`).
    public var slot: String?

    public init(
        id: String, participant: String, interviewer: String? = nil, protocolReference: String? = nil,
        date: CalendarDate? = nil, language: String? = nil, mode: Mode? = nil, status: Status = .planned,
        slot: String? = nil
    ) {
        self.id = id
        self.participant = participant
        self.interviewer = interviewer
        self.protocolReference = protocolReference
        self.date = date
        self.language = language
        self.mode = mode
        self.status = status
        self.slot = slot
    }
}
