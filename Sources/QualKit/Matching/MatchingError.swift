/// Why matching settings were refused.
public enum MatchingError: Error, Sendable, Equatable {
    /// A weight not written NAME=N with N from 0 to 1000.
    case invalidWeight(String)
    /// A weight name other than community, gender and language.
    case unknownWeight(Unknown, given: String)
}
