import Foundation

/// Interview fidelity: which questions of the guide each interview asked, in which order, what the
/// participant said, and which themes each question drew.
///
/// A question counts as asked at the first interviewer turn with a sentence whose
/// ``QuestionMatcher`` similarity reaches the threshold. The guide is the interview's protocol
/// version in the interview's language when a translation is loaded, else its base text.
///
/// ```swift
/// let fidelity = try Fidelity.run(study)
/// for question in fidelity.questions where question.asked == 0 { print("never asked:", question.question) }
/// ```
public enum Fidelity {
    public static let defaultThreshold = 0.5

    public struct Asked: Sendable, Equatable {
        public let question: String
        /// 1-based position in the guide.
        public let position: Int
        /// The segment number of the interviewer turn that asked it.
        public let turn: Int
        public let similarity: Double
        /// Words the participant said after it, before the next interviewer turn.
        public let participantWords: Int
        /// Not in the longest run of questions asked in guide order.
        public let outOfOrder: Bool
    }

    public struct Interview: Sendable, Equatable {
        public let interview: String
        public let transcript: String
        public let interviewer: String?
        public let protocolID: String
        public let version: Int
        /// The language of the guide text matched against.
        public let language: String
        /// The guide's question ids, in order.
        public let questions: [String]
        /// In turn order.
        public let asked: [Asked]
        public let notAsked: [String]
    }

    public struct QuestionSummary: Sendable, Equatable {
        public let protocolID: String
        public let version: Int
        public let question: String
        public let asked: Int
        public let of: Int
        public var share: Double { of == 0 ? 0 : Double(asked) / Double(of) }
    }

    public struct InterviewerCoverage: Sendable, Equatable {
        /// `(none)` for interviews with no interviewer recorded.
        public let interviewer: String
        public let interviews: Int
        public let asked: Int
        /// Questions in the guides of their interviews.
        public let of: Int
        public var coverage: Double { of == 0 ? 0 : Double(asked) / Double(of) }
    }

    public struct ThemeElicited: Sendable, Equatable {
        public let question: String
        public let theme: String
        /// Interviews whose answer turns were coded with the theme or a code under it.
        public let interviews: Int
        /// Interviews that asked the question.
        public let of: Int
    }

    /// A code that a question's answers drew that is not among its themes.
    public struct OtherTheme: Sendable, Equatable {
        public let question: String
        public let code: String
        public let interviews: Int
    }

    public struct Result: Sendable, Equatable {
        public let threshold: Double
        public let interviews: [Interview]
        public let questions: [QuestionSummary]
        public let interviewers: [InterviewerCoverage]
        public let themesElicited: [ThemeElicited]
        public let otherThemes: [OtherTheme]
        /// Selected transcripts whose interview has no protocol version recorded.
        public let withoutProtocol: [String]
        /// Transcripts with no interviewer turn: nothing can be matched, so their speaker roles
        /// are worth checking.
        public let withoutInterviewerTurns: [String]

        /// Questions no interview asked.
        public var neverAsked: [QuestionSummary] { questions.filter { $0.asked == 0 } }
    }

    /// Other themes listed per question.
    public static let otherThemesShown = 3

    /// Checks every interview with a transcript and a protocol version, or only `transcripts`.
    ///
    /// - Throws: ``TranscriptError`` for a transcript that does not exist.
    public static func run(_ study: Study, transcripts: [String]? = nil, threshold: Double = defaultThreshold) throws
        -> Result
    {
        let store = FidelityStore(study.db)
        let transcriptStore = TranscriptStore(study)
        if let transcripts { for id in transcripts { try transcriptStore.require(id) } }
        let rows = try store.interviews().filter { transcripts?.contains($0.transcript) ?? true }
        let withoutProtocol = try (transcripts ?? []).filter { id in
            try !rows.contains { $0.transcript == id } && transcriptStore.exists(id)
        }
        let protocols = ProtocolStore(study)
        var guides: [String: (InterviewProtocol, themes: [String: [String]])] = [:]
        var interviews: [Interview] = []
        var summaries:
            [String: (protocolID: String, version: Int, question: String, position: Int, asked: Int, of: Int)] = [:]
        var coverage: [String: (interviews: Int, asked: Int, of: Int)] = [:]
        var elicited: [String: (themes: [String], of: Int, hits: [String: Int], others: [String: Int])] = [:]
        var questionOrder: [String] = []
        var withoutInterviewerTurns: [String] = []
        for row in rows {
            let language = try guideLanguage(protocols, row)
            guard let language else { continue }
            let key = "\(row.protocolID)@\(row.version)/\(language)"
            if guides[key] == nil {
                guard let stored = try protocols.stored(id: row.protocolID, version: row.version, language: language)
                else {
                    continue
                }
                var themes: [String: [String]] = [:]
                let base = try protocols.baseLanguage(id: row.protocolID, version: row.version)
                let themed =
                    try base.flatMap { try protocols.stored(id: row.protocolID, version: row.version, language: $0) }?
                    .guide ?? stored.guide
                for question in themed.questions { themes[question.id] = question.themes }
                guides[key] = (stored.guide, themes)
            }
            let (guide, themes) = guides[key]!
            let questions = guide.questions
            let matcher = QuestionMatcher(questions: questions.map(\.text), language: language)
            let segments = try transcriptStore.segments(of: row.transcript)
            if !segments.contains(where: { $0.role == .interviewer }) { withoutInterviewerTurns.append(row.transcript) }
            var firstTurn: [Int: (turn: Int, similarity: Double)] = [:]
            for segment in segments where segment.role == .interviewer {
                for (index, similarity) in matcher.similarities(segment.text).enumerated()
                where similarity >= threshold && firstTurn[index] == nil {
                    firstTurn[index] = (segment.number, similarity)
                }
            }
            let byTurn = firstTurn.sorted { ($0.value.turn, $0.key) < ($1.value.turn, $1.key) }
            let inOrder = longestIncreasing(byTurn.map(\.key))
            let asked = byTurn.enumerated().map { offset, entry in
                Asked(
                    question: questions[entry.key].id, position: entry.key + 1, turn: entry.value.turn,
                    similarity: entry.value.similarity,
                    participantWords: participantWords(after: entry.value.turn, in: segments),
                    outOfOrder: !inOrder.contains(offset))
            }
            let askedIDs = Set(asked.map(\.question))
            let interview = Interview(
                interview: row.interview, transcript: row.transcript, interviewer: row.interviewer,
                protocolID: row.protocolID, version: row.version, language: language, questions: questions.map(\.id),
                asked: asked, notAsked: questions.map(\.id).filter { !askedIDs.contains($0) })
            interviews.append(interview)

            for (position, question) in questions.enumerated() {
                let summaryKey = "\(row.protocolID)@\(row.version)#\(question.id)"
                if summaries[summaryKey] == nil {
                    summaries[summaryKey] = (row.protocolID, row.version, question.id, position, 0, 0)
                    questionOrder.append(summaryKey)
                }
                summaries[summaryKey]!.of += 1
                if askedIDs.contains(question.id) { summaries[summaryKey]!.asked += 1 }
            }
            let who = row.interviewer ?? "(none)"
            coverage[who, default: (0, 0, 0)].interviews += 1
            coverage[who]!.asked += asked.count
            coverage[who]!.of += questions.count

            // Answer turns: participant turns after the question's turn, up to the next turn that
            // asked a question.
            let codes = try store.codes(of: row.transcript)
            let askedTurns = Set(asked.map(\.turn))
            for entry in asked {
                let questionThemes = themes[entry.question] ?? []
                guard !questionThemes.isEmpty else { continue }
                let next = askedTurns.filter { $0 > entry.turn }.min() ?? Int.max
                var drawn: Set<String> = []
                for segment in segments
                where segment.number > entry.turn && segment.number < next
                    && segment.role == .participant
                {
                    drawn.formUnion(codes[segment.number] ?? [])
                }
                let key = entry.question
                if elicited[key] == nil { elicited[key] = (questionThemes, 0, [:], [:]) }
                elicited[key]!.of += 1
                for theme in questionThemes where drawn.contains(where: { $0 == theme || $0.hasPrefix(theme + ".") }) {
                    elicited[key]!.hits[theme, default: 0] += 1
                }
                let others = Set(
                    drawn.filter { code in !questionThemes.contains { code == $0 || code.hasPrefix($0 + ".") } })
                for code in others { elicited[key]!.others[code, default: 0] += 1 }
            }
        }
        let questionSummaries = questionOrder.map { key in
            let s = summaries[key]!
            return QuestionSummary(
                protocolID: s.protocolID, version: s.version, question: s.question, asked: s.asked, of: s.of)
        }
        let interviewerRows = coverage.keys.sorted().map { who in
            let c = coverage[who]!
            return InterviewerCoverage(interviewer: who, interviews: c.interviews, asked: c.asked, of: c.of)
        }
        var themeRows: [ThemeElicited] = []
        var otherRows: [OtherTheme] = []
        var seenQuestions: [String] = []
        for key in questionOrder {
            let question = summaries[key]!.question
            guard !seenQuestions.contains(question), let entry = elicited[question] else { continue }
            seenQuestions.append(question)
            for theme in entry.themes {
                themeRows.append(
                    ThemeElicited(question: question, theme: theme, interviews: entry.hits[theme] ?? 0, of: entry.of))
            }
            for (code, count) in entry.others.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) })
                .prefix(otherThemesShown)
            {
                otherRows.append(OtherTheme(question: question, code: code, interviews: count))
            }
        }
        return Result(
            threshold: threshold, interviews: interviews, questions: questionSummaries, interviewers: interviewerRows,
            themesElicited: themeRows, otherThemes: otherRows, withoutProtocol: withoutProtocol,
            withoutInterviewerTurns: withoutInterviewerTurns)
    }

    /// The interview's language when the version has it, else the version's base language.
    static func guideLanguage(_ protocols: ProtocolStore, _ row: FidelityStore.Row) throws -> String? {
        let languages = try protocols.languages(id: row.protocolID, version: row.version)
        if let language = row.language {
            let normalized = language.lowercased()
            if let exact = languages.first(where: { $0.lowercased() == normalized }) { return exact }
            // `ur-PK` uses the `ur` translation.
            let primary = normalized.split(separator: "-").first.map(String.init) ?? normalized
            if let near = languages.first(where: { $0.lowercased() == primary }) { return near }
        }
        return try protocols.baseLanguage(id: row.protocolID, version: row.version) ?? languages.first
    }

    /// Words in the participant turns straight after `turn`, before the next interviewer turn.
    static func participantWords(after turn: Int, in segments: [Segment]) -> Int {
        var words = 0
        for segment in segments where segment.number > turn {
            if segment.role == .interviewer { break }
            words += segment.text.split(whereSeparator: { $0.isWhitespace }).count
        }
        return words
    }

    /// Offsets into `values` of one longest strictly increasing subsequence (earliest on ties).
    static func longestIncreasing(_ values: [Int]) -> Set<Int> {
        guard !values.isEmpty else { return [] }
        var length = Array(repeating: 1, count: values.count)
        var previous = Array(repeating: -1, count: values.count)
        for i in values.indices {
            for j in 0..<i where values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1
                previous[i] = j
            }
        }
        var best = 0
        for i in values.indices where length[i] > length[best] { best = i }
        var result: Set<Int> = []
        var cursor = best
        while cursor >= 0 {
            result.insert(cursor)
            cursor = previous[cursor]
        }
        return result
    }
}

/// The SQL `fidelity` needs.
struct FidelityStore {
    struct Row {
        let interview: String
        let transcript: String
        let interviewer: String?
        let protocolID: String
        let version: Int
        let language: String?
    }

    let db: Database

    init(_ db: Database) { self.db = db }

    /// Interviews with a transcript and a protocol version, by interview id.
    func interviews() throws -> [Row] {
        try db.rows(
            """
            SELECT i.id, t.id AS transcript, i.interviewer, i.protocol, i.protocol_version, i.language
            FROM interview i JOIN transcript t ON t.interview = i.id
            WHERE i.protocol IS NOT NULL
            ORDER BY i.id
            """
        ).map {
            Row(
                interview: try $0["id"], transcript: try $0["transcript"], interviewer: try $0["interviewer"],
                protocolID: try $0["protocol"], version: try $0["protocol_version"], language: try $0["language"])
        }
    }

    /// The codes applied to each segment of a transcript (by segment number), by any coder.
    func codes(of transcript: String) throws -> [Int: Set<String>] {
        var result: [Int: Set<String>] = [:]
        try db.forEachRow(
            "SELECT s.number, c.code FROM coding c JOIN segment s ON s.id = c.segment WHERE s.transcript = ?",
            [transcript]
        ) { row in
            result[try row["number"], default: []].insert(try row["code"])
        }
        return result
    }
}
