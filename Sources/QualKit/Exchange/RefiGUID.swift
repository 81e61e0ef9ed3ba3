import Foundation

/// GUIDs as REFI-QDA writes them and as qualkit stores them, and the paths a project gives its
/// text sources.
///
/// qualkit stores a record's UUID in lower case with hyphens (``StableID``); the standard also
/// allows braces and either case (`{A1B2...}`), which other tools write.
public enum RefiGUID {
    /// `text` in the stored form (lower case, no braces, surrounding spaces dropped), or nil when
    /// it is not a GUID of the form `8-4-4-4-12` hexadecimal digits.
    public static func normalized(_ text: String) -> String? {
        var value = Substring(text.trimmingSpaces())
        if value.hasPrefix("{") && value.hasSuffix("}") { value = value.dropFirst().dropLast() }
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12],
            groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isHexDigit } })
        else { return nil }
        return value.lowercased()
    }

    /// A GUID computed from `key`: the same key always gives the same GUID, for things that have
    /// no stored UUID (a variable, a coding inside a selection). Keys should name their kind
    /// (`variable:gender`) so two kinds never share one.
    public static func derived(from key: String) -> String { RefiCodebook.derivedGUID(key) }

    /// The archive entry holding a text source's plain text: `sources/GUID.txt` (lower-case folder,
    /// as the standard and most tools write it).
    public static func sourceEntry(_ guid: String) -> String { "sources/\(guid).txt" }

    /// The `plainTextPath` attribute for a text source stored in the archive.
    public static func plainTextPath(_ guid: String) -> String { "internal://\(guid).txt" }
}
