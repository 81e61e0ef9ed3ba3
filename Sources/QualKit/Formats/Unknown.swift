/// A name the study does not hold, with the nearest name it does hold and a few of the others, so
/// that a message can say "did you mean" or list what exists.
public struct Unknown: Sendable, Equatable {
    /// How many known names an error carries at most.
    public static let listed = 8

    public let name: String
    /// The likeliest intended name, when one is close enough to be a typo.
    public let nearest: String?
    /// Up to ``listed`` of the names that exist, in the study's order.
    public let known: [String]
    /// How many names exist in all.
    public let knownCount: Int

    public init(_ name: String, among candidates: [String]) {
        self.name = name
        self.nearest = Suggestion.nearest(to: name, in: candidates)
        self.known = Array(candidates.prefix(Self.listed))
        self.knownCount = candidates.count
    }
}
