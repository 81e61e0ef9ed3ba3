/// How protocol listings print in each `--format`; the JSON here is the documented contract.
public enum ProtocolViews {
    /// One stored base version.
    public static let summary = RecordView<ProtocolSummary>([
        .field("id", json: { .string($0.id) }), .field("version", .right, json: { .int($0.version) }),
        .field("title", json: { .string($0.title) }), .data("language", json: { .string($0.language) }),
        .field("languages", json: { .strings($0.languages) }),
        .field("questions", .right, json: { .int($0.questions) }),
        .data("duration_minutes", json: { .int($0.durationMinutes) }), .data("ethics", json: { .string($0.ethics) }),
        .shown("loaded", text: { String($0.loadedAt.prefix(10)) }), .data("loaded_at", json: { .string($0.loadedAt) }),
    ])

    public static func list(_ summaries: [ProtocolSummary]) -> Rendered {
        summary.rendered(summaries)
    }

    /// One question with the section it sits in: a table row, or a member of its section in JSON.
    public static let question = RecordView<(section: ProtocolSection, question: Question)>(
        [
            .shown("section", text: { $0.section.id ?? $0.section.title }),
            .field("id", "question", json: { .string($0.question.id) }),
            .field("text", json: { .string($0.question.text) }),
            .data("paragraphs", json: { .strings($0.question.paragraphs) }),
            .field(
                "probes", .right, json: { .strings($0.question.probes) }, text: { String($0.question.probes.count) }),
            .data("notes", json: { .strings($0.question.notes) }),
            .field("themes", json: { .strings($0.question.themes) }),
            .field("minutes", "min", .right, json: { .int($0.question.minutes) }),
        ],
        tableOrder: ["section", "id", "text", "minutes", "probes", "themes"])

    /// A section of the guide; its questions are nested.
    public static let section = RecordView<ProtocolSection>([
        .field("id", json: { .string($0.id) }), .field("title", json: { .string($0.title) }),
        .data("paragraphs", json: { .strings($0.paragraphs) }),
        .data(
            "questions", json: { section in question.json(section.questions.map { (section: section, question: $0) }) }),
    ])

    /// One question per row for tables and CSV; the whole structure for JSON.
    public static func show(_ guide: InterviewProtocol, languages: [String]) -> Rendered {
        var notes = [
            "\(guide.title) — \(guide.reference), language \(guide.language) (stored: \(languages.joined(separator: ", ")))"
        ]
        if let minutes = guide.durationMinutes {
            notes.append("Duration \(minutes) min; questions plan \(guide.plannedMinutes) min")
        }
        if let ethics = guide.ethics { notes.append("Ethics: \(ethics)") }
        return question.rendered(
            guide.sections.flatMap { section in section.questions.map { (section: section, question: $0) } },
            json: json(guide, languages: languages), notes: notes)
    }

    public static func json(_ guide: InterviewProtocol, languages: [String]) -> JSON {
        .object([
            ("id", .string(guide.id)), ("version", .int(guide.version)), ("title", .string(guide.title)),
            ("language", .string(guide.language)), ("languages", .strings(languages)),
            ("translation_of", .string(guide.translationOf)), ("duration_minutes", .int(guide.durationMinutes)),
            ("ethics", .string(guide.ethics)), ("introduction", .strings(guide.introduction)),
            ("sections", section.json(guide.sections)),
        ])
    }

    /// One change between two versions.
    public static let change = RecordView<ProtocolChange>([
        .field("question", json: { .string($0.question) }), .field("change", json: { .string($0.kind.rawValue) }),
        .field("before", json: { .string($0.before) }), .field("after", json: { .string($0.after) }),
    ])

    public static func diff(id: String, from: Int, to: Int, changes: [ProtocolChange]) -> Rendered {
        change.rendered(
            changes,
            json: .object([
                ("protocol", .string(id)), ("from", .int(from)), ("to", .int(to)), ("changes", change.json(changes)),
            ]),
            notes: ["\(changes.count) change\(changes.count == 1 ? "" : "s") from \(id)@\(from) to \(id)@\(to)"])
    }
}
