extension Migration {
    /// The area's population and the recruitment targets, so `reach` and `status` can use them
    /// without the files: each import replaces the whole table.
    static let reachFigures = Migration(
        number: 9, name: "reach population and targets",
        sql: """
            CREATE TABLE reach_population (
                attribute TEXT NOT NULL,
                value TEXT NOT NULL,
                share REAL NOT NULL CHECK (share >= 0 AND share <= 1),
                count INTEGER CHECK (count >= 0),
                position INTEGER NOT NULL,
                source_file TEXT NOT NULL,
                PRIMARY KEY (attribute, value)
            ) WITHOUT ROWID;
            CREATE TABLE reach_target (
                attribute TEXT NOT NULL,
                value TEXT NOT NULL,
                target INTEGER NOT NULL CHECK (target >= 0),
                position INTEGER NOT NULL,
                source_file TEXT NOT NULL,
                PRIMARY KEY (attribute, value)
            ) WITHOUT ROWID;
            """)
}
