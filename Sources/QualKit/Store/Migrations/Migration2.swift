extension Migration {
    /// Participants, interviewers, interviews and withdrawal tombstones.
    static let people = Migration(
        number: 2, name: "people and interviews",
        sql: """
            CREATE TABLE participant (
                id TEXT PRIMARY KEY,
                languages TEXT NOT NULL DEFAULT '',          -- comma-separated BCP 47 tags, preferred first
                gender TEXT,
                community TEXT,
                availability TEXT NOT NULL DEFAULT '',       -- canonical weekly windows
                prefers_gender TEXT NOT NULL DEFAULT 'any',
                prefers_same_community TEXT NOT NULL DEFAULT 'unspecified'
                    CHECK (prefers_same_community IN ('yes', 'no', 'unspecified')),
                consent_date TEXT,
                consent_version TEXT,
                consent_quotes INTEGER NOT NULL DEFAULT 0 CHECK (consent_quotes IN (0, 1)),
                created_at TEXT NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE participant_attribute (
                participant TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (participant, key)
            ) WITHOUT ROWID;
            CREATE INDEX participant_attribute_by_key ON participant_attribute(key, value);

            CREATE TABLE interviewer (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                languages TEXT NOT NULL DEFAULT '',
                gender TEXT,
                community TEXT,
                capacity INTEGER NOT NULL DEFAULT 10 CHECK (capacity >= 0),
                availability TEXT NOT NULL DEFAULT ''
            ) WITHOUT ROWID;

            CREATE TABLE interviewer_attribute (
                interviewer TEXT NOT NULL REFERENCES interviewer(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (interviewer, key)
            ) WITHOUT ROWID;

            CREATE TABLE interview (
                id TEXT PRIMARY KEY,
                participant TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                interviewer TEXT REFERENCES interviewer(id),
                protocol TEXT,
                protocol_version INTEGER,
                date TEXT,
                language TEXT,
                mode TEXT CHECK (mode IN ('in-person', 'phone', 'video')),
                status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
                slot TEXT,                                   -- the weekly window a match proposed
                created_at TEXT NOT NULL,
                CHECK ((protocol IS NULL) = (protocol_version IS NULL))
            ) WITHOUT ROWID;
            CREATE INDEX interview_by_participant ON interview(participant);
            CREATE INDEX interview_by_interviewer ON interview(interviewer, status);

            -- The right to withdraw: everything about the person is erased; only this stays, so the
            -- same pseudonym is not imported again by accident.
            CREATE TABLE withdrawal (
                participant TEXT PRIMARY KEY,
                withdrawn_on TEXT NOT NULL,
                reason TEXT
            ) WITHOUT ROWID;
            """)
}
