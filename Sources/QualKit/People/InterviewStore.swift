/// Every SQL statement about interviews.
public struct InterviewStore {
    let db: Database

    public init(_ study: Study) { self.db = study.db }

    public func ids() throws -> [String] {
        try db.rows("SELECT id FROM interview ORDER BY id").map { try $0["id"] }
    }

    /// Whether an interview has this id: one index probe, where `ids().contains` read them all.
    public func exists(_ id: String) throws -> Bool {
        try db.value("SELECT 1 FROM interview WHERE id = ?", [id]) != .null
    }

    public func interview(_ id: String) throws -> Interview {
        guard let interview = try interviews(where: .id(id)).first else {
            throw PeopleError.unknownInterview(Unknown(id, among: try ids()))
        }
        return interview
    }

    public enum Filter {
        case all
        case id(String)
        case participant(String)
        case interviewer(String)
        case status(Interview.Status)
    }

    public func interviews(where filter: Filter = .all) throws -> [Interview] {
        let base = "SELECT * FROM interview"
        let (sql, arguments): (String, [any SQLBindable]) =
            switch filter {
            case .all: (base + " ORDER BY id", [])
            case .id(let id): (base + " WHERE id = ?", [id])
            case .participant(let id): (base + " WHERE participant = ? ORDER BY id", [id])
            case .interviewer(let id): (base + " WHERE interviewer = ? ORDER BY id", [id])
            case .status(let status): (base + " WHERE status = ? ORDER BY id", [status.rawValue])
            }
        return try db.rows(sql, arguments).map { row in
            let protocolID: String? = try row["protocol"]
            let version: Int? = try row["protocol_version"]
            return Interview(
                id: try row["id"], participant: try row["participant"], interviewer: try row["interviewer"],
                protocolReference: protocolID.flatMap { id in version.map { "\(id)@\($0)" } },
                date: (try row["date"] as String?).flatMap(CalendarDate.init), language: try row["language"],
                mode: (try row["mode"] as String?).flatMap(Interview.Mode.init),
                status: Interview.Status(rawValue: try row["status"]) ?? .planned,
                slot: try row["slot"])
        }
    }

    /// The next free interview id for `participant`: their id, then `-2`, `-3`, ...
    public func nextID(for participant: String) throws -> String {
        if try db.value("SELECT 1 FROM interview WHERE id = ?", [participant]) == .null { return participant }
        var number = 2
        while try db.value("SELECT 1 FROM interview WHERE id = ?", ["\(participant)-\(number)"]) != .null {
            number += 1
        }
        return "\(participant)-\(number)"
    }

    /// Planned or done interviews per interviewer: what counts against capacity.
    public func activeLoad() throws -> [String: Int] {
        var load: [String: Int] = [:]
        try db.forEachRow(
            """
            SELECT interviewer, count(*) AS n FROM interview
            WHERE interviewer IS NOT NULL AND status IN ('planned', 'done') GROUP BY interviewer
            """
        ) { row in load[try row["interviewer"]] = try row["n"] }
        return load
    }

    /// Participants with a planned or done interview: they are not matched again.
    public func participantsWithActiveInterviews() throws -> Set<String> {
        Set(
            try db.rows("SELECT DISTINCT participant FROM interview WHERE status IN ('planned', 'done')").map {
                try $0["participant"]
            })
    }

    func insert(_ interview: Interview) throws {
        let parts = interview.protocolReference.flatMap(ProtocolReference.init)
        try db.execute(
            """
            INSERT INTO interview(id, participant, interviewer, protocol, protocol_version, date, language, mode, status, slot, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                interview.id, interview.participant, interview.interviewer, parts?.id, parts?.version,
                interview.date?.description, interview.language, interview.mode?.rawValue, interview.status.rawValue,
                interview.slot, Clock.nowTimestamp(),
            ])
    }

    func update(_ interview: Interview) throws {
        let parts = interview.protocolReference.flatMap(ProtocolReference.init)
        try db.execute(
            """
            UPDATE interview SET interviewer = ?, protocol = ?, protocol_version = ?, date = ?, language = ?, mode = ?,
                status = ?, slot = ?
            WHERE id = ?
            """,
            [
                interview.interviewer, parts?.id, parts?.version, interview.date?.description, interview.language,
                interview.mode?.rawValue, interview.status.rawValue, interview.slot, interview.id,
            ])
    }
}
