/// The population and targets kept in the study (`population import`, `targets import`), so that
/// `reach` and `status` can use them without the files.
///
/// Each import replaces everything stored before it, in one transaction: a file is the whole
/// picture, not an update.
public struct ReachFigures {
    let study: Study

    public init(_ study: Study) { self.study = study }

    /// Stores `population` in place of any stored one; returns the rows stored.
    @discardableResult
    public func store(_ population: Population, file: String) throws -> Int {
        try study.db.transaction {
            try study.db.execute("DELETE FROM reach_population")
            for (position, entry) in population.entries.enumerated() {
                try study.db.execute(
                    "INSERT INTO reach_population (attribute, value, share, count, position, source_file) VALUES (?, ?, ?, ?, ?, ?)",
                    [entry.attribute, entry.value, entry.share, entry.count, position, file])
            }
            return population.entries.count
        }
    }

    /// Stores `targets` in place of any stored ones; returns the rows stored.
    @discardableResult
    public func store(_ targets: RecruitmentTargets, file: String) throws -> Int {
        try study.db.transaction {
            try study.db.execute("DELETE FROM reach_target")
            for (position, entry) in targets.entries.enumerated() {
                try study.db.execute(
                    "INSERT INTO reach_target (attribute, value, target, position, source_file) VALUES (?, ?, ?, ?, ?)",
                    [entry.attribute, entry.value, entry.target, position, file])
            }
            return targets.entries.count
        }
    }

    /// The stored population, or nil when none was imported.
    public func population() throws -> Population? {
        let entries = try study.db.rows(
            "SELECT attribute, value, share, count, position FROM reach_population ORDER BY position"
        ).map {
            Population.Entry(
                attribute: try $0["attribute"], value: try $0["value"], share: try $0["share"], count: try $0["count"],
                line: (try $0["position"] as Int) + 1)
        }
        return entries.isEmpty ? nil : Population(entries: entries)
    }

    /// The stored targets, or nil when none were imported.
    public func targets() throws -> RecruitmentTargets? {
        let entries = try study.db.rows(
            "SELECT attribute, value, target, position FROM reach_target ORDER BY position"
        ).map {
            RecruitmentTargets.Entry(
                attribute: try $0["attribute"], value: try $0["value"], target: try $0["target"],
                line: (try $0["position"] as Int) + 1)
        }
        return entries.isEmpty ? nil : RecruitmentTargets(entries: entries)
    }

    /// Groups below their stored target at the interviewed stage, for `status`; empty when no
    /// targets are stored.
    public func belowTarget(stage: Reach.Stage = .interviewed) throws -> [Reach.Group] {
        guard let targets = try targets() else { return [] }
        var attributes: [String] = []
        // A target for an attribute no participant has yet cannot be short of anyone it can name.
        let known = try Set(PeopleStore(study).participantAttributeKeys() + ["gender", "community", "language"])
        for entry in targets.entries where !attributes.contains(entry.attribute) && known.contains(entry.attribute) {
            attributes.append(entry.attribute)
        }
        guard !attributes.isEmpty else { return [] }
        let result = try Reach.run(study, by: attributes, population: population(), targets: targets, stage: stage)
        return ReachViews.belowTarget(result)
    }
}
