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
        // A temporary file created readable by the owner only (exports and reports come from
        // special-category data), then renamed into place so no reader sees half a file.
        let temporary =
            folder.isEmpty
            ? ".\(url.lastPathComponent).qualkit-\(getpid())"
            : "\(folder)/.\(url.lastPathComponent).qualkit-\(getpid())"
        let descriptor = Foundation.open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CannotCreateOutput(path: path, reason: String(cString: strerror(errno)))
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CannotCreateOutput(path: path, reason: written ? String(cString: strerror(errno)) : reason)
        }
    }
}
