extension Migration {
    /// The audit trail: one row per change a command made, appended in the change's transaction.
    /// Triggers refuse every update and delete, so nothing in qualkit edits or removes a row.
    static let audit = Migration(
        number: 7, name: "audit trail",
        sql: """
            -- No participant data: command words keep only option names and closed values
            -- (choices, numbers, dates); ids, paths and free text are elided.
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                command TEXT NOT NULL,
                words TEXT NOT NULL,
                changes INTEGER NOT NULL CHECK (changes >= 0)
            );
            CREATE TRIGGER audit_rows_are_never_changed BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit rows cannot be changed'); END;
            CREATE TRIGGER audit_rows_are_never_deleted BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit rows cannot be deleted'); END;
            """)
}
