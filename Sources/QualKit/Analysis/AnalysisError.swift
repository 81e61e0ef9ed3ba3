/// Why an analysis could not be run as asked.
public enum AnalysisError: Error, Sendable, Equatable {
    /// A participant attribute to group by that no participant has.
    case unknownAttribute(Unknown)
    /// The study has no codes and codings yet, so there is nothing to analyse.
    case nothingCoded
    /// A kind of code the codebook has none of.
    case unknownCodeKind(Unknown)
    /// Agreement needs two coders who coded transcripts.
    case tooFewCoders([String])
    /// Agreement compares at most this many coders at once.
    case tooManyCoders(Int, limit: Int)
}
