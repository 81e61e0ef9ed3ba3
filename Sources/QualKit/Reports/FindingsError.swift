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
}
