/// Trimming spaces without Foundation: `trimmingCharacters(in: .whitespaces)` bridges every line
/// through `NSString` and was a seventh of a transcript import's time.
extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespaces`: tab, the space separators (Unicode category Zs)
    /// and, as Foundation on Linux has it, the zero width space U+200B.
    @inlinable
    public var isSpaceOrTab: Bool {
        switch value {
        case 0x20, 0x09: return true
        case 0..<0x80: return false
        case 0x200B: return true
        default: return properties.generalCategory == .spaceSeparator
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs: the same result as
    /// `trimmingCharacters(in: .whitespaces)`, scalar for scalar.
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isSpaceOrTab { scalars.formIndex(after: &start) }
        while start < end {
            let before = scalars.index(before: end)
            guard scalars[before].isSpaceOrTab else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return String(self) }
        return String(Substring(scalars[start..<end]))
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs: the same result as
    /// `trimmingCharacters(in: .whitespaces)`, scalar for scalar.
    public func trimmingSpaces() -> String {
        // Most lines start and end with a letter: nothing to trim, nothing to copy.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        return self[...].trimmingSpaces()
    }
}
