/// One speaker turn as read from a transcript file, before it is stored as a segment.
public struct Turn: Sendable, Equatable {
    /// The speaker's label as the file gives it; empty when the file names no speaker for this
    /// turn (a caption cue, a paragraph of a speakerless file). See ``hasSpeaker``.
    public var speaker: String
    /// Milliseconds from the start of the recording, when the file gives them.
    public var startMilliseconds: Int?
    public var endMilliseconds: Int?
    public var text: String
    /// Line of the file where the turn starts.
    public var line: Int

    public init(speaker: String, startMilliseconds: Int? = nil, endMilliseconds: Int? = nil, text: String, line: Int) {
        self.speaker = speaker
        self.startMilliseconds = startMilliseconds
        self.endMilliseconds = endMilliseconds
        self.text = text
        self.line = line
    }

    /// Whether the file named this turn's speaker.
    public var hasSpeaker: Bool { !speaker.isEmpty }
}

/// What a transcript file holds: header lines (kept as metadata) and speaker turns.
public struct ParsedTranscript: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case txt, vtt, srt, docx

        /// The format a file name's extension implies, if any.
        public init?(fileName: String) {
            let lower = fileName.lowercased()
            if lower.hasSuffix(".txt") || lower.hasSuffix(".text") {
                self = .txt
            } else if lower.hasSuffix(".vtt") {
                self = .vtt
            } else if lower.hasSuffix(".srt") {
                self = .srt
            } else if lower.hasSuffix(".docx") {
                self = .docx
            } else {
                return nil
            }
        }
    }

    public var format: Format
    public var header: [String]
    public var turns: [Turn]
    /// What the reader noticed but accepted (a file with no speakers at all), located.
    public var warnings: [Diagnostic] = []
    /// The dialect recognised (`Zoom saved captions`, `Otter`, `captions without speakers`), for reports.
    public var dialect: String? = nil
}

/// Reads transcript files. Pure: bytes in, turns or located errors out.
public enum TranscriptParser {
    /// Reads a transcript file as speaker turns: plain text (`Speaker: words`), WebVTT, SRT or Word (`.docx`).
    ///
    /// Pure: bytes in (UTF-8, or UTF-16 with a BOM), turns with their lines and times out, or
    /// ``InvalidInput`` listing every problem with its line.
    public static func parse(_ bytes: [UInt8], format: ParsedTranscript.Format, file: String) throws -> ParsedTranscript
    {
        // A Word document is a zip archive, not text: its reader finds the text first.
        if format == .docx { return try WordTranscript.parse(bytes, file: file) }
        let text = try SourceText.decode(bytes, file: file)
        // Split on the byte: a line feed is always a Character of its own, so this is the split
        // on Characters without walking grapheme clusters.
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
        switch format {
        case .txt: return try PlainTranscript.parse(lines, file: file)
        case .vtt: return try CueTranscript.parseVTT(lines, file: file)
        case .srt: return try CueTranscript.parseSRT(lines, file: file)
        case .docx: return try WordTranscript.parse(bytes, file: file)
        }
    }

    /// Joins consecutive turns of the same speaker, keeping the first start and the last end.
    static func mergeConsecutive(_ turns: [Turn], separator: String) -> [Turn] {
        var merged: [Turn] = []
        for turn in turns {
            // Turns without a speaker stay apart: nothing says two cues are one person's.
            if var last = merged.last, turn.hasSpeaker, last.speaker == turn.speaker {
                last.text += separator + turn.text
                last.endMilliseconds = turn.endMilliseconds ?? last.endMilliseconds
                merged[merged.count - 1] = last
            } else {
                merged.append(turn)
            }
        }
        return merged
    }
}
