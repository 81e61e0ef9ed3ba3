import QualKit

/// What an option's value must look like. Values are checked before a command runs.
package enum ValueKind: Sendable {
    case text(String)
    case integer(String, ClosedRange<Int>)
    case number(String, ClosedRange<Double>)
    case choice([String])
    case path
    case date

    var placeholder: String {
        switch self {
        case .text(let name), .integer(let name, _), .number(let name, _): return name
        case .choice: return "value"
        case .path: return "path"
        case .date: return "yyyy-mm-dd"
        }
    }

    /// `100` rather than `100.0` for whole numbers.
    static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
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
        case .number(_, let range):
            guard let number = Double(value), number.isFinite else { return "expected a number" }
            guard range.contains(number) else {
                return
                    "expected a number from \(ValueKind.plain(range.lowerBound)) to \(ValueKind.plain(range.upperBound))"
            }
            return nil
        case .choice(let choices):
            return choices.contains(value) ? nil : "expected one of " + choices.joined(separator: ", ")
        case .date:
            return CalendarDate(value) == nil ? "expected a date as \(CalendarDate.formats)" : nil
        }
    }
}

/// A named option's declaration, as help and the parser see it: `--format json`, `--save`,
/// `--attr key=value` (repeatable).
package struct Option: Sendable {
    package let name: String
    package var short: Character? = nil
    /// Nil for a flag that takes no value.
    package var value: ValueKind? = nil
    package var repeated = false
    package let help: String
    /// The default, as help shows it.
    package var defaultValue: String? = nil
    /// A value the command cannot run without (`interview add --participant`).
    package var required = false
    /// Older names still accepted, not shown in help.
    package var aliases: [String] = []

    /// `--format <format>` or `--save`.
    package var synopsis: String {
        guard let value else { return "--\(name)" }
        if case .choice = value { return "--\(name) <\(name)>" }
        return "--\(name) <\(value.placeholder)>"
    }

    static let db = Option(
        name: "db", value: .path, help: "The study file. Default: $QUALKIT_DB, else ./study.sqlite.")
    static let help = Option(name: "help", short: "h", help: "Show help for this command.")
    static let wide = Option(
        name: "wide",
        help:
            "Print table rows whole. Without it, tables on a terminal are fitted to its width ($COLUMNS, else the terminal's): long text wraps or is cut with '…'. Pipes get whole rows."
    )
    /// The options every command takes.
    static let global: [Option] = [db, help, wide]
}

/// Anything that declares a named option: ``Opt``.
package protocol OptionDeclaration: Sendable {
    var option: Option { get }
}

/// A named option with the type its command receives: `Opt<Int>` for `--min 3` with a default,
/// `Opt<String?>` for `--coder AB` that may be left out, `Opt<Bool>` for a flag.
///
/// The name, the type, the default, the range and the help are declared once, here; the parser
/// checks the words against them and ``Invocation`` hands `run` the typed value.
package struct Opt<Value: Sendable>: OptionDeclaration {
    package let option: Option
    /// The value from the words given for this option (none when it was not given), already
    /// checked by the parser against `option.value`.
    let read: @Sendable ([String]) -> Value

    /// The same option under another name (the old name still accepted).
    package func alias(_ old: String) -> Opt {
        var option = option
        option.aliases.append(old)
        return Opt(option: option, read: read)
    }

    /// The same option, marked required (for commands that cannot run without it).
    package func required() -> Opt {
        var option = option
        option.required = true
        return Opt(option: option, read: read)
    }
}

extension Opt where Value == Bool {
    /// A flag: true when given.
    package static func flag(_ name: String, short: Character? = nil, help: String) -> Opt {
        Opt(option: Option(name: name, short: short, help: help)) { !$0.isEmpty }
    }
}

extension Opt where Value == String? {
    /// Free text that may be left out.
    package static func text(_ name: String, _ placeholder: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .text(placeholder), help: help)) { $0.last }
    }

    /// A file or folder path that may be left out.
    package static func path(_ name: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .path, help: help)) { $0.last }
    }

    /// A value checked as `kind` but handed over as the text typed, for fields the library
    /// reads as text (the same fields a CSV import reads).
    package static func field(_ name: String, _ kind: ValueKind, help: String) -> Opt {
        Opt(option: Option(name: name, value: kind, help: help)) { $0.last }
    }
}

extension Opt where Value == String {
    /// Free text with a default.
    package static func text(_ name: String, _ placeholder: String, default value: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .text(placeholder), help: help, defaultValue: value)) {
            $0.last ?? value
        }
    }

    /// Free text the command cannot run without.
    package static func required(_ name: String, _ placeholder: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .text(placeholder), help: help, required: true)) { $0.last ?? "" }
    }

    /// A path the command cannot run without.
    package static func requiredPath(_ name: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .path, help: help, required: true)) { $0.last ?? "" }
    }
}

extension Opt where Value == Int {
    /// A whole number in `range`, with a default.
    package static func integer(
        _ name: String, _ placeholder: String = "n", in range: ClosedRange<Int>, default value: Int, help: String
    ) -> Opt {
        Opt(option: Option(name: name, value: .integer(placeholder, range), help: help, defaultValue: String(value))) {
            $0.last.flatMap { Int($0) } ?? value
        }
    }
}

extension Opt where Value == Int? {
    /// A whole number in `range` that may be left out.
    package static func integer(
        _ name: String, _ placeholder: String = "n", in range: ClosedRange<Int>, help: String
    ) -> Opt {
        Opt(option: Option(name: name, value: .integer(placeholder, range), help: help)) {
            $0.last.flatMap { Int($0) }
        }
    }
}

extension Opt where Value == Double {
    /// A finite number in `range`, with a default.
    package static func number(
        _ name: String, _ placeholder: String, in range: ClosedRange<Double>, default value: Double, help: String
    ) -> Opt {
        Opt(
            option: Option(
                name: name, value: .number(placeholder, range), help: help, defaultValue: ValueKind.plain(value))
        ) { $0.last.flatMap { Double($0) } ?? value }
    }
}

extension Opt where Value == Double {
    /// A finite number the command cannot run without.
    package static func requiredNumber(
        _ name: String, _ placeholder: String,
        in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, help: String
    ) -> Opt {
        Opt(option: Option(name: name, value: .number(placeholder, range), help: help, required: true)) {
            $0.last.flatMap { Double($0) } ?? 0
        }
    }
}

extension Opt where Value == Double? {
    /// A finite number in `range` that may be left out.
    package static func number(
        _ name: String, _ placeholder: String,
        in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, help: String
    ) -> Opt {
        Opt(option: Option(name: name, value: .number(placeholder, range), help: help)) {
            $0.last.flatMap { Double($0) }
        }
    }
}

extension Opt where Value == CalendarDate? {
    /// A date as YYYY-MM-DD (or DD/MM/YYYY) that may be left out.
    package static func date(_ name: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .date, help: help)) { $0.last.flatMap(CalendarDate.init) }
    }
}

extension Opt where Value == [String] {
    /// An option that may be given several times; every value, in order.
    package static func repeated(_ name: String, _ placeholder: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .text(placeholder), repeated: true, help: help)) { $0 }
    }
}

extension Opt where Value == [String]? {
    /// A comma-separated list (`--coders AB,CD`), trimmed; nil when not given.
    package static func list(_ name: String, _ placeholder: String, help: String) -> Opt {
        Opt(option: Option(name: name, value: .text(placeholder), help: help)) { words in
            words.last.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
    }
}

/// A closed set of words an option takes, such as ``OutputFormat``.
package typealias OptionChoice = CaseIterable & RawRepresentable & Sendable

extension Opt where Value: OptionChoice, Value.RawValue == String {
    /// One of the choice's cases, with a default.
    package static func choice(_ name: String, default value: Value, help: String) -> Opt {
        let option = Option(
            name: name, value: .choice(Value.allCases.map(\.rawValue)), help: help, defaultValue: value.rawValue)
        return Opt(option: option) { $0.last.flatMap(Value.init(rawValue:)) ?? value }
    }
}

extension Opt {
    /// One of `Choice`'s cases, or nil when not given.
    package static func choice<Choice: OptionChoice>(_ name: String, of _: Choice.Type, help: String) -> Opt<
        Choice?
    > where Value == Choice?, Choice.RawValue == String {
        let option = Option(name: name, value: .choice(Choice.allCases.map(\.rawValue)), help: help)
        return Opt(option: option) { $0.last.flatMap(Choice.init(rawValue:)) }
    }
}

extension Opt where Value == OutputFormat {
    /// `--format table|json|csv`, the output choice every listing takes.
    package static let format = Opt.choice(
        "format", default: OutputFormat.table,
        help: "Output format: table (for people), json or csv (for scripts).")
}

extension Opt where Value == String? {
    /// `--out FILE`: where a document goes instead of standard output.
    package static let out = Opt.path(
        "out",
        help:
            "Write to this file instead of standard output ('-' for standard output). Without --format, its extension (.csv, .json, .html, .md...) picks the format. An existing file is kept unless --force."
    )
}

extension Opt where Value == Bool {
    /// `--bom`: start CSV output with a UTF-8 byte-order mark, so that Excel on Windows reads it as
    /// UTF-8 rather than the local code page. Added to every command whose `--format` offers csv.
    package static let bom = Opt.flag(
        "bom", help: "With --format csv: start the output with a UTF-8 byte-order mark, for Excel on Windows.")
}

extension Option {
    /// Whether this is a `--format` option with a csv choice.
    var offersCSV: Bool {
        guard name == "format", case .choice(let choices) = value else { return false }
        return choices.contains("csv")
    }
}

extension Opt where Value == Bool {
    /// `--force`: let an output file replace an existing regular file (never a folder, link or device).
    package static let force = Opt.flag(
        "force", help: "Replace the output file if it exists (never a folder, link or device).")
}
