extension Migration {
    /// A covering index so analyses read every coding's code, segment and coder from the index alone.
    static let analysisIndexes = Migration(
        number: 4, name: "analysis indexes",
        sql: """
            DROP INDEX coding_by_code;
            CREATE INDEX coding_by_code ON coding(code, segment, coder);
            """)
}
