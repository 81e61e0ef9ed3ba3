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
