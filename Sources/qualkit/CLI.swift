import Foundation
import QualKit

/// Parses the words, runs the command, maps any error to a message and an exit status.
struct CLI {
    static let version = "0.1.0"

    let console: Console
    let environment: [String: String]

    func run(_ words: [String]) -> ExitCode {
        let commands = CommandTable.all
        let help = HelpGenerator(commands: commands, sections: CommandTable.sections)
        let parser = CommandLineParser(commands: commands)
        var studyPath = environment["QUALKIT_DB"] ?? Study.defaultPath
        defer { console.flush() }
        do {
            switch try parser.parse(words) {
            case .overview:
                console.out(help.overview(version: CLI.version))
            case .version:
                console.line(
                    "qualkit \(CLI.version) (study schema \(Schema.migrator.latestVersion), SQLite \(SQLiteInfo.version))"
                )
            case .help(let command):
                console.out(help.help(command))
            case .groupHelp(let group):
                console.out(help.groupHelp(group))
            case .run(let command, let positional, let values, let flags):
                let invocation = Invocation(
                    command: command, positional: positional, values: values, flags: flags, console: console,
                    environment: environment)
                studyPath = invocation.studyPath
                try command.run(invocation)
            }
            return .ok
        } catch {
            return ErrorReporter(help: help).report(error, console: console, studyPath: studyPath)
        }
    }
}
