/// A value that a field of a record cannot take (a participant's availability, a code's colour),
/// with the rule it breaks, and the character inside the value where that helps.
///
/// Shared by every capability whose records are set from text, so that an option on the command
/// line and a column in a CSV file accept exactly the same values and say the same thing.
public struct FieldProblem: Error, Sendable, Equatable {
    /// The field's name in the study (and in CSV files): `availability`, `color`.
    public let field: String
    public let message: String
    /// 1-based character inside the value.
    public let column: Int?
    /// What the person can do about it, when something can be done.
    public let remedy: Remedy?

    public init(field: String, message: String, column: Int? = nil, remedy: Remedy? = nil) {
        self.field = field
        self.message = message
        self.column = column
        self.remedy = remedy
    }
}
