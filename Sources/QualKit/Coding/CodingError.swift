/// Why a request about the codebook, coders or codings was refused.
public enum CodingError: Error, Sendable, Equatable {
    case unknownCode(Unknown)
    case unknownCoder(Unknown)
    case codeExists(String)
    case coderExists(String)
    /// A rename would land on a code that already exists.
    case renameTargetExists(String)
    case mergeIntoItself(String)
    /// A code with sub-codes cannot be merged or deleted until they are dealt with.
    case hasSubcodes(String, subcodes: [String], refused: CodebookChange)
    /// A code still used by codings cannot be deleted as it is.
    case inUse(String, codings: Int)
    /// A code path that breaks the rule: dotted parts of lower-case letters, digits and '-'.
    case invalidCodePath(String)
    /// A coder id that breaks the id rule.
    case invalidCoderID(String)
    /// A code field value that is refused; `value` is the text given.
    case invalidField(FieldProblem, value: String)
    /// A span outside its segment.
    case spanOutside(start: Int, end: Int, segment: Int, transcript: String, length: Int)
    /// A quote not in the segment; `caseFolded` lists where it occurs with other capitals.
    case quoteNotFound(String, segment: Int, transcript: String, caseFolded: [Range<Int>])
    /// A quote found more than once in the segment, at these spans.
    case quoteAmbiguous(String, segment: Int, transcript: String, at: [Range<Int>])
    /// Untagging a coding that is not there.
    case noSuchCoding(coder: String, code: String, start: Int, end: Int, segment: Int, transcript: String)

    /// A memo needs a code or a transcript to be about; a segment needs its transcript.
    case memoAboutNothing
    case unknownMemo(Unknown)

    /// The codebook changes a refusal can be about.
    public enum CodebookChange: String, Sendable, Equatable { case merge, delete }
}
