/// What changed between two versions of a protocol, question by question.
public struct ProtocolChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case added, removed, reworded, moved
        case probesChanged = "probes changed"
        case notesChanged = "notes changed"
        case themesChanged = "themes changed"
        case timeChanged = "time changed"
    }

    public let question: String
    public let kind: Kind
    public let before: String?
    public let after: String?
}

public enum ProtocolDiff {
    /// Changes from `old` to `new`, in the new version's question order, removals last.
    public static func compare(_ old: InterviewProtocol, _ new: InterviewProtocol) -> [ProtocolChange] {
        let oldQuestions = Dictionary(uniqueKeysWithValues: old.questions.map { ($0.id, $0) })
        let newIDs = Set(new.questions.map(\.id))
        let oldSection = sectionTitles(old)
        let newSection = sectionTitles(new)
        var changes: [ProtocolChange] = []
        for question in new.questions {
            guard let before = oldQuestions[question.id] else {
                changes.append(ProtocolChange(question: question.id, kind: .added, before: nil, after: question.text))
                continue
            }
            if before.text != question.text || before.paragraphs != question.paragraphs {
                changes.append(
                    ProtocolChange(
                        question: question.id, kind: .reworded,
                        before: ([before.text] + before.paragraphs).joined(separator: " "),
                        after: ([question.text] + question.paragraphs).joined(separator: " ")))
            }
            if oldSection[question.id] != newSection[question.id] {
                changes.append(
                    ProtocolChange(
                        question: question.id, kind: .moved,
                        before: oldSection[question.id], after: newSection[question.id]))
            }
            changes += listChange(question.id, .probesChanged, before.probes, question.probes)
            changes += listChange(question.id, .notesChanged, before.notes, question.notes)
            changes += listChange(question.id, .themesChanged, before.themes, question.themes)
            if before.minutes != question.minutes {
                changes.append(
                    ProtocolChange(
                        question: question.id, kind: .timeChanged,
                        before: before.minutes.map { "\($0) min" }, after: question.minutes.map { "\($0) min" }))
            }
        }
        for question in old.questions where !newIDs.contains(question.id) {
            changes.append(ProtocolChange(question: question.id, kind: .removed, before: question.text, after: nil))
        }
        return changes
    }

    private static func listChange(
        _ id: String, _ kind: ProtocolChange.Kind, _ before: [String], _ after: [String]
    ) -> [ProtocolChange] {
        guard before != after else { return [] }
        let removed = before.filter { !after.contains($0) }
        let added = after.filter { !before.contains($0) }
        let describe: ([String]) -> String? = { $0.isEmpty ? nil : $0.joined(separator: " | ") }
        if removed.isEmpty && added.isEmpty {
            return [
                ProtocolChange(question: id, kind: kind, before: "reordered", after: after.joined(separator: " | "))
            ]
        }
        return [
            ProtocolChange(
                question: id, kind: kind, before: describe(removed).map { "- " + $0 },
                after: describe(added).map { "+ " + $0 })
        ]
    }

    private static func sectionTitles(_ guide: InterviewProtocol) -> [String: String] {
        var titles: [String: String] = [:]
        for section in guide.sections {
            for question in section.questions { titles[question.id] = section.id ?? section.title }
        }
        return titles
    }
}
