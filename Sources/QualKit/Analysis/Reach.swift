import Foundation

/// Reach and representation: who was heard, compared with who lives in the area and with the
/// recruitment targets.
///
/// For each value of each attribute asked for, at one stage of the study: the participants, their
/// share of the sample with a 95% Wilson interval, the population share, the representation ratio
/// (sample share / population share), whether the population share lies outside the interval, and
/// how many more participants would reach the proportional share or the target. The method and its
/// formulas are in `docs/analysis.md`.
///
/// ```swift
/// let population = try ReachFiles.population(text: csv, file: "population.csv")
/// let reach = try Reach.run(study, by: ["community"], population: population)
/// for group in reach.groups where group.status == .under { print(group.value, group.needed ?? 0) }
/// ```
public enum Reach {
    /// How far a participant has come through the study.
    public enum Stage: String, Sendable, CaseIterable {
        /// Every participant on the roster who has not withdrawn.
        case recruited
        /// With a consent date recorded.
        case consented
        /// With an interview marked done, or a transcript.
        case interviewed
        /// With a transcript that at least one coder has covered.
        case coded
    }

    public enum Status: String, Sendable {
        /// The population share is above the sample share's interval.
        case under
        /// The population share is below the interval.
        case over
        /// The population share lies within the interval.
        case asExpected = "as_expected"
        /// No population share for this value (or no population given).
        case noPopulation = "no_population"
    }

    public struct Group: Sendable, Equatable {
        public let attribute: String
        public let value: String
        /// At the chosen stage.
        public let participants: Int
        /// Participants at each stage, in ``Stage`` order.
        public let stages: [Stage: Int]
        /// participants / N, where N is the participants at the stage with the attribute recorded;
        /// nil for the not-recorded group and when N is 0.
        public let sampleShare: Double?
        public let populationShare: Double?
        public let ratio: Double?
        public let ciLow: Double?
        public let ciHigh: Double?
        public let status: Status
        public let target: Int?
        /// More participants to reach the target when there is one, else the proportional share.
        public let needed: Int?
        /// In the sample (at any stage) but not in the population file.
        public var missingFromPopulation: Bool { populationShare == nil && value != notRecorded }
        /// In the population file but nobody at the chosen stage has it.
        public var missingFromSample: Bool { populationShare != nil && participants == 0 }
    }

    public struct Result: Sendable, Equatable {
        public let by: [String]
        public let stage: Stage
        /// N per attribute: participants at the stage with the attribute recorded.
        public let totals: [String: Int]
        public let groups: [Group]
        public let hasPopulation: Bool
        public let hasTargets: Bool
    }

    public static let notRecorded = "(not recorded)"
    /// The normal quantile for a two-sided 95% interval.
    public static let z95 = 1.959_963_984_540_054

    /// Wilson score interval for `k` successes in `n` trials; nil when `n` is 0.
    ///
    /// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²).
    public static func wilson(_ k: Int, _ n: Int, z: Double = z95) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let n = Double(n)
        let p = Double(k) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    /// sample share / population share; nil when either is missing or the population share is 0.
    static func ratio(_ sample: Double?, _ population: Double?) -> Double? {
        guard let sample, let population, population > 0 else { return nil }
        return sample / population
    }

    /// The fewest extra participants m with (k + m) / (n + m) ≥ share: others stay as they are.
    /// Nil when the share is 1 and others are in the sample (no number of extra people reaches it).
    public static func neededForShare(_ k: Int, of n: Int, share: Double) -> Int? {
        if Double(k) >= share * Double(n) { return 0 }
        guard share < 1 else { return nil }
        let exact = (share * Double(n) - Double(k)) / (1 - share)
        return max(0, Int((exact - 1e-9).rounded(.up)))
    }

    /// Representation of each value of each attribute in `by` at `stage`.
    ///
    /// - Throws: ``AnalysisError/unknownAttribute(_:)`` for an attribute no participant has.
    public static func run(
        _ study: Study, by attributes: [String], population: Population? = nil, targets: RecruitmentTargets? = nil,
        stage: Stage = .interviewed
    ) throws -> Result {
        let store = ReachStore(study.db)
        let builtIn = ["gender", "community", "language"]
        let keys = try PeopleStore(study).participantAttributeKeys()
        let stages = try store.stages()
        var groups: [Group] = []
        var totals: [String: Int] = [:]
        for attribute in attributes {
            guard builtIn.contains(attribute) || keys.contains(attribute) else {
                throw AnalysisError.unknownAttribute(Unknown(attribute, among: builtIn + keys))
            }
            let values = try AnalysisStore(study, coders: []).groupValues(attribute)
            let populationEntries = population?.entries(for: attribute) ?? []
            let targetEntries = targets?.entries(for: attribute) ?? []
            // Values compare case-insensitively; the population file's spelling is shown first.
            var order: [String] = []
            var shown: [String: String] = [:]
            func note(_ value: String) {
                let key = value.lowercased()
                if shown[key] == nil {
                    shown[key] = value
                    order.append(key)
                }
            }
            populationEntries.forEach { note($0.value) }
            targetEntries.forEach { note($0.value) }
            var sampleOnly: [String] = []
            for participant in stages.keys {
                if let value = values[participant], shown[value.lowercased()] == nil, !sampleOnly.contains(value) {
                    sampleOnly.append(value)
                }
            }
            sampleOnly.sorted().forEach(note)
            var counts: [String: [Stage: Int]] = [:]
            var missing: [Stage: Int] = [:]
            for (participant, reached) in stages {
                let key = values[participant]?.lowercased()
                for stage in reached {
                    if let key {
                        counts[key, default: [:]][stage, default: 0] += 1
                    } else {
                        missing[stage, default: 0] += 1
                    }
                }
            }
            let total = counts.values.reduce(0) { $0 + ($1[stage] ?? 0) }
            totals[attribute] = total
            for key in order {
                let k = counts[key]?[stage] ?? 0
                let share = populationEntries.first { $0.value.lowercased() == key }?.share
                let target = targetEntries.first { $0.value.lowercased() == key }?.target
                let interval = wilson(k, total)
                let sampleShare = total > 0 ? Double(k) / Double(total) : nil
                var status = Status.noPopulation
                if let share {
                    if let interval {
                        status = share > interval.high ? .under : share < interval.low ? .over : .asExpected
                    } else {
                        status = share > 0 ? .under : .asExpected
                    }
                }
                let needed = target.map { max(0, $0 - k) } ?? share.flatMap { neededForShare(k, of: total, share: $0) }
                groups.append(
                    Group(
                        attribute: attribute, value: shown[key]!, participants: k,
                        stages: Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, counts[key]?[$0] ?? 0) }),
                        sampleShare: sampleShare, populationShare: share,
                        ratio: ratio(sampleShare, share),
                        ciLow: interval?.low, ciHigh: interval?.high, status: status, target: target, needed: needed))
            }
            if !missing.isEmpty {
                groups.append(
                    Group(
                        attribute: attribute, value: notRecorded, participants: missing[stage] ?? 0,
                        stages: Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, missing[$0] ?? 0) }),
                        sampleShare: nil, populationShare: nil, ratio: nil, ciLow: nil, ciHigh: nil,
                        status: .noPopulation, target: nil, needed: nil))
            }
        }
        return Result(
            by: attributes, stage: stage, totals: totals, groups: groups, hasPopulation: population != nil,
            hasTargets: targets != nil)
    }

    /// Participants not yet interviewed (and not withdrawn), those in the most under-represented
    /// groups first: ordered by the lowest representation ratio among their groups in `result`
    /// (a group with nobody heard counts as ratio 0; no population share sorts last), then by id.
    public static func recruitmentOrder(_ study: Study, result: Result) throws -> [Participant] {
        let stages = try ReachStore(study.db).stages()
        let waiting = Set(stages.filter { !$0.value.contains(.interviewed) }.keys)
        var ratios: [String: [String: Double]] = [:]
        for group in result.groups {
            if let ratio = group.ratio ?? (group.populationShare.map { $0 > 0 ? 0 : .infinity }) {
                ratios[group.attribute, default: [:]][group.value.lowercased()] = ratio
            }
        }
        let store = AnalysisStore(study, coders: [])
        var values: [String: [String: String]] = [:]
        for attribute in result.by { values[attribute] = try store.groupValues(attribute) }
        func priority(_ id: String) -> Double {
            result.by.compactMap { attribute in
                values[attribute]?[id].flatMap { ratios[attribute]?[$0.lowercased()] }
            }.min() ?? .infinity
        }
        let people = try PeopleStore(study).participants().filter { waiting.contains($0.id) }
        return people.map { ($0, priority($0.id)) }.sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }.map(\.0)
    }
}

/// The SQL `reach` needs: which stages each participant has reached.
struct ReachStore {
    let db: Database

    init(_ db: Database) { self.db = db }

    /// Each participant not withdrawn, with the stages they have reached.
    func stages() throws -> [String: Set<Reach.Stage>] {
        var result: [String: Set<Reach.Stage>] = [:]
        try db.forEachRow(
            """
            SELECT p.id,
                p.consent_date IS NOT NULL AS consented,
                EXISTS (SELECT 1 FROM interview i WHERE i.participant = p.id AND (i.status = 'done'
                    OR EXISTS (SELECT 1 FROM transcript t WHERE t.interview = i.id))) AS interviewed,
                EXISTS (SELECT 1 FROM interview i JOIN transcript t ON t.interview = i.id
                    JOIN coverage v ON v.transcript = t.id WHERE i.participant = p.id) AS coded
            FROM participant p
            WHERE NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.participant = p.id)
            """
        ) { row in
            var reached: Set<Reach.Stage> = [.recruited]
            if try row["consented"] as Int != 0 { reached.insert(.consented) }
            if try row["interviewed"] as Int != 0 { reached.insert(.interviewed) }
            if try row["coded"] as Int != 0 { reached.insert(.coded) }
            result[try row["id"]] = reached
        }
        return result
    }
}
