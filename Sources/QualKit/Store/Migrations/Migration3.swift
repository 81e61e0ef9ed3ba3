extension Migration {
    /// Transcripts and their segments, full-text search, the codebook, coders, codings, coverage, memos.
    static let transcriptsAndCoding = Migration(
        number: 3, name: "transcripts and coding",
        sql: """
            CREATE TABLE transcript (
                id TEXT PRIMARY KEY,                          -- the interview's id
                interview TEXT NOT NULL UNIQUE REFERENCES interview(id) ON DELETE CASCADE,
                format TEXT NOT NULL CHECK (format IN ('txt', 'vtt', 'srt')),
                source_file TEXT NOT NULL,
                header TEXT NOT NULL DEFAULT '',              -- lines before the first turn, kept as metadata
                text TEXT NOT NULL,                           -- the full plain text that offsets refer to
                imported_at TEXT NOT NULL
            ) WITHOUT ROWID;

            -- One speaker turn. Offsets count Unicode scalar values in transcript.text, end exclusive.
            CREATE TABLE segment (
                id INTEGER PRIMARY KEY,
                transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                speaker TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('interviewer', 'participant')),
                start_ms INTEGER,
                end_ms INTEGER,
                text TEXT NOT NULL,
                text_start INTEGER NOT NULL,
                text_end INTEGER NOT NULL,
                UNIQUE (transcript, number)
            );

            CREATE VIRTUAL TABLE segment_search USING fts5(
                text, content = 'segment', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
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

            CREATE TABLE code (
                path TEXT PRIMARY KEY,
                name TEXT,
                kind TEXT NOT NULL,
                definition TEXT,
                use_when TEXT,
                do_not_use_when TEXT,
                example TEXT,
                color TEXT,
                created_at TEXT NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE coder (
                id TEXT PRIMARY KEY,
                name TEXT,
                created_at TEXT NOT NULL
            ) WITHOUT ROWID;

            -- Offsets relative to the segment (what coders see) and to the transcript (for exchange formats).
            CREATE TABLE coding (
                id INTEGER PRIMARY KEY,
                segment INTEGER NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
                code TEXT NOT NULL REFERENCES code(path) ON UPDATE CASCADE,
                coder TEXT NOT NULL REFERENCES coder(id),
                start INTEGER NOT NULL CHECK (start >= 0),
                end INTEGER NOT NULL CHECK (end > start),
                transcript_start INTEGER NOT NULL,
                transcript_end INTEGER NOT NULL,
                memo TEXT,
                created_at TEXT NOT NULL,
                UNIQUE (segment, code, coder, start, end)
            );
            CREATE INDEX coding_by_code ON coding(code, segment);
            CREATE INDEX coding_by_coder ON coding(coder, segment);

            -- A coder covers a transcript once they tag in it, import an empty-code row for it, or mark it done:
            -- coverage separates "coded, found nothing" from "not coded".
            CREATE TABLE coverage (
                transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
                coder TEXT NOT NULL REFERENCES coder(id),
                done INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (transcript, coder)
            ) WITHOUT ROWID;

            CREATE TABLE memo (
                id INTEGER PRIMARY KEY,
                transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
                segment_number INTEGER,
                code TEXT REFERENCES code(path) ON UPDATE CASCADE ON DELETE SET NULL,
                coder TEXT REFERENCES coder(id),
                text TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """)
}
