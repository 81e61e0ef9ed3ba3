/// Why a request about actions, outcomes or the redaction list was refused.
public enum FindingsError: Error, Sendable, Equatable {
    case unknownAction(Unknown)
    case unknownRedactionTerm(Unknown)
    /// A redaction term with nothing in it.
    case emptyRedactionTerm
    /// An action must answer at least one theme.
    case actionWithoutTheme
    /// An outcome value outside the accepted range (finite, within ±1e12).
    case outcomeOutOfRange(Double)
    /// No outcome values for this measure (or measure and group).
    case unknownMeasure(Unknown)
    /// The measure has values for several groups; one must be chosen.
    case measureNeedsGroup(measure: String, groups: [String])
}
