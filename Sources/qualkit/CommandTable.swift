/// Every command qualkit has, in the order help lists them.
enum CommandTable {
    static let all: [Command] =
        StudyCommands.all + ProtocolCommands.all + PeopleCommands.all + InterviewCommands.all
        + TranscriptCommands.all + CodeCommands.all + CodingCommands.all + AnalysisCommands.all + FindingsCommands.all
        + BenchCommands.all

    /// Headings of `qualkit help`, with the first words of the commands under each.
    static let sections: [(title: String, words: [String])] = [
        ("Study", ["init", "status", "demo"]),
        ("Interview protocols", ["protocol"]),
        ("People and interviews", ["participant", "interviewer", "interview", "match"]),
        ("Transcripts and search", ["transcript", "search"]),
        ("Codebook and coding", ["code", "codebook", "coder", "tag", "untag", "codings", "coding", "memo"]),
        ("Analysis", ["tally", "cooccur", "saturation", "agreement"]),
        ("Findings and service change", ["report", "action", "outcome", "redact"]),
        ("Benchmarks", ["bench"]),
    ]
}
