import Foundation

/// Costs a coordinator gives for particular (participant, interviewer) pairs, from a CSV file with
/// the columns `participant,interviewer,cost`: a request for one interviewer, travel distance,
/// or a whole cost matrix from elsewhere.
///
/// With ``Mode/add`` a pair's cost is added to the cost derived from community, gender and
/// language; with ``Mode/replace`` it takes that cost's place. Pairs not in the file keep their
/// derived cost either way, so a file listing every pair in replace mode expresses any cost matrix.
/// The file changes costs only: a pair the rules do not allow (no shared language or window, an
/// exclusion) stays not allowed.
public struct PairCosts: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case add, replace
    }

    /// The largest cost one row may give, so that sums over a whole matching stay exact.
    public static let maximumCost = 1_000_000

    public var mode: Mode
    /// Cost per pair, as given.
    public private(set) var costs: [MatchSettings.Pair: Int]
    /// Where each pair was given, for problems found after parsing (an unknown id).
    public private(set) var lines: [MatchSettings.Pair: Int]
    public let file: String

    public init(
        file: String, mode: Mode, costs: [MatchSettings.Pair: Int] = [:], lines: [MatchSettings.Pair: Int] = [:]
    ) {
        self.file = file
        self.mode = mode
        self.costs = costs
        self.lines = lines
    }

    /// The cost of a pair whose derived cost is `derived`.
    func cost(participant: String, interviewer: String, derived: Int) -> Int {
        guard let given = costs[MatchSettings.Pair(participant: participant, interviewer: interviewer)] else {
            return derived
        }
        return mode == .add ? derived + given : given
    }

    /// Reads `path`; every problem found is reported, each with its line and column.
    public static func load(path: String, mode: Mode) throws -> PairCosts {
        try SourceText.requireFile(path)
        return try read(HeadedCSV(path: path, expected: "the columns participant,interviewer,cost"), mode: mode)
    }

    /// Parses CSV text: pure, for tests and fuzzing.
    public static func parse(_ text: String, file: String, mode: Mode) throws -> PairCosts {
        try read(HeadedCSV(text: text, file: file, expected: "the columns participant,interviewer,cost"), mode: mode)
    }

    private static func read(_ csv: HeadedCSV, mode: Mode) throws -> PairCosts {
        let known = ["participant", "interviewer", "cost"]
        var problems = csv.unknownColumns(known)
        for name in known where !csv.columns.contains(name) {
            problems.append(
                csv.headerProblem("missing column '\(name)'; the columns are \(known.joined(separator: ","))"))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        let index = known.map { name in csv.columns.firstIndex(of: name)! }
        var result = PairCosts(file: csv.file, mode: mode)
        while let record = try csv.next({ problems.append($0) }) {
            let fields = index.map { record.fields[$0].trimmingSpaces() }
            // The column of a field: exact for unquoted fields, which ids and numbers are.
            func column(_ field: Int) -> Int {
                record.fields.prefix(index[field]).reduce(1) { $0 + $1.utf8.count + 1 }
            }
            func problem(_ field: Int, _ message: String) {
                problems.append(Diagnostic(file: csv.file, line: record.line, column: column(field), message))
            }
            if fields[0].isEmpty { problem(0, "participant is empty") }
            if fields[1].isEmpty { problem(1, "interviewer is empty") }
            guard let cost = Int(fields[2]), (0...maximumCost).contains(cost) else {
                problem(2, "cost '\(fields[2])' is not a whole number from 0 to \(maximumCost)")
                continue
            }
            guard !fields[0].isEmpty, !fields[1].isEmpty else { continue }
            let pair = MatchSettings.Pair(participant: fields[0], interviewer: fields[1])
            if let earlier = result.lines[pair] {
                problem(0, "the pair \(fields[0]),\(fields[1]) is given twice (first on line \(earlier))")
                continue
            }
            result.costs[pair] = cost
            result.lines[pair] = record.line
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return result
    }

    /// A problem for each pair naming a participant or interviewer the study does not hold,
    /// located at its line, with the nearest id.
    public func unknownIDs(participants: Set<String>, interviewers: Set<String>) -> [Diagnostic] {
        lines.sorted { ($0.value, $0.key.participant) < ($1.value, $1.key.participant) }.flatMap {
            pair, line -> [Diagnostic] in
            var found: [Diagnostic] = []
            for (id, known, kind) in [
                (pair.participant, participants, "participant"), (pair.interviewer, interviewers, "interviewer"),
            ] where !known.contains(id) {
                let near = Suggestion.nearest(to: id, in: known.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
                found.append(Diagnostic(file: file, line: line, "unknown \(kind) '\(id)'\(near)"))
            }
            return found
        }
    }
}
