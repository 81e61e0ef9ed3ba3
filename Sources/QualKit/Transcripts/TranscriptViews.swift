/// How transcripts, their segments and search hits print; the JSON is the contract.
public enum TranscriptViews {
    /// One stored transcript.
    public static let summary = RecordView<TranscriptSummary>([
        .field("id", json: { .string($0.id) }), .data("interview", json: { .string($0.interview) }),
        .field("participant", json: { .string($0.participant) }), .field("format", json: { .string($0.format) }),
        .data("source_file", json: { .string($0.sourceFile) }),
        .field("segments", .right, json: { .int($0.segments) }), .field("words", .right, json: { .int($0.words) }),
        .field("coders", json: { .strings($0.coders) }), .field("codings", .right, json: { .int($0.codings) }),
        .data("imported_at", json: { .string($0.importedAt) }),
        .field(
            "speakers_to_review", "review", json: { .int($0.speakersToReview) },
            text: {
                $0.speakersToReview == 0 ? "" : "\($0.speakersToReview) speaker\($0.speakersToReview == 1 ? "" : "s")"
            }),
    ])

    public static func transcripts(_ summaries: [TranscriptSummary]) -> Rendered {
        summary.rendered(summaries)
    }

    /// A coding as `transcript show` nests it under its segment.
    public static let segmentCode = RecordView<Coding>([
        .field("code", json: { .string($0.code) }), .field("coder", json: { .string($0.coder) }),
        .field("start", json: { .int($0.start) }), .field("end", json: { .int($0.end) }),
    ])

    /// A segment with its codings; `shortened` trims long text for a segment table, `withCodes`
    /// adds the codes column to the table (JSON always has them).
    public static func segment(shortened: Bool, withCodes: Bool) -> RecordView<(segment: Segment, codings: [Coding])> {
        let codes: Column<(segment: Segment, codings: [Coding])> =
            withCodes
            ? .field(
                "codes", json: { segmentCode.json($0.codings) },
                text: { $0.codings.map { "\($0.code) (\($0.coder))" }.joined(separator: ", ") })
            : .data("codes", json: { segmentCode.json($0.codings) })
        return RecordView([
            .field("number", "n", .right, json: { .int($0.segment.number) }),
            .field("speaker", json: { .string($0.segment.speaker) }),
            .field("role", json: { .string($0.segment.role.rawValue) }),
            .shown("start", text: { $0.segment.startMilliseconds.map(Timestamp.display) ?? "" }),
            .data("start_ms", json: { .int($0.segment.startMilliseconds) }),
            .data("end_ms", json: { .int($0.segment.endMilliseconds) }),
            .field(
                "text", json: { .string($0.segment.text) },
                text: { shortened ? CodingViews.shorten($0.segment.text, 80) : $0.segment.text }),
            .data("text_start", json: { .int($0.segment.textStart) }),
            .data("text_end", json: { .int($0.segment.textEnd) }),
            codes,
        ])
    }

    /// One transcript: its text with numbered turns, or a segment table; codes beside segments on request.
    public static func transcript(
        id: String, header: String, segments: [Segment], codings: [Coding], showSegments: Bool, showCodes: Bool
    ) -> Rendered {
        let bySegment = Dictionary(grouping: codings, by: \.segment)
        let view = segment(shortened: showSegments, withCodes: showCodes)
        let records = segments.map { (segment: $0, codings: bySegment[$0.number] ?? []) }
        return view.rendered(
            records,
            json: .object([("id", .string(id)), ("header", .string(header)), ("segments", view.json(records))]),
            notes: header.isEmpty ? [] : ["Header: " + header.replacingOccurrences(of: "\n", with: " | ")])
    }

    /// A segment that matched a search, with the matching words in context.
    public static let hit = RecordView<TranscriptSearch.Hit>([
        .field("transcript", json: { .string($0.transcript) }), .field("segment", .right, json: { .int($0.segment) }),
        .field("speaker", json: { .string($0.speaker) }), .field("role", json: { .string($0.role.rawValue) }),
        .data("participant", json: { .string($0.participant) }), .field("context", json: { .string($0.context) }),
    ])

    public static func search(_ hits: [TranscriptSearch.Hit]) -> Rendered {
        hit.rendered(hits, notes: ["\(hits.count) segment\(hits.count == 1 ? "" : "s") found"])
    }
}
