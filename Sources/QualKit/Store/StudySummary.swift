/// The headline facts of a study, for `qualkit status` and the demo.
public struct StudySummary: Sendable {
    public let path: String
    public let title: String
    public let createdAt: String
    public let schemaVersion: Int
    /// Name and number, in a fixed order: "protocol versions", ...
    public let counts: [(name: String, count: Int)]

    /// Reads the study's title, schema version and how many of each record it holds.
    public static func load(_ study: Study) throws -> StudySummary {
        let db = study.db
        func count(_ sql: String) throws -> Int { try db.value(sql).intValue ?? 0 }
        let counts: [(String, Int)] = [
            ("protocol versions", try count("SELECT count(*) FROM protocol_version WHERE translation_of IS NULL")),
            ("translations", try count("SELECT count(*) FROM protocol_version WHERE translation_of IS NOT NULL")),
            ("participants", try count("SELECT count(*) FROM participant")),
            ("withdrawn", try count("SELECT count(*) FROM withdrawal")),
            ("interviewers", try count("SELECT count(*) FROM interviewer")),
            ("interviews planned", try count("SELECT count(*) FROM interview WHERE status = 'planned'")),
            ("interviews done", try count("SELECT count(*) FROM interview WHERE status = 'done'")),
            ("transcripts", try count("SELECT count(*) FROM transcript")),
            ("segments", try count("SELECT count(*) FROM segment")),
            ("codes", try count("SELECT count(*) FROM code")),
            ("coders", try count("SELECT count(*) FROM coder")),
            ("codings", try count("SELECT count(*) FROM coding")),
        ]
        return StudySummary(
            path: study.path, title: try study.title(), createdAt: try study.setting("created_at") ?? "",
            schemaVersion: try study.schemaVersion(), counts: counts)
    }

    /// One count row of the status table.
    static let count = RecordView<(name: String, count: Int)>([
        .field("what", json: { .string($0.name) }), .field("count", .right, json: { .int($0.count) }),
    ])

    public var rendered: Rendered {
        // In JSON the counts are one object keyed by name, so the document grows a member per record kind.
        let json = JSON.object([
            ("path", .string(path)), ("title", .string(title)), ("created_at", .string(createdAt)),
            ("schema_version", .int(schemaVersion)),
            ("counts", .object(counts.map { ($0.name.replacingOccurrences(of: " ", with: "_"), JSON.int($0.count)) })),
        ])
        return StudySummary.count.rendered(
            counts, json: json,
            notes: ["\(title) — \(path) (schema \(schemaVersion), created \(createdAt.prefix(10)))"])
    }
}
