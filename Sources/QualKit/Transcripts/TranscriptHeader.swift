/// Header lines of a transcript: `Key: value` lines before the first turn, such as
/// `Date: 14/02/2024` or `Transcribed by: SK`. They are kept as the transcript's header, never as
/// turns, so they are neither quoted nor counted as units by the analyses.
///
/// Only the documented keys count (docs/transcripts-and-coding.md): `Interviewer: How are you?`
/// is a turn, not a header line, and so is any label after the first turn.
public enum TranscriptHeader {
    /// The keys of header lines, compared without case.
    public static let keys: Set<String> = [
        "date", "time", "location", "venue", "place", "site", "project", "study", "title", "transcribed by",
        "transcriber", "transcription", "duration", "length", "file", "filename", "file name", "recording",
        "audio", "audio file", "language", "interview", "interview id", "interview date", "session", "mode",
        "version",
    ]

    /// Whether a line read as `label: rest` is a header line rather than a turn.
    static func isHeader(label: String) -> Bool {
        keys.contains(label.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }
}
