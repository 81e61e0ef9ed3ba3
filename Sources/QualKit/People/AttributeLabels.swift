import Foundation

/// Human labels for participant attributes (`attribute label age_band "Age band"`), kept in the
/// study so every report prints "Age band" where the roster says `age_band`, and the raw name when
/// no label is set.
public struct AttributeLabels: Sendable {
    /// Attribute name to label.
    public let labels: [String: String]

    public init(_ labels: [String: String] = [:]) { self.labels = labels }

    /// The label of `attribute`, or its name when none is set.
    public func label(_ attribute: String) -> String { labels[attribute] ?? attribute }

    /// The labels stored in `study`.
    public static func load(_ study: Study) throws -> AttributeLabels {
        var labels: [String: String] = [:]
        for row in try study.db.rows("SELECT attribute, label FROM attribute_label ORDER BY attribute") {
            labels[try row["attribute"]] = try row["label"]
        }
        return AttributeLabels(labels)
    }

    /// Sets the label of `attribute` (a participant attribute or gender, community, language), or
    /// removes it when `label` is empty after trimming.
    ///
    /// - Throws: ``AnalysisError/unknownAttribute(_:)`` when no participant has the attribute.
    public static func set(_ attribute: String, label: String, in study: Study) throws {
        let key = PersonFields.normalizedKey(attribute)
        try AnalysisScope.checkAttributes([key], in: study)
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        try study.db.transaction {
            if label.isEmpty {
                try study.db.execute("DELETE FROM attribute_label WHERE attribute = ?", [key])
            } else {
                try study.db.execute(
                    """
                    INSERT INTO attribute_label (attribute, label, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(attribute) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at
                    """, [key, label, Clock.nowTimestamp()])
            }
        }
    }

    /// One attribute as `attribute list` prints it.
    public struct Entry: Sendable, Equatable {
        public let attribute: String
        public let label: String?
        /// Participants with a value recorded.
        public let participants: Int
    }

    /// Every attribute participants have (and the built-in ones), with its label and how many
    /// participants have a value.
    public static func list(_ study: Study) throws -> [Entry] {
        let labels = try load(study).labels
        let people = try PeopleStore(study).participants()
        var entries: [Entry] = []
        for key in try AnalysisScope.attributes(study) {
            let held = people.filter { person in
                switch key {
                case "gender": person.gender != nil
                case "community": person.community != nil
                case "language": !person.languages.isEmpty
                default: person.attributes[key] != nil
                }
            }.count
            entries.append(Entry(attribute: key, label: labels[key], participants: held))
        }
        return entries
    }
}

extension PeopleViews {
    /// A participant attribute with its label (`attribute list`).
    public static let attribute = RecordView<AttributeLabels.Entry>([
        .field("attribute", json: { .string($0.attribute) }),
        .field("label", json: { .string($0.label) }, text: { $0.label ?? "" }),
        .field("participants", .right, json: { .int($0.participants) }),
    ])
}
