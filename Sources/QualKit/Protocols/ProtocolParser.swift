import Foundation

/// Reads the protocol file format (`docs/protocol-format.md`): front matter, then `#` sections and
/// `##` questions with probes, notes, themes and timings.
///
/// Pure: bytes in, a protocol or every problem found out. It never stops at the first error, so a
/// researcher fixes a guide in one pass.
///
/// ```swift
/// let result = ProtocolParser.parse(bytes, file: "protocols/talking-change.md")
/// if let guide = result.protocol { print(guide.questions.count) }
/// for problem in result.diagnostics { print(problem) }
/// ```
public enum ProtocolParser {
    /// What parsing found: the protocol when there were no errors, and every diagnostic.
    public struct Result: Sendable {
        public let `protocol`: InterviewProtocol?
        /// Errors and warnings in file order.
        public let diagnostics: [Diagnostic]
        /// The decoded text (line endings normalised, NFC): what is stored.
        public let text: String?
        /// Line of each front-matter key, so later checks can point at `version:` or `id:`.
        public var keyLines: [String: Int] = [:]

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// Front-matter keys, in the order the documentation lists them.
    public static let frontMatterKeys = ["id", "title", "version", "language", "duration", "ethics", "translation-of"]
    /// The versions a protocol may have: high enough for any study, low enough that the next one
    /// (`latest + 1`) and every sum of them stays far from `Int.max`.
    public static let versionRange = 1...999_999
    /// The minutes a `duration:` or a question's `Time:` may give: at most one day.
    public static let minutesRange = 1...1440
    static let requiredKeys = ["id", "title", "version", "language"]

    /// Parses one protocol file: front matter, sections, questions, probes, notes, timings and themes.
    ///
    /// Pure: the bytes are decoded (UTF-8 or UTF-16 with a BOM), checked against the format in
    /// `docs/protocol-format.md`, and every problem is reported as a ``Diagnostic`` located at its
    /// line (and column where it helps), not only the first. `Result.protocol` is nil when there is
    /// any error.
    ///
    /// ```swift
    /// let result = ProtocolParser.parse(Array(data), file: "talking-change.md")
    /// for problem in result.diagnostics { print(problem) }   // talking-change.md:12:1: ...
    /// ```
    public static func parse(_ bytes: [UInt8], file: String) -> Result {
        let text: String
        do {
            text = try SourceText.decode(bytes, file: file)
        } catch let error as InvalidInput {
            return Result(protocol: nil, diagnostics: error.diagnostics, text: nil)
        } catch {
            return Result(protocol: nil, diagnostics: [Diagnostic(file: file, line: nil, "\(error)")], text: nil)
        }
        var parser = Parser(file: file, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        let guide = parser.run()
        let diagnostics = parser.diagnostics.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return Result(
            protocol: hasErrors ? nil : guide, diagnostics: diagnostics, text: text,
            keyLines: parser.fields.mapValues(\.line))
    }

    /// Convenience for already-decoded text (tests, stored sources).
    public static func parse(text: String, file: String) -> Result {
        parse(Array(text.utf8), file: file)
    }
}

private struct Parser {
    let file: String
    let lines: [Substring]
    var diagnostics: [Diagnostic] = []
    var fields: [String: (value: String, line: Int)] = [:]
    /// The line each theme of the current question was first given on.
    var themeLines: [String: Int] = [:]

    init(file: String, lines: [Substring]) {
        self.file = file
        self.lines = lines
    }

    mutating func error(_ line: Int, _ message: String, column: Int? = nil) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message))
    }

    mutating func warning(_ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, message, severity: .warning))
    }

    mutating func run() -> InterviewProtocol? {
        guard let bodyStart = readFrontMatter() else { return nil }
        var guide = makeProtocol()
        readBody(from: bodyStart, into: &guide)
        if guide.questions.isEmpty {
            error(
                min(bodyStart + 1, lines.count), "the protocol has no questions: add a '## Question text {#id}' heading"
            )
        }
        if let duration = guide.durationMinutes, guide.plannedMinutes > duration {
            warning(
                fields["duration"]?.line ?? 1,
                "questions' Time adds up to \(guide.plannedMinutes) minutes, more than the duration of \(duration)")
        }
        return guide
    }

    // MARK: Front matter

    /// Reads `---` ... `---`; returns the index of the first body line, or nil when there is none.
    mutating func readFrontMatter() -> Int? {
        guard let open = lines.firstIndex(where: { !$0.trimmingSpaces().isEmpty }),
            lines[open].trimmingSpaces() == "---"
        else {
            error(
                1,
                "expected front matter: the file must start with a '---' line, then 'id:', 'title:', 'version:' and 'language:' lines, then '---'"
            )
            return nil
        }
        guard let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingSpaces() == "---" })
        else {
            error(open + 1, "front matter is not closed: add a '---' line after the last key")
            return nil
        }
        for index in (open + 1)..<close {
            readField(lines[index], line: index + 1)
        }
        for key in ProtocolParser.requiredKeys where fields[key] == nil {
            error(open + 1, "missing required key '\(key)' in the front matter")
        }
        return close + 1
    }

    mutating func readField(_ raw: Substring, line: Int) {
        let trimmed = raw.trimmingSpaces()
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
        guard let colon = raw.firstIndex(of: ":") else {
            error(line, "expected 'key: value' in the front matter", column: 1)
            return
        }
        let key = raw[..<colon].trimmingSpaces().lowercased()
        let value = stripComment(raw[raw.index(after: colon)...])
        let keyColumn =
            raw.distance(from: raw.startIndex, to: raw.firstIndex { !$0.isWhitespace } ?? raw.startIndex) + 1
        guard ProtocolParser.frontMatterKeys.contains(key) else {
            var message = "unknown key '\(key)' in the front matter"
            if let near = Suggestion.nearest(to: key, in: ProtocolParser.frontMatterKeys) {
                message += " (did you mean '\(near)'?)"
            } else {
                message += "; known keys: " + ProtocolParser.frontMatterKeys.joined(separator: ", ")
            }
            error(line, message, column: keyColumn)
            return
        }
        if let first = fields[key] {
            error(line, "duplicate key '\(key)' (first given on line \(first.line))", column: keyColumn)
            return
        }
        let valueColumn = raw.distance(from: raw.startIndex, to: colon) + 3
        if value.isEmpty {
            error(line, "key '\(key)' has no value", column: valueColumn)
            return
        }
        switch key {
        case "id" where !Identifiers.isSlug(value):
            error(line, "id '\(value)' must be lower-case letters, digits and '-' only", column: valueColumn)
        case "version" where !isPositiveInteger(value):
            error(line, "bad version '\(value)': expected a positive whole number (1, 2, 3, ...)", column: valueColumn)
        case "version" where !ProtocolParser.versionRange.contains(Int(value) ?? 0):
            error(line, outOfRange("version", value, ProtocolParser.versionRange), column: valueColumn)
        case "duration" where !isPositiveInteger(value):
            error(line, "bad duration '\(value)': expected minutes as a positive whole number", column: valueColumn)
        case "duration" where !ProtocolParser.minutesRange.contains(Int(value) ?? 0):
            error(
                line, outOfRange("duration", value, ProtocolParser.minutesRange, unit: " minutes"), column: valueColumn)
        case "language", "translation-of":
            if !Identifiers.isLanguageTag(value) {
                error(
                    line, "bad language tag '\(value)': expected a BCP 47 tag such as en, ur, pa-Guru or en-GB",
                    column: valueColumn)
            }
        default: break
        }
        fields[key] = (value, line)
    }

    /// A value without its trailing ` # comment`; a value in double quotes is taken as written.
    func stripComment(_ raw: Substring) -> String {
        let value = raw.trimmingSpaces()
        if value.hasPrefix("\""), let end = value.dropFirst().firstIndex(of: "\"") {
            return String(value[value.index(after: value.startIndex)..<end])
        }
        if let hash = value.range(of: " #") {
            return value[..<hash.lowerBound].trimmingSpaces()
        }
        return value
    }

    /// True for ASCII digits making a number above 0; digits too many for an `Int` count as a number
    /// (out of range, reported as such) rather than as text.
    func isPositiveInteger(_ text: String) -> Bool {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return text.contains { $0 != "0" }
    }

    func outOfRange(_ what: String, _ value: String, _ range: ClosedRange<Int>, unit: String = "") -> String {
        "\(what) '\(value)' is out of range: expected \(range.lowerBound) to \(range.upperBound)\(unit)"
    }

    func makeProtocol() -> InterviewProtocol {
        InterviewProtocol(
            id: fields["id"]?.value ?? "", title: fields["title"]?.value ?? "",
            version: Int(fields["version"]?.value ?? "") ?? 0, language: fields["language"]?.value ?? "",
            durationMinutes: fields["duration"].flatMap { Int($0.value) }, ethics: fields["ethics"]?.value,
            translationOf: fields["translation-of"]?.value)
    }

    // MARK: Body

    mutating func readBody(from start: Int, into guide: inout InterviewProtocol) {
        var seenIDs: [String: Int] = [:]
        var paragraph: [String] = []
        var inQuestion = false

        func flush(_ guide: inout InterviewProtocol) {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: " ")
            paragraph = []
            if inQuestion {
                let s = guide.sections.count - 1
                guide.sections[s].questions[guide.sections[s].questions.count - 1].paragraphs.append(text)
            } else if guide.sections.isEmpty {
                guide.introduction.append(text)
            } else {
                guide.sections[guide.sections.count - 1].paragraphs.append(text)
            }
        }

        for index in start..<lines.count {
            let line = index + 1
            let raw = lines[index]
            let trimmed = raw.trimmingSpaces()
            if trimmed.isEmpty {
                flush(&guide)
                continue
            }
            if let heading = Heading(trimmed) {
                flush(&guide)
                inQuestion = readHeading(heading, raw: raw, line: line, seenIDs: &seenIDs, into: &guide) ?? inQuestion
                continue
            }
            if let item = listItem(trimmed) {
                flush(&guide)
                guard inQuestion else {
                    error(line, "probe outside a question: list items belong under a '##' question")
                    continue
                }
                let probe = strip(label: "probe", from: item) ?? item
                if probe.isEmpty { error(line, "empty probe"); continue }
                appendToQuestion(&guide) { $0.probes.append(probe) }
                continue
            }
            if let note = strip(label: "note", from: trimmed) {
                flush(&guide)
                if note.isEmpty { error(line, "empty note"); continue }
                if inQuestion {
                    appendToQuestion(&guide) { $0.notes.append(note) }
                } else {
                    // A note between questions is a paragraph: the lines after it continue it.
                    paragraph.append("Note: " + note)
                }
                continue
            }
            if let value = strip(label: "time", from: trimmed) {
                flush(&guide)
                guard inQuestion else { error(line, "'Time:' outside a question"); continue }
                readTime(value, line: line, into: &guide)
                continue
            }
            if let value = strip(label: "themes", from: trimmed) {
                flush(&guide)
                guard inQuestion else { error(line, "'Themes:' outside a question"); continue }
                readThemes(value, raw: raw, line: line, into: &guide)
                continue
            }
            paragraph.append(trimmed)
        }
        flush(&guide)
    }

    /// Reads a section or question heading; returns whether a question is now open, or nil when
    /// the heading changes nothing.
    fileprivate mutating func readHeading(
        _ heading: Heading, raw: Substring, line: Int, seenIDs: inout [String: Int], into guide: inout InterviewProtocol
    ) -> Bool? {
        if let id = heading.id {
            if !Identifiers.isSlug(id) {
                error(
                    line, "id '\(id)' must be lower-case letters, digits and '-' only", column: raw.count - id.count - 1
                )
            } else if let first = seenIDs[id] {
                error(line, "duplicate id '\(id)' (first used on line \(first))")
            } else {
                seenIDs[id] = line
            }
        }
        switch heading.level {
        case 1:
            if heading.text.isEmpty { error(line, "section heading has no text") }
            guide.sections.append(ProtocolSection(id: heading.id, title: heading.text))
            return false
        case 2:
            if heading.text.isEmpty { error(line, "question has no text: write it before {#\(heading.id ?? "id")}") }
            if heading.id == nil { error(line, "question has no id: end the heading with {#some-id}") }
            if guide.sections.isEmpty {
                error(line, "question outside a section: add a '# Section title' heading above it")
                return false
            }
            let question = Question(id: heading.id ?? "", text: heading.text, line: line)
            guide.sections[guide.sections.count - 1].questions.append(question)
            themeLines = [:]
            return true
        default:
            error(
                line,
                "heading level \(heading.level) is not part of the format: use '#' for sections and '##' for questions")
            return nil
        }
    }

    /// Reads a question's `Time:` minutes.
    mutating func readTime(_ value: String, line: Int, into guide: inout InterviewProtocol) {
        guard isPositiveInteger(value) else {
            error(line, "bad Time '\(value)': expected minutes as a positive whole number", column: 7)
            return
        }
        guard let minutes = Int(value), ProtocolParser.minutesRange.contains(minutes) else {
            error(line, outOfRange("Time", value, ProtocolParser.minutesRange, unit: " minutes"), column: 7)
            return
        }
        if guide.sections.last?.questions.last?.minutes != nil {
            error(line, "'Time:' given twice for this question")
            return
        }
        appendToQuestion(&guide) { $0.minutes = minutes }
    }

    mutating func readThemes(_ value: String, raw: Substring, line: Int, into guide: inout InterviewProtocol) {
        var themes: [String] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let path = part.trimmingSpaces()
            if !Identifiers.isCodePath(path) {
                let column = raw.range(of: path).map { raw.distance(from: raw.startIndex, to: $0.lowerBound) + 1 }
                error(
                    line,
                    "bad theme '\(path)': expected a code path such as barrier.stigma (lower-case parts joined by '.')",
                    column: path.isEmpty ? nil : column)
            } else if let first = themeLines[path] {
                // Stored themes are unique per question; a repeat would fail only when loading.
                let column = raw.range(of: path, options: .backwards).map {
                    raw.distance(from: raw.startIndex, to: $0.lowerBound) + 1
                }
                let place = first == line ? "earlier on this line" : "on line \(first)"
                error(line, "theme '\(path)' is given twice for this question (first \(place))", column: column)
            } else {
                themeLines[path] = line
                themes.append(path)
            }
        }
        appendToQuestion(&guide) { $0.themes.append(contentsOf: themes) }
    }

    func appendToQuestion(_ guide: inout InterviewProtocol, _ change: (inout Question) -> Void) {
        let s = guide.sections.count - 1
        change(&guide.sections[s].questions[guide.sections[s].questions.count - 1])
    }

    /// The text after `- ` or `* `, or nil.
    func listItem(_ line: String) -> String? {
        guard line.hasPrefix("- ") || line.hasPrefix("* ") || line == "-" || line == "*" else { return nil }
        return line.dropFirst(1).trimmingSpaces()
    }

    /// The text after `Label:` (case-insensitive), or nil when the line does not start with it.
    func strip(label: String, from line: String) -> String? {
        guard line.count > label.count, line.prefix(label.count).lowercased() == label,
            line.dropFirst(label.count).first == ":"
        else { return nil }
        return line.dropFirst(label.count + 1).trimmingSpaces()
    }
}

/// A Markdown ATX heading with an optional `{#id}` attribute.
private struct Heading {
    let level: Int
    let text: String
    let id: String?

    init?(_ line: String) {
        let hashes = line.prefix { $0 == "#" }.count
        guard hashes > 0 else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingSpaces()
        var id: String?
        if text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) {
            id = String(text[open.upperBound..<text.index(before: text.endIndex)]).trimmingSpaces()
            text = text[..<open.lowerBound].trimmingSpaces()
        }
        self.level = hashes
        self.text = text
        self.id = id
    }
}
