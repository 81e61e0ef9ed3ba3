import Foundation

/// A REFI-QDA source's text as qualkit stores it, and the rule that turns the file's selection
/// positions into offsets in it.
///
/// The stored text is the source's text with CR LF (and lone CR) made `\n`, nothing else changed,
/// so every selection lands on exactly the characters it covered. Positions are read as Unicode
/// code points (the standard) or as UTF-16 code units (what NVivo writes), then mapped past the
/// dropped CRs. Pure.
public struct QdpxText: Sendable {
    /// How a file counts positions.
    public enum Rule: String, Sendable, Equatable {
        case codePoints = "Unicode code points"
        case utf16 = "UTF-16 code units"
    }

    /// The text with line ends made `\n`, as stored.
    public let text: String
    let scalars: [Unicode.Scalar]
    /// For each code point of the original text, its offset in ``text``; one more for the end.
    private let stored: [Int]
    /// For each UTF-16 unit of the original text, the code point it starts, or nil for the second
    /// half of a surrogate pair; one more for the end.
    private let codePointOfUnit: [Int?]
    /// Whether the original text has characters outside the Basic Multilingual Plane, the only
    /// ones the two rules count differently.
    public let hasAstral: Bool

    public init(_ original: String) {
        var out = String.UnicodeScalarView()
        var stored: [Int] = []
        var units: [Int?] = []
        var astral = false
        let originalScalars = Array(original.unicodeScalars)
        var index = 0
        for (position, scalar) in originalScalars.enumerated() {
            stored.append(index)
            units.append(position)
            if scalar.value > 0xFFFF {
                units.append(nil)
                astral = true
            }
            if scalar == "\r" {
                if position + 1 < originalScalars.count, originalScalars[position + 1] == "\n" { continue }
                out.append("\n")
            } else {
                out.append(scalar)
            }
            index += 1
        }
        stored.append(index)
        units.append(originalScalars.count)
        text = String(out)
        scalars = Array(out)
        self.stored = stored
        codePointOfUnit = units
        hasAstral = astral
    }

    /// The stored offsets `[start, end)` a selection's positions give under `rule`, or nil when
    /// they fall outside the text or inside a surrogate pair.
    public func range(_ start: Int, _ end: Int, rule: Rule) -> Range<Int>? {
        let limit = rule == .utf16 ? codePointOfUnit.count - 1 : stored.count - 1
        guard start >= 0, start < end, end <= limit else { return nil }
        let from: Int
        let to: Int
        switch rule {
        case .codePoints:
            (from, to) = (start, end)
        case .utf16:
            guard let a = codePointOfUnit[start], let b = codePointOfUnit[end] else { return nil }
            (from, to) = (a, b)
        }
        return stored[from]..<stored[to]
    }

    /// The length under `rule`, for clamping a selection that runs past the end.
    public func length(rule: Rule) -> Int { rule == .utf16 ? codePointOfUnit.count - 1 : stored.count - 1 }

    /// The stored text at offsets `range`.
    public func slice(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// Whether a selection's `name` agrees with the text it covers: equal, or a prefix of it (tools
    /// shorten long names), ignoring surrounding white space and a trailing ellipsis.
    static func nameMatches(_ name: String, covered: String) -> Bool {
        var wanted = name.trimmingCharacters(in: .whitespacesAndNewlines)
        for suffix in ["...", "…"] where wanted.hasSuffix(suffix) { wanted = String(wanted.dropLast(suffix.count)) }
        wanted = wanted.trimmingSpaces()
        let have = covered.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !wanted.isEmpty else { return true }
        return have == wanted || (wanted.count >= 8 && have.hasPrefix(wanted))
    }

    /// A stored offset range for each turn of `turns`, found in order in the text: a turn's lines
    /// are trimmed copies of the text's, so each is searched from where the last one ended. Nil
    /// when a turn cannot be found (the reader changed its words).
    func locate(_ turns: [Turn]) -> [Range<Int>]? {
        var cursor = 0
        var ranges: [Range<Int>] = []
        for turn in turns {
            var start: Int?
            var end = cursor
            for line in turn.text.split(separator: "\n") where !line.trimmingSpaces().isEmpty {
                let needle = Array(line.unicodeScalars)
                guard let found = find(needle, from: end) else { return nil }
                if start == nil { start = found }
                end = found + needle.count
            }
            guard let start else { return nil }
            ranges.append(start..<end)
            cursor = end
        }
        return ranges
    }

    private func find(_ needle: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= scalars.count else { return nil }
        var index = from
        while index + needle.count <= scalars.count {
            if scalars[index] == needle[0] && scalars[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Every place `needle` occurs in the stored text.
    func occurrences(of needle: String) -> [Int] {
        let pattern = Array(needle.unicodeScalars)
        var found: [Int] = []
        var from = 0
        while let index = find(pattern, from: from) {
            found.append(index)
            from = index + 1
        }
        return found
    }
}
