extension Migration {
    /// Service changes ("you said, we did"), outcome measures, the redaction list, and a log of
    /// every export of unredacted text.
    static let findings = Migration(
        number: 5, name: "actions, outcomes and redaction",
        sql: """
            CREATE TABLE action (
                id INTEGER PRIMARY KEY,
                change TEXT NOT NULL,
                owner TEXT,
                due TEXT,
                status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
                done_on TEXT,
                note TEXT,
                created_at TEXT NOT NULL
            );
            CREATE TABLE action_theme (
                action INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
                code TEXT NOT NULL REFERENCES code(path) ON UPDATE CASCADE,
                PRIMARY KEY (action, code)
            ) WITHOUT ROWID;

            CREATE TABLE outcome (
                id INTEGER PRIMARY KEY,
                measure TEXT NOT NULL,
                period TEXT NOT NULL,
                value REAL NOT NULL,
                n INTEGER,
                grp TEXT,
                unit TEXT CHECK (unit IN ('%', 'count', 'rate')),
                date TEXT,
                action INTEGER REFERENCES action(id) ON DELETE SET NULL,
                created_at TEXT NOT NULL
            );

            CREATE TABLE redaction_term (
                term TEXT PRIMARY KEY COLLATE NOCASE,
                label TEXT NOT NULL
            ) WITHOUT ROWID;

            -- Information governance: every export of unredacted coded text is recorded.
            CREATE TABLE disclosure_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                what TEXT NOT NULL
            );
            """)
}
