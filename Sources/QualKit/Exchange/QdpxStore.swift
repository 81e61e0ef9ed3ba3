/// The reads a REFI-QDA project export makes, in one place, every list in a fixed order so two
/// exports of one study are byte-identical. Participants who withdrew are erased by
/// ``Withdrawal``; the queries also leave out any id on the withdrawal list, so nothing of theirs
/// could be exported even if a row were left behind.
struct QdpxStore {
    let study: Study

    struct Source {
        let id: String
        let uuid: String
        let importedAt: String
        let text: String
    }

    struct User {
        let id: String
        let name: String?
        let uuid: String
    }

    struct Case {
        let id: String
        let uuid: String
        /// Gender, community and languages where set, then the free attributes, by name.
        let values: [(name: String, value: String)]
        let sources: [String]
    }

    /// One stored coding (one part, for a selection spanning several turns).
    struct Part {
        let uuid: String
        let selection: String?
        let code: String
        let coderUUID: String
        let start: Int
        let end: Int
        let memo: String?
        let createdAt: String
    }

    struct Memo {
        let uuid: String
        let transcript: String?
        /// The segment it is about, if any.
        let segment: Int?
        let code: String?
        let coderUUID: String?
        let text: String
        let createdAt: String
    }

    static let notWithdrawn = "participant NOT IN (SELECT participant FROM withdrawal)"

    /// Transcripts of participants who have not withdrawn, by id.
    func sources() throws -> [Source] {
        try study.db.rows(
            """
            SELECT t.id, t.uuid, t.imported_at, x.text FROM transcript t
            JOIN transcript_text x ON x.transcript = t.id
            JOIN interview i ON i.id = t.interview
            WHERE i.\(Self.notWithdrawn) ORDER BY t.id
            """
        ).map { row in
            Source(
                id: row[0].stringValue ?? "", uuid: row[1].stringValue ?? "", importedAt: row[2].stringValue ?? "",
                text: row[3].stringValue ?? "")
        }
    }

    func users() throws -> [User] {
        try study.db.rows("SELECT id, name, uuid FROM coder ORDER BY id").map { row in
            User(id: row[0].stringValue ?? "", name: row[1].stringValue, uuid: row[2].stringValue ?? "")
        }
    }

    func cases() throws -> [Case] {
        var attributes: [String: [(String, String)]] = [:]
        for row in try study.db.rows(
            "SELECT participant, key, value FROM participant_attribute WHERE \(Self.notWithdrawn) ORDER BY participant, key"
        ) {
            attributes[row[0].stringValue ?? "", default: []].append(
                (row[1].stringValue ?? "", row[2].stringValue ?? ""))
        }
        var sources: [String: [String]] = [:]
        for row in try study.db.rows(
            "SELECT i.participant, t.uuid FROM transcript t JOIN interview i ON i.id = t.interview ORDER BY t.id")
        {
            sources[row[0].stringValue ?? "", default: []].append(row[1].stringValue ?? "")
        }
        return try study.db.rows(
            "SELECT id, uuid, gender, community, languages FROM participant WHERE id NOT IN (SELECT participant FROM withdrawal) ORDER BY id"
        ).map { row in
            let id = row[0].stringValue ?? ""
            var values: [(name: String, value: String)] = []
            for (index, name) in [(2, "gender"), (3, "community"), (4, "languages")] {
                if let value = row[index].stringValue, !value.isEmpty { values.append((name, value)) }
            }
            values += (attributes[id] ?? []).map { (name: $0.0, value: $0.1) }
            return Case(id: id, uuid: row[1].stringValue ?? "", values: values, sources: sources[id] ?? [])
        }
    }

    /// The codings of transcript `id`, in text order.
    func parts(of transcript: String) throws -> [Part] {
        try study.db.rows(
            """
            SELECT c.uuid, c.selection, c.code, r.uuid, c.transcript_start, c.transcript_end, c.memo, c.created_at
            FROM coding c JOIN segment s ON s.id = c.segment JOIN coder r ON r.id = c.coder
            WHERE s.transcript = ?
            ORDER BY c.transcript_start, c.transcript_end, c.code, r.id, c.uuid
            """, [transcript]
        ).map { row in
            Part(
                uuid: row[0].stringValue ?? "", selection: row[1].stringValue, code: row[2].stringValue ?? "",
                coderUUID: row[3].stringValue ?? "", start: row[4].intValue ?? 0, end: row[5].intValue ?? 0,
                memo: row[6].stringValue, createdAt: row[7].stringValue ?? "")
        }
    }

    /// Memos, oldest first, with their transcript's id and their coder's UUID.
    func memos() throws -> [Memo] {
        try study.db.rows(
            """
            SELECT m.uuid, m.transcript, m.code, r.uuid, m.text, m.created_at, m.segment_number FROM memo m
            LEFT JOIN coder r ON r.id = m.coder
            LEFT JOIN transcript t ON t.id = m.transcript
            LEFT JOIN interview i ON i.id = t.interview
            WHERE m.transcript IS NULL OR i.\(Self.notWithdrawn)
            ORDER BY m.id
            """
        ).map { row in
            Memo(
                uuid: row[0].stringValue ?? "", transcript: row[1].stringValue, segment: row[6].intValue,
                code: row[2].stringValue,
                coderUUID: row[3].stringValue, text: row[4].stringValue ?? "", createdAt: row[5].stringValue ?? "")
        }
    }

    /// What the standard has no place for, counted: (what, how many).
    func leftOut() throws -> [(String, Int)] {
        let counts: [(String, String)] = [
            ("protocols", "SELECT count(*) FROM protocol_version"),
            ("interviewers", "SELECT count(*) FROM interviewer"),
            ("interviews", "SELECT count(*) FROM interview WHERE \(Self.notWithdrawn)"),
            (
                "consent records",
                "SELECT count(*) FROM participant WHERE (consent_date IS NOT NULL OR consent_version IS NOT NULL OR consent_quotes = 1) AND id NOT IN (SELECT participant FROM withdrawal)"
            ),
            ("actions", "SELECT count(*) FROM action"),
            ("outcomes", "SELECT count(*) FROM outcome"),
            ("coverage marks", "SELECT count(*) FROM coverage"),
        ]
        return try counts.map { ($0.0, try study.db.value($0.1).intValue ?? 0) }
    }
}
