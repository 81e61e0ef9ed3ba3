import Foundation
import QualKit

/// A command with its parsed, already validated arguments and options, and where to print.
final class Invocation {
    let command: Command
    private let positional: [String]
    private let values: [String: [String]]
    private let flags: Set<String>
    let console: Console
    let environment: [String: String]

    init(
        command: Command, positional: [String], values: [String: [String]], flags: Set<String>,
        console: Console, environment: [String: String]
    ) {
        self.command = command
        self.positional = positional
        self.values = values
        self.flags = flags
        self.console = console
        self.environment = environment
    }

    /// The single value of a positional argument.
    func argument(_ name: String) -> String {
        arguments(name).first ?? ""
    }

    /// An optional positional argument.
    func optionalArgument(_ name: String) -> String? {
        arguments(name).first
    }

    /// All values of a (repeated) positional argument, in order.
    func arguments(_ name: String) -> [String] {
        var index = 0
        for argument in command.arguments {
            if argument.name == name {
                return argument.repeated
                    ? Array(positional[index...]) : (index < positional.count ? [positional[index]] : [])
            }
            index += 1
        }
        return []
    }

    /// The value of an option, or its declared default, or nil.
    func option(_ name: String) -> String? {
        values[name]?.last ?? command.allOptions.first { $0.name == name }?.defaultValue
    }

    /// Every value given for a repeatable option.
    func options(_ name: String) -> [String] { values[name] ?? [] }

    /// True when the option was given on the command line.
    func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option; validated by the parser, so it converts.
    func integer(_ name: String) -> Int? { option(name).flatMap { Int($0) } }

    func number(_ name: String) -> Double? { option(name).flatMap { Double($0) } }

    var format: OutputFormat { OutputFormat(rawValue: option("format") ?? "table") ?? .table }

    /// The study path: `--db`, else `$QUALKIT_DB`, else `./study.sqlite`.
    var studyPath: String {
        if let path = values["db"]?.last { return path }
        if let path = environment["QUALKIT_DB"], !path.isEmpty { return path }
        return Study.defaultPath
    }

    /// Opens the study, which must exist.
    func openStudy() throws -> Study {
        try Study.open(at: studyPath)
    }

    /// Prints a result in the chosen format.
    func print(_ rendered: Rendered) {
        console.out(rendered.text(format), tableHeader: format == .table && !rendered.table.rows.isEmpty)
    }

    /// Writes a document to `--out` when given (whole or not at all), else to standard output.
    func emit(_ text: String) throws {
        if let out = option("out") {
            try OutputFile.write(text, to: out)
            console.err("wrote \(out)")
        } else {
            console.out(text)
        }
    }

    /// Reads input files given as arguments, failing with exit 66 on the first missing one.
    func readFiles(_ paths: [String]) throws -> [ProtocolLoader.File] {
        try paths.map { ProtocolLoader.File(path: $0, bytes: try SourceText.readBytes($0)) }
    }
}
