/// Every SQL statement about actions and outcomes.
public struct FindingsStore {
    let db: Database

    public init(_ study: Study) { db = study.db }

    public func actions() throws -> [ServiceAction] {
        var themes: [Int: [String]] = [:]
        try db.forEachRow("SELECT action, code FROM action_theme ORDER BY code") {
            themes[try $0["action"], default: []].append(try $0["code"])
        }
        return try db.rows("SELECT * FROM action ORDER BY id").map { row in
            let id: Int = try row["id"]
            return ServiceAction(
                id: id, themes: themes[id] ?? [], change: try row["change"], owner: try row["owner"],
                due: (try row["due"] as String?).flatMap(CalendarDate.init),
                status: ServiceAction.Status(rawValue: try row["status"]) ?? .planned,
                doneOn: (try row["done_on"] as String?).flatMap(CalendarDate.init), note: try row["note"])
        }
    }

    public func action(_ id: Int) throws -> ServiceAction {
        guard let action = try actions().first(where: { $0.id == id }) else {
            throw FindingsError.unknownAction(Unknown(String(id), among: try actions().map { String($0.id) }))
        }
        return action
    }

    func insert(_ action: ServiceAction) throws -> Int {
        try db.execute(
            "INSERT INTO action(change, owner, due, status, done_on, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                action.change, action.owner, action.due?.description, action.status.rawValue,
                action.doneOn?.description,
                action.note, Clock.nowTimestamp(),
            ])
        let id = Int(db.lastInsertedRowID)
        try setThemes(id, action.themes)
        return id
    }

    func update(_ action: ServiceAction) throws {
        try db.execute(
            "UPDATE action SET change = ?, owner = ?, due = ?, status = ?, done_on = ?, note = ? WHERE id = ?",
            [
                action.change, action.owner, action.due?.description, action.status.rawValue,
                action.doneOn?.description,
                action.note, action.id,
            ])
        try db.execute("DELETE FROM action_theme WHERE action = ?", [action.id])
        try setThemes(action.id, action.themes)
    }

    private func setThemes(_ id: Int, _ themes: [String]) throws {
        for theme in themes {
            try db.execute("INSERT OR IGNORE INTO action_theme(action, code) VALUES (?, ?)", [id, theme])
        }
    }

    public func outcomes() throws -> [Outcome] {
        try db.rows("SELECT * FROM outcome ORDER BY measure, coalesce(grp, ''), coalesce(date, period), period, id").map
        { row in
            Outcome(
                id: try row["id"], measure: try row["measure"], period: try row["period"], value: try row["value"],
                n: try row["n"],
                group: try row["grp"],
                unit: (try row["unit"] as String?).flatMap(Outcome.Unit.init),
                date: (try row["date"] as String?).flatMap(CalendarDate.init),
                action: try row["action"], better: (try row["better"] as String?).flatMap(XmR.Better.init))
        }
    }

    /// Codings that may be quoted: on turns whose speaker role is `participant`, of participants
    /// who consented to quotes and have not withdrawn, under `codePrefix` (every code when nil).
    ///
    /// Interviewer, other and unknown turns are left out here, in the query, however they are
    /// coded, so no later step can quote them.
    public func quotableCodings(codePrefix: String?) throws -> [Coding] {
        var result: [Coding] = []
        try db.forEachRow(
            CodingStore.codingRowsSQL + """

                JOIN participant p ON p.id = i.participant
                WHERE s.role = 'participant'
                  AND p.consent_quotes = 1
                  AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.participant = p.id)
                  AND (?1 IS NULL OR c.code = ?1 OR c.code LIKE ?2 ESCAPE '\\')
                ORDER BY t.id, s.number, c.start, c.end, c.code, c.coder
                """,
            [codePrefix, codePrefix.map(CodeStore.likePrefix)]
        ) { row in result.append(try CodingStore.coding(row)) }
        return result
    }

    func insert(_ outcome: Outcome) throws {
        try db.execute(
            """
            INSERT INTO outcome(measure, period, value, n, grp, unit, date, action, better, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                outcome.measure, outcome.period, outcome.value, outcome.n, outcome.group, outcome.unit?.rawValue,
                outcome.date?.description, outcome.action, outcome.better?.rawValue, Clock.nowTimestamp(),
            ])
    }
}
