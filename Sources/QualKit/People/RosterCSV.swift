import Foundation

/// Reads a participant or interviewer CSV into validated rows, checking what every roster shares:
/// a header with `id`, no duplicate or identifying columns, a field per column, valid unique ids.
struct RosterCSV {
    struct Row {
        let line: Int
        let id: String
        /// (normalised column, value) for every column but `id`.
        let fields: [(key: String, value: String)]
    }

    let rows: [Row]
    let problems: [Diagnostic]

    /// A header prefix that declares a column a free attribute (`attr_site_visit`), so that a
    /// name close to a field's is not taken for a misspelling of it. The prefix is dropped.
    static let attributePrefix = "attr_"

    /// - Parameters:
    ///   - recognised: columns that are fields rather than attributes (never refused as identifiers).
    ///   - allowed: identifier-like columns the user allowed with `--allow-column`.
    ///   - attributes: columns the user declared free attributes with `--attribute` (normalised).
    init(path: String, recognised: [String], allowed: Set<String>, attributes: Set<String> = []) throws {
        let csv = try HeadedCSV(path: path, expected: "a header row with an 'id' column")
        var problems: [Diagnostic] = []
        var rows: [Row] = []
        var keys = csv.columns
        for (index, column) in csv.columns.enumerated() {
            if column.hasPrefix(Self.attributePrefix) {
                let key = String(column.dropFirst(Self.attributePrefix.count))
                keys[index] = key
                if key.isEmpty || recognised.contains(key) {
                    problems.append(
                        csv.headerProblem(
                            "column \(index + 1): '\(column)' names \(key.isEmpty ? "no attribute" : "the field '\(key)', not an attribute"); rename it"
                        ))
                }
            } else if !recognised.contains(column) && !attributes.contains(column),
                let field = Self.misspeltField(column, among: recognised)
            {
                problems.append(
                    csv.headerProblem(
                        "column \(index + 1): unknown column '\(column)' (did you mean '\(field)'?); the fields are \(recognised.joined(separator: ", "))",
                        remedy: .declareAttribute(column)))
            }
        }
        for key in attributes.sorted() where recognised.contains(key) {
            problems.append(csv.headerProblem("--attribute \(key): '\(key)' is a field, not an attribute"))
        }
        for (index, key) in keys.enumerated() {
            if key.isEmpty {
                if !csv.columns[index].hasPrefix(Self.attributePrefix) {
                    problems.append(csv.headerProblem("column \(index + 1) has no name"))
                }
            } else if keys[..<index].contains(key) {
                problems.append(csv.headerProblem("column '\(key)' appears twice"))
            } else if !recognised.contains(key) && PersonFields.isDirectIdentifier(key) && !allowed.contains(key) {
                problems.append(
                    csv.headerProblem(
                        "column \(index + 1): " + PersonFields.identifierRefusal(key),
                        remedy: .allowIdentifierColumn(key)))
            }
        }
        guard let idColumn = keys.firstIndex(of: "id") else {
            problems.append(
                csv.headerProblem(
                    "no 'id' column: the header must name an 'id' column (found: \(keys.joined(separator: ", ")))"))
            throw InvalidInput(problems)
        }
        var seen: [String: Int] = [:]
        while let record = try csv.next({ problems.append($0) }) {
            let id = record.fields[idColumn].trimmingSpaces()
            guard Identifiers.isPersonID(id) else {
                problems.append(
                    Diagnostic(
                        file: path, line: record.line,
                        id.isEmpty ? "empty id" : "bad id '\(id)': use 1 to 64 letters, digits, '.', '_' or '-'"))
                continue
            }
            if let first = seen[id] {
                problems.append(Diagnostic(file: path, line: record.line, "id \(id) is also on line \(first)"))
                continue
            }
            seen[id] = record.line
            var fields: [(key: String, value: String)] = []
            for (index, value) in record.fields.enumerated() where index != idColumn {
                fields.append((keys[index], value))
            }
            rows.append(Row(line: record.line, id: id, fields: fields))
        }
        self.rows = rows
        self.problems = problems
    }

    /// The field an unknown column most likely misspells: the nearest field name, or any consent
    /// field for a column that starts like one (consent must never become a mere attribute).
    static func misspeltField(_ column: String, among recognised: [String]) -> String? {
        if let near = Suggestion.nearest(to: column, in: recognised.filter { $0 != "id" }) { return near }
        if column.hasPrefix("consent") || column.hasPrefix("concent") {
            return recognised.first { $0.hasPrefix("consent") && column.contains($0.dropFirst(8)) }
                ?? recognised.first { $0.hasPrefix("consent") }
        }
        return nil
    }

    /// A located diagnostic for a field problem on `row`.
    static func diagnostic(_ problem: PersonFields.Problem, file: String, line: Int, value: String) -> Diagnostic {
        var message = problem.message
        if let column = problem.column {
            message = "\(problem.field) '\(value)', character \(column): \(problem.message)"
        }
        return Diagnostic(file: file, line: line, message, remedy: problem.remedy)
    }
}
