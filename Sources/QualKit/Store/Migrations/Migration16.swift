extension Migration {
    /// Consensus coders and the decisions that made them, so `report` can tell a consensus coder
    /// from an ordinary one and a reviewer can see what each disagreement became.
    ///
    /// A decision follows its transcript (a withdrawal deletes it) and its code (a rename).
    static let consensus = Migration(
        number: 16, name: "consensus coders",
        sql: """
            CREATE TABLE consensus (
                coder TEXT PRIMARY KEY REFERENCES coder(id),
                coder_a TEXT NOT NULL REFERENCES coder(id),
                coder_b TEXT NOT NULL REFERENCES coder(id),
                created_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE consensus_decision (
                coder TEXT NOT NULL REFERENCES consensus(coder),
                transcript TEXT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
                segment INTEGER NOT NULL,
                code TEXT NOT NULL REFERENCES code(path) ON UPDATE CASCADE ON DELETE CASCADE,
                decision TEXT NOT NULL CHECK (decision IN ('keep', 'drop')),
                decided_at TEXT NOT NULL,
                PRIMARY KEY (coder, transcript, segment, code)
            ) WITHOUT ROWID;
            """)
}
