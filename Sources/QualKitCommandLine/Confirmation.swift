import Foundation

/// A destructive command that was not confirmed (exit 64); nothing was changed.
package enum ConfirmationError: Error, Sendable {
    /// Neither a terminal to ask on nor the flag that confirms in a script.
    case noTerminal(command: String)
    /// The words typed back were not the ones asked for.
    case mismatch(expected: String)
}

extension Invocation {
    /// Asks on the terminal for `expected` to be typed again; throws unless it is.
    ///
    /// Standard input and standard error must both be terminals: a script (or a pipe that
    /// happens to hold the right words) must confirm with a flag instead.
    package func confirmByTyping(_ expected: String, prompt: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
            throw ConfirmationError.noTerminal(command: command.name)
        }
        console.prompt(prompt)
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
        guard answer == expected else { throw ConfirmationError.mismatch(expected: expected) }
    }
}

/// `qualkit check` found problems (exit 65); they were listed on standard output.
package struct StudyCheckFailed: Error, Sendable {
    package let errors: Int

    package init(errors: Int) { self.errors = errors }
}
