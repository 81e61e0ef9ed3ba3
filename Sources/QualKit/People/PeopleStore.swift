/// Every SQL statement about participants, interviewers and withdrawals.
public struct PeopleStore {
    let db: Database

    public init(_ study: Study) { self.db = study.db }

    // MARK: Participants

    public func participantIDs() throws -> [String] {
        try db.rows("SELECT id FROM participant ORDER BY id").map { try $0["id"] }
    }

    public func participantExists(_ id: String) throws -> Bool {
        try db.value("SELECT 1 FROM participant WHERE id = ?", [id]) != .null
    }

    /// The participant, or ``NotFound`` naming the nearest id (or saying they withdrew).
    public func participant(_ id: String) throws -> Participant {
        guard let participant = try participants(ids: [id]).first else {
            if let withdrawal = try withdrawal(of: id) {
                throw PeopleError.withdrawn(participant: id, on: withdrawal.date)
            }
            throw PeopleError.unknownParticipant(Unknown(id, among: try participantIDs()))
        }
        return participant
    }

    /// Participants in id order; all of them when `ids` is nil.
    public func participants(ids: [String]? = nil) throws -> [Participant] {
        var attributes: [String: [String: String]] = [:]
        let attributeSQL =
            ids == nil
            ? "SELECT participant, key, value FROM participant_attribute"
            : "SELECT participant, key, value FROM participant_attribute WHERE participant = ?"
        let rowsSQL =
            ids == nil
            ? "SELECT * FROM participant ORDER BY id"
            : "SELECT * FROM participant WHERE id = ?"
        var result: [Participant] = []
        for argument in ids.map({ $0.map { [$0] as [any SQLBindable] } }) ?? [[]] {
            try db.forEachRow(attributeSQL, argument) { row in
                attributes[try row["participant"], default: [:]][try row["key"]] = try row["value"]
            }
            try db.forEachRow(rowsSQL, argument) { row in
                let id: String = try row["id"]
                result.append(
                    Participant(
                        id: id, languages: Self.splitList(try row["languages"]), gender: try row["gender"],
                        community: try row["community"],
                        availability: (try? Availability.parse(try row["availability"])) ?? .none,
                        prefersGender: try row["prefers_gender"],
                        prefersSameCommunity: CommunityPreference(rawValue: try row["prefers_same_community"])
                            ?? .unspecified,
                        consent: Consent(
                            date: (try row["consent_date"] as String?).flatMap(CalendarDate.init),
                            version: try row["consent_version"], quotes: try row["consent_quotes"]),
                        attributes: attributes[id] ?? [:]))
            }
        }
        return result
    }

    /// Inserts or replaces a participant and their attributes.
    package func save(_ participant: Participant, isNew: Bool) throws {
        let values: [any SQLBindable] = [
            participant.languages.joined(separator: ","), participant.gender, participant.community,
            participant.availability.description, participant.prefersGender,
            participant.prefersSameCommunity.rawValue, participant.consent.date?.description,
            participant.consent.version, participant.consent.quotes,
        ]
        if isNew {
            try db.execute(
                """
                INSERT INTO participant(languages, gender, community, availability, prefers_gender,
                    prefers_same_community, consent_date, consent_version, consent_quotes, id, created_at, uuid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values + [participant.id, Clock.nowTimestamp(), StableID.make()])
        } else {
            try db.execute(
                """
                UPDATE participant SET languages = ?, gender = ?, community = ?, availability = ?, prefers_gender = ?,
                    prefers_same_community = ?, consent_date = ?, consent_version = ?, consent_quotes = ?
                WHERE id = ?
                """, values + [participant.id])
            try db.execute("DELETE FROM participant_attribute WHERE participant = ?", [participant.id])
        }
        for (key, value) in participant.attributes.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                "INSERT INTO participant_attribute(participant, key, value) VALUES (?, ?, ?)",
                [participant.id, key, value])
        }
    }

    /// Attribute keys in use, for `--where` and `--by` suggestions.
    public func participantAttributeKeys() throws -> [String] {
        try db.rows("SELECT DISTINCT key FROM participant_attribute ORDER BY key").map { try $0["key"] }
    }

    // MARK: Withdrawals

    public struct WithdrawalRecord: Sendable, Equatable {
        public let participant: String
        public let date: String
        public let reason: String?
    }

    public func withdrawal(of id: String) throws -> WithdrawalRecord? {
        try db.row("SELECT withdrawn_on, reason FROM withdrawal WHERE participant = ?", [id]).map {
            WithdrawalRecord(participant: id, date: try $0["withdrawn_on"], reason: try $0["reason"])
        }
    }

    public func withdrawals() throws -> [WithdrawalRecord] {
        try db.rows("SELECT participant, withdrawn_on, reason FROM withdrawal ORDER BY participant").map {
            WithdrawalRecord(participant: try $0["participant"], date: try $0["withdrawn_on"], reason: try $0["reason"])
        }
    }

    // MARK: Interviewers

    public func interviewerIDs() throws -> [String] {
        try db.rows("SELECT id FROM interviewer ORDER BY id").map { try $0["id"] }
    }

    public func interviewerExists(_ id: String) throws -> Bool {
        try db.value("SELECT 1 FROM interviewer WHERE id = ?", [id]) != .null
    }

    public func interviewer(_ id: String) throws -> Interviewer {
        guard let interviewer = try interviewers().first(where: { $0.id == id }) else {
            throw PeopleError.unknownInterviewer(Unknown(id, among: try interviewerIDs()))
        }
        return interviewer
    }

    public func interviewers() throws -> [Interviewer] {
        var attributes: [String: [String: String]] = [:]
        try db.forEachRow("SELECT interviewer, key, value FROM interviewer_attribute") { row in
            attributes[try row["interviewer"], default: [:]][try row["key"]] = try row["value"]
        }
        return try db.rows("SELECT * FROM interviewer ORDER BY id").map { row in
            let id: String = try row["id"]
            return Interviewer(
                id: id, name: try row["name"], languages: Self.splitList(try row["languages"]),
                gender: try row["gender"],
                community: try row["community"], capacity: try row["capacity"],
                availability: (try? Availability.parse(try row["availability"])) ?? .none,
                attributes: attributes[id] ?? [:])
        }
    }

    package func save(_ interviewer: Interviewer, isNew: Bool) throws {
        let values: [any SQLBindable] = [
            interviewer.name, interviewer.languages.joined(separator: ","), interviewer.gender, interviewer.community,
            interviewer.capacity, interviewer.availability.description, interviewer.id,
        ]
        if isNew {
            try db.execute(
                """
                INSERT INTO interviewer(name, languages, gender, community, capacity, availability, id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, values)
        } else {
            try db.execute(
                """
                UPDATE interviewer SET name = ?, languages = ?, gender = ?, community = ?, capacity = ?, availability = ?
                WHERE id = ?
                """, values)
            try db.execute("DELETE FROM interviewer_attribute WHERE interviewer = ?", [interviewer.id])
        }
        for (key, value) in interviewer.attributes.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                "INSERT INTO interviewer_attribute(interviewer, key, value) VALUES (?, ?, ?)",
                [interviewer.id, key, value])
        }
    }

    static func splitList(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }
}
