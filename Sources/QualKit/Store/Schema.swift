/// Every migration of the study schema, in order. Append new ones; never edit a shipped one.
public enum Schema {
    public static let migrator = Migrator([
        .studyAndProtocols,
        .people,
        .transcriptsAndCoding,
        .analysisIndexes,
        .findings,
        .codingsFollowSegments,
        .audit,
        .speakerRoles,
        .reachFigures,
        .memosAboutCodes,
        .outcomeDirection,
        .identity,
        .transcriptTextApart,
        .multiTurnSelections,
        .attributeLabels,
        .consensus,
        .handoutsAndHistory,
    ])

    /// Marks a SQLite file as a qualkit study ('QKIT'), so another SQLite file is not mistaken for one.
    public static let applicationID: Int32 = 0x514B_4954
}
