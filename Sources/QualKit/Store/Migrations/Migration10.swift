extension Migration {
    /// A memo may be about a code alone: its transcript becomes optional. SQLite cannot drop a NOT
    /// NULL constraint, so the table is rebuilt with the same rows and ids.
    static let memosAboutCodes = Migration(
        number: 10, name: "memos about a code alone",
        sql: """
            CREATE TABLE memo_new (
                id INTEGER PRIMARY KEY,
                transcript TEXT REFERENCES transcript(id) ON DELETE CASCADE,
                segment_number INTEGER,
                code TEXT REFERENCES code(path) ON UPDATE CASCADE ON DELETE SET NULL,
                coder TEXT REFERENCES coder(id),
                text TEXT NOT NULL,
                created_at TEXT NOT NULL,
                CHECK (segment_number IS NULL OR transcript IS NOT NULL)
            );
            INSERT INTO memo_new(id, transcript, segment_number, code, coder, text, created_at)
                SELECT id, transcript, segment_number, code, coder, text, created_at FROM memo;
            DROP TABLE memo;
            ALTER TABLE memo_new RENAME TO memo;
            CREATE INDEX memo_by_transcript ON memo(transcript, segment_number);
            CREATE INDEX memo_by_code ON memo(code);
            """)
}
