import Foundation

/// Dates as the study stores them: ISO 8601 text, UTC, so that SQL can sort and compare them.
public enum Clock {
    /// Now, as `2026-11-22T18:40:00Z`. `QUALKIT_NOW` overrides it so tests and demos are reproducible.
    ///
    /// Read once per process: every record a command writes carries the same time, and formatting
    /// a date per inserted row would dominate bulk imports.
    public static func nowTimestamp() -> String { now }

    private static let now: String = {
        if let fixed = ProcessInfo.processInfo.environment["QUALKIT_NOW"], !fixed.isEmpty { return fixed }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }()

    /// Today's date as `YYYY-MM-DD` (UTC).
    public static func today() -> String {
        String(nowTimestamp().prefix(10))
    }
}
