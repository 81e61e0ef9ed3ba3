/// How a listing or analysis is printed: `--format table|json|csv`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv
}

/// One result ready to print in any ``OutputFormat``.
///
/// The library builds it from domain values so that JSON field names (a documented contract) and
/// table columns are defined beside the data they describe; the executable only chooses and prints.
public struct Rendered: Sendable {
    /// For terminals.
    public var table: TextTable
    /// For scripts; nil when `table` already is the CSV.
    public var csv: TextTable?
    public var json: JSON
    /// Lines printed under the table only (totals, notes, flags explained).
    public var notes: [String]
    /// Further titled tables printed after the first in table format only.
    public var moreTables: [(title: String, table: TextTable)]

    public init(
        table: TextTable, csv: TextTable? = nil, json: JSON, notes: [String] = [],
        moreTables: [(title: String, table: TextTable)] = []
    ) {
        self.table = table
        self.csv = csv
        self.json = json
        self.notes = notes
        self.moreTables = moreTables
    }

    /// The tables narrowed to `width` characters (see ``TextTable/fitted(to:)``); CSV and JSON keep
    /// every value whole.
    public func fitted(to width: Int?) -> Rendered {
        guard let width else { return self }
        var copy = self
        if csv == nil { copy.csv = table }
        copy.table = table.fitted(to: width)
        copy.moreTables = moreTables.map { ($0.title, $0.table.fitted(to: width)) }
        return copy
    }

    /// The text for `format`, ending with a newline.
    public func text(_ format: OutputFormat) -> String {
        switch format {
        case .table:
            var out = table.rows.isEmpty ? "(none)\n" : table.rendered()
            for extra in moreTables where !extra.table.rows.isEmpty {
                out += "\n\(extra.title)\n" + extra.table.rendered()
            }
            if !notes.isEmpty { out += "\n" + notes.joined(separator: "\n") + "\n" }
            return out
        case .csv: return (csv ?? table).csv()
        case .json: return json.serialized() + "\n"
        }
    }
}
