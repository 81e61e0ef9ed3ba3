/// Help and usage text, derived from the command table.
package struct HelpGenerator {
    /// The program's name as typed (`qualkit`).
    let program: String
    /// The first paragraph of the overview.
    let about: String
    let sections: [CommandSection]

    var commands: [Command] { sections.flatMap(\.commands) }

    /// `USAGE: qualkit protocol load <file>... [--db <path>]`
    package func usage(_ command: Command) -> String {
        var parts = [program] + command.path
        for argument in command.arguments {
            var text = "<\(argument.name)>" + (argument.repeated ? "..." : "")
            if argument.optional { text = "[\(text)]" }
            parts.append(text)
        }
        for option in command.options {
            let text = option.synopsis + (option.repeated ? " ..." : "")
            parts.append(option.required ? text : "[\(text)]")
        }
        parts.append("[--db <path>]")
        return "USAGE: " + parts.joined(separator: " ")
    }

    package func help(_ command: Command) -> String {
        var out = "OVERVIEW: \(command.summary)\n\n"
        if !command.discussion.isEmpty { out += wrap(command.discussion) + "\n\n" }
        out += usage(command) + "\n"
        if !command.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for argument in command.arguments {
                out += row("<\(argument.name)>" + (argument.repeated ? "..." : ""), argument.help)
            }
        }
        out += "\nOPTIONS:\n"
        for option in command.allOptions {
            var help = option.help
            if case .choice(let choices)? = option.value, !help.contains(choices.joined(separator: ", ")) {
                help += " (values: \(choices.joined(separator: ", ")))"
            }
            if let value = option.defaultValue { help += " (default: \(value))" }
            if option.repeated { help += " Repeatable." }
            let names = (option.short.map { "-\($0), " } ?? "") + option.synopsis
            out += row(names, help)
        }
        out += "\nEXAMPLES:\n"
        for example in command.examples { out += "  \(example)\n" }
        return out
    }

    package func groupHelp(_ group: [String]) -> String {
        let members = commands.filter { Array($0.path.prefix(group.count)) == group }
        var out = "USAGE: \(program) \(group.joined(separator: " ")) <subcommand>\n\nSUBCOMMANDS:\n"
        for command in members {
            out += row(command.path.dropFirst(group.count).joined(separator: " "), command.summary)
        }
        out += "\n  See '\(program) help \(group.joined(separator: " ")) <subcommand>' for details.\n"
        return out
    }

    package func overview(version: String) -> String {
        var out = "OVERVIEW: \(program) \(version) — \(about)\n\n"
        out += "USAGE: \(program) <command> [<subcommand>] [<arguments>] [--options]\n"
        for section in sections where !section.commands.isEmpty {
            out += "\n\(section.title.uppercased()):\n"
            for command in section.commands { out += row(command.name, command.summary) }
        }
        out += """

            The study file is --db PATH, else $QUALKIT_DB, else ./study.sqlite.
            See '\(program) help <command>' or '\(program) <command> --help' for details.

            """
        return out
    }

    private func row(_ left: String, _ right: String) -> String {
        let width = 26
        let lines = wrapLines(right, width: 78 - width)
        if left.count + 2 >= width {
            return "  \(left)\n" + lines.map { String(repeating: " ", count: width) + $0 + "\n" }.joined()
        }
        var out = "  " + left + String(repeating: " ", count: width - 2 - left.count) + (lines.first ?? "") + "\n"
        for line in lines.dropFirst() { out += String(repeating: " ", count: width) + line + "\n" }
        return out
    }

    private func wrap(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : wrapLines(String($0), width: 78).joined(separator: "\n") }
            .joined(separator: "\n")
    }

    private func wrapLines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
