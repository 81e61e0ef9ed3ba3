extension ScalarText {
    /// `text` with curly and other typographic quotes and apostrophes made straight, one scalar for
    /// one scalar, so that offsets found in the folded text are offsets in the original.
    ///
    /// A quote typed on one keyboard (`don't`) must find the words as a transcriber's word processor
    /// wrote them (`don’t`), and the other way round; the stored text is never changed.
    public static func foldingQuotes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(foldedQuote(scalar)) }
        return String(scalars)
    }

    static func foldedQuote(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}", "\u{02BC}", "\u{FF07}": return "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}", "\u{FF02}": return "\""
        default: return scalar
        }
    }
}
