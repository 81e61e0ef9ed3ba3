import Foundation
import QualKit

/// The matching benchmark: a generated roster, solved in memory and through a study file.
enum MatchBenchmark {
    struct Figures: Sendable {
        let participants: Int
        let interviewers: Int
        let capacity: Int
        let allowedPairs: Int
        let matched: Int
        let totalCost: Int
        let generateSeconds: Double
        let solveSeconds: Double
        /// Loading the roster from a study file and solving, as `qualkit match` does.
        let studySeconds: Double?
        let peakMemoryMiB: Double
    }

    /// - Parameters:
    ///   - studyFolder: when given, the roster is also written to a study there and matched from it.
    ///   - exportPath: when given, the allowed pairs are written as CSV (`participant,interviewer,cost`)
    ///     and the capacities beside it, for an independent check of the optimum.
    static func run(
        participants count: Int, interviewers seatCount: Int, capacity: Int, seed: UInt64,
        studyFolder: String?, exportPath: String?
    ) throws -> Figures {
        let ((people, interviewers), generateSeconds) = BenchmarkClock.time {
            (
                SyntheticPeople.participants(count, seed: seed),
                SyntheticPeople.interviewers(seatCount, capacity: capacity, seed: seed)
            )
        }
        let seats = interviewers.map { Matcher.Seat(interviewer: $0, remaining: capacity) }
        let (result, solveSeconds) = BenchmarkClock.time {
            Matcher.solve(participants: people, seats: seats, settings: MatchSettings())
        }
        let pairs = Matcher.allowedPairs(people: people, seats: seats, settings: MatchSettings())
        if let exportPath {
            var text = "participant,interviewer,cost\n"
            for pair in pairs.allowed { text += "\(pair.participant),\(pair.seat),\(pair.cost)\n" }
            try OutputFile.write(text, to: exportPath)
            try OutputFile.write(
                "participants,interviewers,capacity,matched,total_cost\n\(count),\(seatCount),\(capacity),\(result.matched.count),\(result.totalCost)\n",
                to: exportPath + ".summary.csv")
        }
        var studySeconds: Double?
        if let studyFolder {
            let path = (studyFolder as NSString).appendingPathComponent("bench-match-\(count)x\(seatCount).sqlite")
            try? FileManager.default.removeItem(atPath: path)
            let study = try Study.create(at: path, title: "Matching benchmark")
            let store = PeopleStore(study)
            try study.db.transaction {
                for person in people { try store.save(person, isNew: true) }
                for interviewer in interviewers { try store.save(interviewer, isNew: true) }
            }
            let (fromStudy, seconds) = try BenchmarkClock.time {
                try MatchPlanner.run(study, settings: MatchSettings(), save: false)
            }
            precondition(fromStudy.totalCost == result.totalCost && fromStudy.matched.count == result.matched.count)
            studySeconds = seconds
            try? FileManager.default.removeItem(atPath: path)
        }
        return Figures(
            participants: count, interviewers: seatCount, capacity: capacity, allowedPairs: pairs.allowed.count,
            matched: result.matched.count, totalCost: result.totalCost, generateSeconds: generateSeconds,
            solveSeconds: solveSeconds, studySeconds: studySeconds, peakMemoryMiB: BenchmarkClock.peakMemoryMiB())
    }
}
