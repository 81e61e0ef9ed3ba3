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

    public init(file: String, line: Int?, column: Int? = nil, _ message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
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

/// A name given on the command line that the study does not hold. Exit 65.
///
/// Carries the nearest existing name so the message can say "did you mean".
public struct NotFound: Error, Sendable, Equatable {
    /// What kind of thing: "participant", "protocol version", "code", ...
    public let kind: String
    public let name: String
    public let nearest: String?

    public init(_ kind: String, _ name: String, among candidates: [String] = []) {
        self.kind = kind
        self.name = name
        self.nearest = Suggestion.nearest(to: name, in: candidates)
    }
}

/// A request that contradicts what the study holds (an id already taken, a change that would lose
/// a coder's work). Exit 65.
public struct Conflict: Error, Sendable, Equatable {
    public let message: String
    /// Further lines that explain the conflict (for example, the codings that would be lost).
    public let details: [String]

    public init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }
}

/// A value given on the command line that the study cannot accept (a bad availability, an unknown
/// weight). Exit 65: it is data, not a mistyped command.
public struct InvalidValue: Error, Sendable, Equatable {
    /// `--available`, `--weight`, `<id>`, ...
    public let option: String
    public let value: String
    public let message: String

    public init(option: String, value: String, message: String) {
        self.option = option
        self.value = value
        self.message = message
    }
}
