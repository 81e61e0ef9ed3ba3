extension Migration {
    /// Codings that span several speaker turns, as selections made in other tools often do.
    ///
    /// Such a coding is stored as one part per segment it touches, each an ordinary coding, so every
    /// analysis counts it in every segment it touches without a special case. The parts share
    /// `selection`, the UUID of the one selection they came from, so an export writes them back as
    /// one selection from the first part's start to the last part's end. Codings made in qualkit
    /// have no `selection`.
    static let multiTurnSelections = Migration(
        number: 14, name: "multi-turn selections",
        sql: """
            ALTER TABLE coding ADD COLUMN selection TEXT;
            CREATE INDEX coding_by_selection ON coding(selection) WHERE selection IS NOT NULL;
            """)
}
