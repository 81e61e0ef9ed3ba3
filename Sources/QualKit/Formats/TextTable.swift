/// Rows and columns for a terminal, aligned, with a header rule.
///
/// ```
/// ID              VERSION  LANGUAGES  QUESTIONS
/// talking-change        2  en, ur            24
/// ```
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable, Equatable {
        public let title: String
        public let alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as aligned text; each line ends with a newline. Trailing spaces are trimmed.
    public func rendered() -> String {
        let cells = rows.map { row in row.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        var widths = columns.map { $0.title.count }
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (index, column) in columns.enumerated() {
                let value = index < values.count ? values[index] : ""
                let padding = String(repeating: " ", count: max(0, widths[index] - value.count))
                parts.append(column.alignment == .right ? padding + value : value + padding)
            }
            return String(parts.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        var out = line(columns.map { $0.title.uppercased() }) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }

    /// The table as CSV with the column titles as the header row.
    public func csv() -> String {
        CSVWriter.document(header: columns.map(\.title), rows: rows)
    }
}

extension TextTable {
    /// The table narrowed to `width` characters a line: the widest left-aligned columns give way
    /// first, never below their heading or ``minimumWidth``; a narrowed last column wraps at
    /// spaces onto continuation rows, any other narrowed column is cut with an ellipsis. A table
    /// that already fits is returned as it is, so pipes and `--wide` get whole rows.
    public func fitted(to width: Int) -> TextTable {
        guard !columns.isEmpty else { return self }
        let cells = rows.map { row in row.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        var widths = columns.map { $0.title.count }
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        let natural = widths
        let gaps = 2 * (columns.count - 1)
        var excess = widths.reduce(0, +) + gaps - width
        guard excess > 0 else { return self }
        let floor = columns.map { max($0.title.count, TextTable.minimumWidth) }
        while excess > 0 {
            // The widest column that may still shrink; right-aligned (numeric) columns never do.
            var widest: Int?
            for index in columns.indices where columns[index].alignment == .left && widths[index] > floor[index] {
                if widest == nil || widths[index] > widths[widest!] { widest = index }
            }
            guard let widest else { break }
            widths[widest] -= 1
            excess -= 1
        }
        let last = columns.count - 1
        var fitted = TextTable(columns: columns)
        for row in cells {
            var lines: [[String]] = [
                row.enumerated().map { index, cell in
                    guard index < widths.count, cell.count > widths[index], index != last else { return cell }
                    return String(cell.prefix(widths[index] - 1)) + "…"
                }
            ]
            if row.count > last, widths[last] < natural[last], row[last].count > widths[last] {
                let wrapped = TextTable.wrap(row[last], width: widths[last])
                lines[0][last] = wrapped[0]
                for more in wrapped.dropFirst() {
                    lines.append(Array(repeating: "", count: last) + [more])
                }
            }
            fitted.rows += lines
        }
        return fitted
    }

    /// Columns are not narrowed below this many characters.
    public static let minimumWidth = 8

    /// `text` in lines of at most `width` characters, broken at spaces where possible.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
