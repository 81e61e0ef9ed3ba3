/// A semi-structured interview guide: one version, in one language.
///
/// The type is named for the research artefact; `Protocol` alone is a Swift keyword.
public struct InterviewProtocol: Sendable, Equatable {
    /// Stable identifier shared by all versions and translations (`talking-change`).
    public var id: String
    public var title: String
    /// Positive version number; every interview records the version it used.
    public var version: Int
    /// BCP 47 language tag of this text.
    public var language: String
    /// Planned length in minutes.
    public var durationMinutes: Int?
    /// Ethics approval reference printed in the guide's footer.
    public var ethics: String?
    /// For a translation: the language of the base text it translates.
    public var translationOf: String?
    /// Paragraphs before the first section (an opening script, for example).
    public var introduction: [String]
    public var sections: [ProtocolSection]

    public init(
        id: String, title: String, version: Int, language: String, durationMinutes: Int? = nil,
        ethics: String? = nil, translationOf: String? = nil, introduction: [String] = [],
        sections: [ProtocolSection] = []
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.language = language
        self.durationMinutes = durationMinutes
        self.ethics = ethics
        self.translationOf = translationOf
        self.introduction = introduction
        self.sections = sections
    }

    /// Every question, in order.
    public var questions: [Question] { sections.flatMap(\.questions) }

    /// `talking-change@2`.
    public var reference: String { "\(id)@\(version)" }

    /// Sum of the questions' planned minutes.
    public var plannedMinutes: Int { questions.compactMap(\.minutes).reduce(0, +) }
}

/// A `#` heading of a guide and the questions under it.
public struct ProtocolSection: Sendable, Equatable {
    public var id: String?
    public var title: String
    /// Paragraphs between the heading and the first question.
    public var paragraphs: [String]
    public var questions: [Question]

    public init(id: String?, title: String, paragraphs: [String] = [], questions: [Question] = []) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.questions = questions
    }
}

/// A `##` heading: one question the interviewer asks, with probes, notes and linked themes.
public struct Question: Sendable, Equatable {
    /// Unique within the protocol; translations use the same ids.
    public var id: String
    public var text: String
    /// Free paragraphs under the question: more of what the interviewer says.
    public var paragraphs: [String]
    public var probes: [String]
    public var notes: [String]
    /// Code paths the question is meant to explore (`barrier.stigma`).
    public var themes: [String]
    public var minutes: Int?
    /// Line of the heading in the source file.
    public var line: Int

    public init(
        id: String, text: String, paragraphs: [String] = [], probes: [String] = [], notes: [String] = [],
        themes: [String] = [], minutes: Int? = nil, line: Int = 0
    ) {
        self.id = id
        self.text = text
        self.paragraphs = paragraphs
        self.probes = probes
        self.notes = notes
        self.themes = themes
        self.minutes = minutes
        self.line = line
    }
}
