extension Migration {
    /// A stable UUID for every code, coder, transcript, participant, coding and memo: exchange
    /// formats (REFI-QDA GUIDs) use it, so two exports of one study agree and a rename keeps it.
    ///
    /// SQLite cannot add a column whose default is an expression, so existing rows are filled here
    /// and a trigger fills any new row that arrives without one (the stores give one on insert, with
    /// ``StableID``, so the audit counts one change per row). A random (version 4) UUID, lower case.
    static let identity = Migration(
        number: 12, name: "stable identities",
        sql: """
            ALTER TABLE code ADD COLUMN uuid TEXT;
            UPDATE code SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX code_by_uuid ON code(uuid);
            CREATE TRIGGER code_gets_a_uuid AFTER INSERT ON code WHEN new.uuid IS NULL
            BEGIN UPDATE code SET uuid = \(uuidExpression) WHERE path = new.path; END;
            ALTER TABLE coder ADD COLUMN uuid TEXT;
            UPDATE coder SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX coder_by_uuid ON coder(uuid);
            CREATE TRIGGER coder_gets_a_uuid AFTER INSERT ON coder WHEN new.uuid IS NULL
            BEGIN UPDATE coder SET uuid = \(uuidExpression) WHERE id = new.id; END;
            ALTER TABLE transcript ADD COLUMN uuid TEXT;
            UPDATE transcript SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX transcript_by_uuid ON transcript(uuid);
            CREATE TRIGGER transcript_gets_a_uuid AFTER INSERT ON transcript WHEN new.uuid IS NULL
            BEGIN UPDATE transcript SET uuid = \(uuidExpression) WHERE id = new.id; END;
            ALTER TABLE participant ADD COLUMN uuid TEXT;
            UPDATE participant SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX participant_by_uuid ON participant(uuid);
            CREATE TRIGGER participant_gets_a_uuid AFTER INSERT ON participant WHEN new.uuid IS NULL
            BEGIN UPDATE participant SET uuid = \(uuidExpression) WHERE id = new.id; END;
            ALTER TABLE coding ADD COLUMN uuid TEXT;
            UPDATE coding SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX coding_by_uuid ON coding(uuid);
            CREATE TRIGGER coding_gets_a_uuid AFTER INSERT ON coding WHEN new.uuid IS NULL
            BEGIN UPDATE coding SET uuid = \(uuidExpression) WHERE id = new.id; END;
            ALTER TABLE memo ADD COLUMN uuid TEXT;
            UPDATE memo SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX memo_by_uuid ON memo(uuid);
            CREATE TRIGGER memo_gets_a_uuid AFTER INSERT ON memo WHEN new.uuid IS NULL
            BEGIN UPDATE memo SET uuid = \(uuidExpression) WHERE id = new.id; END;
            """)

    /// A random version-4 UUID in lower case, as a SQL expression.
    static let uuidExpression =
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
}
