import Foundation

/// The rules for each codebook field, shared by `code add/update` options, the Markdown codebook
/// and the CSV codebook.
public enum CodeFields {
    /// CSV columns, in export order.
    public static let columns = [
        "path", "kind", "name", "definition", "use_when", "do_not_use_when", "example", "color",
    ]

    /// Markdown field labels and the column each sets.
    static let markdownLabels: [(label: String, column: String)] = [
        ("Kind", "kind"), ("Name", "name"), ("Definition", "definition"), ("Use when", "use_when"),
        ("Do not use when", "do_not_use_when"), ("Example", "example"), ("Colour", "color"), ("Color", "color"),
    ]

    /// Sets one field from text; an empty text clears an optional field.
    public static func set(_ column: String, _ text: String, on code: inout Code) throws(FieldProblem) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let optional: String? = value.isEmpty ? nil : value
        switch column {
        case "kind":
            guard Code.isKind(value.lowercased()) else {
                throw FieldProblem(
                    field: "kind",
                    message:
                        "bad kind '\(text)': a word of lower-case letters, digits and '-' (barrier, facilitator, suggestion, context)",
                    column: nil)
            }
            code.kind = value.lowercased()
        case "name": code.name = optional
        case "definition": code.definition = optional
        case "use_when": code.useWhen = optional
        case "do_not_use_when": code.doNotUseWhen = optional
        case "example": code.example = optional
        case "color":
            if let optional, !Code.isColor(optional) {
                throw FieldProblem(
                    field: "color", message: "bad colour '\(text)': expected #RRGGBB, such as #D55E00", column: nil)
            }
            code.color = optional?.uppercased()
        default:
            throw FieldProblem(field: column, message: "unknown codebook field '\(column)'", column: nil)
        }
    }

    /// Checks a code path, throwing a message that says the rule.
    public static func path(_ text: String) throws(FieldProblem) -> String {
        guard Identifiers.isCodePath(text) else {
            throw FieldProblem(
                field: "path",
                message:
                    "bad code path '\(text)': dotted parts of lower-case letters, digits and '-' (barrier.stigma.family)",
                column: nil)
        }
        return text
    }
}
