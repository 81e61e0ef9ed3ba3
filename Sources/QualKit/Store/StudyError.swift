/// Why a study file could not be created or opened.
public enum StudyError: Error, Sendable, Equatable {
    /// No file at the path: the user has not run `qualkit init` (or named the wrong file).
    case noStudy(path: String)
    /// `init` would overwrite an existing file.
    case alreadyExists(path: String)
    /// `demo --dir` names a folder that already holds a study.
    case demoExists(path: String)
    /// The file could not be created (folder missing, no permission, ...).
    case cannotCreate(path: String, reason: String)
    /// The file is not a SQLite database made by qualkit.
    case notAStudy(path: String, reason: String)
    /// The file was written by a newer qualkit whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The operating system refused to open the file (it belongs to someone else, or its folder
    /// cannot be searched).
    case permissionDenied(path: String)
    /// The file is at an older schema and was opened for reading only: reading never upgrades it.
    case olderSchema(path: String, found: Int, supported: Int)
    /// The file's tables, indexes and triggers are not those its schema version stands for (a
    /// version lowered by hand, a half-applied upgrade by another tool): it is left untouched.
    case schemaMismatch(path: String, version: Int, differences: [String])
}
