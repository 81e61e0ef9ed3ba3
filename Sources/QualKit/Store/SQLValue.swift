/// A value SQLite stores in one column of one row, or binds to one `?` parameter.
///
/// Swift values become ``SQLValue`` through ``SQLBindable`` so that call sites read naturally:
///
/// ```swift
/// try db.execute("INSERT INTO code(path, kind) VALUES (?, ?)", ["barrier.stigma", "barrier"])
/// ```
public enum SQLValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes): return "<\(bytes.count) bytes>"
        }
    }
}

/// A Swift value that can be bound as a statement parameter.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}
extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
}
extension Substring: SQLBindable {
    public var sqlValue: SQLValue { .text(String(self)) }
}
extension Int: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}
extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .integer(self) }
}
extension Double: SQLBindable {
    public var sqlValue: SQLValue { .real(self) }
}
extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
