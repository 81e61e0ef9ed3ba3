/// The ways real tools write plain-text transcripts, beyond `Label: text`: Zoom's saved captions,
/// Otter exports, Zoom chat logs (refused: they are not interviews) and files with no speakers.
enum TranscriptDialects {
    /// A line that starts a turn in a header-line dialect, with the text after it on later lines:
    /// Zoom saved captions (`[Name] 10:02:15`) or Otter (`Name  0:05`, `Name  1:02:05`).
    static func speakerLine(_ line: String) -> (label: String, milliseconds: Int?, dialect: String)? {
        let trimmed = line.trimmingSpaces()
        guard !trimmed.isEmpty, line.first?.isWhitespace == false else { return nil }
        // Zoom saved captions: `[Name] HH:MM:SS`.
        if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
            let label = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingSpaces()
            let time = trimmed[trimmed.index(after: close)...].trimmingSpaces()
            if PlainTranscript.isLabel(label), isClock(time) {
                return (label, Timestamp.clock(time), "Zoom saved captions")
            }
            return nil
        }
        // Otter: the label, spaces, then `M:SS` or `H:MM:SS`, and nothing else.
        guard let lastSpace = trimmed.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let time = String(trimmed[trimmed.index(after: lastSpace)...])
        let label = trimmed[..<lastSpace].trimmingSpaces()
        guard isClock(time), PlainTranscript.isLabel(label) else { return nil }
        return (label, Timestamp.clock(time), "Otter")
    }

    /// `M:SS`, `MM:SS` or `H:MM:SS`, with no brackets or fraction.
    static func isClock(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.dropFirst().allSatisfy({ $0.count == 2 }), (1...2).contains(parts[0].count)
        else { return false }
        return Timestamp.clock(text) != nil
    }

    /// Zoom's chat log (`10:02:15 From Alice to Everyone: hello` or `10:02:15 From Alice : hello`):
    /// the line of the first chat message, when the file's first text line is one.
    static func chatLogLine(_ lines: [String]) -> Int? {
        guard let index = lines.firstIndex(where: { !$0.trimmingSpaces().isEmpty }) else {
            return nil
        }
        let words = lines[index].split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 3, Timestamp.clock(String(words[0])) != nil, words[1] == "From" || words[1] == "from",
            lines[index].contains(":")
        else { return nil }
        let rest = lines[index].drop { $0 != "F" && $0 != "f" }
        return rest.contains(" to ") || rest.contains(" : ") || rest.contains("\t") ? index + 1 : nil
    }

    /// A file with no speaker labels at all: one turn per paragraph, with no speaker.
    static func paragraphs(_ lines: [String]) -> [Turn] {
        var turns: [Turn] = []
        var body: [String] = []
        var start = 0
        func finish() {
            let text = body.joined(separator: "\n")
            if !text.isEmpty { turns.append(Turn(speaker: "", text: text, line: start)) }
            body = []
        }
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty {
                finish()
            } else {
                if body.isEmpty { start = index + 1 }
                body.append(trimmed)
            }
        }
        finish()
        return turns
    }

    /// The warning for a file that names no speaker: its segments need roles set by hand.
    static func noSpeakersWarning(file: String, segments: Int, unit: String) -> Diagnostic {
        Diagnostic(
            file: file, line: nil,
            "no speaker labels found: read as \(segments) segment\(segments == 1 ? "" : "s"), one per \(unit), with no speaker; set the speakers' roles before coding",
            severity: .warning)
    }
}

/// The text of a WebVTT or SRT cue: markup removed, character references decoded.
public enum WebVTTText {
    /// `<i>`, `<b>`, `<u>`, `<c.yellow>`, `<v Name>`, `<00:00:01.000>` removed, then entities decoded
    /// and spaces trimmed. Tags go first so that a decoded `&lt;` is never taken for markup.
    public static func plain(_ text: String) -> String {
        decodeEntities(stripTags(text)).trimmingSpaces()
    }

    /// Removes `<...>` markup.
    public static func stripTags(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var out = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true; continue }
            if character == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(character) }
        }
        return out
    }

    /// Named (`&amp;`, `&eacute;`), decimal (`&#233;`) and hexadecimal (`&#xE9;`) references. An
    /// unknown name or a bad number is left as written, so no text is lost.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                out.append(character)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            if let decoded = reference(String(name)) {
                out += decoded
                index = text.index(after: semicolon)
            } else {
                out.append(character)
                index = text.index(after: index)
            }
        }
        return out
    }

    static func reference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return namedEntities[name]
    }

    /// The named references that appear in captions: HTML's markup characters, spaces and marks,
    /// quotes and dashes, and the Latin letters of European names.
    static let namedEntities: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "lrm": "",
            "rlm": "", "zwj": "\u{200D}", "zwnj": "\u{200C}", "shy": "", "ndash": "–", "mdash": "—",
            "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "sbquo": "‚",
            "bdquo": "„", "laquo": "«", "raquo": "»", "pound": "£", "euro": "€", "cent": "¢", "yen": "¥",
            "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
            "frac12": "½", "frac14": "¼", "frac34": "¾", "middot": "·", "bull": "•", "sect": "§",
            "para": "¶", "iexcl": "¡", "iquest": "¿", "szlig": "ß", "ccedil": "ç", "Ccedil": "Ç",
            "ntilde": "ñ", "Ntilde": "Ñ", "aelig": "æ", "AElig": "Æ", "oslash": "ø", "Oslash": "Ø",
            "aring": "å", "Aring": "Å", "eth": "ð", "ETH": "Ð", "thorn": "þ", "THORN": "Þ",
        ]
        let accents: [(String, [Character: String])] = [
            (
                "acute",
                [
                    "a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "y": "ý", "A": "Á", "E": "É", "I": "Í", "O": "Ó",
                    "U": "Ú", "Y": "Ý",
                ]
            ),
            (
                "grave",
                ["a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù", "A": "À", "E": "È", "I": "Ì", "O": "Ò", "U": "Ù"]
            ),
            (
                "circ",
                ["a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û", "A": "Â", "E": "Ê", "I": "Î", "O": "Ô", "U": "Û"]
            ),
            (
                "uml",
                [
                    "a": "ä", "e": "ë", "i": "ï", "o": "ö", "u": "ü", "y": "ÿ", "A": "Ä", "E": "Ë", "I": "Ï", "O": "Ö",
                    "U": "Ü",
                ]
            ),
            ("tilde", ["a": "ã", "o": "õ", "A": "Ã", "O": "Õ"]),
        ]
        for (suffix, letters) in accents {
            for (letter, value) in letters { table["\(letter)\(suffix)"] = value }
        }
        return table
    }()
}
