import Foundation

/// An error SQLite reported, with the statement and arguments that caused it.
///
/// Like a database driver's error, it keeps what a developer needs to reproduce the failure; the
/// command line shows users only ``message`` unless the error is an internal one.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary or extended result code (https://sqlite.org/rescode.html).
    public let code: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The SQL being prepared or run, if any.
    public let sql: String?
    /// The arguments bound to `sql`, if any.
    public let arguments: [SQLValue]

    public init(code: Int32, message: String, sql: String? = nil, arguments: [SQLValue] = []) {
        self.code = code
        self.message = message
        self.sql = sql
        self.arguments = arguments
    }

    /// The primary result code, without the extended bits.
    public var primaryCode: Int32 { code & 0xff }

    /// True when another connection holds a lock longer than the busy timeout.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }

    /// The error for a log or an internal-error message: result code, SQLite's message and the SQL.
    ///
    /// The bound arguments are left out, because they can be participants' words, unless the
    /// environment variable `QUALKIT_DEBUG` is set to `1` (for a developer reproducing a failure).
    public var description: String {
        description(includingArguments: Self.debugEnabled(environment: ProcessInfo.processInfo.environment))
    }

    /// The description, with or without the bound arguments.
    public func description(includingArguments: Bool) -> String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — while running: \(sql)" }
        if includingArguments && !arguments.isEmpty { text += " with arguments \(arguments)" }
        return text
    }

    /// True when `environment` asks for debugging detail (`QUALKIT_DEBUG=1`).
    public static func debugEnabled(environment: [String: String]) -> Bool {
        environment["QUALKIT_DEBUG"] == "1"
    }
}
