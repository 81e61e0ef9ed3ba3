/// A stored protocol version in one language, as listed by `protocol list`.
public struct ProtocolSummary: Sendable, Equatable {
    public let id: String
    public let version: Int
    public let title: String
    /// The base text's language.
    public let language: String
    /// The base language, then translations, alphabetically.
    public let languages: [String]
    public let questions: Int
    public let durationMinutes: Int?
    public let ethics: String?
    public let loadedAt: String
}

/// A stored protocol text with the file it came from.
public struct StoredProtocol: Sendable {
    public let guide: InterviewProtocol
    public let source: String
    public let sourceFile: String
    public let loadedAt: String
}

/// Every SQL statement about protocols.
public struct ProtocolStore {
    let db: Database

    public init(_ study: Study) { self.db = study.db }
    init(db: Database) { self.db = db }

    /// Base versions with their translations' languages, by id then version.
    public func summaries() throws -> [ProtocolSummary] {
        try db.rows(
            """
            SELECT base.protocol, base.version, base.title, base.language, base.question_count,
                   base.duration_minutes, base.ethics, base.loaded_at,
                   (SELECT group_concat(language, ',') FROM (
                        SELECT t.language FROM protocol_version t
                        WHERE t.protocol = base.protocol AND t.version = base.version
                          AND t.translation_of IS NOT NULL ORDER BY t.language)) AS translations
            FROM protocol_version base
            WHERE base.translation_of IS NULL
            ORDER BY base.protocol, base.version
            """
        ).map { row in
            let translations: String = try row["translations"]
            return ProtocolSummary(
                id: try row["protocol"], version: try row["version"], title: try row["title"],
                language: try row["language"],
                languages: [try row["language"]] + translations.split(separator: ",").map(String.init),
                questions: try row["question_count"], durationMinutes: try row["duration_minutes"],
                ethics: try row["ethics"],
                loadedAt: try row["loaded_at"])
        }
    }

    /// All protocol ids, for suggestions.
    public func ids() throws -> [String] {
        try db.rows("SELECT DISTINCT protocol FROM protocol_version ORDER BY protocol").map { try $0["protocol"] }
    }

    /// The highest stored version of `id`, or nil.
    public func latestVersion(of id: String) throws -> Int? {
        try db.value("SELECT max(version) FROM protocol_version WHERE protocol = ?", [id]).intValue
    }

    /// Versions stored for `id`, ascending.
    public func versions(of id: String) throws -> [Int] {
        try db.rows("SELECT DISTINCT version FROM protocol_version WHERE protocol = ? ORDER BY version", [id])
            .map { try $0["version"] }
    }

    /// The base language of `id@version`, or nil when that version is not stored.
    public func baseLanguage(id: String, version: Int) throws -> String? {
        try db.value(
            "SELECT language FROM protocol_version WHERE protocol = ? AND version = ? AND translation_of IS NULL",
            [id, version]
        ).stringValue
    }

    /// Languages stored for `id@version`, base first.
    public func languages(id: String, version: Int) throws -> [String] {
        try db.rows(
            "SELECT language FROM protocol_version WHERE protocol = ? AND version = ? ORDER BY translation_of IS NOT NULL, language",
            [id, version]
        ).map { try $0["language"] }
    }

    /// The stored text of `id@version` in `language`, or nil.
    public func stored(id: String, version: Int, language: String) throws -> StoredProtocol? {
        guard
            let row = try db.row(
                "SELECT source, source_file, loaded_at FROM protocol_version WHERE protocol = ? AND version = ? AND language = ?",
                [id, version, language])
        else { return nil }
        let source: String = try row["source"]
        let file: String = try row["source_file"]
        // Stored sources were validated by this parser when loaded, so they parse again.
        guard let guide = ProtocolParser.parse(text: source, file: file).protocol else {
            throw StoreError(code: 11, message: "stored protocol \(id)@\(version) (\(language)) no longer parses")
        }
        return StoredProtocol(guide: guide, source: source, sourceFile: file, loadedAt: try row["loaded_at"])
    }

    /// Stores one parsed text. The caller has checked it is new.
    func insert(_ guide: InterviewProtocol, source: String, file: String) throws {
        try db.execute(
            """
            INSERT INTO protocol_version(protocol, version, language, translation_of, title, duration_minutes,
                ethics, source, source_file, question_count, loaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                guide.id, guide.version, guide.language, guide.translationOf, guide.title, guide.durationMinutes,
                guide.ethics, source, file, guide.questions.count, Clock.nowTimestamp(),
            ])
        let versionRow = db.lastInsertedRowID
        var position = 0
        for section in guide.sections {
            for question in section.questions {
                position += 1
                try db.execute(
                    "INSERT INTO protocol_question(protocol_version_id, position, question, section, text) VALUES (?, ?, ?, ?, ?)",
                    [versionRow, position, question.id, section.id ?? section.title, question.text])
                for theme in question.themes {
                    try db.execute(
                        "INSERT INTO protocol_theme(protocol_version_id, question, code) VALUES (?, ?, ?)",
                        [versionRow, question.id, theme])
                }
            }
        }
    }
}
