import Foundation
import QualKit

/// A group of commands under one heading of `help`.
package struct CommandSection: Sendable {
    package let title: String
    package let commands: [Command]

    package init(_ title: String, _ commands: [Command]) {
        self.title = title
        self.commands = commands
    }
}

/// Parses the words, runs the command, maps any error to a message and an exit status.
package struct CommandLineTool {
    /// The program's name as typed (`qualkit`).
    package let name: String
    package let version: String
    /// The first paragraph of the overview.
    package let about: String
    package let sections: [CommandSection]
    package let console: Console
    package let environment: [String: String]

    package init(
        name: String, version: String, about: String, sections: [CommandSection], console: Console,
        environment: [String: String]
    ) {
        self.name = name
        self.version = version
        self.about = about
        self.sections = sections
        self.console = console
        self.environment = environment
    }

    /// Every command, in the order help lists them.
    package var commands: [Command] { sections.flatMap(\.commands) }

    package var help: HelpGenerator { HelpGenerator(program: name, about: about, sections: sections) }

    /// Runs the command line as the process received it: each word as bytes, nil for a word that
    /// is not valid UTF-8, which is refused (exit 64) rather than read with replacement characters.
    package func run(rawWords: [String?]) -> ExitCode {
        if let position = rawWords.firstIndex(where: { $0 == nil }) {
            let status = ErrorReporter(help: help).report(
                NonUTF8Argument(position: position + 1), console: console,
                studyPath: environment["QUALKIT_DB"] ?? Study.defaultPath)
            console.flush()
            return status
        }
        return run(rawWords.compactMap { $0 })
    }

    package func run(_ words: [String]) -> ExitCode {
        let status = runCommand(words)
        console.flush()
        guard let code = console.outputFailure else { return status }
        if code == EPIPE { return .brokenPipe }
        return ErrorReporter(help: help).report(
            StandardOutputFailure(code: code), console: console,
            studyPath: environment["QUALKIT_DB"] ?? Study.defaultPath)
    }

    /// `--out report.md` without `--format` means `--format md`: the file's extension decides when
    /// it names one of the command's formats, so a file is never written in a format its name denies.
    static func formatFromOut(_ command: Command, _ options: [String: [String]]) -> [String: [String]] {
        guard options["format"] == nil, let out = options["out"]?.last, out != "-",
            let format = command.allOptions.first(where: { $0.name == "format" }),
            case .choice(let choices) = format.value
        else { return options }
        let ext = URL(fileURLWithPath: out).pathExtension.lowercased()
        let wanted = ["markdown": "md", "htm": "html"][ext] ?? ext
        guard choices.contains(wanted) else { return options }
        var given = options
        given["format"] = [wanted]
        return given
    }

    private func runCommand(_ words: [String]) -> ExitCode {
        let help = self.help
        let parser = CommandLineParser(commands: commands)
        var studyPath = environment["QUALKIT_DB"] ?? Study.defaultPath
        do {
            switch try parser.parse(words) {
            case .overview:
                console.out(help.overview(version: version))
            case .version:
                console.line(
                    "\(name) \(version) (study schema \(Schema.migrator.latestVersion), SQLite \(SQLiteInfo.version))")
            case .help(let command):
                console.out(help.help(command))
            case .groupHelp(let group):
                console.out(help.groupHelp(group))
            case .run(let command, let arguments, let options):
                let invocation = Invocation(
                    command: command, arguments: arguments, options: Self.formatFromOut(command, options),
                    console: console,
                    environment: environment)
                studyPath = invocation.studyPath
                try command.run(invocation)
                try invocation.finishAudit()
            }
            return .ok
        } catch {
            return ErrorReporter(help: help).report(error, console: console, studyPath: studyPath)
        }
    }
}

/// A command-line word that is not valid UTF-8 (exit 64): it would otherwise be read with
/// replacement characters and name another file than the one typed.
package struct NonUTF8Argument: Error, Sendable {
    /// 1 for the first word after the program's name.
    package let position: Int
}
