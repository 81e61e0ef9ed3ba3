import Foundation

/// Coders' daily work: tag, untag, mark done, memo, import and export codings.
public struct CodingLog {
    let study: Study
    let codings: CodingStore

    public init(_ study: Study) {
        self.study = study
        self.codings = CodingStore(study)
    }

    /// Which part of a segment to tag.
    public enum Selection: Sendable, Equatable {
        case whole
        /// Text that occurs exactly once in the segment.
        case quote(String)
        /// `START:END` in Unicode scalars, zero-based, end exclusive.
        case span(Int, Int)
    }

    /// Parses `START:END`.
    public static func span(_ text: String) -> Selection? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else { return nil }
        return .span(start, end)
    }

    /// The range `selection` names in `segment`, or an error that says why not.
    public static func range(of selection: Selection, in segment: Segment) throws -> (Int, Int) {
        switch selection {
        case .whole:
            return (0, segment.length)
        case .span(let start, let end):
            guard start >= 0, end > start, end <= segment.length else {
                throw CodingError.spanOutside(
                    start: start, end: end, segment: segment.number, transcript: segment.transcript,
                    length: segment.length)
            }
            return (start, end)
        case .quote(let raw):
            let quote = SourceText.normalize(raw)
            // Curly and straight quotes match each other; the folding keeps offsets unchanged.
            let found = ScalarText.occurrences(
                of: ScalarText.foldingQuotes(quote), in: ScalarText.foldingQuotes(segment.text))
            let length = ScalarText.count(quote)
            if found.count == 1 { return (found[0], found[0] + length) }
            if found.isEmpty {
                let folded = ScalarText.occurrences(
                    of: ScalarText.foldingQuotes(quote).lowercased(),
                    in: ScalarText.foldingQuotes(segment.text).lowercased())
                throw CodingError.quoteNotFound(
                    raw, segment: segment.number, transcript: segment.transcript,
                    caseFolded: folded.map { $0..<($0 + length) })
            }
            throw CodingError.quoteAmbiguous(
                raw, segment: segment.number, transcript: segment.transcript, at: found.map { $0..<($0 + length) })
        }
    }

    /// Checks the transcript, segment, code and coder all exist; returns the segment.
    func resolve(transcript: String, segment number: Int, code: String?, coder: String) throws -> Segment {
        let segment = try TranscriptStore(study).segment(transcript, number)
        if let code { _ = try CodeStore(study).require(code) }
        try CodeStore(study).requireCoder(coder)
        return segment
    }

    /// Tags part of a segment. Returns the coding and whether it is new (tagging twice is a no-op).
    public func tag(
        transcript: String, segment number: Int, code: String, coder: String, selection: Selection, memo: String?
    ) throws -> (Coding, Bool) {
        let segment = try resolve(transcript: transcript, segment: number, code: code, coder: coder)
        let (start, end) = try Self.range(of: selection, in: segment)
        let added = try study.db.transaction {
            try codings.insert(segment: segment, code: code, coder: coder, start: start, end: end, memo: memo)
        }
        let coding = try codings.codings(.init(codePrefix: code, coder: coder, transcript: transcript))
            .first { $0.segment == number && $0.start == start && $0.end == end && $0.code == code }!
        return (coding, added)
    }

    /// Removes a coding given the same arguments as ``tag(transcript:segment:code:coder:selection:memo:)``.
    ///
    /// Removing a coder's last coding in a transcript also ends their coverage of it, unless they
    /// marked it done: coverage follows codings.
    public func untag(transcript: String, segment number: Int, code: String, coder: String, selection: Selection) throws
        -> Int
    {
        let segment = try resolve(transcript: transcript, segment: number, code: code, coder: coder)
        let (start, end) = try Self.range(of: selection, in: segment)
        let removed = try study.db.transaction {
            let removed = try codings.delete(segment: segment, code: code, coder: coder, start: start, end: end)
            try codings.uncoverIfEmpty(transcript: transcript, coder: coder)
            return removed
        }
        guard removed > 0 else {
            throw CodingError.noSuchCoding(
                coder: coder, code: code, start: start, end: end, segment: number, transcript: transcript)
        }
        return removed
    }

    public func markDone(transcript: String, coder: String) throws {
        try TranscriptStore(study).require(transcript)
        try CodeStore(study).requireCoder(coder)
        try study.db.transaction { try codings.cover(transcript: transcript, coder: coder, done: true) }
    }

    /// Adds a memo about a code (no transcript), a transcript, a segment, or a coding (segment and
    /// code); returns its id.
    @discardableResult
    public func addMemo(transcript: String?, segment: Int?, code: String?, coder: String?, text: String) throws -> Int {
        guard transcript != nil || code != nil else { throw CodingError.memoAboutNothing }
        if let transcript { try TranscriptStore(study).require(transcript) }
        if let segment {
            guard let transcript else { throw CodingError.memoAboutNothing }
            _ = try TranscriptStore(study).segment(transcript, segment)
        }
        if let code { _ = try CodeStore(study).require(code) }
        if let coder { try CodeStore(study).requireCoder(coder) }
        return try study.db.transaction {
            try codings.addMemo(transcript: transcript, segment: segment, code: code, coder: coder, text: text)
        }
    }

    /// Memos matching `filter`, each name in it checked against the study.
    public func memos(_ filter: Memo.Filter) throws -> [Memo] {
        if let transcript = filter.transcript { try TranscriptStore(study).require(transcript) }
        if let code = filter.code { _ = try CodeStore(study).require(code) }
        if let coder = filter.coder { try CodeStore(study).requireCoder(coder) }
        return try codings.memos(filter)
    }

    public func memo(_ id: Int) throws -> Memo {
        guard let memo = try codings.memo(id) else {
            throw CodingError.unknownMemo(Unknown(String(id), among: try codings.memoIDs()))
        }
        return memo
    }
}

extension CodingLog {
    /// Tags the whole segment of every search hit with `code` for `coder` (auto-coding), in one
    /// transaction; each coding's memo says it came from a search.
    /// - Returns: (segments newly tagged, segments that already had the tag).
    public func tag(hits: [TranscriptSearch.Hit], code: String, coder: String) throws -> (added: Int, already: Int) {
        _ = try CodeStore(study).require(code)
        try CodeStore(study).requireCoder(coder)
        let transcripts = TranscriptStore(study)
        return try study.db.transaction {
            var added = 0
            var already = 0
            for hit in hits {
                let segment = try transcripts.segment(hit.transcript, hit.segment)
                if try codings.insert(
                    segment: segment, code: code, coder: coder, start: 0, end: segment.length,
                    memo: "auto-coded from search")
                {
                    added += 1
                } else {
                    already += 1
                }
            }
            return (added, already)
        }
    }
}
