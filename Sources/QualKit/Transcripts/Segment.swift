/// One stored speaker turn of a transcript.
public struct Segment: Sendable, Equatable {
    /// Who speaks a turn. Only `participant` turns may ever be quoted; `other` is a relative, an
    /// interpreter or a second participant of a joint interview; `unknown` awaits review.
    public enum Role: String, Sendable, CaseIterable { case interviewer, participant, other, unknown }

    /// Row id, used by codings.
    public let id: Int64
    public let transcript: String
    /// 1-based position in the transcript.
    public let number: Int
    public let speaker: String
    public let role: Role
    public let startMilliseconds: Int?
    public let endMilliseconds: Int?
    public let text: String
    /// Range of `text` in the transcript's full plain text, in Unicode scalars, end exclusive.
    public let textStart: Int
    public let textEnd: Int

    /// Length in Unicode scalar values: the unit of coding offsets.
    public var length: Int { textEnd - textStart }
}

/// A stored transcript's facts, for listings.
public struct TranscriptSummary: Sendable, Equatable {
    public let id: String
    public let interview: String
    public let participant: String
    public let format: String
    public let sourceFile: String
    public let segments: Int
    public let words: Int
    public let coders: [String]
    public let codings: Int
    public let importedAt: String
    /// Speaker labels whose role is `unknown`, to review with `transcript speakers`.
    public var speakersToReview: Int = 0
}

/// Unicode-scalar offsets, the unit of every coding position (as in REFI-QDA plain-text selections).
public enum ScalarText {
    public static func count(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text[start..<end]` in scalars, or nil when out of range.
    public static func slice(_ text: String, _ start: Int, _ end: Int) -> String? {
        let scalars = text.unicodeScalars
        guard start >= 0, end >= start, end <= scalars.count else { return nil }
        let from = scalars.index(scalars.startIndex, offsetBy: start)
        let to = scalars.index(from, offsetBy: end - start)
        return String(scalars[from..<to])
    }

    /// Scalar offsets of every occurrence of `needle` in `text`.
    public static func occurrences(of needle: String, in text: String) -> [Int] {
        let hay = Array(text.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty, pattern.count <= hay.count else { return [] }
        var found: [Int] = []
        for start in 0...(hay.count - pattern.count) where hay[start] == pattern[0] {
            if Array(hay[start..<(start + pattern.count)]) == pattern { found.append(start) }
        }
        return found
    }
}
