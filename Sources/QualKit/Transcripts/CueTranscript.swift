import Foundation

/// Subtitle-style transcripts from Teams, Zoom and transcription services: WebVTT and SRT.
///
/// Cues carry timings; the speaker comes from a `<v Speaker>` voice tag or a `Speaker: ` prefix,
/// and a cue without one continues the previous speaker. Consecutive cues of one speaker become one
/// turn with the first cue's start and the last cue's end.
enum CueTranscript {
    struct Cue {
        var start: Int
        var end: Int
        var payload: [String]
        var line: Int
    }

    static func parseVTT(_ lines: [String], file: String) throws -> ParsedTranscript {
        guard let first = lines.first, first.hasPrefix("WEBVTT"),
            first.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t"
        else {
            throw InvalidInput(file: file, line: 1, "not a WebVTT file: the first line must be 'WEBVTT'")
        }
        var problems: [Diagnostic] = []
        var cues: [Cue] = []
        var header: [String] = []
        for block in blocks(lines, from: 1) {
            let firstLine = block.lines[0]
            if firstLine.hasPrefix("NOTE") || firstLine == "STYLE" || firstLine.hasPrefix("STYLE ")
                || firstLine == "REGION"
            {
                continue
            }
            // An optional cue identifier precedes the timing line.
            let timingIndex = firstLine.contains("-->") ? 0 : 1
            guard timingIndex < block.lines.count, block.lines[timingIndex].contains("-->") else {
                if cues.isEmpty && block.start == 2 {
                    header += block.lines
                } else {
                    problems.append(
                        Diagnostic(
                            file: file, line: block.start + timingIndex,
                            "expected a cue timing line such as '00:01:02.500 --> 00:01:05.000'"))
                }
                continue
            }
            let line = block.start + timingIndex
            do {
                let (start, end) = try timing(block.lines[timingIndex], file: file, line: line)
                cues.append(Cue(start: start, end: end, payload: Array(block.lines[(timingIndex + 1)...]), line: line))
            } catch let error as InvalidInput {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return try turns(from: cues, format: .vtt, header: header, file: file, lineCount: lines.count)
    }

    static func parseSRT(_ lines: [String], file: String) throws -> ParsedTranscript {
        var problems: [Diagnostic] = []
        var cues: [Cue] = []
        for block in blocks(lines, from: 0) {
            let number = block.lines[0].trimmingSpaces()
            guard Int(number) != nil else {
                problems.append(
                    Diagnostic(file: file, line: block.start, "expected a cue number, found '\(block.lines[0])'"))
                continue
            }
            guard block.lines.count >= 2, block.lines[1].contains("-->") else {
                problems.append(
                    Diagnostic(
                        file: file, line: block.start + 1,
                        "expected a cue timing line such as '00:01:02,500 --> 00:01:05,000'"))
                continue
            }
            do {
                let (start, end) = try timing(block.lines[1], file: file, line: block.start + 1)
                cues.append(Cue(start: start, end: end, payload: Array(block.lines[2...]), line: block.start + 1))
            } catch let error as InvalidInput {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return try turns(from: cues, format: .srt, header: [], file: file, lineCount: lines.count)
    }

    /// Blank-line separated blocks with their first line's number (1-based).
    static func blocks(_ lines: [String], from startIndex: Int) -> [(start: Int, lines: [String])] {
        var result: [(Int, [String])] = []
        var current: [String] = []
        var start = 0
        for index in startIndex..<lines.count {
            let line = lines[index]
            if line.trimmingSpaces().isEmpty {
                if !current.isEmpty { result.append((start, current)) }
                current = []
            } else {
                if current.isEmpty { start = index + 1 }
                current.append(line)
            }
        }
        if !current.isEmpty { result.append((start, current)) }
        return result
    }

    /// `00:01:02.500 --> 00:01:05.000 align:start` -> (start, end) in milliseconds.
    static func timing(_ line: String, file: String, line number: Int) throws -> (Int, Int) {
        let sides = line.components(separatedBy: "-->")
        let startText = sides[0].trimmingSpaces()
        let endText =
            sides.count > 1
            ? String(sides[1].trimmingSpaces().split(separator: " ").first ?? "") : ""
        guard let start = Timestamp.clock(startText) else {
            throw InvalidInput(
                file: file, line: number, column: 1, "bad cue start time '\(startText)': expected hh:mm:ss.ttt")
        }
        guard let end = Timestamp.clock(endText) else {
            throw InvalidInput(file: file, line: number, "bad cue end time '\(endText)': expected hh:mm:ss.ttt")
        }
        guard end >= start else {
            throw InvalidInput(file: file, line: number, "cue ends (\(endText)) before it starts (\(startText))")
        }
        return (start, end)
    }

    static func turns(from cues: [Cue], format: ParsedTranscript.Format, header: [String], file: String, lineCount: Int)
        throws -> ParsedTranscript
    {
        var turns: [Turn] = []
        for cue in cues {
            var text = cue.payload.joined(separator: " ")
            // A cue without a speaker continues the previous cue's speaker only when it carries on
            // that cue's sentence (the previous cue ends without . ? ! or this one starts in lower
            // case), as subtitle services split a sentence over cues. Otherwise it is a turn of
            // its own with no speaker: Zoom leaves the name off cues it could not attribute.
            var speaker = ""
            if let voice = voiceTag(text) {
                speaker = WebVTTText.decodeEntities(voice.speaker)
                text = WebVTTText.plain(voice.rest)
            } else {
                text = WebVTTText.plain(text)
                if let start = PlainTranscript.turnStart(text), !start.rest.isEmpty || cue.payload.count == 1 {
                    speaker = start.label
                    text = start.rest
                }
            }
            guard !text.isEmpty else { continue }
            if speaker.isEmpty, let previous = turns.last, previous.hasSpeaker,
                continuesSentence(after: previous.text, with: text)
            {
                speaker = previous.speaker
            }
            turns.append(
                Turn(
                    speaker: speaker, startMilliseconds: cue.start, endMilliseconds: cue.end, text: text, line: cue.line
                ))
        }
        guard !turns.isEmpty else {
            throw InvalidInput(file: file, line: max(1, lineCount), "no cues with text found")
        }
        var parsed = ParsedTranscript(
            format: format, header: header, turns: TranscriptParser.mergeConsecutive(turns, separator: " "))
        if !turns.contains(where: \.hasSpeaker) {
            parsed.dialect = "captions without speakers"
            parsed.warnings.append(TranscriptDialects.noSpeakersWarning(file: file, segments: turns.count, unit: "cue"))
        } else if cues.contains(where: { voiceTag($0.payload.joined(separator: " ")) != nil }) {
            parsed.dialect = "voice tags (Teams)"
        } else {
            parsed.dialect = "'Name: text' cues (Zoom)"
        }
        return parsed
    }

    /// Whether `next` carries on the sentence `previous` ends with.
    static func continuesSentence(after previous: String, with next: String) -> Bool {
        if let first = next.first, first.isLowercase { return true }
        guard let last = previous.trimmingSpaces().last else { return false }
        return !".?!…\"”')]".contains(last)
    }

    /// `<v Speaker Name>text</v>` or `<v.class Speaker>text` -> (speaker, text).
    static func voiceTag(_ text: String) -> (speaker: String, rest: String)? {
        guard text.hasPrefix("<v"), let close = text.firstIndex(of: ">") else { return nil }
        let tag = text[text.index(text.startIndex, offsetBy: 2)..<close]
        guard let space = tag.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let speaker = tag[space...].trimmingSpaces()
        guard !speaker.isEmpty else { return nil }
        return (speaker, String(text[text.index(after: close)...]))
    }

    /// Removes `<...>` markup (voice end tags, `<i>`, `<c.x>`, inline timestamps).
    static func stripTags(_ text: String) -> String { WebVTTText.stripTags(text) }
}
