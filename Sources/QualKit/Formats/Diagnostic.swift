/// A problem found in an input file, located so a person can go straight to it.
///
/// Printed as `FILE:LINE[:COLUMN]: message`, the form editors and terminals make clickable.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public let file: String
    /// 1-based line, or nil when the problem concerns the whole file.
    public let line: Int?
    /// 1-based column, where it helps.
    public let column: Int?
    public let message: String
    public let severity: Severity
    /// What the person can do about it, said by the command line in its own words.
    public let remedy: Remedy?

    public init(
        file: String, line: Int?, column: Int? = nil, _ message: String, severity: Severity = .error,
        remedy: Remedy? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
        self.remedy = remedy
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let line = line, let column, line > 0 { location += ":\(column)" }
        return "\(location): \(severity == .warning ? "warning: " : "")\(message)"
    }
}

/// Input that cannot be accepted: every problem found, not only the first. Exit 65.
public struct InvalidInput: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(file: String, line: Int?, column: Int? = nil, _ message: String) {
        self.diagnostics = [Diagnostic(file: file, line: line, column: column, message)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// An input file that does not exist or cannot be read. Exit 66.
public struct MissingInputFile: Error, Sendable, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String = "no such file") {
        self.path = path
        self.reason = reason
    }
}

/// An output file or folder that cannot be written. Exit 73.
public struct CannotCreateOutput: Error, Sendable, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
