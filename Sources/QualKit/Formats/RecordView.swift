/// One column of a ``RecordView``: declared once, it gives a table column, a CSV column and a JSON
/// member.
///
/// `key` is both the JSON member name (a documented contract, `docs/json.md`) and the CSV header;
/// `heading` is what a person reads above the table column. A column with no `json` value is shown in
/// tables only (a rounded figure, a joined span); one with no `text` is data only (JSON and, in a
/// ``RecordView/CSVLayout/data`` view, CSV).
public struct Column<Record>: Sendable {
    public let key: String
    public let heading: String
    public let alignment: TextTable.Alignment
    let json: (@Sendable (Record) -> JSON)?
    let text: (@Sendable (Record) -> String)?
    let inCSV: Bool

    private init(
        key: String, heading: String, alignment: TextTable.Alignment, json: (@Sendable (Record) -> JSON)?,
        text: (@Sendable (Record) -> String)?, inCSV: Bool
    ) {
        self.key = key
        self.heading = heading
        self.alignment = alignment
        self.json = json
        self.text = text
        self.inCSV = inCSV
    }

    /// A field shown everywhere. The table shows `text`, or the value written plainly (see
    /// ``Column/plain(_:separator:)``) when `text` is nil; the heading defaults to the key with spaces.
    public static func field(
        _ key: String, _ heading: String? = nil, _ alignment: TextTable.Alignment = .left, csv: Bool = true,
        json: @escaping @Sendable (Record) -> JSON, text: (@Sendable (Record) -> String)? = nil
    ) -> Column {
        Column(
            key: key, heading: heading ?? key.replacingOccurrences(of: "_", with: " "), alignment: alignment,
            json: json, text: text ?? { plain(json($0)) }, inCSV: csv)
    }

    /// A field shown everywhere, headed by its key.
    public static func field(
        _ key: String, _ alignment: TextTable.Alignment, csv: Bool = true,
        json: @escaping @Sendable (Record) -> JSON, text: (@Sendable (Record) -> String)? = nil
    ) -> Column {
        field(key, nil, alignment, csv: csv, json: json, text: text)
    }

    /// A field in JSON (and data-layout CSV unless `csv` is false) but not in the table.
    public static func data(_ key: String, csv: Bool = true, json: @escaping @Sendable (Record) -> JSON) -> Column {
        Column(key: key, heading: key, alignment: .left, json: json, text: nil, inCSV: csv)
    }

    /// A column for people only: in the table (and a table-layout CSV, headed `key`), never in JSON.
    public static func shown(
        _ key: String, _ heading: String? = nil, _ alignment: TextTable.Alignment = .left,
        text: @escaping @Sendable (Record) -> String
    ) -> Column {
        Column(
            key: key, heading: heading ?? key.replacingOccurrences(of: "_", with: " "), alignment: alignment,
            json: nil, text: text, inCSV: true)
    }

    /// A column for people only, headed by its key.
    public static func shown(
        _ key: String, _ alignment: TextTable.Alignment, text: @escaping @Sendable (Record) -> String
    ) -> Column {
        shown(key, nil, alignment, text: text)
    }

    /// `column` kept out of data-layout CSV.
    public init(hidingFromCSV column: Column) {
        self.init(
            key: column.key, heading: column.heading, alignment: column.alignment, json: column.json,
            text: column.text, inCSV: false)
    }

    /// This column read from a part of a larger record, so a record built around another declares
    /// the inner one's columns once.
    public func from<Whole>(_ part: @escaping @Sendable (Whole) -> Record) -> Column<Whole> {
        var json: (@Sendable (Whole) -> JSON)? = nil
        if let value = self.json {
            json = { whole in value(part(whole)) }
        }
        var text: (@Sendable (Whole) -> String)? = nil
        if let value = self.text {
            text = { whole in value(part(whole)) }
        }
        return Column<Whole>(
            key: key, heading: heading, alignment: alignment, json: json, text: text, inCSV: inCSV)
    }

    /// A JSON value as one cell: numbers as JSON writes them, `yes`/`no`, nothing for `null`, lists
    /// joined with `separator`, objects compact.
    public static func plain(_ value: JSON, separator: String = ",") -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "yes" : "no"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? JSON.format(number) : ""
        case .string(let text): return text
        case .array(let items): return items.map { plain($0, separator: separator) }.joined(separator: separator)
        case .object: return value.serialized(pretty: false)
        }
    }
}

/// How one kind of record prints as a table, CSV and JSON, from a single list of ``Column``s.
///
/// The columns are listed in JSON order, so the documented member order is the declaration order.
/// A table that reads better in another order names its keys in `tableOrder`.
///
/// ```swift
/// let view = RecordView<Coder>([
///     .field("id", json: { .string($0.id) }),
///     .field("name", json: { .string($0.name) }),
/// ])
/// print(view.rendered(coders).text(.csv))   // id,name ...
/// ```
public struct RecordView<Record>: Sendable {
    /// What a CSV holds.
    public enum CSVLayout: Sendable {
        /// The table's columns and cells, headed by their keys.
        case table
        /// The JSON members that allow CSV, in JSON order, each value written plainly; lists are
        /// joined with `;` so a list with commas stays one readable cell.
        case data
    }

    public let columns: [Column<Record>]
    public let tableOrder: [String]?
    public let csvLayout: CSVLayout

    public init(_ columns: [Column<Record>], tableOrder: [String]? = nil, csv: CSVLayout = .table) {
        self.columns = columns
        self.tableOrder = tableOrder
        self.csvLayout = csv
    }

    private var tableColumns: [Column<Record>] {
        let shown = columns.filter { $0.text != nil }
        guard let tableOrder else { return shown }
        return tableOrder.map { key in
            guard let column = shown.first(where: { $0.key == key }) else {
                preconditionFailure("tableOrder names \(key), which is not a table column")
            }
            return column
        }
    }

    /// The table for terminals.
    public func table(_ records: [Record]) -> TextTable {
        let shown = tableColumns
        return TextTable(
            columns: shown.map { TextTable.Column($0.heading, $0.alignment) },
            rows: records.map { record in shown.map { $0.text!(record) } })
    }

    /// The CSV, as a table whose titles are the keys.
    public func csv(_ records: [Record]) -> TextTable {
        switch csvLayout {
        case .table:
            let shown = tableColumns
            return TextTable(
                columns: shown.map { TextTable.Column($0.key) },
                rows: records.map { record in shown.map { $0.text!(record) } })
        case .data:
            return TextTable(columns: dataKeys.map { TextTable.Column($0) }, rows: records.map(dataCells))
        }
    }

    /// The data-layout CSV header: the keys of JSON members that allow CSV.
    public var dataKeys: [String] { columns.filter { $0.json != nil && $0.inCSV }.map(\.key) }

    /// One record's data-layout CSV cells, matching ``dataKeys``; for CSVs that join several records.
    public func dataCells(_ record: Record) -> [String] {
        columns.filter { $0.json != nil && $0.inCSV }.map { Column<Record>.plain($0.json!(record), separator: ";") }
    }

    /// The CSV cells of the JSON members named by `keys`, in that order: for CSVs whose columns are
    /// fixed by another contract (an import format).
    public func dataCells(_ record: Record, keys: [String]) -> [String] {
        keys.map { key in
            guard let column = columns.first(where: { $0.key == key }), let json = column.json else {
                preconditionFailure("\(key) is not a JSON member of this view")
            }
            return Column<Record>.plain(json(record), separator: ";")
        }
    }

    /// One record's JSON members, in declaration order.
    public func members(_ record: Record) -> [(String, JSON)] {
        columns.compactMap { column in column.json.map { (column.key, $0(record)) } }
    }

    /// One record as a JSON object.
    public func json(_ record: Record) -> JSON { .object(members(record)) }

    /// The records as a JSON array.
    public func json(_ records: [Record]) -> JSON { .array(records.map(json)) }

    /// The JSON member names, in order: the contract `docs/json.md` documents.
    public var keys: [String] { columns.filter { $0.json != nil }.map(\.key) }

    /// All three formats of a listing; `json` replaces the plain array when the contract wraps it.
    public func rendered(
        _ records: [Record], json: JSON? = nil, notes: [String] = [],
        moreTables: [(title: String, table: TextTable)] = []
    ) -> Rendered {
        Rendered(
            table: table(records), csv: csv(records), json: json ?? self.json(records), notes: notes,
            moreTables: moreTables)
    }
}
