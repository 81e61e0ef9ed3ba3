extension Migration {
    /// A stable UUID for every code, coder, transcript, participant, coding and memo: exchange
    /// formats (REFI-QDA GUIDs) use it, so two exports of one study agree and a rename keeps it.
    ///
    /// SQLite cannot add a column whose default is an expression, so existing rows are filled here
    /// and a trigger fills any new row that arrives without one (the stores give one on insert, with
    /// ``StableID``, so the audit counts one change per row). A random (version 4) UUID, lower case.
    static let identity = Migration(
        number: 12, name: "stable identities",
        sql: [
            ("code", "path"), ("coder", "id"), ("transcript", "id"), ("participant", "id"), ("coding", "id"),
            ("memo", "id"),
        ]
        .map { table, key in
            """
            ALTER TABLE \(table) ADD COLUMN uuid TEXT;
            UPDATE \(table) SET uuid = \(uuidExpression);
            CREATE UNIQUE INDEX \(table)_by_uuid ON \(table)(uuid);
            CREATE TRIGGER \(table)_gets_a_uuid AFTER INSERT ON \(table) WHEN new.uuid IS NULL
            BEGIN UPDATE \(table) SET uuid = \(uuidExpression) WHERE \(key) = new.\(key); END;

            """
        }.joined())

    /// A random version-4 UUID in lower case, as a SQL expression.
    static let uuidExpression =
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
}
