/// How protocol listings print in each `--format`; the JSON here is the documented contract.
public enum ProtocolViews {
    public static func list(_ summaries: [ProtocolSummary]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("id"), .init("version", .right), .init("title"), .init("languages"),
                .init("questions", .right), .init("loaded"),
            ],
            rows: summaries.map {
                [
                    $0.id, String($0.version), $0.title, $0.languages.joined(separator: ","), String($0.questions),
                    String($0.loadedAt.prefix(10)),
                ]
            })
        let json = JSON.array(
            summaries.map { summary in
                .object([
                    ("id", .string(summary.id)), ("version", .int(summary.version)), ("title", .string(summary.title)),
                    ("language", .string(summary.language)), ("languages", .strings(summary.languages)),
                    ("questions", .int(summary.questions)), ("duration_minutes", .int(summary.durationMinutes)),
                    ("ethics", .string(summary.ethics)), ("loaded_at", .string(summary.loadedAt)),
                ])
            })
        return Rendered(table: table, json: json)
    }

    /// One question per row for tables and CSV; the whole structure for JSON.
    public static func show(_ guide: InterviewProtocol, languages: [String]) -> Rendered {
        var rows: [[String]] = []
        for section in guide.sections {
            for question in section.questions {
                rows.append([
                    section.id ?? section.title, question.id, question.text, question.minutes.map(String.init) ?? "",
                    String(question.probes.count), question.themes.joined(separator: ","),
                ])
            }
        }
        let table = TextTable(
            columns: [
                .init("section"), .init("question"), .init("text"), .init("min", .right),
                .init("probes", .right), .init("themes"),
            ],
            rows: rows)
        var notes = [
            "\(guide.title) — \(guide.reference), language \(guide.language) (stored: \(languages.joined(separator: ", ")))"
        ]
        if let minutes = guide.durationMinutes {
            notes.append("Duration \(minutes) min; questions plan \(guide.plannedMinutes) min")
        }
        if let ethics = guide.ethics { notes.append("Ethics: \(ethics)") }
        return Rendered(table: table, json: json(guide, languages: languages), notes: notes)
    }

    public static func json(_ guide: InterviewProtocol, languages: [String]) -> JSON {
        .object([
            ("id", .string(guide.id)), ("version", .int(guide.version)), ("title", .string(guide.title)),
            ("language", .string(guide.language)), ("languages", .strings(languages)),
            ("translation_of", .string(guide.translationOf)), ("duration_minutes", .int(guide.durationMinutes)),
            ("ethics", .string(guide.ethics)), ("introduction", .strings(guide.introduction)),
            (
                "sections",
                .array(
                    guide.sections.map { section in
                        .object([
                            ("id", .string(section.id)), ("title", .string(section.title)),
                            ("paragraphs", .strings(section.paragraphs)),
                            (
                                "questions",
                                .array(
                                    section.questions.map { question in
                                        .object([
                                            ("id", .string(question.id)), ("text", .string(question.text)),
                                            ("paragraphs", .strings(question.paragraphs)),
                                            ("probes", .strings(question.probes)),
                                            ("notes", .strings(question.notes)), ("themes", .strings(question.themes)),
                                            ("minutes", .int(question.minutes)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    public static func diff(id: String, from: Int, to: Int, changes: [ProtocolChange]) -> Rendered {
        let table = TextTable(
            columns: [.init("question"), .init("change"), .init("before"), .init("after")],
            rows: changes.map { [$0.question, $0.kind.rawValue, $0.before ?? "", $0.after ?? ""] })
        let json = JSON.object([
            ("protocol", .string(id)), ("from", .int(from)), ("to", .int(to)),
            (
                "changes",
                .array(
                    changes.map {
                        .object([
                            ("question", .string($0.question)), ("change", .string($0.kind.rawValue)),
                            ("before", .string($0.before)), ("after", .string($0.after)),
                        ])
                    })
            ),
        ])
        return Rendered(
            table: table, json: json,
            notes: ["\(changes.count) change\(changes.count == 1 ? "" : "s") from \(id)@\(from) to \(id)@\(to)"])
    }
}
