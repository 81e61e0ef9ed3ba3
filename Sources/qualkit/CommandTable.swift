import QualKitCommandLine

/// Every command qualkit has, under the headings `qualkit help` lists them by.
enum CommandTable {
    static let version = "0.1.0"

    static let sections: [CommandSection] = [
        CommandSection("Study", StudyCommands.all),
        CommandSection("Interview protocols", ProtocolCommands.all),
        CommandSection("People and interviews", PeopleCommands.all + InterviewCommands.all + AttributeCommands.all),
        CommandSection("Transcripts and search", TranscriptCommands.all),
        CommandSection("Codebook and coding", CodeCommands.all + CodingCommands.all),
        CommandSection("Exchange with other tools", QdpxExportCommands.all + QdpxImportCommands.all),
        CommandSection("Analysis", AnalysisCommands.all + ReachCommands.all),
        CommandSection("Two coders", CoderCopyCommands.all + ConsensusCommands.all),
        CommandSection("Findings and service change", FindingsCommands.all),
    ]

    static let about = """
        qualitative interview studies in health and care services:
        protocols, participants and interviewers, transcripts and coding, barrier-theme analysis and
        findings, all in one SQLite study file.
        """

    static func tool(console: Console, environment: [String: String]) -> CommandLineTool {
        CommandLineTool(
            name: "qualkit", version: version, about: about, sections: sections, console: console,
            environment: environment)
    }
}
