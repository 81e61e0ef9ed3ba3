/// Adding, changing and importing participants and interviewers.
///
/// Each call is one transaction; imports check every row first and write nothing if any row is bad.
public struct Roster {
    let study: Study
    let store: PeopleStore

    public init(_ study: Study) {
        self.study = study
        self.store = PeopleStore(study)
    }

    /// What an import did.
    public struct ImportReport: Sendable, Equatable {
        public let added: [String]
        public let updated: [String]
    }

    // MARK: Participants

    /// Adds a participant. `fields` are (field, text) pairs: recognised fields or attribute keys.
    public func addParticipant(_ id: String, fields: [(String, String)]) throws -> Participant {
        try checkNewParticipantID(id)
        var participant = Participant(id: id)
        try apply(fields, to: &participant)
        try study.db.transaction { try store.save(participant, isNew: true) }
        return participant
    }

    public func updateParticipant(_ id: String, fields: [(String, String)]) throws -> Participant {
        var participant = try store.participant(id)
        try apply(fields, to: &participant)
        try study.db.transaction { try store.save(participant, isNew: false) }
        return participant
    }

    private func apply(_ fields: [(String, String)], to participant: inout Participant) throws {
        for (field, text) in fields {
            do {
                try PersonFields.set(field, text, on: &participant)
            } catch {
                throw InvalidValue(
                    option: "--" + optionName(field), value: text,
                    message: error.column.map { "character \($0): \(error.message)" } ?? error.message)
            }
        }
    }

    private func checkNewParticipantID(_ id: String) throws {
        guard Identifiers.isPersonID(id) else {
            throw InvalidValue(
                option: "<id>", value: id,
                message: "a participant id is 1 to 64 letters, digits, '.', '_' or '-' (TC-001)")
        }
        if let withdrawal = try store.withdrawal(of: id) {
            throw Conflict(
                "participant \(id) withdrew on \(withdrawal.date); their id cannot be used again (choose a new pseudonym)"
            )
        }
        if try store.participantExists(id) {
            throw Conflict("participant \(id) already exists (use: qualkit participant update \(id))")
        }
    }

    /// Imports participants from CSV: all rows or none.
    public func importParticipants(path: String, update: Bool, allowColumns: Set<String>) throws -> ImportReport {
        let csv = try RosterCSV(path: path, recognised: PersonFields.participantColumns, allowed: allowColumns)
        var problems = csv.problems
        let existing = Set(try store.participantIDs())
        var plans: [(Participant, Bool)] = []
        for row in csv.rows {
            if let withdrawal = try store.withdrawal(of: row.id) {
                problems.append(
                    Diagnostic(
                        file: path, line: row.line,
                        "participant \(row.id) withdrew on \(withdrawal.date); their id cannot be imported again"))
                continue
            }
            let isNew = !existing.contains(row.id)
            if !isNew && !update {
                problems.append(
                    Diagnostic(
                        file: path, line: row.line,
                        "participant \(row.id) already exists (use --update to change existing participants)"))
                continue
            }
            var participant = isNew ? Participant(id: row.id) : try store.participant(row.id)
            var rowOK = true
            for field in row.fields {
                do {
                    try PersonFields.set(field.key, field.value, on: &participant)
                } catch {
                    problems.append(RosterCSV.diagnostic(error, file: path, line: row.line, value: field.value))
                    rowOK = false
                }
            }
            if rowOK { plans.append((participant, isNew)) }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        try study.db.transaction {
            for (participant, isNew) in plans { try store.save(participant, isNew: isNew) }
        }
        return ImportReport(added: plans.filter(\.1).map(\.0.id), updated: plans.filter { !$0.1 }.map(\.0.id))
    }

    // MARK: Interviewers

    public func addInterviewer(_ id: String, fields: [(String, String)]) throws -> Interviewer {
        guard Identifiers.isPersonID(id) else {
            throw InvalidValue(
                option: "<id>", value: id,
                message: "an interviewer id is 1 to 64 letters, digits, '.', '_' or '-' (IV01)")
        }
        if try store.interviewerExists(id) {
            throw Conflict("interviewer \(id) already exists (use: qualkit interviewer update \(id))")
        }
        var interviewer = Interviewer(id: id, name: "")
        try apply(fields, to: &interviewer)
        if interviewer.name.isEmpty {
            throw InvalidValue(option: "--name", value: "", message: "an interviewer needs a name")
        }
        try study.db.transaction { try store.save(interviewer, isNew: true) }
        return interviewer
    }

    public func updateInterviewer(_ id: String, fields: [(String, String)]) throws -> Interviewer {
        var interviewer = try store.interviewer(id)
        try apply(fields, to: &interviewer)
        try study.db.transaction { try store.save(interviewer, isNew: false) }
        return interviewer
    }

    private func apply(_ fields: [(String, String)], to interviewer: inout Interviewer) throws {
        for (field, text) in fields {
            do {
                try PersonFields.set(field, text, on: &interviewer)
            } catch {
                throw InvalidValue(
                    option: "--" + optionName(field), value: text,
                    message: error.column.map { "character \($0): \(error.message)" } ?? error.message)
            }
        }
    }

    public func importInterviewers(path: String, update: Bool, allowColumns: Set<String>) throws -> ImportReport {
        let csv = try RosterCSV(path: path, recognised: PersonFields.interviewerColumns, allowed: allowColumns)
        var problems = csv.problems
        let existing = Set(try store.interviewerIDs())
        var plans: [(Interviewer, Bool)] = []
        for row in csv.rows {
            let isNew = !existing.contains(row.id)
            if !isNew && !update {
                problems.append(
                    Diagnostic(
                        file: path, line: row.line,
                        "interviewer \(row.id) already exists (use --update to change existing interviewers)"))
                continue
            }
            var interviewer = isNew ? Interviewer(id: row.id, name: "") : try store.interviewer(row.id)
            var rowOK = true
            for field in row.fields {
                do {
                    try PersonFields.set(field.key, field.value, on: &interviewer)
                } catch {
                    problems.append(RosterCSV.diagnostic(error, file: path, line: row.line, value: field.value))
                    rowOK = false
                }
            }
            if rowOK && interviewer.name.isEmpty {
                problems.append(
                    Diagnostic(file: path, line: row.line, "interviewer \(row.id) has no name (add a 'name' column)"))
                rowOK = false
            }
            if rowOK { plans.append((interviewer, isNew)) }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        try study.db.transaction {
            for (interviewer, isNew) in plans { try store.save(interviewer, isNew: isNew) }
        }
        return ImportReport(added: plans.filter(\.1).map(\.0.id), updated: plans.filter { !$0.1 }.map(\.0.id))
    }

    /// The option that sets `field`: `availability` is `--available`, attributes are `--attr`.
    private func optionName(_ field: String) -> String {
        switch field {
        case "availability": return "available"
        case _ where PersonFields.participantColumns.contains(field) || PersonFields.interviewerColumns.contains(field):
            return field.replacingOccurrences(of: "_", with: "-")
        default: return "attr \(field)"
        }
    }
}
