/// Recording interviews: `interview add` and `interview update`, checked against the study.
public struct InterviewLog {
    let study: Study
    let store: InterviewStore

    public init(_ study: Study) {
        self.study = study
        self.store = InterviewStore(study)
    }

    /// The fields a command may set; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var interviewer: String?
        public var protocolReference: String?
        public var date: CalendarDate?
        public var language: String?
        public var mode: Interview.Mode?
        public var status: Interview.Status?

        public init(
            interviewer: String? = nil, protocolReference: String? = nil, date: CalendarDate? = nil,
            language: String? = nil, mode: Interview.Mode? = nil, status: Interview.Status? = nil
        ) {
            self.interviewer = interviewer
            self.protocolReference = protocolReference
            self.date = date
            self.language = language
            self.mode = mode
            self.status = status
        }
    }

    /// Records an interview. Without a status, one dated today or earlier is `done`, else `planned`.
    public func add(participant: String, id: String?, changes: Changes) throws -> Interview {
        let people = PeopleStore(study)
        _ = try people.participant(participant)
        return try study.db.transaction {
            let interviewID = try id ?? store.nextID(for: participant)
            guard Identifiers.isPersonID(interviewID) else { throw PeopleError.invalidID(.interview, id: interviewID) }
            if try store.ids().contains(interviewID) { throw PeopleError.alreadyExists(.interview, id: interviewID) }
            var interview = Interview(id: interviewID, participant: participant)
            try apply(changes, to: &interview)
            if changes.status == nil, let date = interview.date {
                interview.status = date.description <= Clock.today() ? .done : .planned
            }
            try store.insert(interview)
            return interview
        }
    }

    public func update(_ id: String, changes: Changes) throws -> Interview {
        var interview = try store.interview(id)
        try apply(changes, to: &interview)
        try study.db.transaction { try store.update(interview) }
        return interview
    }

    private func apply(_ changes: Changes, to interview: inout Interview) throws {
        if let interviewer = changes.interviewer {
            guard try PeopleStore(study).interviewerExists(interviewer) else {
                throw PeopleError.unknownInterviewer(
                    Unknown(interviewer, among: try PeopleStore(study).interviewerIDs()))
            }
            interview.interviewer = interviewer
        }
        if let text = changes.protocolReference {
            guard let reference = ProtocolReference(text), reference.version != nil else {
                throw PeopleError.invalidProtocolReference(text)
            }
            let stored = try reference.resolve(in: study)
            interview.protocolReference = stored.guide.reference
        }
        if let date = changes.date { interview.date = date }
        if let language = changes.language {
            guard Identifiers.isLanguageTag(language) else { throw PeopleError.invalidLanguage(language) }
            interview.language = PersonFields.normalizeLanguage(language)
        }
        if let mode = changes.mode { interview.mode = mode }
        if let status = changes.status { interview.status = status }
    }
}
