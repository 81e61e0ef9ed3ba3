/// An analytic memo: what a coder wrote about a code, a transcript, one of its segments, or a
/// coding (a segment and a code together).
public struct Memo: Sendable, Equatable {
    /// What a memo is attached to, from the most general.
    public enum Subject: String, Sendable {
        case code, transcript, segment, coding
    }

    public let id: Int
    public let transcript: String?
    public let segment: Int?
    public let code: String?
    public let coder: String?
    public let text: String
    public let createdAt: String

    /// A segment and a code make a memo about that coding; a code alone, about the code.
    public var subject: Subject {
        switch (transcript, segment, code) {
        case (nil, _, _): .code
        case (_, nil, _): .transcript
        case (_, _, nil): .segment
        default: .coding
        }
    }

    /// Filters of `memo list`; nil matches everything. `code` takes the code and its sub-codes.
    public struct Filter: Sendable {
        public var transcript: String?
        public var code: String?
        public var coder: String?
        public init(transcript: String? = nil, code: String? = nil, coder: String? = nil) {
            self.transcript = transcript
            self.code = code
            self.coder = coder
        }
    }
}
