import Foundation

/// Plain-text transcripts: `Label: text` turns, optional `[00:12:05]` or `(12:05)` timestamps
/// before or after the label, turns running over several lines and paragraphs until the next
/// label, and header lines before the first label kept as metadata.
enum PlainTranscript {
    static func parse(_ lines: [String], file: String) throws -> ParsedTranscript {
        if let line = TranscriptDialects.chatLogLine(lines) { throw TranscriptError.chatLog(file: file, line: line) }
        // One file, one dialect: the first line that starts a turn says whether turns start with
        // `Label: text` or with a speaker line (Zoom saved captions, Otter) and the text below it.
        let speakerLines =
            lines.first(where: {
                (turnStart($0) != nil && !isHeaderLine($0)) || TranscriptDialects.speakerLine($0) != nil
            })
            .flatMap { turnStart($0) == nil ? TranscriptDialects.speakerLine($0) : nil }
        func start(_ line: String) -> (label: String, milliseconds: Int?, rest: String)? {
            guard speakerLines != nil else { return turnStart(line) }
            return TranscriptDialects.speakerLine(line).map { ($0.label, $0.milliseconds, "") }
        }
        var header: [String] = []
        var turns: [Turn] = []
        var body: [String] = []

        func finish() {
            guard var turn = turns.popLast() else { return }
            while body.last?.trimmingSpaces().isEmpty == true { body.removeLast() }
            turn.text = body.joined(separator: "\n").trimmingSpaces()
            body = []
            turns.append(turn)
        }

        for (index, line) in lines.enumerated() {
            // Otter signs its exports at the end; the signature is no one's words.
            if speakerLines?.dialect == "Otter" && line.hasPrefix("Transcribed by https://otter.ai") { continue }
            if turns.isEmpty, isHeaderLine(line) {
                header.append(line.trimmingSpaces())
            } else if let start = start(line) {
                finish()
                turns.append(
                    Turn(speaker: start.label, startMilliseconds: start.milliseconds, text: "", line: index + 1))
                // In header-line dialects the words start on the next line.
                body = speakerLines == nil ? [start.rest] : []
            } else if turns.isEmpty {
                if !line.trimmingSpaces().isEmpty {
                    header.append(line.trimmingSpaces())
                }
            } else if speakerLines != nil && body.isEmpty && line.trimmingSpaces().isEmpty {
                continue
            } else {
                body.append(line.trimmingSpaces())
            }
        }
        finish()
        turns = turns.filter { !$0.text.isEmpty }
        guard !turns.isEmpty else {
            // No labels at all: a caption dump or notes. Keep every paragraph, speaker unknown.
            let paragraphs = TranscriptDialects.paragraphs(lines)
            guard !paragraphs.isEmpty else {
                throw InvalidInput(
                    file: file, line: 1,
                    "no text found: expected lines such as 'Interviewer: ...' and 'TC-001: ...'")
            }
            var parsed = ParsedTranscript(format: .txt, header: [], turns: paragraphs)
            parsed.dialect = "text without speakers"
            parsed.warnings.append(
                TranscriptDialects.noSpeakersWarning(file: file, segments: paragraphs.count, unit: "paragraph"))
            return parsed
        }
        var parsed = ParsedTranscript(
            format: .txt, header: header, turns: TranscriptParser.mergeConsecutive(turns, separator: "\n"))
        parsed.dialect = speakerLines?.dialect
        return parsed
    }

    /// `Date: 14/02/2024` and the other documented header keys: metadata, never a turn, when it
    /// comes before the first turn.
    static func isHeaderLine(_ line: String) -> Bool {
        guard let start = turnStart(line) else { return false }
        return TranscriptHeader.isHeader(label: start.label)
    }

    /// A line that starts a turn: `[ts] Label: text`, `Label: [ts] text` or `Label [ts]: text`.
    static func turnStart(_ line: String) -> (label: String, milliseconds: Int?, rest: String)? {
        guard let first = line.first, !first.isWhitespace else { return nil }
        var rest = Substring(line)
        var milliseconds = Timestamp.leading(&rest)
        rest = rest.drop { $0 == " " }
        // The label's colon is the first one outside brackets (`Label (00:01:10): text`).
        guard let colon = labelColon(rest) else { return nil }
        var label = rest[..<colon].trimmingSpaces()
        var afterLabel = rest[rest.index(after: colon)...]
        // `Label [00:01:02]: text`
        if label.hasSuffix("]") || label.hasSuffix(")"), let open = label.lastIndex(where: { $0 == "[" || $0 == "(" }) {
            var stamp = Substring(label[open...])
            if let value = Timestamp.leading(&stamp), stamp.isEmpty {
                milliseconds = milliseconds ?? value
                label = label[..<open].trimmingSpaces()
            }
        }
        guard isLabel(label), afterLabel.isEmpty || afterLabel.first == " " || afterLabel.first == "\t" else {
            return nil
        }
        afterLabel = afterLabel.drop { $0 == " " || $0 == "\t" }
        if let value = Timestamp.leading(&afterLabel) {
            milliseconds = milliseconds ?? value
            afterLabel = afterLabel.drop { $0 == " " }
        }
        return (label, milliseconds, String(afterLabel))
    }

    /// The first `:` outside brackets, as a Character.
    ///
    /// Bytes are read while they are ASCII, where each byte is a Character of its own (a line holds
    /// no CR LF pair); a non-ASCII byte before the colon, or right after it (a combining mark would
    /// join the colon's Character), sends the line through the Character loop, which gives the same
    /// answer more slowly.
    static func labelColon(_ rest: Substring) -> Substring.Index? {
        var depth = 0
        let bytes = rest.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x80 { return labelColonByCharacter(rest) }
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "("): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"): depth = max(0, depth - 1)
            case UInt8(ascii: ":") where depth == 0:
                let next = bytes.index(after: index)
                if next < bytes.endIndex && bytes[next] >= 0x80 { return labelColonByCharacter(rest) }
                return index
            default: break
            }
            bytes.formIndex(after: &index)
        }
        return nil
    }

    static func labelColonByCharacter(_ rest: Substring) -> Substring.Index? {
        var depth = 0
        for index in rest.indices {
            switch rest[index] {
            case "[", "(": depth += 1
            case "]", ")": depth = max(0, depth - 1)
            case ":" where depth == 0: return index
            default: break
            }
        }
        return nil
    }

    /// A speaker label: one to four words of letters, digits, `.`, `-`, `'`, `_`, at most 40 characters,
    /// starting with a letter or digit. Longer text before a colon is prose, not a label.
    static func isLabel(_ text: String) -> Bool {
        // ASCII labels (nearly all) by byte: the same rules, as each byte is a Character.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = text.utf8
            guard let first = bytes.first, bytes.count <= 40, isASCIILetterOrDigit(first) else { return false }
            var words = 0
            var previous: UInt8 = UInt8(ascii: " ")
            for byte in bytes {
                guard isASCIILetterOrDigit(byte) || labelPunctuation.contains(byte) else { return false }
                if byte != UInt8(ascii: " ") && previous == UInt8(ascii: " ") { words += 1 }
                previous = byte
            }
            return words <= 4
        }
        guard !text.isEmpty, text.count <= 40, let first = text.first, first.isLetter || first.isNumber else {
            return false
        }
        let words = text.split(separator: " ")
        guard words.count <= 4 else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || " .-'_".contains($0) }
    }

    private static let labelPunctuation: [UInt8] = Array(" .-'_".utf8)

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default: return false
        }
    }
}

/// Timestamps in transcripts: `[00:12:05]`, `[12:05]`, `(12:05)`, `[00:12:05.250]`.
enum Timestamp {
    /// Reads a bracketed timestamp at the start of `text`, advancing past it.
    static func leading(_ text: inout Substring) -> Int? {
        guard let open = text.first, open == "[" || open == "(" else { return nil }
        let close: Character = open == "[" ? "]" : ")"
        guard let end = text.firstIndex(of: close) else { return nil }
        let inside = text[text.index(after: text.startIndex)..<end]
        guard let value = clock(String(inside)) else { return nil }
        text = text[text.index(after: end)...]
        return value
    }

    /// `hh:mm:ss[.mmm]` or `mm:ss[.mmm]` (also `,` before milliseconds) as milliseconds.
    static func clock(_ text: String) -> Int? {
        let normalized = text.replacingOccurrences(of: ",", with: ".")
        let mainAndFraction = normalized.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let parts = mainAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.map { Int($0)! }
        let (hours, minutes, seconds) =
            numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : (0, numbers[0], numbers[1])
        guard minutes < 60 || numbers.count == 2, seconds < 60 else { return nil }
        var milliseconds = 0
        if mainAndFraction.count == 2 {
            let fraction = mainAndFraction[1]
            guard (1...3).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            milliseconds = Int(fraction.padding(toLength: 3, withPad: "0", startingAt: 0))!
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds
    }

    /// `01:02:03` for display.
    public static func display(_ milliseconds: Int) -> String {
        let seconds = milliseconds / 1000
        return String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}
