import Foundation

/// How a coded span becomes a quote: whole sentences of its turn, redacted before they are cut.
///
/// The coded span is widened to the sentences it touches, inside its turn. When those sentences
/// are longer than ``maxLength`` Unicode scalars, the quote starts at the beginning of the word
/// where the coded span starts and is cut back to a word boundary, with an ellipsis on each side
/// that was cut, so a quote never starts or ends mid-word. The turn is redacted whole first
/// (``RedactedTurn``), so a cut never leaves part of an identifier.
public enum QuoteText {
    /// The longest quote, in Unicode scalars of the turn, before an ellipsis cuts it.
    public static let maxLength = 400
    /// Marks text cut from a quote.
    public static let ellipsis = "…"

    /// Words after which a full stop does not end a sentence.
    static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "st", "prof", "e.g", "i.e", "no", "vs"]
    static let terminals: Set<Unicode.Scalar> = [".", "!", "?", "\u{2026}"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "\u{2019}", "\u{201D}"]

    /// The quote for `start..<end` (Unicode scalars) of `turn`, redacted by `redactor`.
    public static func quote(turn: String, from start: Int, to end: Int, redactor: Redactor, maxLength: Int = maxLength)
        -> String
    {
        quote(Turn(turn, redactor: redactor), from: start, to: end, maxLength: maxLength)
    }

    /// A turn's scalars and its redaction, made once for all the quotes cut from it.
    struct Turn {
        let text: String
        let scalars: [Unicode.Scalar]
        let redacted: RedactedTurn

        init(_ text: String, redactor: Redactor) {
            self.text = text
            scalars = Array(text.unicodeScalars)
            redacted = RedactedTurn(text, by: redactor)
        }
    }

    /// ``quote(turn:from:to:redactor:maxLength:)`` from a turn already redacted.
    static func quote(_ turn: Turn, from start: Int, to end: Int, maxLength: Int = maxLength) -> String {
        let cut = bounds(turn.scalars, from: start, to: end, maxLength: maxLength)
        let text = turn.redacted.excerpt(from: cut.start, to: cut.end)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (cut.cutBefore ? ellipsis + " " : "") + text + (cut.cutAfter ? " " + ellipsis : "")
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    /// Offsets just past each sentence's end (its terminal and any closing quotes), in order.
    static func sentenceEnds(_ s: [Unicode.Scalar]) -> [Int] {
        var ends: [Int] = []
        var index = 0
        while index < s.count {
            guard terminals.contains(s[index]) else {
                index += 1
                continue
            }
            var after = index + 1
            while after < s.count, terminals.contains(s[after]) || closers.contains(s[after]) { after += 1 }
            if after == s.count || isSpace(s[after]) {
                // "Dr. Patel": the word before a full stop is not an abbreviation.
                var wordStart = index
                while wordStart > 0, !isSpace(s[wordStart - 1]) { wordStart -= 1 }
                let word = String(String.UnicodeScalarView(s[wordStart..<index])).lowercased()
                if !(s[index] == "." && abbreviations.contains(word)) { ends.append(after) }
            }
            index = after
        }
        if ends.last != s.count { ends.append(s.count) }
        return ends
    }

    /// Where the quote starts and ends in the turn, and whether it was cut on either side.
    static func bounds(_ s: [Unicode.Scalar], from start: Int, to end: Int, maxLength: Int) -> (
        start: Int, end: Int, cutBefore: Bool, cutAfter: Bool
    ) {
        guard !s.isEmpty else { return (0, 0, false, false) }
        var from = max(0, min(start, s.count))
        var to = max(from, min(end, s.count))
        // A span's own leading or trailing white space does not choose a sentence.
        while from < to, isSpace(s[from]) { from += 1 }
        while to > from, isSpace(s[to - 1]) { to -= 1 }
        let ends = sentenceEnds(s)
        // The sentence holding `from` starts after the last sentence end at or before it.
        var sentenceStart = ends.last { $0 <= from && $0 < s.count } ?? 0
        if from == 0 { sentenceStart = 0 }
        while sentenceStart < s.count, isSpace(s[sentenceStart]) { sentenceStart += 1 }
        let sentenceEnd = ends.first { $0 >= max(to, from + 1) } ?? s.count
        if sentenceEnd - sentenceStart <= maxLength { return (sentenceStart, sentenceEnd, false, false) }
        // Too long: from the start of the coded span's first word, cut back to a word boundary.
        var wordStart = max(from, sentenceStart)
        while wordStart > sentenceStart, !isSpace(s[wordStart - 1]) { wordStart -= 1 }
        var cutEnd = sentenceEnd
        if cutEnd - wordStart > maxLength {
            cutEnd = wordStart + maxLength
            while cutEnd > wordStart, !isSpace(s[cutEnd]) { cutEnd -= 1 }
            // One word longer than the limit: keep it whole rather than cut it.
            if cutEnd == wordStart {
                cutEnd = wordStart + maxLength
                while cutEnd < sentenceEnd, !isSpace(s[cutEnd]) { cutEnd += 1 }
            }
        }
        return (wordStart, cutEnd, wordStart > sentenceStart, cutEnd < sentenceEnd)
    }
}
