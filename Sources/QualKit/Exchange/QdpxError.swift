/// Why a REFI-QDA project (`.qdpx`) was refused. Every case names the archive entry and, where
/// there is one, the element at fault, so the person can find it in the file.
///
/// Zip-level refusals are ``ZipError`` and XML-level ones ``XMLError``; these are the project's own.
public enum QdpxError: Error, Sendable, Equatable {
    /// No `*.qde` entry at the top of the archive.
    case noProjectFile(entries: [String])
    /// More than one `*.qde` entry: which one is meant cannot be told.
    case severalProjectFiles([String])
    /// The `.qde`'s root element is not `<Project>`.
    case notAProject(entry: String, root: String)
    /// A required attribute is absent or empty.
    case missingAttribute(entry: String, element: String, attribute: String)
    /// A `guid` or reference that is not a GUID (32 hex digits, with or without braces and dashes).
    case badGUID(entry: String, element: String, value: String)
    /// Two elements of one kind with one GUID.
    case duplicateGUID(entry: String, element: String, guid: String)
    /// A reference (`CodeRef`, `SourceRef`, `NoteRef`, `creatingUser`...) to a GUID defined nowhere.
    case unknownReference(entry: String, element: String, guid: String)
    /// A text source whose text is neither inline nor an entry of the archive.
    case missingSourceText(entry: String, source: String, path: String)
    /// A source text entry that is not UTF-8.
    case sourceTextNotUTF8(entry: String)
    /// A position attribute that is not a whole number, or a start after its end.
    case badPosition(entry: String, selection: String, reason: String)
    /// `--coder-map` values: `USER=CODER`, the user known to the project, the coder a valid id.
    case badCoderMap(String)
    case coderMapUnknownUser(String, users: [String])
    /// A user name that cannot be made into a coder id; `--coder-map` names one.
    case invalidCoderID(user: String, id: String)
}
