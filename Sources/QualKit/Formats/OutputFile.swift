import Foundation

/// Writing result files: whole or not at all.
public enum OutputFile {
    /// Writes `text` to `path` atomically (a temporary file renamed into place), so a reader never
    /// sees half a report; throws ``CannotCreateOutput`` when the folder is missing or not writable.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CannotCreateOutput(path: path, reason: "it is a folder")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder) else {
            throw CannotCreateOutput(path: path, reason: "folder \(folder) does not exist")
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CannotCreateOutput(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
