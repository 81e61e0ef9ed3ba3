/// One command, declared once: parsing, help, usage lines, validation messages and "did you
/// mean" suggestions are all derived from this value.
///
/// Options and arguments are declared as typed keys (``Opt`` and ``Arg``) next to the command,
/// and `run` reads them back through the ``Invocation`` with their types:
///
/// ```swift
/// static let cooccur: Command = {
///     let minimum = Opt<Int>.integer("min", in: 1...Int.max, default: 1, help: "Only pairs seen this often.")
///     return Command(path: ["cooccur"], summary: "...", options: [minimum], examples: ["qualkit cooccur --min 3"]) {
///         inv in print(inv[minimum])
///     }
/// }()
/// ```
package struct Command: Sendable {
    /// Words that select the command: `["protocol", "load"]`, or `["init"]`.
    package let path: [String]
    /// One line, shown in the command list and at the top of the command's help.
    package let summary: String
    /// Further paragraphs for the command's help.
    package let discussion: String
    package let arguments: [Argument]
    package let options: [Option]
    /// At least one runnable example, shown in help.
    package let examples: [String]
    /// Whether the command may change the study. A command that does not is given the study
    /// opened read-only (so it can never migrate or alter it) and appends no audit row.
    package let writes: Bool
    /// Runs the parsed command.
    package let run: @Sendable (Invocation) throws -> Void

    package init(
        path: [String], summary: String, discussion: String = "", arguments: [any ArgumentDeclaration] = [],
        options: [any OptionDeclaration] = [], writes: Bool = false, examples: [String],
        run: @escaping @Sendable (Invocation) throws -> Void
    ) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments.map(\.argument)
        var declared = options.map(\.option)
        // Every command that can print CSV takes --bom, declared here once rather than per command.
        if declared.contains(where: \.offersCSV) && !declared.contains(where: { $0.name == Opt<Bool>.bom.option.name })
        {
            declared.append(Opt<Bool>.bom.option)
        }
        self.options = declared
        self.examples = examples
        self.writes = writes
        self.run = run
    }

    package var name: String { path.joined(separator: " ") }
    /// All options the command accepts, including the global ones every command takes.
    package var allOptions: [Option] { options + Option.global }

    /// The declared option called `name` (or one of its aliases).
    func option(named name: String) -> Option? {
        allOptions.first { $0.name == name || $0.aliases.contains(name) }
    }
}

/// A positional argument's declaration, as help and the parser see it.
package struct Argument: Sendable {
    package let name: String
    package let help: String
    package var repeated = false
    package var optional = false
    /// Checks one word; nil when it is acceptable, else what it must be ("a segment number").
    var problem: @Sendable (String) -> String? = { _ in nil }
}

/// Anything that declares a positional argument: ``Arg``.
package protocol ArgumentDeclaration: Sendable {
    var argument: Argument { get }
}

/// A positional argument with the type its command receives.
package struct Arg<Value: Sendable>: ArgumentDeclaration {
    package let argument: Argument
    /// The value from the words given for this argument, already checked by the parser.
    let read: @Sendable ([String]) -> Value
}

extension Arg where Value == String {
    /// One required word.
    package static func single(_ name: String, help: String) -> Arg {
        Arg(argument: Argument(name: name, help: help)) { $0.first ?? "" }
    }
}

extension Arg where Value == String? {
    /// One word that may be left out.
    package static func optional(_ name: String, help: String) -> Arg {
        Arg(argument: Argument(name: name, help: help, optional: true)) { $0.first }
    }
}

extension Arg where Value == [String] {
    /// One or more words (the last argument only).
    package static func repeated(_ name: String, help: String) -> Arg {
        Arg(argument: Argument(name: name, help: help, repeated: true)) { $0 }
    }

    /// None or more words (the last argument only).
    package static func optionalRepeated(_ name: String, help: String) -> Arg {
        Arg(argument: Argument(name: name, help: help, repeated: true, optional: true)) { $0 }
    }
}

extension Arg where Value == Int {
    /// A whole number in `range`; `what` names it in the error ("a segment number").
    package static func integer(_ name: String, _ what: String, in range: ClosedRange<Int>, help: String) -> Arg {
        let argument = Argument(name: name, help: help) { word in
            Int(word).map(range.contains) == true ? nil : what
        }
        return Arg(argument: argument) { words in words.first.flatMap { Int($0) } ?? range.lowerBound }
    }
}
