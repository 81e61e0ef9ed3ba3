import Foundation
import QualKit
import Testing

@testable import QualKitCommandLine
@testable import qualkit

/// In-process checks of the command table, the parser and help: no binary is launched.
@Suite struct CommandTableTests {
    let commands = CommandTable.sections.flatMap(\.commands)
    var parser: CommandLineParser { CommandLineParser(commands: commands) }
    var help: HelpGenerator { CommandTable.tool(console: Console(environment: [:]), environment: [:]).help }

    /// Splits an example line as a POSIX shell would for the quoting our examples use.
    func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var started = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                started = true
            } else if character == " " {
                if started || !current.isEmpty { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
            }
        }
        if started || !current.isEmpty { words.append(current) }
        return words
    }

    @Test func everyExampleInHelpParsesAsItsOwnCommand() throws {
        for command in commands {
            #expect(!command.examples.isEmpty, "\(command.name) has no example")
            for example in command.examples {
                let line = words(example)
                try #require(line.first == "qualkit", "example of \(command.name) does not start with qualkit")
                let request = try parser.parse(Array(line.dropFirst()))
                guard case .run(let parsed, _, _) = request else {
                    Issue.record("'\(example)' did not parse as a command to run")
                    continue
                }
                #expect(parsed.path == command.path, "'\(example)' ran \(parsed.name), not \(command.name)")
            }
        }
    }

    @Test func everyCommandAppearsInTheOverview() {
        let overview = help.overview(version: CommandTable.version)
        for command in commands {
            #expect(overview.contains("  \(command.name) "), "\(command.name) is missing from qualkit help")
        }
    }

    /// `qualkit help <command>` for every command the overview lists, in-process (the binary's
    /// help is checked end to end in ShellTests for one command).
    @Test func everyCommandHasHelpWithAnExample() throws {
        let overview = help.overview(version: CommandTable.version)
        let names = overview.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")[0] }
        #expect(names.count == commands.count)
        for name in names {
            guard case .help(let command) = try parser.parse(["help"] + name.split(separator: " ").map(String.init))
            else {
                Issue.record("'qualkit help \(name)' is not a command's help")
                continue
            }
            #expect(help.help(command).contains("EXAMPLES:\n  qualkit \(name)"), "help for \(name)")
        }
    }

    @Test func commandPathsAndOptionNamesAreUnique() {
        #expect(Set(commands.map(\.name)).count == commands.count)
        for command in commands {
            let names = command.allOptions.flatMap { [$0.name] + $0.aliases }
            #expect(Set(names).count == names.count, "\(command.name) declares an option name twice")
        }
    }

    @Test func benchmarksAreNotInTheUsersTable() {
        #expect(!commands.contains { $0.path.first == "bench" })
    }

    @Test func theSameConceptHasTheSameOptionName() {
        // Selections of several coders are --coders everywhere; one coder is --coder.
        for name in ["tally", "cooccur", "saturation", "agreement", "report"] {
            let command = commands.first { $0.name == name }
            #expect(command?.options.contains { $0.name == "coders" } == true, "\(name) lacks --coders")
            #expect(command?.options.contains { $0.name == "coder" } == false, "\(name) still has --coder")
        }
        // A language tag is --language everywhere; --lang is still accepted.
        for name in ["protocol show", "protocol diff", "protocol render", "interview add", "interview update"] {
            let command = commands.first { $0.name == name }
            #expect(command?.options.contains { $0.name == "language" } == true, "\(name) lacks --language")
        }
        #expect(throws: Never.self) { try parser.parse(["protocol", "show", "talking-change", "--lang", "ur"]) }
    }

    // MARK: The parser

    func run(_ words: [String]) throws -> (Command, [String: [String]], [String: [String]]) {
        guard case .run(let command, let arguments, let options) = try parser.parse(words) else {
            throw UsageError(message: "not a run", command: nil)
        }
        return (command, arguments, options)
    }

    func usageMessage(_ words: [String]) -> String? {
        do {
            _ = try parser.parse(words)
            return nil
        } catch let error as UsageError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func typedValuesComeFromTheDeclaration() throws {
        let (command, arguments, options) = try run(["cooccur", "--min", "3", "--matrix"])
        let invocation = Invocation(
            command: command, arguments: arguments, options: options, console: Console(environment: [:]),
            environment: [:])
        let minimum = try #require(command.options.first { $0.name == "min" })
        #expect(minimum.defaultValue == "1")
        #expect(options["min"] == ["3"])
        #expect(options["matrix"] == [""])
        #expect(invocation[Opt.format] == .table)
    }

    @Test func declaredDefaultsAndAliasesReachRun() throws {
        let within = Opt.choice("within", default: Cooccurrence.Within.segment, help: "")
        let minimum = Opt<Int>.integer("min", in: 1...Int.max, default: 1, help: "")
        let coders = Opt<[String]?>.list("coders", "c", help: "").alias("coder")
        let seen = Seen()
        let command = Command(path: ["probe"], summary: "", options: [within, minimum, coders], examples: []) { inv in
            seen.values = ["\(inv[within])", "\(inv[minimum])", "\(inv[coders] ?? [])"]
        }
        let tool = CommandLineParser(commands: [command])
        guard case .run(let parsed, let arguments, let options) = try tool.parse(["probe", "--coder", "AB, CD"]) else {
            Issue.record("probe did not parse")
            return
        }
        try parsed.run(
            Invocation(
                command: parsed, arguments: arguments, options: options, console: Console(environment: [:]),
                environment: [:]))
        #expect(seen.values == ["segment", "1", "[\"AB\", \"CD\"]"])
    }

    @Test func valuesOutsideTheDeclaredRangeAreUsageErrors() {
        #expect(
            usageMessage(["saturation", "--threshold", "101"])
                == "The value '101' is invalid for '--threshold <percent>': expected a number from 0 to 100.")
        #expect(
            usageMessage(["cooccur", "--min", "0"])
                == "The value '0' is invalid for '--min <n>': expected a whole number of at least 1.")
        #expect(
            usageMessage(["cooccur", "--within", "turn"])
                == "The value 'turn' is invalid for '--within <within>': expected one of segment, participant.")
        #expect(
            usageMessage(["tag", "TC-001", "four", "barrier", "--coder", "AB"])
                == "'<segment>' must be a segment number, not 'four'.")
        #expect(usageMessage(["action", "show", "x"]) == "'<id>' must be an action number, not 'x'.")
    }

    @Test func misspeltOptionsAndCommandsGetSuggestions() {
        #expect(usageMessage(["tally", "--fromat", "json"]) == "Unknown option '--fromat'. Did you mean '--format'?")
        #expect(usageMessage(["tally", "--kind"]) == "Missing value for '--kind <kind>'.")
        #expect(usageMessage(["tally", "--kind", "a", "--kind", "b"]) == "'--kind' was given more than once.")
        #expect(usageMessage(["tally", "--matrix"])?.hasPrefix("Unknown option '--matrix'.") == true)
        #expect(usageMessage(["cooccur", "--matrix=yes"]) == "'--matrix' is a flag and takes no value.")
        #expect(usageMessage(["talley"]) == "Unknown command 'talley'. Did you mean 'tally'?")
        #expect(usageMessage(["coding", "done", "TC-001"]) == "Missing required option '--coder <id>'.")
        #expect(usageMessage(["init", "extra"]) == "Unexpected argument 'extra'.")
    }

    @Test func helpShowsDefaultsRangesAndRepeatableOptions() throws {
        let saturation = try #require(commands.first { $0.name == "saturation" })
        let text = help.help(saturation)
        #expect(text.contains("--threshold <percent>"))
        #expect(text.contains("(default: 5)"))
        let add = try #require(commands.first { $0.name == "participant add" })
        #expect(help.help(add).contains("Repeatable."))
        #expect(help.usage(add).hasPrefix("USAGE: qualkit participant add <id>"))
    }
}

/// Collects what a probe command saw.
private final class Seen: @unchecked Sendable {
    var values: [String] = []
}
