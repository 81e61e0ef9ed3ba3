/// Why a study file could not be created or opened.
public enum StudyError: Error, Sendable, Equatable {
    /// No file at the path: the user has not run `qualkit init` (or named the wrong file).
    case noStudy(path: String)
    /// `init` would overwrite an existing file.
    case alreadyExists(path: String)
    /// The file could not be created (folder missing, no permission, ...).
    case cannotCreate(path: String, reason: String)
    /// The file is not a SQLite database made by qualkit.
    case notAStudy(path: String, reason: String)
    /// The file was written by a newer qualkit whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
}
