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
                throw PeopleError.invalidField(error, value: text)
            }
        }
    }

    private func checkNewParticipantID(_ id: String) throws {
        guard Identifiers.isPersonID(id) else { throw PeopleError.invalidID(.participant, id: id) }
        if let withdrawal = try store.withdrawal(of: id) {
            throw PeopleError.withdrawnIDReused(participant: id, on: withdrawal.date)
        }
        if try store.participantExists(id) { throw PeopleError.alreadyExists(.participant, id: id) }
    }

    /// Imports participants from CSV: all rows or none.
    ///
    /// A column whose name is close to a field's (`availabilty`) is refused as a likely misspelling
    /// unless named in `attributes` or written with the `attr_` prefix.
    public func importParticipants(
        path: String, update: Bool, allowColumns: Set<String>, attributes: Set<String> = []
    ) throws -> ImportReport {
        try importRows(
            path: path, update: update, allowColumns: allowColumns, attributes: attributes,
            existing: Set(try store.participantIDs()),
            refusal: { id in
                try store.withdrawal(of: id).map {
                    "participant \(id) withdrew on \($0.date); their id cannot be imported again"
                }
            },
            fetch: store.participant, save: store.save)
    }

    /// Reads a roster CSV, checks every row against the study and writes all rows or none.
    private func importRows<Member: RosterMember>(
        path: String, update: Bool, allowColumns: Set<String>, attributes: Set<String>, existing: Set<String>,
        refusal: (String) throws -> String?, fetch: (String) throws -> Member, save: (Member, Bool) throws -> Void
    ) throws -> ImportReport {
        let csv = try RosterCSV(
            path: path, recognised: Member.columns, allowed: allowColumns, attributes: attributes)
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
                        file: path, line: row.line, "\(Member.noun) \(row.id) already exists",
                        remedy: .updateExistingRows(Member.kind)))
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
                problems.append(
                    Diagnostic(
                        file: path, line: row.line, "\(Member.noun) \(row.id) \(missing.what)", remedy: missing.remedy))
                rowOK = false
            }
            if rowOK { plans.append((member, isNew)) }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        try study.db.useBulkSettings()
        try study.db.transaction {
            for (member, isNew) in plans { try save(member, isNew) }
        }
        return ImportReport(added: plans.filter(\.1).map(\.0.id), updated: plans.filter { !$0.1 }.map(\.0.id))
    }

    // MARK: Interviewers

    public func addInterviewer(_ id: String, fields: [(String, String)]) throws -> Interviewer {
        guard Identifiers.isPersonID(id) else { throw PeopleError.invalidID(.interviewer, id: id) }
        if try store.interviewerExists(id) { throw PeopleError.alreadyExists(.interviewer, id: id) }
        var interviewer = Interviewer(id: id, name: "")
        try apply(fields, to: &interviewer)
        if interviewer.name.isEmpty { throw PeopleError.interviewerWithoutName(id) }
        try study.db.transaction { try store.save(interviewer, isNew: true) }
        return interviewer
    }

    public func updateInterviewer(_ id: String, fields: [(String, String)]) throws -> Interviewer {
        var interviewer = try store.interviewer(id)
        try apply(fields, to: &interviewer)
        try study.db.transaction { try store.save(interviewer, isNew: false) }
        return interviewer
    }

    /// Imports interviewers from a CSV file: every row, or none when any row is bad.
    ///
    /// Existing interviewers are refused unless `update`; columns named like direct identifiers are
    /// refused unless listed in `allowColumns` (normalised names).
    public func importInterviewers(
        path: String, update: Bool, allowColumns: Set<String>, attributes: Set<String> = []
    ) throws -> ImportReport {
        try importRows(
            path: path, update: update, allowColumns: allowColumns, attributes: attributes,
            existing: Set(try store.interviewerIDs()),
            refusal: { _ in nil }, fetch: store.interviewer, save: store.save)
    }
}

/// A participant or an interviewer, as rosters read and write them.
protocol RosterMember: Sendable {
    /// "participant" or "interviewer", for messages.
    static var noun: String { get }
    static var kind: RecordKind { get }
    /// CSV columns that are fields rather than attributes.
    static var columns: [String] { get }
    var id: String { get }
    init(blank id: String)
    mutating func set(_ field: String, _ text: String) throws(PersonFields.Problem)
    /// What the record still lacks to be stored, if anything, and how to supply it.
    var missing: (what: String, remedy: Remedy)? { get }
}

extension Participant: RosterMember {
    static var noun: String { "participant" }
    static var kind: RecordKind { .participant }
    static var columns: [String] { PersonFields.participantColumns }
    init(blank id: String) { self.init(id: id) }
    mutating func set(_ field: String, _ text: String) throws(PersonFields.Problem) {
        try PersonFields.set(field, text, on: &self)
    }
    var missing: (what: String, remedy: Remedy)? { nil }
}

extension Interviewer: RosterMember {
    static var noun: String { "interviewer" }
    static var kind: RecordKind { .interviewer }
    static var columns: [String] { PersonFields.interviewerColumns }
    init(blank id: String) { self.init(id: id, name: "") }
    mutating func set(_ field: String, _ text: String) throws(PersonFields.Problem) {
        try PersonFields.set(field, text, on: &self)
    }
    var missing: (what: String, remedy: Remedy)? { name.isEmpty ? ("has no name", .nameInterviewer) : nil }
}
