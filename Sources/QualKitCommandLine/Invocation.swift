import Foundation
import QualKit

/// A command with its parsed, already validated arguments and options, and where to print.
///
/// Commands read their values through the keys they declared: `inv[minimum]` is an `Int`,
/// `inv[coder]` a `String?`, `inv[save]` a `Bool`.
package final class Invocation {
    package let command: Command
    private let arguments: [String: [String]]
    private let options: [String: [String]]
    package let console: Console
    package let environment: [String: String]

    package init(
        command: Command, arguments: [String: [String]], options: [String: [String]], console: Console,
        environment: [String: String]
    ) {
        self.command = command
        self.arguments = arguments
        self.options = options
        self.console = console
        self.environment = environment
    }

    /// The value of a declared option: what was given, else its declared default.
    package subscript<Value>(_ key: Opt<Value>) -> Value {
        assert(
            command.allOptions.contains { $0.name == key.option.name },
            "'\(command.name)' reads --\(key.option.name), which it does not declare")
        return key.read(options[key.option.name] ?? [])
    }

    /// The value of a declared positional argument.
    package subscript<Value>(_ key: Arg<Value>) -> Value {
        assert(
            command.arguments.contains { $0.name == key.argument.name },
            "'\(command.name)' reads <\(key.argument.name)>, which it does not declare")
        return key.read(arguments[key.argument.name] ?? [])
    }

    /// The study path: `--db`, else `$QUALKIT_DB`, else `./study.sqlite`.
    package var studyPath: String {
        if let path = options[Option.db.name]?.last { return path }
        if let path = environment["QUALKIT_DB"], !path.isEmpty { return path }
        return Study.defaultPath
    }

    /// Opens the study, which must exist.
    package func openStudy() throws -> Study {
        try Study.open(at: studyPath)
    }

    /// Prints a result in the format chosen with `--format`.
    package func print(_ rendered: Rendered) {
        let format = self[Opt.format]
        console.out(rendered.text(format), tableHeader: format == .table && !rendered.table.rows.isEmpty)
    }

    /// Writes a document to `out` when given (whole or not at all), else to standard output.
    package func emit(_ text: String, to out: String?) throws {
        if let out {
            try OutputFile.write(text, to: out)
            console.err("wrote \(out)")
        } else {
            console.out(text)
        }
    }

    /// Reads input files given as arguments, failing with exit 66 on the first missing one.
    package func readFiles(_ paths: [String]) throws -> [ProtocolLoader.File] {
        try paths.map { ProtocolLoader.File(path: $0, bytes: try SourceText.readBytes($0)) }
    }
}
