/// A code of the codebook: a barrier theme, facilitator, suggestion or context, at a dotted path.
///
/// Parents exist implicitly (`barrier.stigma` is the parent of `barrier.stigma.family` whether or
/// not it has a row); analyses roll tallies up to every ancestor.
public struct Code: Sendable, Equatable {
    public var path: String
    public var name: String?
    /// `barrier`, `facilitator`, `suggestion`, `context`, or another word the team adds.
    public var kind: String
    public var definition: String?
    public var useWhen: String?
    public var doNotUseWhen: String?
    public var example: String?
    /// `#RRGGBB`.
    public var color: String?
    /// Brought in by a merge from a coder's copy and not yet accepted (`code accept`).
    public var proposed: Bool

    public init(
        path: String, name: String? = nil, kind: String? = nil, definition: String? = nil, useWhen: String? = nil,
        doNotUseWhen: String? = nil, example: String? = nil, color: String? = nil, proposed: Bool = false
    ) {
        self.proposed = proposed
        self.path = path
        self.name = name
        self.kind = kind ?? Code.defaultKind(for: path)
        self.definition = definition
        self.useWhen = useWhen
        self.doNotUseWhen = doNotUseWhen
        self.example = example
        self.color = color
    }

    /// The kind a new code gets when none is given: its root part (`barrier` for `barrier.stigma`).
    public static func defaultKind(for path: String) -> String {
        String(path.split(separator: ".").first ?? "other")
    }

    /// The display name, or the last part of the path.
    public var displayName: String { name ?? String(path.split(separator: ".").last ?? "") }

    /// `barrier.stigma.family` -> `["barrier", "barrier.stigma"]`.
    public static func ancestors(of path: String) -> [String] {
        let parts = path.split(separator: ".")
        return (1..<max(1, parts.count)).map { parts.prefix($0).joined(separator: ".") }
    }

    /// True when `path` is `prefix` or lies under it.
    public static func path(_ path: String, isWithin prefix: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".")
    }

    static func isColor(_ text: String) -> Bool {
        text.count == 7 && text.hasPrefix("#") && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    static func isKind(_ text: String) -> Bool { Identifiers.isSlug(text) }
}
