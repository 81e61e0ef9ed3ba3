import QualKit

/// One command, declared once: parsing, help, usage lines, validation messages and "did you
/// mean" suggestions are all derived from this value.
struct Command: Sendable {
    /// Words that select the command: `["protocol", "load"]`, or `["init"]`.
    let path: [String]
    /// One line, shown in the command list and at the top of the command's help.
    let summary: String
    /// Further paragraphs for the command's help.
    var discussion: String = ""
    var arguments: [Argument] = []
    var options: [Option] = []
    /// At least one runnable example, shown in help.
    let examples: [String]
    /// Runs the parsed command.
    let run: @Sendable (Invocation) throws -> Void

    var name: String { path.joined(separator: " ") }
    /// All options the command accepts, including the global ones every command takes.
    var allOptions: [Option] { options + Option.global }
}

/// A positional argument.
struct Argument: Sendable {
    let name: String
    let help: String
    var repeated = false
    var optional = false
}

/// What an option's value must look like. Values are checked before a command runs.
enum ValueKind: Sendable {
    case text(String)
    case integer(String, ClosedRange<Int>)
    case number(String)
    case choice([String])
    case path
    case date

    var placeholder: String {
        switch self {
        case .text(let name), .integer(let name, _), .number(let name): return name
        case .choice: return "value"
        case .path: return "path"
        case .date: return "yyyy-mm-dd"
        }
    }

    /// Nil when `value` is acceptable, else what is expected.
    func problem(with value: String) -> String? {
        switch self {
        case .text, .path: return nil
        case .integer(_, let range):
            guard let number = Int(value), range.contains(number) else {
                return range.upperBound == Int.max
                    ? "expected a whole number of at least \(range.lowerBound)"
                    : "expected a whole number from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        case .number:
            guard let number = Double(value), number.isFinite else { return "expected a number" }
            return nil
        case .choice(let choices):
            return choices.contains(value) ? nil : "expected one of " + choices.joined(separator: ", ")
        case .date:
            return CalendarDate(value) == nil ? "expected a date as YYYY-MM-DD" : nil
        }
    }
}

/// A named option: `--format json`, `--save`, `--attr key=value` (repeatable).
struct Option: Sendable {
    let name: String
    var short: Character? = nil
    /// Nil for a flag that takes no value.
    var value: ValueKind? = nil
    var repeated = false
    let help: String
    var defaultValue: String? = nil
    /// A value the command cannot run without (`interview add --participant`).
    var required = false

    var isFlag: Bool { value == nil }

    /// `--format <format>` or `--save`.
    var synopsis: String {
        guard let value else { return "--\(name)" }
        if case .choice = value { return "--\(name) <\(name)>" }
        return "--\(name) <\(value.placeholder)>"
    }

    static let db = Option(
        name: "db", value: .path,
        help: "The study file. Default: $QUALKIT_DB, else ./study.sqlite.")
    static let help = Option(name: "help", short: "h", help: "Show help for this command.")
    static let global: [Option] = [db, help]

    /// `--format table|json|csv`, the output choice every listing takes.
    static let format = Option(
        name: "format", value: .choice(OutputFormat.allCases.map(\.rawValue)),
        help: "Output format: table (for people), json or csv (for scripts).", defaultValue: "table")
}
