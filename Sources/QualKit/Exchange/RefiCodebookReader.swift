import Foundation

/// Reads a REFI-QDA codebook (`.qdc`) into codebook entries. Pure: bytes in, entries and warnings
/// out, or ``InvalidInput`` naming each bad element by its line.
///
/// - Hierarchy is the nesting of `<Code>` elements; a name is never split on its dots.
/// - A code's path: the `Path:` line of qualkit's own description layout (see ``RefiCodebook``)
///   when it is a valid path under the parent's path and not taken; otherwise the parent's path,
///   a dot, and ``pathPart(for:)`` of the code's `name`, with `-2`, `-3` added to a part that a
///   sibling already has. So two codes of one name under different parents stay distinct.
/// - The `name` is kept as the display name, unless it is the path's last part already.
/// - `isCodable="false"`: qualkit lets every code be tagged. A category that qualkit itself wrote
///   for a parent with no row of its own (a description of only `Path:`) stays implicit; any other
///   becomes a code, with a warning.
/// - The description in qualkit's layout gives definition, use-when, not-when, example and kind;
///   any other description becomes the definition.
/// - The namespace is not checked (ATLAS.ti writes `urn:QDA-XML:codebook:0:4`); `<Sets>` are not
///   kept, with a warning when there are any.
public enum RefiCodebookReader {
    /// What a codebook holds for qualkit.
    public struct Result: Sendable {
        public var entries: [CodebookFile.Entry]
        public var warnings: [Diagnostic]
    }

    public static func parse(_ data: Data, file: String) throws -> Result {
        let root = try ExchangeDiagnostics.located(file: file) { try SafeXML.parse(data, document: file) }
        guard root.name == "CodeBook" else {
            throw InvalidInput(
                file: file, line: root.line,
                "not a REFI-QDA codebook: the root element is <\(root.name)>, expected <CodeBook>")
        }
        guard let codes = root.child("Codes") else {
            throw InvalidInput(file: file, line: root.line, "<CodeBook> has no <Codes> element")
        }
        var result = try entries(codes: codes, file: file)
        let sets = root.child("Sets")?.children("Set") ?? []
        if !sets.isEmpty {
            result.warnings.append(
                Diagnostic(
                    file: file, line: sets[0].line,
                    "\(sets.count) set\(sets.count == 1 ? "" : "s") of codes left out: qualkit has no code sets",
                    severity: .warning))
        }
        return result
    }

    /// The entries of a `<Codes>` element (a codebook's, or a project's, which has the same shape).
    public static func entries(codes: XMLTree, file: String) throws -> Result {
        var entries: [CodebookFile.Entry] = []
        var problems: [Diagnostic] = []
        var categories: [String] = []
        var taken: Set<String> = []

        func read(_ element: XMLTree, parent: String?) {
            guard let name = element.attributes["name"] else {
                problems.append(Diagnostic(file: file, line: element.line, "<Code> without a name attribute"))
                return
            }
            var codable = true
            if let value = element.attributes["isCodable"] {
                switch value.trimmingSpaces() {
                case "true", "1": codable = true
                case "false", "0": codable = false
                default:
                    problems.append(
                        Diagnostic(
                            file: file, line: element.line,
                            "<Code name=\"\(name)\">: isCodable is '\(value)', expected true or false"))
                }
            }
            let description = element.child("Description")?.text ?? ""
            let layout = QualkitDescription(description)
            var path: String
            if let own = layout?.path, Identifiers.isCodePath(own), Code.ancestors(of: own).last == parent,
                !taken.contains(own)
            {
                path = own
            } else {
                let base = (parent.map { $0 + "." } ?? "") + pathPart(for: name)
                path = base
                var number = 2
                while taken.contains(path) {
                    path = "\(base)-\(number)"
                    number += 1
                }
            }
            taken.insert(path)
            let implicit = !codable && layout != nil && layout!.fields.isEmpty
            if !implicit {
                var fields: [(column: String, value: String)] = []
                if name != String(path.split(separator: ".").last ?? "") { fields.append(("name", name)) }
                if let layout {
                    fields += layout.fields
                } else {
                    let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !text.isEmpty { fields.append(("definition", text)) }
                }
                if let color = element.attributes["color"] {
                    if let normalized = normalizedColor(color) {
                        fields.append(("color", normalized))
                    } else {
                        problems.append(
                            Diagnostic(
                                file: file, line: element.line,
                                "<Code name=\"\(name)\">: colour '\(color)' is not #RRGGBB or #RGB"))
                    }
                }
                var code = Code(path: path)
                for field in fields {
                    do { try CodeFields.set(field.column, field.value, on: &code) } catch {
                        problems.append(
                            Diagnostic(file: file, line: element.line, "<Code name=\"\(name)\">: \(error.message)"))
                    }
                }
                if !codable { categories.append(path) }
                entries.append(CodebookFile.Entry(path: path, fields: fields, line: element.line))
            }
            for child in element.children("Code") { read(child, parent: path) }
        }
        for code in codes.children("Code") { read(code, parent: nil) }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        guard !entries.isEmpty else { throw InvalidInput(file: file, line: codes.line, "<Codes> holds no codes") }
        var warnings: [Diagnostic] = []
        if !categories.isEmpty {
            warnings.append(
                Diagnostic(
                    file: file, line: nil,
                    "\(categories.count) code\(categories.count == 1 ? " is" : "s are") not codable in the file (isCodable=\"false\") but can be tagged in qualkit: \(categories.joined(separator: ", "))",
                    severity: .warning))
        }
        return Result(entries: entries, warnings: warnings)
    }

    /// One part of a code path made from another tool's code name: letters folded to ASCII without
    /// accents (`É` → `e`), lower case; every run of other characters (spaces, dots, dashes,
    /// punctuation, letters with no ASCII form) becomes one `-`; no `-` at either end; at most 60
    /// characters, cut at a `-` where there is one; `code` when nothing is left.
    /// `HBM 4. Perceived Barriers – Észlelt akadályok` → `hbm-4-perceived-barriers-eszlelt-akadalyok`.
    public static func pathPart(for name: String) -> String {
        var part = ""
        var pendingDash = false
        for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let single = lower.first, single.isASCII,
                ("a"..."z").contains(single) || ("0"..."9").contains(single)
            {
                if pendingDash && !part.isEmpty { part += "-" }
                pendingDash = false
                part.unicodeScalars.append(single)
            } else {
                pendingDash = true
            }
        }
        if part.count > 60 {
            let cut = part.prefix(60)
            part = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
        }
        return part.isEmpty ? "code" : part
    }

    static func normalizedColor(_ text: String) -> String? {
        let value = text.trimmingSpaces()
        guard value.hasPrefix("#"), value.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        let digits = value.dropFirst()
        switch digits.count {
        case 6: return value.uppercased()
        case 3: return "#" + digits.map { "\($0)\($0)" }.joined().uppercased()
        default: return nil
        }
    }
}

/// qualkit's description layout (``RefiCodebook``): `Label: value` lines, a value's later lines
/// indented two spaces, ending with `Path:`. Nil for any other text.
struct QualkitDescription {
    var fields: [(column: String, value: String)] = []
    var path: String?

    static let labels: [(label: String, column: String)] = [
        ("Definition", "definition"), ("Use when", "use_when"), ("Do not use when", "do_not_use_when"),
        ("Example", "example"), ("Kind", "kind"), ("Path", "path"),
    ]

    init?(_ text: String) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        var current: (column: String, lines: [String])?
        var read: [(String, String)] = []
        func finish() {
            if let current { read.append((current.column, current.lines.joined(separator: "\n"))) }
        }
        for line in lines {
            if let label = Self.labels.first(where: { line.hasPrefix($0.label + ": ") || line == $0.label + ":" }) {
                finish()
                current = (label.column, [String(line.dropFirst(label.label.count + 1).drop { $0 == " " })])
            } else if current != nil, line.hasPrefix("  ") || line.isEmpty {
                current!.lines.append(String(line.dropFirst(2)))
            } else {
                return nil
            }
        }
        finish()
        guard let last = read.last, last.0 == "path" else { return nil }
        path = last.1.trimmingSpaces()
        fields = read.dropLast().map { (column: $0.0, value: $0.1) }
    }
}

extension RefiCodebookReader {
    /// True when `bytes` start (after a byte-order mark, an XML declaration and comments) with a
    /// `<CodeBook` element: a `.qdc` saved under another extension.
    public static func looksLikeCodebook(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
            .trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        return head.hasPrefix("<") && (head.contains("<CodeBook") || head.contains(":CodeBook"))
    }
}
