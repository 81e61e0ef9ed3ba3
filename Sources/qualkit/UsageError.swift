/// A command line that cannot be run as typed. Exit 64, with the command's usage line.
struct UsageError: Error {
    let message: String
    /// The command whose usage to show, if known.
    let command: Command?
    /// For a group (`qualkit protocol`): the group's words, to list its subcommands.
    var group: [String]? = nil
}
