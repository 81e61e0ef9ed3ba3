/// A command line that cannot be run as typed. Exit 64, with the command's usage line.
package struct UsageError: Error {
    package let message: String
    /// The command whose usage to show, if known.
    package let command: Command?
    /// For a group (`qualkit protocol`): the group's words, to list its subcommands.
    package var group: [String]? = nil

    package init(message: String, command: Command?, group: [String]? = nil) {
        self.message = message
        self.command = command
        self.group = group
    }
}
