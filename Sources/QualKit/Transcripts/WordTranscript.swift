import Foundation

/// Word (`.docx`) transcripts: the text of `word/document.xml`, then speaker turns as in plain text.
///
/// Pure: bytes in, text or ``InvalidInput`` naming the file (and the archive entry) out. The archive
/// goes through ``ZipReader`` and the XML through ``SafeXML``, so a zip-slip path, a zip bomb or an
/// external entity is refused before any text is read.
enum WordTranscript {
    /// The document's text: one line per paragraph (runs joined), `w:tab` as a tab and `w:br`/`w:cr`
    /// as a line break; a `w:tab` in paragraph properties (`w:pPr/w:tabs`) is a tab stop, not
    /// text. Table cells are lines of their own, except that a row of two cells whose first is a
    /// speaker label reads `Label: words`, as transcription agencies lay out their tables. Deleted
    /// text (tracked changes) and field codes are left out.
    static func text(_ bytes: [UInt8], file: String) throws -> String {
        let entries = try ExchangeDiagnostics.located(file: file) { try ZipReader.entries(of: Data(bytes)) }
        guard let document = entries.first(where: { $0.path.lowercased() == "word/document.xml" }) else {
            throw InvalidInput(
                file: file, line: nil,
                "not a Word document: the archive has no word/document.xml (save it from Word as .docx)")
        }
        let root = try ExchangeDiagnostics.located(file: file) {
            try SafeXML.parse(document.data, document: "word/document.xml")
        }
        guard root.name == "document", let body = root.child("body") else {
            throw InvalidInput(
                file: file, line: root.line, "word/document.xml: no <w:body>: not a WordprocessingML document")
        }
        var lines: [String] = []
        blocks(body, into: &lines)
        return lines.joined(separator: "\n")
    }

    /// Paragraphs and tables in document order, also inside content controls and tracked insertions.
    private static func blocks(_ element: XMLTree, into lines: inout [String]) {
        for child in element.children {
            switch child.name {
            case "p": lines.append(paragraph(child))
            case "tbl":
                for row in child.children("tr") {
                    let cells = row.children("tc").map { cell -> String in
                        var cellLines: [String] = []
                        blocks(cell, into: &cellLines)
                        return cellLines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                    if cells.count == 2, !cells[0].contains("\n"), !cells[0].hasSuffix(":"),
                        PlainTranscript.isLabel(cells[0]), !cells[1].isEmpty
                    {
                        lines.append("\(cells[0]): \(cells[1])")
                    } else {
                        lines += cells.filter { !$0.isEmpty }
                    }
                }
                lines.append("")
            case "sdt", "sdtContent", "ins", "customXml", "smartTag": blocks(child, into: &lines)
            default: continue
            }
        }
    }

    /// A paragraph's text: runs joined, wherever they are nested (hyperlinks, insertions, fields).
    private static func paragraph(_ element: XMLTree) -> String {
        var text = ""
        func walk(_ node: XMLTree) {
            for child in node.children {
                switch child.name {
                case "t": text += child.text
                case "tab": text += "\t"
                case "br", "cr": text += "\n"
                case "noBreakHyphen": text += "-"
                // Properties (a tab stop is `w:pPr/w:tabs/w:tab`), deleted text, field codes and
                // drawings (whose text boxes are not the speaker's words) are not text.
                case "pPr", "rPr", "del", "delText", "instrText", "drawing", "pict", "object", "fldData": continue
                case "AlternateContent":
                    if let choice = child.child("Choice") { walk(choice) }
                default: walk(child)
                }
            }
        }
        walk(element)
        return text
    }

    /// Reads a Word transcript: the older Teams layout (a `0:0:3.120 --> 0:0:8.450` line, the
    /// speaker's name on the next, then the words) when the document opens with it, otherwise as
    /// plain text (`Label: words`, or Teams' `Name   0:03` line then the words).
    static func parse(_ bytes: [UInt8], file: String) throws -> ParsedTranscript {
        let text = try Self.text(bytes, file: file)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        var parsed: ParsedTranscript
        if let teams = teamsTimeFirst(lines) {
            parsed = teams
        } else {
            parsed = try PlainTranscript.parse(lines, file: file)
            // The speaker-and-time line is Teams' layout when it comes in a Word document.
            if parsed.dialect == "Otter" { parsed.dialect = "Teams (speaker and time, then words)" }
        }
        parsed.format = .docx
        return parsed
    }

    /// `A --> B` with Teams' clock times (`0:0:3.120`, `00:01:04.000`).
    static func timing(_ line: String) -> (Int, Int)? {
        let parts = line.trimmingSpaces().components(separatedBy: " --> ")
        guard parts.count == 2, let start = Timestamp.clock(parts[0]), let end = Timestamp.clock(parts[1]) else {
            return nil
        }
        return (start, end)
    }

    /// The older Teams layout, or nil when the first line with text is not a timing line followed
    /// by a speaker's name.
    static func teamsTimeFirst(_ lines: [String]) -> ParsedTranscript? {
        let filled = lines.indices.filter { !lines[$0].trimmingSpaces().isEmpty }
        guard filled.count >= 2, timing(lines[filled[0]]) != nil,
            PlainTranscript.isLabel(lines[filled[1]].trimmingSpaces())
        else { return nil }
        var turns: [Turn] = []
        var index = filled[0]
        while index < lines.count {
            guard let (start, end) = timing(lines[index]) else {
                index += 1
                continue
            }
            let line = index + 1
            index += 1
            while index < lines.count, lines[index].trimmingSpaces().isEmpty { index += 1 }
            guard index < lines.count, timing(lines[index]) == nil else { continue }
            let speaker = lines[index].trimmingSpaces()
            index += 1
            var body: [String] = []
            while index < lines.count, timing(lines[index]) == nil {
                let trimmed = lines[index].trimmingSpaces()
                if !trimmed.isEmpty { body.append(trimmed) }
                index += 1
            }
            // A name with no words after it is a cue with no speaker: the line is its text.
            let isSpeaker = !body.isEmpty && PlainTranscript.isLabel(speaker)
            let words = isSpeaker ? body.joined(separator: "\n") : ([speaker] + body).joined(separator: "\n")
            turns.append(
                Turn(
                    speaker: isSpeaker ? speaker : "", startMilliseconds: start, endMilliseconds: end, text: words,
                    line: line))
        }
        guard !turns.isEmpty else { return nil }
        var parsed = ParsedTranscript(
            format: .docx, header: [], turns: TranscriptParser.mergeConsecutive(turns, separator: "\n"))
        parsed.dialect = "Teams (time, then speaker, then words)"
        return parsed
    }
}
