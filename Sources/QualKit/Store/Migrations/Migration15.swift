extension Migration {
    /// Human labels for participant attributes ("Age band" for `age_band`), so reports print words
    /// a reader knows rather than field names.
    static let attributeLabels = Migration(
        number: 15, name: "attribute labels",
        sql: """
            CREATE TABLE attribute_label (
                attribute TEXT PRIMARY KEY NOT NULL,
                label TEXT NOT NULL CHECK (length(trim(label)) > 0),
                updated_at TEXT NOT NULL
            );
            """)
}
