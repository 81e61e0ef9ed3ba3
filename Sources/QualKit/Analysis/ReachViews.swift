import Foundation

/// How `reach` prints; the JSON is the documented contract (`docs/json.md`).
public enum ReachViews {
    /// The default smallest group shown as a number in output written for others.
    public static let defaultMinCell = 5

    static func share(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// Whether a group's figures are withheld: fewer than `minCell` participants, but not none.
    static func hidden(_ group: Reach.Group, _ minCell: Int?) -> Bool {
        guard let minCell else { return false }
        return group.participants > 0 && group.participants < minCell
    }

    /// One group; with `minCell`, a group of 1 to `minCell - 1` participants shows "fewer than N"
    /// and no figure that would give its size away.
    public static func group(minCell: Int?, stageColumns: Bool) -> RecordView<Reach.Group> {
        func figure(_ value: @escaping @Sendable (Reach.Group) -> Double?) -> @Sendable (Reach.Group) -> JSON {
            { group in hidden(group, minCell) ? .null : value(group).map(JSON.double) ?? .null }
        }
        let fewer = "fewer than \(minCell ?? defaultMinCell)"
        var columns: [Column<Reach.Group>] = [
            .field("attribute", json: { .string($0.attribute) }),
            .field("value", json: { .string($0.value) }),
            .field(
                "participants", .right,
                json: { hidden($0, minCell) ? .string(fewer) : .int($0.participants) }),
            .field(
                "sample_share", "sample", .right, json: figure { $0.sampleShare },
                text: { hidden($0, minCell) ? "—" : share($0.sampleShare) }),
            .field(
                "population_share", "population", .right, json: { $0.populationShare.map(JSON.double) ?? .null },
                text: { share($0.populationShare) }),
            .field(
                "ratio", .right, json: figure { $0.ratio },
                text: { hidden($0, minCell) ? "—" : AnalysisViews.fixed($0.ratio, 2) }),
            .field(
                "ci_low", "95% CI low", .right, json: figure { $0.ciLow },
                text: { hidden($0, minCell) ? "—" : share($0.ciLow) }),
            .field(
                "ci_high", "95% CI high", .right, json: figure { $0.ciHigh },
                text: { hidden($0, minCell) ? "—" : share($0.ciHigh) }),
            .field("status", json: { .string($0.status.rawValue) }),
            .field(
                "target", .right, json: { $0.target.map(JSON.int) ?? .null },
                text: { $0.target.map(String.init) ?? "—" }),
            .field(
                "needed", .right, json: { hidden($0, minCell) ? .null : $0.needed.map(JSON.int) ?? .null },
                text: { hidden($0, minCell) ? "—" : $0.needed.map(String.init) ?? "—" }),
        ]
        if stageColumns {
            for stage in Reach.Stage.allCases {
                columns.append(
                    .field(
                        stage.rawValue, .right,
                        json: { group in
                            let count = group.stages[stage] ?? 0
                            return minCell.map { count > 0 && count < $0 } == true ? .string(fewer) : .int(count)
                        }))
            }
        }
        return RecordView(
            columns,
            tableOrder: stageColumns
                ? [
                    "attribute", "value", "recruited", "consented", "interviewed", "coded", "sample_share",
                    "population_share", "ratio", "ci_low", "ci_high", "status", "target", "needed",
                ] : nil, csv: .data)
    }

    /// `reach` in every format. `stageColumns` adds a count per stage (the default when no stage is
    /// chosen); `minCell` suppresses small groups, for output written for others.
    public static func reach(_ result: Reach.Result, stageColumns: Bool, minCell: Int? = nil) -> Rendered {
        let view = group(minCell: minCell, stageColumns: stageColumns)
        let json = JSON.object([
            ("by", .strings(result.by)), ("stage", .string(result.stage.rawValue)),
            ("groups", view.json(result.groups)),
        ])
        var notes: [String] = []
        for attribute in result.by {
            notes.append(
                "\(attribute): N = \(result.totals[attribute] ?? 0) participants \(result.stage.rawValue) with \(attribute) recorded; shares, ratios and 95% Wilson intervals are at that stage."
            )
        }
        if !result.hasPopulation {
            notes.append("No population given (--population FILE.csv): status is no_population throughout.")
        }
        let notInPopulation = result.groups.filter { result.hasPopulation && $0.missingFromPopulation }
        if !notInPopulation.isEmpty {
            notes.append(
                "Not in the population file: "
                    + notInPopulation.map { "\($0.attribute)=\($0.value)" }.joined(separator: ", ") + ".")
        }
        let unheard = result.groups.filter(\.missingFromSample)
        if !unheard.isEmpty {
            notes.append(
                "In the population, nobody \(result.stage.rawValue): "
                    + unheard.map { "\($0.attribute)=\($0.value)" }.joined(separator: ", ") + ".")
        }
        notes.append(
            "needed: more participants to reach the target where one is set, else the population share (others unchanged)."
        )
        if let minCell {
            notes.append(
                "Groups of 1 to \(minCell - 1) participants are shown as 'fewer than \(minCell)' with their figures withheld."
            )
        } else if result.groups.contains(where: { $0.participants > 0 && $0.participants < defaultMinCell }) {
            notes.append(
                "Some groups have fewer than \(defaultMinCell) participants: do not publish these numbers (--out suppresses them)."
            )
        }
        return view.rendered(result.groups, json: json, notes: notes)
    }

    /// Groups whose participants at the stage are fewer than their target: for `status`.
    public static func belowTarget(_ result: Reach.Result) -> [Reach.Group] {
        result.groups.filter { group in group.target.map { group.participants < $0 } ?? false }
    }
}
