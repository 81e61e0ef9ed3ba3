import Foundation

/// The codebook as a REFI-QDA codebook (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`).
///
/// Hierarchy is by nesting: `barrier.stigma` is a `<Code>` inside `barrier`. A parent that exists
/// only implicitly (no row of its own) is written with `isCodable="false"` and a GUID derived from
/// its path, so two exports agree. Names are display names; the path is kept as the last line of
/// the description. The description layout, which reads back line by line:
///
/// ```
/// Definition: ...
/// Use when: ...
/// Do not use when: ...
/// Example: ...
/// Kind: barrier
/// Path: barrier.stigma
/// ```
///
/// A value over several lines has its second and later lines indented by two spaces.
/// ``RefiCodebookReader`` reads this layout back.
public enum RefiCodebook {
    /// The `.qdc` document for `codes`, whose GUIDs are `uuids[path]`.
    public static func qdc(_ codes: [Code], uuids: [String: String]) -> String {
        var writer = XMLWriter()
        writer.start("CodeBook", [("xmlns", "urn:QDA-XML:codebook:1.0"), ("origin", "qualkit")])
        writeCodes(codes, uuids: uuids, into: &writer)
        writer.end()
        return writer.text
    }

    /// The `<Codes>` element (shared with the project file, whose codebook has the same shape).
    /// `notes[path]` are the GUIDs of notes about that code, written as `NoteRef`s (a project
    /// file has notes; a `.qdc` has none).
    static func writeCodes(
        _ codes: [Code], uuids: [String: String], notes: [String: [String]] = [:], into writer: inout XMLWriter
    ) {
        var byPath: [String: Code] = [:]
        for code in codes { byPath[code.path] = code }
        var all = Set(codes.map(\.path))
        for code in codes { all.formUnion(Code.ancestors(of: code.path)) }
        var children: [String: [String]] = [:]
        for path in all {
            let parent = Code.ancestors(of: path).last ?? ""
            children[parent, default: []].append(path)
        }
        writer.start("Codes")
        func write(_ path: String) {
            let code = byPath[path]
            let name = code?.displayName ?? String(path.split(separator: ".").last ?? "")
            let kids = (children[path] ?? []).sorted()
            let attributes: [(String, String?)] = [
                ("guid", uuids[path] ?? derivedGUID(path)), ("name", name),
                ("isCodable", code == nil ? "false" : "true"), ("color", code?.color),
            ]
            writer.start("Code", attributes)
            writer.element("Description", description(code, path: path))
            for note in notes[path] ?? [] { writer.start("NoteRef", [("targetGUID", note)], empty: true) }
            for kid in kids { write(kid) }
            writer.end()
        }
        for root in (children[""] ?? []).sorted() { write(root) }
        writer.end()
    }

    /// The documented description layout: one `Label: value` line per field that is set.
    static func description(_ code: Code?, path: String) -> String {
        var lines: [String] = []
        if let code {
            for (label, value) in [
                ("Definition", code.definition), ("Use when", code.useWhen), ("Do not use when", code.doNotUseWhen),
                ("Example", code.example),
            ] {
                // Lines after a value's first are indented two spaces, so that a line of the value
                // that reads `Example: ...` is not taken for a field when the layout is read back.
                if let value, !value.isEmpty {
                    lines.append("\(label): " + value.replacingOccurrences(of: "\n", with: "\n  "))
                }
            }
            lines.append("Kind: \(code.kind)")
        }
        lines.append("Path: \(path)")
        return lines.joined(separator: "\n")
    }

    /// A version-4-shaped GUID computed from `path` (two FNV-1a 64-bit hashes), for parents that
    /// have no row and so no stored UUID: the same path always gives the same GUID.
    static func derivedGUID(_ path: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in path.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        var bytes: [UInt8] = []
        for value in [fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4)] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }
}
