/// Checks and stores protocol files: `protocol check` and `protocol load`.
///
/// Both run the same checks; `load` also stores, all files in one transaction, so a batch with any
/// error stores nothing. Base texts are handled before translations, whatever the order given.
public enum ProtocolLoader {
    /// An input file read into memory.
    public struct File: Sendable {
        public let path: String
        public let bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// What happened to one text.
    public struct FileResult: Sendable, Equatable {
        public enum Action: String, Sendable { case stored, unchanged, valid }
        public let file: String
        public let reference: String
        public let language: String
        public let isTranslation: Bool
        public let questions: Int
        public let action: Action
    }

    /// The result of checking or loading a batch.
    public struct Report: Sendable {
        public let outcomes: [FileResult]
        /// Warnings only; errors are thrown as ``InvalidInput``.
        public let warnings: [Diagnostic]
    }

    /// Validates `files` without storing. `study`, when given, supplies stored base versions for
    /// translations and stored texts to compare against.
    public static func check(_ files: [File], study: Study?) throws -> Report {
        try run(files, db: study?.db, store: false)
    }

    /// Validates and stores `files` in one transaction.
    public static func load(_ files: [File], into study: Study) throws -> Report {
        try study.db.transaction { try run(files, db: study.db, store: true) }
    }

    private struct Parsed {
        let file: File
        let result: ProtocolParser.Result
        var guide: InterviewProtocol { result.protocol! }
    }

    /// `Themes:` paths the study's codebook does not hold (as a code or as a parent of one). Only
    /// when the study has a codebook: a guide is often written before the codebook exists.
    private static func themeWarnings(_ guides: [(String, InterviewProtocol)], db: Database?) throws -> [Diagnostic] {
        guard let db else { return [] }
        let paths = try db.rows("SELECT path FROM code").map { try $0["path"] as String }
        guard !paths.isEmpty else { return [] }
        var known = Set(paths)
        for path in paths { known.formUnion(Code.ancestors(of: path)) }
        var warnings: [Diagnostic] = []
        for (file, guide) in guides where guide.translationOf == nil {
            for question in guide.questions {
                for theme in question.themes where !known.contains(theme) {
                    let near = Suggestion.nearest(to: theme, in: paths).map { " (did you mean '\($0)'?)" } ?? ""
                    warnings.append(
                        Diagnostic(
                            file: file, line: question.line,
                            "theme '\(theme)' of question '\(question.id)' is not in the study's codebook\(near)",
                            severity: .warning))
                }
            }
        }
        return warnings
    }

    private static func run(_ files: [File], db: Database?, store: Bool) throws -> Report {
        var problems: [Diagnostic] = []
        var parsed: [Parsed] = []
        for file in files {
            let result = ProtocolParser.parse(file.bytes, file: file.path)
            problems += result.diagnostics
            if result.protocol != nil { parsed.append(Parsed(file: file, result: result)) }
        }
        // Bases first so a translation given before its base in one batch still finds it.
        let ordered = parsed.filter { $0.guide.translationOf == nil } + parsed.filter { $0.guide.translationOf != nil }
        var batch: [String: Parsed] = [:]
        var outcomes: [FileResult] = []
        let protocols = db.map(ProtocolStore.init(db:))
        for item in ordered {
            let guide = item.guide
            let key = "\(guide.id)@\(guide.version)/\(guide.language)"
            let versionLine = item.result.keyLines["version"]
            if let earlier = batch[key] {
                problems.append(
                    Diagnostic(
                        file: item.file.path, line: versionLine,
                        "\(guide.reference) (\(guide.language)) is also given by \(earlier.file.path)"))
                continue
            }
            batch[key] = item
            let problemsBefore = problems.count
            if let base = guide.translationOf {
                let baseGuide: InterviewProtocol?
                if let inBatch = batch["\(guide.id)@\(guide.version)/\(base)"] {
                    baseGuide = inBatch.guide
                } else {
                    baseGuide = try protocols?.stored(id: guide.id, version: guide.version, language: base)?.guide
                }
                if let baseGuide {
                    problems += TranslationCheck.compare(base: baseGuide, translation: guide, file: item.file.path)
                } else if protocols != nil {
                    problems.append(
                        Diagnostic(
                            file: item.file.path, line: item.result.keyLines["translation-of"],
                            "translation of an unknown protocol version: \(guide.reference) in '\(base)' is not in the study; load the base text first"
                        ))
                } else {
                    problems.append(
                        Diagnostic(
                            file: item.file.path, line: item.result.keyLines["translation-of"],
                            "not compared with its base: give the \(base) text of \(guide.reference) too, or check inside a study",
                            severity: .warning))
                }
            }
            var action: FileResult.Action = store ? .stored : .valid
            if let existing = try protocols?.stored(id: guide.id, version: guide.version, language: guide.language) {
                if existing.source == item.result.text {
                    action = .unchanged
                } else {
                    let latest = try protocols?.latestVersion(of: guide.id) ?? guide.version
                    let stored =
                        "\(guide.reference) (\(guide.language)) is already stored with different content (from \(existing.sourceFile)); a version used in the field never changes"
                    // A study may hold a version stored before versions had a limit: never add 1 past it.
                    let advice =
                        latest < ProtocolParser.versionRange.upperBound
                        ? "set 'version: \(latest + 1)' to store the new text"
                        : "the study already holds version \(latest), and no later version is allowed (at most \(ProtocolParser.versionRange.upperBound)): give the new text another id"
                    problems.append(
                        Diagnostic(file: item.file.path, line: versionLine, "\(stored): \(advice)"))
                }
            } else if guide.translationOf == nil,
                let storedBase = try protocols?.baseLanguage(id: guide.id, version: guide.version),
                storedBase != guide.language
            {
                problems.append(
                    Diagnostic(
                        file: item.file.path, line: item.result.keyLines["language"],
                        "\(guide.reference) is stored with base language '\(storedBase)'; a text in '\(guide.language)' must be a translation (add 'translation-of: \(storedBase)')"
                    ))
            }
            let failed = problems[problemsBefore...].contains { $0.severity == .error }
            if store && !failed && action == .stored {
                try protocols?.insert(guide, source: item.result.text ?? "", file: item.file.path)
            }
            outcomes.append(
                FileResult(
                    file: item.file.path, reference: guide.reference, language: guide.language,
                    isTranslation: guide.translationOf != nil, questions: guide.questions.count, action: action))
        }
        problems += try themeWarnings(ordered.map { ($0.file.path, $0.guide) }, db: db)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw InvalidInput(problems) }
        return Report(outcomes: outcomes, warnings: problems.filter { $0.severity == .warning })
    }
}
