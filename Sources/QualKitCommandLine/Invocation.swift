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
    /// The study, once opened: a command works on one connection, so its audit rows see every change.
    private var openedStudy: Study?
    private var auditRecorder: AuditLog.Recorder?

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

    /// Opens the study, which must exist: read-only unless the command is declared as one that
    /// writes, so reading commands never migrate or change a study.
    package func openStudy() throws -> Study {
        if let openedStudy { return openedStudy }
        let study = try Study.open(at: studyPath, readOnly: !command.writes)
        study.user = operatingSystemUser
        if command.writes { recordAudit(of: study) }
        openedStudy = study
        return study
    }

    /// The study opened for writing (with its audit trail) even by a reading command, for the one
    /// write some of its options make: `transcript show --no-redact` logs its disclosure.
    package func openStudy(writing: Bool) throws -> Study {
        guard writing, !command.writes, openedStudy == nil else { return try openStudy() }
        let study = try Study.open(at: studyPath, readOnly: false)
        recordAudit(of: study)
        return study
    }

    /// Starts the audit trail of this command's changes to `study`: each transaction appends its
    /// row before it commits. `countingFromOpen` counts the changes made since the connection was
    /// opened, for a study the command has just created.
    package func recordAudit(of study: Study, countingFromOpen: Bool = false) {
        auditRecorder = AuditLog.Recorder(
            study: study, user: operatingSystemUser, command: command.name, words: auditWords,
            countingFromOpen: countingFromOpen)
        openedStudy = study
    }

    /// Records the changes no transaction recorded; called once the command has succeeded.
    package func finishAudit() throws {
        try auditRecorder?.finish()
    }

    /// The command as typed, with every value that could identify a person or hold free text
    /// elided: positional arguments show their name (`<id>`), text and path options `--quote …`;
    /// only flags, choices, numbers and dates keep their values.
    package var auditWords: String {
        var words = command.path
        for argument in command.arguments where !(arguments[argument.name] ?? []).isEmpty {
            words.append("<\(argument.name)>" + (argument.repeated ? "..." : ""))
        }
        for option in command.allOptions {
            guard let values = options[option.name], !values.isEmpty else { continue }
            guard let kind = option.value else {
                words.append("--" + option.name)
                continue
            }
            for value in values {
                switch kind {
                case .choice, .integer, .number, .date: words.append("--\(option.name) \(value)")
                case .text, .path: words.append("--\(option.name) …")
                }
            }
        }
        return words.joined(separator: " ")
    }

    /// The operating-system account running the command, for the audit trail.
    package var operatingSystemUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "uid \(geteuid())"
    }

    /// Prints a result in the format chosen with `--format`.
    package func print(_ rendered: Rendered) {
        let format = self[Opt.format]
        let shown = format == .table ? rendered.fitted(to: tableWidth) : rendered
        console.out(csvPrefix + shown.text(format), tableHeader: format == .table && !rendered.table.rows.isEmpty)
    }

    /// What CSV output starts with: the UTF-8 byte-order mark when `--bom` was given and the
    /// chosen `--format` is csv, else nothing. The one place `--bom` is applied.
    package var csvPrefix: String {
        guard options[Opt<Bool>.bom.option.name]?.isEmpty == false,
            let format = command.options.first(where: \.offersCSV),
            (options[format.name]?.last ?? format.defaultValue) == "csv"
        else { return "" }
        return "\u{FEFF}"
    }

    /// The width tables are fitted to: nil with `--wide`; else `$COLUMNS`; else the terminal's
    /// width when standard output is one; nil for pipes and files, which get whole rows.
    package var tableWidth: Int? {
        if !(options[Option.wide.name] ?? []).isEmpty { return nil }
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), columns > 0 {
            return columns
        }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes a document to `out` when given (whole or not at all), else to standard output.
    ///
    /// `-` means standard output; an existing file is replaced only with `--force`.
    /// Like ``emit(_:to:)`` for output produced in pieces: each piece is written as it comes.
    package func emitStreaming(to out: String?, _ produce: ((String) throws -> Void) throws -> Void) throws {
        if let out, out != "-" {
            try OutputFile.stream(to: out, replacing: self[Opt.force], produce)
            console.err("wrote \(out)")
        } else {
            try produce { console.out($0) }
        }
    }

    package func emit(_ text: String, to out: String?) throws {
        let text = csvPrefix + text
        if let out, out != "-" {
            try OutputFile.write(text, to: out, replacing: self[Opt.force])
            console.err("wrote \(out)")
        } else {
            console.out(text)
        }
    }
}
