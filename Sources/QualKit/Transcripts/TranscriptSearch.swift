/// Full-text search over segments with SQLite FTS5: words, "phrases", prefix*, AND/OR/NOT, NEAR.
/// See https://sqlite.org/fts5.html#full_text_query_syntax.
public enum TranscriptSearch {
    public struct Hit: Sendable, Equatable {
        public let transcript: String
        public let segment: Int
        public let speaker: String
        public let role: Segment.Role
        public let participant: String
        /// The matching words in context, hits in [brackets].
        public let context: String
        let segmentID: Int64
    }

    /// Segments matching `query`, best first (BM25), optionally only one role's or only those
    /// tagged with a code (or a code under it).
    ///
    /// A query is at most ``maxQueryCharacters`` characters and ``maxTerms`` terms, else
    /// ``TranscriptError/searchTooLong(characters:limit:)`` or ``TranscriptError/searchTooManyTerms(terms:limit:)`` is thrown before SQLite sees it: FTS5's time grows with both, and a
    /// pasted document or a generated list of thousands of ORs would otherwise run for many seconds.
    ///
    /// `limit` and `offset` page through the hits in that order, so a common word over a large corpus
    /// reads only the page it shows (SQLite still ranks every match); ``count(_:role:code:study:)``
    /// tells how many there are in all.
    public static func search(
        _ query: String, role: Segment.Role?, code: String?, limit: Int? = nil, offset: Int = 0, study: Study
    ) throws -> [Hit] {
        try checkLimits(query)
        if let code { _ = try CodeStore(study).require(code) }
        do {
            return try study.db.rows(
                """
                SELECT s.id, s.transcript, s.number, s.speaker, s.role, i.participant,
                       snippet(segment_search, 0, '[', ']', '…', 16) AS context
                FROM segment_search
                JOIN segment s ON s.id = segment_search.rowid
                JOIN transcript t ON t.id = s.transcript
                JOIN interview i ON i.id = t.interview
                WHERE segment_search MATCH ?1
                  AND (?2 IS NULL OR s.role = ?2)
                  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM coding c WHERE c.segment = s.id
                                             AND (c.code = ?3 OR c.code LIKE ?4 ESCAPE '\\')))
                ORDER BY bm25(segment_search), s.transcript, s.number
                LIMIT ?5 OFFSET ?6
                """,
                [ftsQuery(query), role?.rawValue, code, code.map(CodeStore.likePrefix), limit ?? -1, max(0, offset)]
            ).map { row in
                Hit(
                    transcript: try row["transcript"], segment: try row["number"], speaker: try row["speaker"],
                    role: Segment.Role(rawValue: try row["role"]) ?? .unknown, participant: try row["participant"],
                    context: try row["context"], segmentID: Int64(try row["id"] as Int))
            }
        } catch let error as StoreError where error.primaryCode == 1 {
            throw TranscriptError.invalidSearch(query, reason: error.message)
        }
    }

    /// `query` as FTS5 should read it: curly double quotes are phrase quotes, and every apostrophe
    /// is the typographic one. The index splits words at either apostrophe, so `don't` and `don’t`
    /// find the same text; the straight one would be a syntax error in an FTS5 bare word.
    static func ftsQuery(_ query: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in query.unicodeScalars {
            switch scalar {
            case "\u{201C}", "\u{201D}", "\u{201E}": scalars.append("\"")
            case "'", "\u{2018}", "\u{201A}", "\u{201B}": scalars.append("\u{2019}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// How many segments ``search(_:role:code:limit:offset:study:)`` finds in all, without ranking
    /// them or building their context.
    public static func count(_ query: String, role: Segment.Role?, code: String?, study: Study) throws -> Int {
        try checkLimits(query)
        if let code { _ = try CodeStore(study).require(code) }
        do {
            return try study.db.value(
                """
                SELECT count(*) FROM segment_search
                JOIN segment s ON s.id = segment_search.rowid
                WHERE segment_search MATCH ?1
                  AND (?2 IS NULL OR s.role = ?2)
                  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM coding c WHERE c.segment = s.id
                                             AND (c.code = ?3 OR c.code LIKE ?4 ESCAPE '\\')))
                """, [ftsQuery(query), role?.rawValue, code, code.map(CodeStore.likePrefix)]
            ).intValue ?? 0
        } catch let error as StoreError where error.primaryCode == 1 {
            throw TranscriptError.invalidSearch(query, reason: error.message)
        }
    }

    /// How many hits `search` shows unless told otherwise.
    public static let defaultLimit = 50

    /// The longest query, in characters.
    public static let maxQueryCharacters = 1000
    /// The most terms (words, "phrases" and prefix* terms; AND, OR, NOT and NEAR do not count).
    public static let maxTerms = 64

    /// Throws when `query` is longer or has more terms than a search allows.
    public static func checkLimits(_ query: String) throws(TranscriptError) {
        let characters = query.count
        if characters > maxQueryCharacters { throw .searchTooLong(characters: characters, limit: maxQueryCharacters) }
        let terms = termCount(query)
        if terms > maxTerms { throw .searchTooManyTerms(terms: terms, limit: maxTerms) }
    }

    /// The terms of an FTS5 query: a quoted phrase is one, operators and parentheses are none.
    static func termCount(_ query: String) -> Int {
        var count = 0
        var word = ""
        var inPhrase = false
        func endWord() {
            if !word.isEmpty && !["AND", "OR", "NOT", "NEAR"].contains(word) { count += 1 }
            word = ""
        }
        for character in query {
            if inPhrase {
                if character == "\"" { inPhrase = false }
            } else if character == "\"" {
                endWord()
                inPhrase = true
                count += 1
            } else if character.isWhitespace || "()".contains(character) {
                endWord()
            } else {
                word.append(character)
            }
        }
        endWord()
        return count
    }
}
