/// One row of a query result, read by column name or position.
///
/// ```swift
/// for row in try db.rows("SELECT id, version FROM protocol_version") {
///     let id: String = row["id"]
///     let version: Int = row["version"]
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

    /// The value of the named column; `.null` when the query has no such column.
    public func value(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public subscript(_ column: String) -> String { value(column).stringValue ?? "" }
    public subscript(_ column: String) -> String? { value(column).stringValue }
    public subscript(_ column: String) -> Int { value(column).intValue ?? 0 }
    public subscript(_ column: String) -> Int? { value(column).intValue }
    public subscript(_ column: String) -> Double { value(column).doubleValue ?? 0 }
    public subscript(_ column: String) -> Double? { value(column).doubleValue }
    public subscript(_ column: String) -> Bool { (value(column).intValue ?? 0) != 0 }
    public subscript(_ index: Int) -> SQLValue { values[index] }
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

    /// The value as an integer, when it is one (or a real with no fraction).
    public var intValue: Int? {
        switch self {
        case .integer(let value): return Int(value)
        case .real(let value): return value.rounded() == value ? Int(value) : nil
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

    public var isNull: Bool { self == .null }
}
