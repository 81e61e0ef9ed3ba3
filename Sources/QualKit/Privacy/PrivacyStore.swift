/// Every SQL statement about the redaction list and the disclosure log.
struct PrivacyStore {
    let db: Database

    init(_ study: Study) { db = study.db }

    func redactionTerms() throws -> [Redactor.Term] {
        try db.rows("SELECT term, label FROM redaction_term ORDER BY term").map {
            Redactor.Term(term: try $0["term"], label: try $0["label"])
        }
    }

    func addTerm(_ term: Redactor.Term) throws {
        try db.execute(
            "INSERT INTO redaction_term(term, label) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET label = excluded.label",
            [term.term, term.label])
    }

    func removeTerm(_ term: String) throws -> Bool {
        try db.execute("DELETE FROM redaction_term WHERE term = ?", [term])
        return db.changes > 0
    }

    func logDisclosure(_ what: String) throws {
        try db.execute("INSERT INTO disclosure_log(at, what) VALUES (?, ?)", [Clock.nowTimestamp(), what])
    }

    func disclosures() throws -> [Disclosure.Entry] {
        try db.rows("SELECT at, what FROM disclosure_log ORDER BY rowid").map {
            Disclosure.Entry(at: try $0["at"], what: try $0["what"])
        }
    }
}
