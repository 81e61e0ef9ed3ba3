/// Selection positions as REFI-QDA counts them: Unicode code points (scalars) of the source's
/// whole plain text, end exclusive. qualkit's own transcript offsets count the same units, so an
/// export writes them unchanged (after redaction, see ``ExportedText``). NVivo counts UTF-16 code
/// units instead; these convert between the two for a given text.
public enum RefiPositions {
    /// The code-point offset of UTF-16 offset `utf16` in `text` (a position inside a surrogate
    /// pair counts as the pair's start; past the end is clamped to the end).
    public static func codePoint(ofUTF16 utf16: Int, in text: String) -> Int {
        var units = 0
        var points = 0
        for scalar in text.unicodeScalars {
            if units + scalar.utf16.count > utf16 { break }
            units += scalar.utf16.count
            points += 1
        }
        return points
    }

    /// The UTF-16 offset of code-point offset `codePoint` in `text` (past the end is clamped).
    public static func utf16(ofCodePoint codePoint: Int, in text: String) -> Int {
        var units = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= codePoint { break }
            units += scalar.utf16.count
        }
        return units
    }
}
