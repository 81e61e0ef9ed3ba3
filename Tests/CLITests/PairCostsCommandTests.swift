import Foundation
import QualKit
import Testing

/// `match --pair-costs` end to end: a whole matrix in replace mode, added costs, located errors.
@Suite struct PairCostsCommandTests {
    /// Three participants and three interviewers who could all meet: every pair allowed, cost 0.
    func openStudy() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            for n in 1...3 {
                try study.addParticipant(
                    "P\(n)",
                    [("languages", "en"), ("availability", "mon 09:00-17:00"), ("prefers_same_community", "no")])
                try study.addInterviewer(
                    "IV\(n)",
                    [("name", "I \(n)"), ("languages", "en"), ("availability", "mon 09:00-17:00"), ("capacity", "1")])
            }
        }
        return box
    }

    func matches(_ run: Run) throws -> [String: String] {
        let json = try #require(try parseJSON(run.stdout) as? [String: Any])
        let matched = try #require(json["matched"] as? [[String: Any]])
        var pairs: [String: String] = [:]
        for match in matched { pairs[match["participant"] as! String] = match["interviewer"] as? String }
        return pairs
    }

    @Test func aWholeMatrixReplacesTheDerivedCosts() throws {
        let box = try openStudy()
        let file = try box.write(
            "matrix.csv",
            """
            participant,interviewer,cost
            P1,IV1,4
            P1,IV2,1
            P1,IV3,3
            P2,IV1,2
            P2,IV2,0
            P2,IV3,5
            P3,IV1,3
            P3,IV2,2
            P3,IV3,2

            """)
        let run = try box.ok(["match", "--pair-costs", file, "--pair-costs-mode", "replace", "--format", "json"])
        let json = try #require(try parseJSON(run.stdout) as? [String: Any])
        #expect(json["total_cost"] as? Int == 5)
        #expect(try matches(run) == ["P1": "IV2", "P2": "IV1", "P3": "IV3"])

        // Added to the derived cost (0 here): the same optimum; without the file any pairing costs 0.
        let added = try box.ok(["match", "--pair-costs", file, "--format", "json"])
        #expect(try matches(added) == ["P1": "IV2", "P2": "IV1", "P3": "IV3"])
        #expect(added.stdout.contains("pair cost +1"))
        let plain = try #require(try parseJSON(box.ok(["match", "--format", "json"]).stdout) as? [String: Any])
        #expect(plain["total_cost"] as? Int == 0)
    }

    @Test func problemsInTheFileAreLocated() throws {
        let box = try openStudy()
        let bad = try box.write("bad.csv", "participant,interviewer,cost\nP1,IV1,cheap\nP1,IV1,2\n")
        let run = try box.run(["match", "--pair-costs", bad])
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.csv:2:8: cost 'cheap' is not a whole number from 0 to 1000000"))

        let unknown = try box.write("unknown.csv", "participant,interviewer,cost\nP1,IV9,2\n")
        let missing = try box.run(["match", "--pair-costs", unknown])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("unknown.csv:2: unknown interviewer 'IV9' (did you mean 'IV1'?)"))
        #expect(try box.run(["match", "--pair-costs", box.directory.path + "/none.csv"]).status == 66)
    }
}
