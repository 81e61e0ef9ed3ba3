/// How `transcript speakers` prints; the JSON is the contract (docs/json.md).
public enum SpeakerViews {
    public static let speaker = RecordView<SpeakerSummary>([
        .field("transcript", json: { .string($0.transcript) }), .field("label", json: { .string($0.label) }),
        .field("role", json: { .string($0.role.rawValue) }), .field("turns", .right, json: { .int($0.turns) }),
    ])

    public static func speakers(_ speakers: [SpeakerSummary]) -> Rendered {
        let unknown = speakers.filter { $0.role == .unknown }.count
        let interviewer = speakers.contains { $0.role == .interviewer }
        var notes: [String] = []
        if unknown > 0 {
            notes.append(
                "\(unknown) label\(unknown == 1 ? " has" : "s have") role unknown: set with --set LABEL=interviewer|participant|other"
            )
        }
        if !interviewer { notes.append("no speaker has the role interviewer") }
        return speaker.rendered(speakers, notes: notes)
    }
}
