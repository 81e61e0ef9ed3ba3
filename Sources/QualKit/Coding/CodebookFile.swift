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
        var seen: [String: Int] = [:]
        func finish() {
            if let current { entries.append(Entry(path: current.path, fields: current.fields, line: current.line)) }
            current = nil
            lastColumn = nil
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("## ") || trimmed == "##" {
                finish()
                let heading = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
                let parts =
                    heading.components(separatedBy: " — ").count > 1
                    ? heading.components(separatedBy: " — ") : heading.components(separatedBy: " - ")
                let path = parts[0].trimmingCharacters(in: .whitespaces)
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
                    fields.append(
                        ("name", parts.dropFirst().joined(separator: " — ").trimmingCharacters(in: .whitespaces)))
                }
                current = (path, fields, line)
                continue
            }
            if trimmed.hasPrefix("#") { finish(); continue }
            guard current != nil else { continue }
            if trimmed.isEmpty { lastColumn = nil; continue }
            if let colon = trimmed.firstIndex(of: ":") {
                let label = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
                let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if let known = markdownColumn(label) {
                    current!.fields.append((known, value))
                    lastColumn = known
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
            if let index = current!.fields.lastIndex(where: { $0.0 == column }) {
                current!.fields[index].1 += (lastColumn == nil ? "\n\n" : " ") + trimmed
            } else {
                current!.fields.append((column, trimmed))
            }
            lastColumn = column
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

    public static func markdown(_ codes: [Code], title: String) -> String {
        var out =
            "# Codebook: \(title)\n\nOne heading per code: `## path — Name`, then its fields. Codes nest by their dotted paths.\n"
        for code in codes {
            out += "\n## \(code.path)" + (code.name.map { " — \($0)" } ?? "") + "\n"
            out += "Kind: \(code.kind)\n"
            if let value = code.definition { out += "Definition: \(value)\n" }
            if let value = code.useWhen { out += "Use when: \(value)\n" }
            if let value = code.doNotUseWhen { out += "Do not use when: \(value)\n" }
            if let value = code.example { out += "Example: \(value)\n" }
            if let value = code.color { out += "Colour: \(value)\n" }
        }
        return out
    }

    // MARK: CSV

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
            let codePath = record.fields[pathColumn].trimmingCharacters(in: .whitespaces)
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
                guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
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
