/// One row of a query result, read by column name or position.
///
/// Reading a column the query does not return throws ``RowError/columnNotFound(column:available:)``
/// rather than yielding `0` or `""`, so a misspelt name fails loudly. A `NULL` read as a
/// non-optional type gives the empty value (`""`, `0`, `false`); read it as an optional to tell the two
/// apart.
///
/// ```swift
/// for row in try db.rows("SELECT id, version, ethics FROM protocol_version") {
///     let id: String = try row["id"]
///     let version: Int = try row["version"]
///     let ethics: String? = try row["ethics"]
/// }
/// ```
public struct Row: Sendable {
    /// Column names in result order.
    public let columns: [String]
    /// Values in result order.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the named column.
    public func value(_ column: String) throws(RowError) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else {
            throw .columnNotFound(column: column, available: columns)
        }
        return values[index]
    }

    /// The value converted by `convert`, `nil` for `NULL`, and a type mismatch when it cannot convert.
    private func read<T>(_ column: String, as type: String, _ convert: (SQLValue) -> T?) throws(RowError) -> T? {
        let value = try value(column)
        if value == .null { return nil }
        guard let converted = convert(value) else {
            throw .typeMismatch(column: column, expected: type, found: value.storageClass)
        }
        return converted
    }

    public subscript(_ column: String) -> String {
        get throws(RowError) { try read(column, as: "text", \.stringValue) ?? "" }
    }
    public subscript(_ column: String) -> String? {
        get throws(RowError) { try read(column, as: "text", \.stringValue) }
    }
    public subscript(_ column: String) -> Int {
        get throws(RowError) { try read(column, as: "integer", \.intValue) ?? 0 }
    }
    public subscript(_ column: String) -> Int? {
        get throws(RowError) { try read(column, as: "integer", \.intValue) }
    }
    public subscript(_ column: String) -> Double {
        get throws(RowError) { try read(column, as: "real", \.doubleValue) ?? 0 }
    }
    public subscript(_ column: String) -> Double? {
        get throws(RowError) { try read(column, as: "real", \.doubleValue) }
    }
    public subscript(_ column: String) -> Bool {
        get throws(RowError) { (try read(column, as: "integer", \.intValue) ?? 0) != 0 }
    }
    public subscript(_ index: Int) -> SQLValue { values[index] }
}

/// A column read that does not fit the query: a bug in qualkit's SQL or in the code reading it.
public enum RowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query returns no column of this name.
    case columnNotFound(column: String, available: [String])
    /// The column holds a value of another kind (`found` is SQLite's storage class, never the value).
    case typeMismatch(column: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .columnNotFound(let column, let available):
            return "no column '\(column)' in the query's result (columns: \(available.joined(separator: ", ")))"
        case .typeMismatch(let column, let expected, let found):
            return "column '\(column)' holds \(found), not \(expected)"
        }
    }
}

extension SQLValue {
    /// The value as text: integers and reals are written out, `NULL` is nil.
    public var stringValue: String? {
        switch self {
        case .null: return nil
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The value as an integer, when it is one (or a real with no fraction, or text of an integer).
    public var intValue: Int? {
        switch self {
        case .integer(let value): return Int(value)
        case .real(let value): return value.rounded() == value ? Int(exactly: value) : nil
        case .text(let text): return Int(text)
        default: return nil
        }
    }

    /// The value as a double, when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        case .text(let text): return Double(text)
        default: return nil
        }
    }

    /// SQLite's name for the kind of value (https://sqlite.org/datatype3.html).
    var storageClass: String {
        switch self {
        case .null: return "NULL"
        case .integer: return "an integer"
        case .real: return "a real"
        case .text: return "text"
        case .blob: return "a blob"
        }
    }
}
