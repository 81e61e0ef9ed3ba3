/// One speaker label of a transcript, its role and how many turns it has.
public struct SpeakerSummary: Sendable, Equatable {
    public let transcript: String
    public let label: String
    public let role: Segment.Role
    public let turns: Int
}

/// `transcript speakers`: the labels of a transcript and their roles, and changes to them.
public enum SpeakerReview {
    /// A label's new role (`--set LABEL=ROLE`) or new name (`--rename LABEL=NEW`).
    public enum Change: Sendable, Equatable {
        case role(label: String, Segment.Role)
        case rename(label: String, to: String)

        /// Reads `LABEL=ROLE`; the label may itself hold `=` only before the last one.
        public static func role(_ text: String) throws -> Change {
            let (label, value) = try split(text)
            guard let role = Segment.Role(rawValue: value.lowercased()) else {
                throw TranscriptError.invalidSpeakerChange(text)
            }
            return .role(label: label, role)
        }

        /// Reads `LABEL=NEW`.
        public static func rename(_ text: String) throws -> Change {
            let (label, value) = try split(text)
            return .rename(label: label, to: value)
        }

        static func split(_ text: String) throws -> (String, String) {
            guard let equals = text.lastIndex(of: "=") else { throw TranscriptError.invalidSpeakerChange(text) }
            let label = text[..<equals].trimmingSpaces()
            let value = text[text.index(after: equals)...].trimmingSpaces()
            guard !label.isEmpty, !value.isEmpty else { throw TranscriptError.invalidSpeakerChange(text) }
            return (label, value)
        }
    }

    /// The transcript's labels with role and turn count.
    public static func speakers(of transcript: String, study: Study) throws -> [SpeakerSummary] {
        let store = TranscriptStore(study)
        try store.require(transcript)
        return try store.speakers(of: transcript)
    }

    /// Applies every change in one transaction, or none: roles are set on every turn of a label;
    /// a rename also rewrites the label in the transcript's text, moving the segments' offsets so
    /// that every coding keeps its segment and its words.
    ///
    /// - Throws: ``TranscriptError`` for an unknown transcript or label, or a rename to a label in use.
    public static func apply(_ changes: [Change], to transcript: String, study: Study) throws -> [SpeakerSummary] {
        let store = TranscriptStore(study)
        try store.require(transcript)
        return try study.db.transaction {
            var labels = Set(try store.speakers(of: transcript).map(\.label))
            for change in changes {
                switch change {
                case .role(let label, let role):
                    try requireLabel(label, in: labels, transcript: transcript)
                    try store.setRole(role, label: label, transcript: transcript)
                case .rename(let label, let new):
                    try requireLabel(label, in: labels, transcript: transcript)
                    guard new == label || !labels.contains(new) else {
                        throw TranscriptError.speakerLabelTaken(new, transcript: transcript)
                    }
                    labels.remove(label)
                    labels.insert(new)
                    try rename(label, to: new, transcript: transcript, store: store)
                }
            }
            return try store.speakers(of: transcript)
        }
    }

    static func requireLabel(_ label: String, in labels: Set<String>, transcript: String) throws {
        guard labels.contains(label) else {
            throw TranscriptError.unknownSpeaker(Unknown(label, among: labels.sorted()), transcript: transcript)
        }
    }

    /// Rebuilds the text as the import lays it out (`Label: words`, turns apart by a blank line).
    static func rename(_ label: String, to new: String, transcript: String, store: TranscriptStore) throws {
        var text = ""
        var offset = 0
        var placed: [(number: Int, speaker: String, textStart: Int, textEnd: Int)] = []
        for (index, segment) in try store.segments(of: transcript).enumerated() {
            let speaker = segment.speaker == label ? new : segment.speaker
            let prefix = (index == 0 ? "" : "\n\n") + speaker + ": "
            text += prefix
            offset += ScalarText.count(prefix)
            let length = ScalarText.count(segment.text)
            placed.append((segment.number, speaker, offset, offset + length))
            text += segment.text
            offset += length
        }
        try store.relabel(transcript: transcript, text: text, segments: placed)
    }
}
