import Foundation

/// An area's make-up for ``Reach``: per attribute, each value's share of the population.
///
/// Read from `attribute,value,count` (shares are counts over the attribute's total) or
/// `attribute,value,share` (fractions from 0 to 1, or percentages written with `%`). Lines whose
/// first field starts with `#` are comments, so a file can say where its figures come from.
public struct Population: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let attribute: String
        public let value: String
        /// Fraction of the attribute's population, 0 to 1.
        public let share: Double
        /// The count, when the file gave counts.
        public let count: Int?
        public let line: Int
    }

    /// In file order.
    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The entries for one attribute, in file order.
    public func entries(for attribute: String) -> [Entry] { entries.filter { $0.attribute == attribute } }
}

/// Recruitment quotas for ``Reach``: rows `attribute,value,target`.
public struct RecruitmentTargets: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let attribute: String
        public let value: String
        public let target: Int
        public let line: Int
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public func entries(for attribute: String) -> [Entry] { entries.filter { $0.attribute == attribute } }
}

/// Pure parsers for the population and targets files: text in, a value or located diagnostics out.
public enum ReachFiles {
    /// Records after comments (`#` first) and blank lines, with the header first.
    static func records(_ text: String, file: String) throws -> [CSVRecord] {
        try CSVReader(text: text, file: file).readAll().filter { record in
            let first = record.fields.first?.trimmingSpaces() ?? ""
            if first.hasPrefix("#") { return false }
            return !record.fields.allSatisfy { $0.trimmingSpaces().isEmpty }
        }
    }

    static func header(
        _ records: [CSVRecord], file: String, expected: [[String]]
    ) throws(InvalidInput) -> (columns: [String], line: Int) {
        let described = expected.map { $0.joined(separator: ",") }.joined(separator: " or ")
        guard let header = records.first else {
            throw InvalidInput(file: file, line: 1, "the file has no header: expected \(described)")
        }
        let columns = header.fields.map(ColumnName.normalized)
        guard expected.contains(columns) else {
            throw InvalidInput(
                file: file, line: header.line,
                "the header is \(columns.joined(separator: ",")): expected \(described)")
        }
        return (columns, header.line)
    }

    /// Parses a population file. Every problem is reported, each at its line and column.
    public static func population(text: String, file: String) throws -> Population {
        let records = try records(text, file: file)
        let (columns, _) = try header(
            records, file: file, expected: [["attribute", "value", "count"], ["attribute", "value", "share"]])
        let byCount = columns[2] == "count"
        var problems: [Diagnostic] = []
        var raw: [(attribute: String, value: String, figure: Double, line: Int)] = []
        for (attribute, value, figureText, record) in groupRows(records, file: file, problems: &problems) {
            if byCount {
                guard let count = Int(figureText), count >= 0 else {
                    problems.append(
                        Diagnostic(
                            file: file, line: record.line, column: 3,
                            "bad count '\(figureText)': expected a whole number, 0 or more"))
                    continue
                }
                raw.append((attribute, value, Double(count), record.line))
            } else {
                let percent = figureText.hasSuffix("%")
                let number = Double(percent ? String(figureText.dropLast()) : figureText).map {
                    percent ? $0 / 100 : $0
                }
                guard let share = number, share.isFinite, (0...1).contains(share) else {
                    problems.append(
                        Diagnostic(
                            file: file, line: record.line, column: 3,
                            "bad share '\(figureText)': expected a fraction from 0 to 1 (or a percentage such as 12.5%)"
                        ))
                    continue
                }
                raw.append((attribute, value, share, record.line))
            }
        }
        // Row problems in file order; the sums' problems, about whole attributes, come after them.
        problems = inFileOrder(problems)
        var totals: [String: Double] = [:]
        for row in raw { totals[row.attribute, default: 0] += row.figure }
        if !byCount {
            for (attribute, total) in totals.sorted(by: { $0.key < $1.key }) where total > 1.0005 {
                let line = raw.first { $0.attribute == attribute }?.line
                problems.append(
                    Diagnostic(
                        file: file, line: line,
                        "the shares of \(attribute) add up to \(JSON.format(total)), more than 1"))
            }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return Population(
            entries: raw.map { row in
                let total = totals[row.attribute] ?? 0
                return Population.Entry(
                    attribute: row.attribute, value: row.value,
                    share: byCount ? (total > 0 ? row.figure / total : 0) : row.figure,
                    count: byCount ? Int(row.figure) : nil, line: row.line)
            })
    }

    /// Parses a targets file (`attribute,value,target`).
    public static func targets(text: String, file: String) throws -> RecruitmentTargets {
        let records = try records(text, file: file)
        _ = try header(records, file: file, expected: [["attribute", "value", "target"]])
        var problems: [Diagnostic] = []
        var entries: [RecruitmentTargets.Entry] = []
        for (attribute, value, text, record) in groupRows(records, file: file, problems: &problems) {
            guard let target = Int(text), target >= 0 else {
                problems.append(
                    Diagnostic(
                        file: file, line: record.line, column: 3,
                        "bad target '\(text)': expected a whole number of participants, 0 or more"))
                continue
            }
            entries.append(.init(attribute: attribute, value: value, target: target, line: record.line))
        }
        guard problems.isEmpty else { throw InvalidInput(inFileOrder(problems)) }
        return RecruitmentTargets(entries: entries)
    }

    /// The rows after the header as (attribute, value, figure text), each checked once for what
    /// population and target files share: three fields, an attribute, a value, no group twice.
    /// A row with the wrong number of fields is left out; other problems still yield the row so
    /// its figure is checked too.
    private static func groupRows(_ records: [CSVRecord], file: String, problems: inout [Diagnostic]) -> [(
        attribute: String, value: String, figure: String, record: CSVRecord
    )] {
        var rows: [(attribute: String, value: String, figure: String, record: CSVRecord)] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == 3 else {
                problems.append(
                    Diagnostic(
                        file: file, line: record.line,
                        "expected 3 fields as in the header, found \(record.fields.count)"))
                continue
            }
            let attribute = PersonFields.normalizedKey(record.fields[0])
            let value = record.fields[1].trimmingSpaces()
            if attribute.isEmpty {
                problems.append(Diagnostic(file: file, line: record.line, column: 1, "no attribute"))
            }
            if value.isEmpty { problems.append(Diagnostic(file: file, line: record.line, column: 2, "no value")) }
            let key = attribute + "\u{1F}" + value.lowercased()
            if let first = seen[key] {
                problems.append(
                    Diagnostic(
                        file: file, line: record.line, column: 2,
                        "\(attribute)=\(value) is listed twice (first on line \(first))"))
            }
            seen[key] = seen[key] ?? record.line
            rows.append((attribute, value, record.fields[2].trimmingSpaces(), record))
        }
        return rows
    }

    /// Problems as a reader meets them in the file: by line, then column, else as found.
    private static func inFileOrder(_ problems: [Diagnostic]) -> [Diagnostic] {
        problems.enumerated().sorted { a, b in
            let left = (a.element.line ?? Int.max, a.element.column ?? 0, a.offset)
            let right = (b.element.line ?? Int.max, b.element.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }

    /// Reads a file as every CSV reader does: UTF-8 with or without a byte-order mark, or UTF-16
    /// with one (Excel's "Unicode text"); throws ``MissingInputFile``, or ``InvalidInput`` naming
    /// the line of invalid UTF-8.
    public static func read(_ path: String) throws -> String {
        try SourceText.read(path)
    }
}
