/// One application of a code by a coder to part (or all) of a segment.
public struct Coding: Sendable, Equatable {
    public let transcript: String
    public let segment: Int
    public let code: String
    public let coder: String
    /// Offsets in the segment, in Unicode scalars, end exclusive.
    public let start: Int
    public let end: Int
    /// The same range in the transcript's full plain text.
    public let transcriptStart: Int
    public let transcriptEnd: Int
    public let memo: String?
    /// The coded text.
    public let text: String
    public let participant: String
    /// The whole text of the coded segment (the turn), so that output can redact the turn before
    /// cutting the span out of it.
    public let turn: String
}

extension Coding {
    /// The same coding with its text and memo redacted, for exports. The text is cut from the
    /// redacted turn (``Redactor/excerpt(of:from:to:)``), so it never holds part of an identifier;
    /// the turn itself is redacted too.
    public func redacted(by redactor: Redactor?) -> Coding {
        guard let redactor else { return self }
        // The turn's identifiers are found once for both the excerpt and the whole turn.
        let cut = RedactedTurn(turn, by: redactor)
        return Coding(
            transcript: transcript, segment: segment, code: code, coder: coder, start: start, end: end,
            transcriptStart: transcriptStart, transcriptEnd: transcriptEnd, memo: memo.map(redactor.redact),
            text: cut.excerpt(from: start, to: end), participant: participant,
            turn: cut.excerpt(from: 0, to: Int.max))
    }
}
