import QualKit

/// Matches command-line words against the command table and checks them against the declaration.
package struct CommandLineParser {
    let commands: [Command]

    package init(commands: [Command]) { self.commands = commands }

    /// What the words ask for.
    package enum Request {
        /// Run `command` with the words given for each argument and option, by declared name
        /// (a flag's words are one empty string).
        case run(Command, arguments: [String: [String]], options: [String: [String]])
        case help(Command)
        case groupHelp([String])
        case overview
        case version
    }

    package func parse(_ words: [String]) throws -> Request {
        // Global options may come before the command (`qualkit --db s.sqlite protocol list`):
        // move them after it, where the command's own parsing checks them.
        var words = words
        var leading: [String] = []
        while let first = words.first, first == "--db" || first.hasPrefix("--db=") {
            leading.append(words.removeFirst())
            if first == "--db", !words.isEmpty { leading.append(words.removeFirst()) }
        }
        if !leading.isEmpty {
            guard !words.isEmpty else { return .overview }
            let (_, consumed) = (try? findCommand(words)) ?? (commands[0], words.count)
            words.insert(contentsOf: leading, at: min(consumed, words.count))
        }
        guard let first = words.first else { return .overview }
        switch first {
        case "--version": return .version
        case "--help", "-h": return .overview
        case "help": return try helpRequest(Array(words.dropFirst()))
        default: break
        }
        let (command, consumed) = try findCommand(words)
        let rest = Array(words.dropFirst(consumed))
        if rest.contains("--help") || rest.contains("-h") { return .help(command) }
        return try parseArguments(rest, for: command)
    }

    /// Top-level words: each command's first word, and the groups.
    var topLevelNames: [String] {
        var names: [String] = []
        for command in commands where !names.contains(command.path[0]) { names.append(command.path[0]) }
        return names + ["help"]
    }

    func subcommands(of group: [String]) -> [Command] {
        commands.filter { $0.path.count > group.count && Array($0.path.prefix(group.count)) == group }
    }

    private func helpRequest(_ words: [String]) throws -> Request {
        guard !words.isEmpty else { return .overview }
        if let command = commands.first(where: { $0.path == words }) { return .help(command) }
        if !subcommands(of: words).isEmpty { return .groupHelp(words) }
        _ = try findCommand(words)
        return .overview
    }

    /// The command the leading words name, and how many words that took.
    private func findCommand(_ words: [String]) throws -> (Command, Int) {
        var path: [String] = []
        for word in words {
            let candidates = subcommands(of: path)
            if let exact = commands.first(where: { $0.path == path + [word] }) {
                if subcommands(of: exact.path).isEmpty { return (exact, path.count + 1) }
            }
            let next = Set(candidates.map { $0.path[path.count] })
            guard next.contains(word) else {
                if word.hasPrefix("-") && !path.isEmpty {
                    throw UsageError(
                        message: "'qualkit \(path.joined(separator: " "))' needs a subcommand first",
                        command: nil, group: path)
                }
                let names = path.isEmpty ? topLevelNames : orderedNames(candidates, at: path.count)
                var message = "Unknown command '\(word)'"
                if !path.isEmpty { message += " for 'qualkit \(path.joined(separator: " "))'" }
                message += "."
                if let near = Suggestion.nearest(to: word, in: names) { message += " Did you mean '\(near)'?" }
                throw UsageError(message: message, command: nil, group: path)
            }
            path.append(word)
        }
        let names = orderedNames(subcommands(of: path), at: path.count)
        throw UsageError(
            message: "'qualkit \(path.joined(separator: " "))' needs a subcommand: " + names.joined(separator: ", "),
            command: nil, group: path)
    }

    private func orderedNames(_ commands: [Command], at depth: Int) -> [String] {
        var names: [String] = []
        for command in commands where !names.contains(command.path[depth]) { names.append(command.path[depth]) }
        return names
    }

    private func parseArguments(_ words: [String], for command: Command) throws -> Request {
        var positional: [String] = []
        var values: [String: [String]] = [:]
        var index = 0
        var optionsEnded = false
        func fail(_ message: String) -> UsageError { UsageError(message: message, command: command) }

        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" || Double(word) != nil {
                positional.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            var name: String
            var inlineValue: String?
            if word.hasPrefix("--") {
                name = String(word.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                let letter = word.dropFirst().first
                guard word.count == 2, let option = command.allOptions.first(where: { $0.short == letter }) else {
                    throw fail("Unknown option '\(word)'.")
                }
                name = option.name
            }
            guard let option = command.option(named: name) else {
                var message = "Unknown option '--\(name)'."
                if let near = Suggestion.nearest(to: name, in: command.allOptions.map(\.name)) {
                    message += " Did you mean '--\(near)'?"
                }
                throw fail(message)
            }
            guard let kind = option.value else {
                if inlineValue != nil { throw fail("'--\(name)' is a flag and takes no value.") }
                values[option.name] = [""]
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < words.count, !(words[index].hasPrefix("--") && words[index].count > 2) else {
                    throw fail("Missing value for '\(option.synopsis)'.")
                }
                value = words[index]
                index += 1
            }
            if let problem = kind.problem(with: value) {
                throw fail("The value '\(value)' is invalid for '\(option.synopsis)': \(problem).")
            }
            if values[option.name] != nil && !option.repeated {
                throw fail("'--\(option.name)' was given more than once.")
            }
            values[option.name, default: []].append(value)
        }

        for option in command.options where option.required && values[option.name] == nil {
            throw fail("Missing required option '\(option.synopsis)'.")
        }
        let required = command.arguments.filter { !$0.optional }
        if positional.count < required.count {
            throw fail("Missing expected argument '<\(required[positional.count].name)>'.")
        }
        let takesMore = command.arguments.last?.repeated ?? false
        if !takesMore && positional.count > command.arguments.count {
            throw fail("Unexpected argument '\(positional[command.arguments.count])'.")
        }
        var arguments: [String: [String]] = [:]
        for (offset, argument) in command.arguments.enumerated() where offset < positional.count {
            let given = argument.repeated ? Array(positional[offset...]) : [positional[offset]]
            for word in given {
                if let what = argument.problem(word) {
                    throw fail("'<\(argument.name)>' must be \(what), not '\(word)'.")
                }
            }
            arguments[argument.name] = given
        }
        return .run(command, arguments: arguments, options: values)
    }
}
