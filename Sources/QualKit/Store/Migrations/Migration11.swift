extension Migration {
    /// An outcome measure's direction of improvement, so its chart can call a signal improvement
    /// or concern. Existing rows keep no direction (signals read as neutral) until it is set.
    static let outcomeDirection = Migration(
        number: 11, name: "outcome direction",
        sql: """
            ALTER TABLE outcome ADD COLUMN better TEXT CHECK (better IS NULL OR better IN ('higher', 'lower', 'neither'));
            """)
}
