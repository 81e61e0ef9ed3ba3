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
        // Per cell work is what a long table costs: newlines are replaced only where present, and a
        // width is counted in bytes when the cell is ASCII (the common case) instead of by grapheme.
        let cells = rows.map { row in row.map(Self.oneLine) }
        let counts = cells.map { row in row.map(Self.width) }
        var widths = columns.map { Self.width($0.title) }
        for row in counts {
            for (index, count) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], count)
            }
        }
        var out = ""
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (cells.count + 2))
        func line(_ values: [String], _ counts: [Int]) {
            var pending = 0  // spaces owed before the next non-empty text, so trailing ones are never written
            for (index, column) in columns.enumerated() {
                let value = index < values.count ? values[index] : ""
                let count = index < counts.count ? counts[index] : 0
                if index > 0 { pending += 2 }
                let padding = max(0, widths[index] - count)
                if column.alignment == .right { pending += padding }
                if !value.isEmpty {
                    if pending > 0 { out.append(String(repeating: " ", count: pending)) }
                    out.append(value)
                    pending = 0
                }
                if column.alignment == .left { pending += padding }
            }
            while out.utf8.last == 0x20 { out.removeLast() }  // a value's own trailing spaces
            out.append("\n")
        }
        let titles = columns.map { $0.title.uppercased() }
        line(titles, titles.map(Self.width))
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        out.append("\n")
        for (row, count) in zip(cells, counts) { line(row, count) }
        return out
    }

    static func oneLine(_ cell: String) -> String {
        cell.utf8.contains(10) ? cell.replacingOccurrences(of: "\n", with: " ") : cell
    }

    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
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
