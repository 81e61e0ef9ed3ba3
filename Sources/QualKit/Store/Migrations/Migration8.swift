extension Migration {
    /// Speaker roles become `interviewer`, `participant`, `other` or `unknown`, so a relative, an
    /// interpreter or a label nobody recognised is never quoted as the participant.
    ///
    /// SQLite cannot change a CHECK constraint, so the segment table is rebuilt with the same rows
    /// and ids (the full-text index and codings refer to them). Dropping the old table would cascade
    /// to the codings (foreign keys are on and cannot be turned off inside the migration's
    /// transaction), so they are kept aside and put back with their ids. The triggers on segment go
    /// with the old table and are created again as migrations 3 and 6 made them.
    static let speakerRoles = Migration(
        number: 8, name: "speaker roles: interviewer, participant, other, unknown",
        sql: """
            CREATE TEMP TABLE kept_coding AS SELECT * FROM coding;

            CREATE TABLE segment_rebuilt (
                id INTEGER PRIMARY KEY,
                transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                speaker TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('interviewer', 'participant', 'other', 'unknown')),
                start_ms INTEGER,
                end_ms INTEGER,
                text TEXT NOT NULL,
                text_start INTEGER NOT NULL,
                text_end INTEGER NOT NULL,
                UNIQUE (transcript, number)
            );
            INSERT INTO segment_rebuilt(id, transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end)
                SELECT id, transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end FROM segment;
            DROP TABLE segment;
            ALTER TABLE segment_rebuilt RENAME TO segment;

            INSERT INTO coding SELECT * FROM temp.kept_coding WHERE id NOT IN (SELECT id FROM coding);
            DROP TABLE temp.kept_coding;

            CREATE TRIGGER segment_search_insert AFTER INSERT ON segment BEGIN
                INSERT INTO segment_search(rowid, text) VALUES (new.id, new.text);
            END;
            CREATE TRIGGER segment_search_delete AFTER DELETE ON segment BEGIN
                INSERT INTO segment_search(segment_search, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            CREATE TRIGGER segment_search_update AFTER UPDATE OF text ON segment BEGIN
                INSERT INTO segment_search(segment_search, rowid, text) VALUES ('delete', old.id, old.text);
                INSERT INTO segment_search(rowid, text) VALUES (new.id, new.text);
            END;
            CREATE TRIGGER segment_moves_its_codings AFTER UPDATE OF text_start ON segment
            WHEN NEW.text_start IS NOT OLD.text_start
            BEGIN
                UPDATE coding SET transcript_start = NEW.text_start + start, transcript_end = NEW.text_start + end
                WHERE segment = NEW.id;
            END;
            """)
}
