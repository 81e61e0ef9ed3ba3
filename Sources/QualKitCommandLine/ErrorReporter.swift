import QualKit

/// The one place where an error becomes a message on standard error and an exit status.
package struct ErrorReporter {
    let help: HelpGenerator

    package init(help: HelpGenerator) { self.help = help }

    package func report(_ error: any Error, console: Console, studyPath: String) -> ExitCode {
        switch error {
        case let error as UsageError:
            var text = "Error: \(error.message)\n"
            if let command = error.command {
                text += help.usage(command) + "\n  See '\(help.program) \(command.name) --help'.\n"
            } else if let group = error.group, !group.isEmpty {
                text += help.groupHelp(group)
            } else {
                text += "  See '\(help.program) help'.\n"
            }
            console.err(text)
            return .usage
        case let error as InvalidInput:
            console.err(error.diagnostics.map(\.description).joined(separator: "\n"))
            let count = error.diagnostics.filter { $0.severity == .error }.count
            if count > 1 { console.err("\(count) errors; nothing was changed.") }
            return .dataError
        case let error as MissingInputFile:
            console.err("Error: \(error.path): \(error.reason)")
            return .noInput
        case let error as CannotCreateOutput:
            console.err("Error: cannot write \(error.path): \(error.reason)")
            return .cannotCreate
        case let error as NotFound:
            var text = "Error: unknown \(error.kind) '\(error.name)'"
            if let near = error.nearest { text += ". Did you mean '\(near)'?" }
            console.err(text)
            return .dataError
        case let error as InvalidValue:
            console.err("Error: \(error.option) '\(error.value)': \(error.message)")
            return .dataError
        case let error as Conflict:
            console.err((["Error: \(error.message)"] + error.details.map { "  " + $0 }).joined(separator: "\n"))
            return .dataError
        case let error as StudyError:
            return report(error, console: console)
        case let error as StoreError where error.isBusy:
            console.err(
                "Error: the study at \(studyPath) is busy: another qualkit command is writing to it. Try again.")
            return .software
        case let error as StoreError:
            console.err("Internal error (please report it): \(error)")
            return .software
        default:
            console.err("Internal error (please report it): \(error)")
            return .software
        }
    }

    private func report(_ error: StudyError, console: Console) -> ExitCode {
        switch error {
        case .noStudy(let path):
            console.err("Error: no study at \(path) (run: qualkit init)")
            return .noInput
        case .alreadyExists(let path):
            console.err(
                "Error: \(path) already exists; qualkit init never overwrites a study. Choose another path with --db.")
            return .cannotCreate
        case .cannotCreate(let path, let reason):
            console.err("Error: cannot create \(path): \(reason)")
            return .cannotCreate
        case .notAStudy(let path, let reason):
            console.err("Error: \(path) is not a qualkit study: \(reason)")
            return .dataError
        case .newerSchema(let path, let found, let supported):
            console.err(
                "Error: \(path) was written by a newer qualkit (study schema \(found); this qualkit knows up to \(supported)). Nothing was changed: upgrade qualkit to open it."
            )
            return .dataError
        }
    }
}
