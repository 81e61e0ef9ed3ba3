/// Why a coder copy could not be made or merged back.
public enum CoderCopyError: Error, Sendable, Equatable {
    /// The copy's path already holds a file and replacing it was not asked for.
    case copyExists(path: String)
    /// The copy would replace the study it is made from.
    case copyIsTheStudy(path: String)
    /// The file to merge is the study itself.
    case mergeIntoItself(path: String)
    /// The file is neither a qualkit study (SQLite) nor a REFI-QDA project (a zip archive).
    case notACopy(path: String)
    /// Coders in the file that the study does not have, after `--coder-map`: nothing is merged.
    case unknownCoders([String], known: [String])
    /// A `--coder-map` names a study coder that does not exist.
    case unknownMappedCoder(Unknown)
    /// A `--coder-map` names a coder the file does not have: a typo would otherwise pass unseen.
    case mappedCoderNotInFile(String, inFile: [String])
}
