/// A CSV file whose first row names its columns: the names normalised (`Household Type` ->
/// `household_type`), and every later record checked to have one field per column.
public struct HeadedCSV {
    public let file: String
    public let headerLine: Int
    /// Normalised column names, in file order.
    public let columns: [String]
    private let reader: CSVReader

    /// Opens `path` and reads its header; an empty file is an error saying what was `expected`.
    public init(path: String, expected: String) throws {
        try self.init(reader: try CSVReader(path: path), expected: expected)
    }

    /// Reads CSV text named `file` in problems: pure, for parsers that are tested and fuzzed.
    public init(text: String, file: String, expected: String) throws {
        try self.init(reader: CSVReader(text: text, file: file), expected: expected)
    }

    private init(reader: CSVReader, expected: String) throws {
        self.reader = reader
        guard let header = try reader.next() else {
            throw InvalidInput(file: reader.file, line: 1, "the file is empty: expected \(expected)")
        }
        file = reader.file
        headerLine = header.line
        columns = header.fields.map(ColumnName.normalized)
    }

    /// How the file was read (`UTF-16 LE with BOM, tab-separated`), said in every header problem
    /// because a wrong guess there is what most header problems come from.
    public var dialect: String { reader.dialect }

    /// A problem located at the header row.
    public func headerProblem(_ message: String, remedy: Remedy? = nil) -> Diagnostic {
        Diagnostic(file: file, line: headerLine, message + " (read as \(dialect))", remedy: remedy)
    }

    /// A problem for each column not in `known`, naming the nearest known column.
    public func unknownColumns(_ known: [String]) -> [Diagnostic] {
        columns.enumerated().filter { !known.contains($0.element) }.map { index, column in
            let near = Suggestion.nearest(to: column, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            return headerProblem(
                "column \(index + 1): unknown column '\(column)'\(near); the columns are \(known.joined(separator: ","))"
            )
        }
    }

    /// The next record with one field per column; a record with another number of fields is
    /// passed to `report` and skipped.
    public func next(_ report: (Diagnostic) -> Void) throws -> CSVRecord? {
        while let record = try reader.next() {
            if record.fields.count == columns.count { return record }
            report(
                Diagnostic(
                    file: file, line: record.line,
                    "expected \(columns.count) fields as in the header, found \(record.fields.count) (read as \(dialect))"
                ))
        }
        return nil
    }
}
