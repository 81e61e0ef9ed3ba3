import Foundation

/// The codebook as a document a team reviews (Markdown) or a spreadsheet (CSV). Pure: text in,
/// codes (with the fields each file sets) or every problem out.
public enum CodebookFile {
    /// One code read from a file: its path, the fields the file gives, and the line.
    public struct Entry: Sendable {
        public let path: String
        public let fields: [(column: String, value: String)]
        public let line: Int
    }

    // MARK: Markdown

    /// ```
    /// ## barrier.stigma — Stigma
    /// Kind: barrier
    /// Definition: Fear of being judged ...
    /// Use when: ...
    /// Do not use when: ...
    /// Example: "People would say I'm mad."
    /// Colour: #D55E00
    /// ```
    public static func parseMarkdown(_ bytes: [UInt8], file: String) throws -> [Entry] {
        let text = try SourceText.decode(bytes, file: file)
        var entries: [Entry] = []
        var problems: [Diagnostic] = []
        var current: (path: String, fields: [(String, String)], line: Int)?
        var lastColumn: String?
        // The previous line ended in a hard line break (`\`): the next continues its field after a newline.
        var pendingNewline = false
        var seen: [String: Int] = [:]
        func finish() {
            if let current { entries.append(Entry(path: current.path, fields: current.fields, line: current.line)) }
            current = nil
            lastColumn = nil
            pendingNewline = false
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = raw.trimmingSpaces()
            if trimmed.hasPrefix("## ") || trimmed == "##" {
                finish()
                let heading = trimmed.dropFirst(2).trimmingSpaces()
                let parts =
                    heading.components(separatedBy: " — ").count > 1
                    ? heading.components(separatedBy: " — ") : heading.components(separatedBy: " - ")
                let path = parts[0].trimmingSpaces()
                guard Identifiers.isCodePath(path) else {
                    problems.append(
                        Diagnostic(
                            file: file, line: line, column: 4,
                            "bad code path '\(path)': headings are '## path — Name' with a path such as barrier.stigma.family"
                        ))
                    continue
                }
                if let first = seen[path] {
                    problems.append(
                        Diagnostic(file: file, line: line, "code \(path) appears twice (first on line \(first))"))
                    continue
                }
                seen[path] = line
                var fields: [(String, String)] = []
                if parts.count > 1 {
                    let name = parts.dropFirst().joined(separator: " — ").trimmingSpaces()
                    fields.append(("name", MarkdownEscaping.readLine(name).text))
                }
                current = (path, fields, line)
                continue
            }
            if trimmed.hasPrefix("#") { finish(); continue }
            guard current != nil else { continue }
            if trimmed.isEmpty {
                lastColumn = nil
                pendingNewline = false
                continue
            }
            if let colon = MarkdownEscaping.firstUnescapedColon(in: trimmed) {
                let label = trimmed[..<colon].trimmingSpaces()
                let value = trimmed[trimmed.index(after: colon)...].trimmingSpaces()
                if let known = markdownColumn(label) {
                    let read = MarkdownEscaping.readLine(value)
                    current!.fields.append((known, read.text))
                    lastColumn = known
                    pendingNewline = read.endsWithLineBreak
                    continue
                }
                let labels = CodeFields.markdownLabels.map(\.label)
                if label.split(separator: " ").count <= 4, let near = Suggestion.nearest(to: label, in: labels) {
                    problems.append(
                        Diagnostic(
                            file: file, line: line, column: 1, "unknown field '\(label)' (did you mean '\(near)'?)"))
                    continue
                }
            }
            // A continuation of a text field, or a free paragraph that adds to the definition.
            let textColumns: Set<String> = ["name", "definition", "use_when", "do_not_use_when", "example"]
            let column = lastColumn.flatMap { textColumns.contains($0) ? $0 : nil } ?? "definition"
            if column != lastColumn { lastColumn = nil }
            let read = MarkdownEscaping.readLine(trimmed)
            if let index = current!.fields.lastIndex(where: { $0.0 == column }) {
                let joint = lastColumn == nil ? "\n\n" : pendingNewline ? "\n" : " "
                current!.fields[index].1 += joint + read.text
            } else {
                current!.fields.append((column, read.text))
            }
            lastColumn = column
            pendingNewline = read.endsWithLineBreak
        }
        finish()
        for entry in entries {
            var code = Code(path: entry.path)
            for field in entry.fields {
                do { try CodeFields.set(field.column, field.value, on: &code) } catch {
                    problems.append(Diagnostic(file: file, line: entry.line, "\(entry.path): \(error.message)"))
                }
            }
        }
        guard problems.isEmpty else { throw InvalidInput(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        guard !entries.isEmpty else {
            throw InvalidInput(file: file, line: 1, "no codes found: each code is a heading '## path — Name'")
        }
        return entries
    }

    static func markdownColumn(_ label: String) -> String? {
        CodeFields.markdownLabels.first { $0.label.lowercased() == label.lowercased() }?.column
    }

    /// The codebook as Markdown that ``parseMarkdown(_:file:)`` reads back to the same codes.
    ///
    /// Free text is escaped where it would otherwise be read as structure: a line of a value that
    /// starts with `#` or looks like `Label:` gets a backslash, line breaks inside a value become
    /// Markdown hard breaks (a `\` at the end of the line), and backslashes are doubled. Rendered as
    /// Markdown, the escapes disappear.
    public static func markdown(_ codes: [Code], title: String) -> String {
        let oneLineTitle = title.split(whereSeparator: \.isNewline).joined(separator: " ")
        var out =
            "# Codebook: \(oneLineTitle)\n\nOne heading per code: `## path — Name`, then its fields. Codes nest by their dotted paths.\n"
        for code in codes {
            // A name that needs escaping goes in a Name: field, where escapes are read.
            let headingName = code.name.flatMap { $0.contains(where: { $0.isNewline || $0 == "\\" }) ? nil : $0 }
            let heading = headingName.map { " — " + MarkdownEscaping.escape($0[...], continuation: false) } ?? ""
            out += "\n## \(code.path)\(heading)\n"
            if headingName == nil, let name = code.name { out += MarkdownEscaping.field("Name", name) }
            out += MarkdownEscaping.field("Kind", code.kind)
            if let value = code.definition { out += MarkdownEscaping.field("Definition", value) }
            if let value = code.useWhen { out += MarkdownEscaping.field("Use when", value) }
            if let value = code.doNotUseWhen { out += MarkdownEscaping.field("Do not use when", value) }
            if let value = code.example { out += MarkdownEscaping.field("Example", value) }
            if let value = code.color { out += MarkdownEscaping.field("Colour", value) }
        }
        return out
    }

    // MARK: CSV

    /// Reads a codebook CSV (`path,kind,name,definition,use_when,do_not_use_when,example,color`).
    ///
    /// - Throws: ``MissingInputFile`` when the file cannot be read, ``InvalidInput`` listing every bad
    ///   row with its line.
    public static func parseCSV(path: String) throws -> [Entry] {
        let csv = try HeadedCSV(path: path, expected: "a header row with a 'path' column")
        let columns = csv.columns
        var problems = csv.unknownColumns(CodeFields.columns)
        guard let pathColumn = columns.firstIndex(of: "path") else {
            problems.append(csv.headerProblem("no 'path' column"))
            throw InvalidInput(problems)
        }
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        while let record = try csv.next({ problems.append($0) }) {
            let codePath = record.fields[pathColumn].trimmingSpaces()
            do { _ = try CodeFields.path(codePath) } catch {
                problems.append(Diagnostic(file: path, line: record.line, error.message))
                continue
            }
            if let first = seen[codePath] {
                problems.append(Diagnostic(file: path, line: record.line, "code \(codePath) is also on line \(first)"))
                continue
            }
            seen[codePath] = record.line
            var fields: [(String, String)] = []
            var code = Code(path: codePath)
            for (index, value) in record.fields.enumerated()
            where index != pathColumn && CodeFields.columns.contains(columns[index]) {
                // An empty cell leaves the field as it is.
                guard !value.trimmingSpaces().isEmpty else { continue }
                do {
                    try CodeFields.set(columns[index], value, on: &code)
                    fields.append((columns[index], value))
                } catch {
                    problems.append(Diagnostic(file: path, line: record.line, error.message))
                }
            }
            entries.append(Entry(path: codePath, fields: fields, line: record.line))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return entries
    }

    public static func csv(_ codes: [Code]) -> String {
        CSVWriter.document(
            header: CodeFields.columns,
            rows: codes.map {
                [
                    $0.path, $0.kind, $0.name ?? "", $0.definition ?? "", $0.useWhen ?? "", $0.doNotUseWhen ?? "",
                    $0.example ?? "", $0.color ?? "",
                ]
            })
    }
}

/// The backslash escapes of the Markdown codebook, which follow CommonMark's: `\` before ASCII
/// punctuation stands for that character, and a `\` ending a line is a hard line break
/// (https://spec.commonmark.org/0.31.2/#backslash-escapes).
enum MarkdownEscaping {
    /// `Label: value`, one line per line of `value`, escaped so that it reads back exactly.
    static func field(_ label: String, _ value: String) -> String {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        var out = "\(label): " + escape(lines[0], continuation: false)
        for line in lines.dropFirst() {
            out += "\\\n" + escape(line, continuation: true)
        }
        return out + "\n"
    }

    /// One line of a value. A continuation line is read on its own, so anything there that the
    /// parser takes as structure (a heading, a `Label:`, leading blanks it would trim) is escaped.
    static func escape(_ line: Substring, continuation: Bool) -> String {
        // `<` too, so that a definition holding `<script>` stays text where the codebook is rendered.
        var text = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "<", with: "\\<")
        guard continuation else { return text }
        if let colon = text.firstIndex(of: ":") { text.insert("\\", at: colon) }
        if text.first == "#" || text.first?.isWhitespace == true { text = "\\" + text }
        return text
    }

    /// The first `:` not escaped by a backslash.
    static func firstUnescapedColon(in line: String) -> String.Index? {
        var escaped = false
        for index in line.indices {
            let character = line[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                return index
            }
        }
        return nil
    }

    /// A line's text with escapes resolved, and whether it ends in a hard line break.
    static func readLine(_ line: String) -> (text: String, endsWithLineBreak: Bool) {
        var text = ""
        var characters = line[...]
        if characters.first == "\\", let next = characters.dropFirst().first, next.isWhitespace {
            characters = characters.dropFirst()
        }
        var lineBreak = false
        while let character = characters.popFirst() {
            guard character == "\\" else {
                text.append(character)
                continue
            }
            guard let next = characters.first else {
                lineBreak = true
                break
            }
            if next.isASCII && next.isPunctuation || next.isASCII && next.isSymbol {
                text.append(next)
                characters = characters.dropFirst()
            } else {
                text.append(character)
            }
        }
        return (text, lineBreak)
    }
}
