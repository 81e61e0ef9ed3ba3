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

    /// What `add` did: the interview, whether it completed one a match had planned, and the
    /// interviewer's load when it is now over their capacity.
    public struct Recorded: Sendable {
        public let interview: Interview
        /// True when the participant's planned interview was updated instead of a new one added.
        public let completedPlanned: Bool
        /// Planned and done interviews of the interviewer against their capacity, when over it.
        public let overCapacity: (interviewer: String, load: Int, capacity: Int)?
    }

    /// Records an interview. Without a status, one dated today or earlier is `done`, else `planned`.
    ///
    /// When no id is given and the participant has a planned interview (as `match --save` books),
    /// that interview is updated instead of a second one added: without a status or a future date it
    /// becomes `done`.
    public func add(participant: String, id: String?, changes: Changes) throws -> Recorded {
        let people = PeopleStore(study)
        _ = try people.participant(participant)
        return try study.db.transaction {
            var interview: Interview
            let planned =
                id == nil ? try store.interviews(where: .participant(participant)).first { $0.status == .planned } : nil
            if let planned {
                interview = planned
                try apply(changes, to: &interview)
                if changes.status == nil {
                    interview.status =
                        interview.date.map { $0.description > Clock.today() } == true ? .planned : .done
                }
                try store.update(interview)
            } else {
                let interviewID = try id ?? store.nextID(for: participant)
                guard Identifiers.isPersonID(interviewID) else {
                    throw PeopleError.invalidID(.interview, id: interviewID)
                }
                if try store.ids().contains(interviewID) {
                    throw PeopleError.alreadyExists(.interview, id: interviewID)
                }
                interview = Interview(id: interviewID, participant: participant)
                try apply(changes, to: &interview)
                if changes.status == nil, let date = interview.date {
                    interview.status = date.description <= Clock.today() ? .done : .planned
                }
                try store.insert(interview)
            }
            var over: (String, Int, Int)?
            if let interviewer = interview.interviewer, interview.status != .cancelled {
                let capacity = try people.interviewer(interviewer).capacity
                let load = try store.activeLoad()[interviewer] ?? 0
                if load > capacity { over = (interviewer, load, capacity) }
            }
            return Recorded(interview: interview, completedPlanned: planned != nil, overCapacity: over)
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
