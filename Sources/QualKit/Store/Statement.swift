import CSQLite
import Foundation

/// A prepared SQL statement with typed binding and stepping.
///
/// Prepare once and run many times when importing rows in bulk; ``Database`` keeps a cache of
/// statements so that ordinary calls need not hold one.
///
/// ```swift
/// let insert = try db.prepare("INSERT INTO coder(id, name) VALUES (?, ?)")
/// for coder in coders { try insert.run([coder.id, coder.name]) }
/// ```
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    /// The SQL text this statement was prepared from.
    public let sql: String
    /// Result column names, in order.
    public let columnNames: [String]
    /// The arguments last bound, reported with any error.
    private var boundArguments: [SQLValue] = []

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw StoreError(code: code, message: database.lastErrorMessage, sql: sql)
        }
        self.handle = statement
        self.database = database
        self.sql = sql
        let count = Int(sqlite3_column_count(statement))
        self.columnNames = (0..<count).map { String(cString: sqlite3_column_name(statement, Int32($0))) }
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears previous bindings and binds `arguments` to the statement's parameters in order.
    public func bind(_ arguments: [any SQLBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        boundArguments = arguments.map(\.sqlValue)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw StoreError(
                code: SQLITE_RANGE,
                message: "statement takes \(expected) arguments, \(arguments.count) given",
                sql: sql, arguments: arguments.map(\.sqlValue))
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument.sqlValue {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let value): code = sqlite3_bind_int64(handle, index, value)
            case .real(let value): code = sqlite3_bind_double(handle, index, value)
            case .text(let text):
                code = text.utf8CString.withUnsafeBufferPointer {
                    qk_bind_text(handle, index, $0.baseAddress, Int32($0.count - 1))
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { qk_bind_blob(handle, index, $0.baseAddress, Int32($0.count)) }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    /// Advances to the next row: true when a row is ready, false when the statement is done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let failure = error(code)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// The current row's values; valid after ``step()`` returned true.
    public func currentValues() -> [SQLValue] {
        (0..<Int32(columnNames.count)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT:
                return .text(String(cString: sqlite3_column_text(handle, column)))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, column))
                guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return .blob([]) }
                return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
            default: return .null
            }
        }
    }

    /// Binds `arguments` and runs the statement to completion, discarding any rows.
    public func run(_ arguments: [any SQLBindable] = []) throws {
        try bind(arguments)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds `arguments` and calls `body` with each result row, without collecting them.
    public func forEachRow(_ arguments: [any SQLBindable] = [], _ body: (Row) throws -> Void) throws {
        try bind(arguments)
        defer { sqlite3_reset(handle) }
        while try step() {
            try body(Row(columns: columnNames, values: currentValues()))
        }
    }

    /// Binds `arguments` and returns every result row.
    public func rows(_ arguments: [any SQLBindable] = []) throws -> [Row] {
        var result: [Row] = []
        try forEachRow(arguments) { result.append($0) }
        return result
    }

    private func error(_ code: Int32) -> StoreError {
        StoreError(
            code: sqlite3_extended_errcode(database.handle), message: database.lastErrorMessage,
            sql: sql, arguments: boundArguments)
    }
}

extension Statement {
    /// Ends a query stepped by hand before its last row, so the statement can run again.
    public func reset() { sqlite3_reset(handle) }

    /// The current row's integer column, without building a ``Row`` (for scans over millions of rows).
    public func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Whether the current row's text column equals `bytes`, without building a String.
    public func text(at column: Int32, equals bytes: [UInt8]) -> Bool {
        // Text first, then its length, as https://sqlite.org/c3ref/column_blob.html advises.
        guard let pointer = sqlite3_column_text(handle, column) else { return bytes.isEmpty }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == bytes.count else { return false }
        guard count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, pointer, count) == 0 }
    }

    /// The current row's text column.
    public func text(at column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }
}

extension Statement {
    /// Binds one row's values by position and runs the statement to completion, without the array of
    /// existentials, the copies of each text and the recorded arguments ``run(_:)`` makes: for bulk
    /// inserts of millions of rows. An error reports the SQL and the values given here.
    ///
    /// Each value is an integer, a text (its UTF-8 bytes, copied by SQLite) or ``FastValue/null``.
    public func runFast(_ values: FastValue...) throws {
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .text(var string):
                code = string.withUTF8 { bytes in
                    // A nil pointer would bind NULL, so an empty text gets a real (empty) one.
                    guard let base = bytes.baseAddress, !bytes.isEmpty else {
                        return qk_bind_text(handle, index, "", 0)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        qk_bind_text(handle, index, $0, Int32(bytes.count))
                    }
                }
            }
            guard code == SQLITE_OK else { throw fastError(code, values) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let failure = fastError(code, values)
            sqlite3_reset(handle)
            throw failure
        }
        sqlite3_reset(handle)
    }

    /// A value for ``runFast(_:)``.
    public enum FastValue {
        case null
        case integer(Int64)
        case text(String)

    }

    private func fastError(_ code: Int32, _ values: [FastValue]) -> StoreError {
        StoreError(
            code: sqlite3_extended_errcode(database.handle), message: database.lastErrorMessage, sql: sql,
            arguments: values.map {
                switch $0 {
                case .null: .null
                case .integer(let number): .integer(number)
                case .text(let text): .text(text)
                }
            })
    }
}
