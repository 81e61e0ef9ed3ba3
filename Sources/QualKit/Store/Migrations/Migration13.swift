extension Migration {
    /// A transcript's full text moves out of the `transcript` row into `transcript_text`.
    ///
    /// `transcript` is `WITHOUT ROWID`, so its rows live in the primary-key b-tree and every seek by
    /// id (each segment insert's foreign-key check, every join from segment, coverage or memo)
    /// compared against the whole row, reading a multi-megabyte text's overflow chain each time:
    /// importing one long transcript was quadratic (20,000 segments against a 3 MB text: 7.7 s in
    /// the sqlite3 shell, 0.15 s with the text in its own table). With the text elsewhere the
    /// `transcript` row is a few hundred bytes and the lookups never leave its page.
    static let transcriptTextApart = Migration(
        number: 13, name: "transcript text in its own table",
        sql: """
            -- The full plain text that segment offsets refer to, one row per transcript.
            CREATE TABLE transcript_text (
                transcript TEXT PRIMARY KEY REFERENCES transcript(id) ON DELETE CASCADE,
                text TEXT NOT NULL
            );
            INSERT INTO transcript_text(transcript, text) SELECT id, text FROM transcript;
            ALTER TABLE transcript DROP COLUMN text;
            """)
}
