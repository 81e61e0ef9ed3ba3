extension Migration {
    /// Study settings and immutable interview-protocol versions.
    static let studyAndProtocols = Migration(
        number: 1, name: "study and protocols",
        sql: """
            CREATE TABLE study_setting (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;

            -- One row per protocol version and language: the base language, then each translation.
            CREATE TABLE protocol_version (
                id INTEGER PRIMARY KEY,
                protocol TEXT NOT NULL,
                version INTEGER NOT NULL CHECK (version > 0),
                language TEXT NOT NULL,
                translation_of TEXT,
                title TEXT NOT NULL,
                duration_minutes INTEGER,
                ethics TEXT,
                source TEXT NOT NULL,
                source_file TEXT NOT NULL,
                question_count INTEGER NOT NULL,
                loaded_at TEXT NOT NULL,
                UNIQUE (protocol, version, language)
            );

            CREATE TABLE protocol_question (
                protocol_version_id INTEGER NOT NULL REFERENCES protocol_version(id),
                position INTEGER NOT NULL,
                question TEXT NOT NULL,
                section TEXT NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (protocol_version_id, question)
            ) WITHOUT ROWID;

            CREATE TABLE protocol_theme (
                protocol_version_id INTEGER NOT NULL REFERENCES protocol_version(id),
                question TEXT NOT NULL,
                code TEXT NOT NULL,
                PRIMARY KEY (protocol_version_id, question, code)
            ) WITHOUT ROWID;

            -- A guide used in the field must never change silently: stored versions are read-only.
            CREATE TRIGGER protocol_version_is_immutable BEFORE UPDATE ON protocol_version
            BEGIN SELECT RAISE(ABORT, 'protocol versions are immutable: load a new version'); END;
            CREATE TRIGGER protocol_question_is_immutable BEFORE UPDATE ON protocol_question
            BEGIN SELECT RAISE(ABORT, 'protocol versions are immutable: load a new version'); END;
            """)
}
