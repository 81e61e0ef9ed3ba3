/// Column and attribute names as people type them, made comparable.
public enum ColumnName {
    /// Lower case, letters and digits kept, every run of other characters one `_`, none at the
    /// ends: `Household Type` and `household-type` are both `household_type`.
    public static func normalized(_ text: String) -> String {
        var out = ""
        var lastWasSeparator = false
        for character in text.trimmingSpaces().lowercased() {
            if character.isLetter || character.isNumber {
                out.append(character)
                lastWasSeparator = false
            } else if !lastWasSeparator && !out.isEmpty {
                out.append("_")
                lastWasSeparator = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
