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

    /// Sets `fields` on a participant or interviewer; a bad value names the option that gave it.
    private func apply<Member: RosterMember>(_ fields: [(String, String)], to member: inout Member) throws {
        for (field, text) in fields {
            do {
                try member.set(field, text)
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
        try importRows(
            path: path, update: update, allowColumns: allowColumns, existing: Set(try store.participantIDs()),
            refusal: { id in
                try store.withdrawal(of: id).map {
                    "participant \(id) withdrew on \($0.date); their id cannot be imported again"
                }
            },
            fetch: store.participant, save: store.save)
    }

    /// Reads a roster CSV, checks every row against the study and writes all rows or none.
    private func importRows<Member: RosterMember>(
        path: String, update: Bool, allowColumns: Set<String>, existing: Set<String>,
        refusal: (String) throws -> String?, fetch: (String) throws -> Member, save: (Member, Bool) throws -> Void
    ) throws -> ImportReport {
        let csv = try RosterCSV(path: path, recognised: Member.columns, allowed: allowColumns)
        var problems = csv.problems
        var plans: [(Member, Bool)] = []
        for row in csv.rows {
            if let message = try refusal(row.id) {
                problems.append(Diagnostic(file: path, line: row.line, message))
                continue
            }
            let isNew = !existing.contains(row.id)
            if !isNew && !update {
                problems.append(
                    Diagnostic(
                        file: path, line: row.line,
                        "\(Member.noun) \(row.id) already exists (use --update to change existing \(Member.noun)s)"))
                continue
            }
            var member = isNew ? Member(blank: row.id) : try fetch(row.id)
            var rowOK = true
            for field in row.fields {
                do {
                    try member.set(field.key, field.value)
                } catch {
                    problems.append(RosterCSV.diagnostic(error, file: path, line: row.line, value: field.value))
                    rowOK = false
                }
            }
            if rowOK, let missing = member.missing {
                problems.append(Diagnostic(file: path, line: row.line, "\(Member.noun) \(row.id) \(missing)"))
                rowOK = false
            }
            if rowOK { plans.append((member, isNew)) }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        try study.db.transaction {
            for (member, isNew) in plans { try save(member, isNew) }
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
        if let missing = interviewer.missing {
            throw InvalidValue(option: "--name", value: "", message: "interviewer \(id) \(missing)")
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

    public func importInterviewers(path: String, update: Bool, allowColumns: Set<String>) throws -> ImportReport {
        try importRows(
            path: path, update: update, allowColumns: allowColumns, existing: Set(try store.interviewerIDs()),
            refusal: { _ in nil }, fetch: store.interviewer, save: store.save)
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

/// A participant or an interviewer, as rosters read and write them.
protocol RosterMember: Sendable {
    /// "participant" or "interviewer", for messages.
    static var noun: String { get }
    /// CSV columns that are fields rather than attributes.
    static var columns: [String] { get }
    var id: String { get }
    init(blank id: String)
    mutating func set(_ field: String, _ text: String) throws(PersonFields.Problem)
    /// What the record still lacks to be stored, if anything.
    var missing: String? { get }
}

extension Participant: RosterMember {
    static var noun: String { "participant" }
    static var columns: [String] { PersonFields.participantColumns }
    init(blank id: String) { self.init(id: id) }
    mutating func set(_ field: String, _ text: String) throws(PersonFields.Problem) {
        try PersonFields.set(field, text, on: &self)
    }
    var missing: String? { nil }
}

extension Interviewer: RosterMember {
    static var noun: String { "interviewer" }
    static var columns: [String] { PersonFields.interviewerColumns }
    init(blank id: String) { self.init(id: id, name: "") }
    mutating func set(_ field: String, _ text: String) throws(PersonFields.Problem) {
        try PersonFields.set(field, text, on: &self)
    }
    var missing: String? { name.isEmpty ? "has no name (add a 'name' column or --name)" : nil }
}
