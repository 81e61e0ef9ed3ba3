extension Migration {
    /// Coder copies and merging them back: codes a merge brought in stay `proposed` until accepted;
    /// every change to a code, and every coding boundary a merge replaced, is kept with its time,
    /// its operating-system user and its old and new values; a coder copy records what it was
    /// handed out from, so a merge can tell which transcripts changed in the master since.
    ///
    /// History rows are never updated or deleted (triggers refuse it), like the audit trail.
    static let handoutsAndHistory = Migration(
        number: 17, name: "coder copies, proposed codes, codebook and coding history",
        sql: """
            ALTER TABLE code ADD COLUMN proposed INTEGER NOT NULL DEFAULT 0 CHECK (proposed IN (0, 1));

            -- One row per change to a code. `code_uuid` follows the code across renames; a merge
            -- names the code it went into in `target_uuid`, so a coder copy's codings can follow it.
            CREATE TABLE code_history (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                code_uuid TEXT NOT NULL,
                path TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN (
                    'added', 'renamed', 'moved', 'merged', 'updated', 'deleted', 'proposed', 'accepted')),
                field TEXT,
                old_value TEXT,
                new_value TEXT,
                target_uuid TEXT
            );
            CREATE INDEX code_history_by_uuid ON code_history(code_uuid);
            CREATE TRIGGER code_history_rows_are_never_changed BEFORE UPDATE ON code_history
            BEGIN SELECT RAISE(ABORT, 'history rows cannot be changed'); END;
            CREATE TRIGGER code_history_rows_are_never_deleted BEFORE DELETE ON code_history
            BEGIN SELECT RAISE(ABORT, 'history rows cannot be deleted'); END;

            -- A coding a merge replaced by the incoming one with other boundaries: the old span stays here.
            CREATE TABLE coding_history (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('boundaries changed')),
                transcript TEXT NOT NULL,
                segment INTEGER NOT NULL,
                code TEXT NOT NULL,
                coder TEXT NOT NULL,
                old_uuid TEXT NOT NULL,
                old_start INTEGER NOT NULL,
                old_end INTEGER NOT NULL,
                new_uuid TEXT NOT NULL,
                new_start INTEGER NOT NULL,
                new_end INTEGER NOT NULL,
                source TEXT NOT NULL
            );
            CREATE TRIGGER coding_history_rows_are_never_changed BEFORE UPDATE ON coding_history
            BEGIN SELECT RAISE(ABORT, 'history rows cannot be changed'); END;
            CREATE TRIGGER coding_history_rows_are_never_deleted BEFORE DELETE ON coding_history
            BEGIN SELECT RAISE(ABORT, 'history rows cannot be deleted'); END;

            -- In a coder copy only: whose copy it is and when it was made.
            CREATE TABLE handout (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                coder TEXT NOT NULL,
                made_at TEXT NOT NULL,
                made_by TEXT NOT NULL
            );
            -- Each transcript handed out, with the SHA-256 of the master's text at that time.
            CREATE TABLE handout_transcript (
                transcript TEXT PRIMARY KEY,
                text_sha256 TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
}
