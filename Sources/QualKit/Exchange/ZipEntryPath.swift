/// The rule for a path inside an archive: relative, no `..` part, no control characters.
///
/// Backslashes count as separators, because some Windows tools write them, so `..\evil` is caught
/// as surely as `../evil`.
enum ZipEntryPath {
    /// The path with `/` separators, or the reason it is unsafe.
    static func check(_ raw: String) -> Result<String, ZipError.UnsafePath> {
        let path = raw.replacingOccurrences(of: "\\", with: "/")
        if path.isEmpty { return .failure(.empty) }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(.controlCharacter)
        }
        if path.hasPrefix("/") { return .failure(.absolute) }
        // A drive letter (C:) is absolute on Windows.
        let scalars = Array(path.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return .failure(.absolute) }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return .failure(.parentFolder)
        }
        return .success(path)
    }
}
