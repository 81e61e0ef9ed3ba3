import Foundation
import Testing

/// `reach`, `population import`, `targets import`, `status` below target, `participant list --order
/// reach` and `fidelity`, end to end.
///
/// A1, A2 (Alpha) and B1 (Beta) have transcripts; A3 (Alpha) and B2 (Beta) do not.
@Suite struct ReachCommandTests {
    func study() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        let files = try ["A1", "A2", "B1"].map { id in
            try box.write("\(id).txt", "Interviewer: Hello?\n\(id): Hello to you.\n")
        }
        try box.build { study in
            for (id, community) in [("A1", "Alpha"), ("A2", "Alpha"), ("A3", "Alpha"), ("B1", "Beta"), ("B2", "Beta")] {
                try study.addParticipant(id, [("community", community)])
            }
            try study.importTranscripts(files)
        }
        _ = try box.write(
            "population.csv", "# illustrative\nattribute,value,share\ncommunity,Alpha,0.2\ncommunity,Beta,0.8\n")
        _ = try box.write("targets.csv", "attribute,value,target\ncommunity,Beta,3\n")
        return box
    }

    @Test func reachWithFilesAndSuppressedOut() throws {
        let box = try study()
        let json = try #require(
            try parseJSON(
                box.ok([
                    "reach", "--by", "community", "--population", "population.csv", "--targets", "targets.csv",
                    "--stage", "interviewed", "--format", "json",
                ]).stdout)
                as? [String: Any])
        #expect(json["stage"] as? String == "interviewed")
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { $0["value"] as? String } == ["Alpha", "Beta"])
        #expect(groups[1]["participants"] as? Int == 1)
        #expect(groups[1]["target"] as? Int == 3 && groups[1]["needed"] as? Int == 2)
        #expect(groups[1]["status"] as? String == "under")
        let out = try box.run([
            "reach", "--by", "community", "--population", "population.csv", "--format", "csv", "--out", "reach.csv",
        ])
        #expect(out.status == 0)
        let written = try String(
            contentsOfFile: box.directory.appendingPathComponent("reach.csv").path, encoding: .utf8)
        #expect(written.contains("community,Beta,fewer than 5,"))
        #expect(!written.contains("community,Beta,1,"))
    }

    @Test func storedFiguresFeedReachAndStatus() throws {
        let box = try study()
        #expect(try box.ok(["population", "import", "population.csv"]).stderr.isEmpty)
        _ = try box.ok(["targets", "import", "targets.csv"])
        let json = try #require(
            try parseJSON(box.ok(["reach", "--by", "community", "--format", "json"]).stdout) as? [String: Any])
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups[0]["population_share"] as? Double == 0.2)
        #expect(groups[1]["target"] as? Int == 3)
        let status = try box.ok(["status"]).stdout
        #expect(status.contains("Below target: community=Beta, 1 of 3 interviewed"))
    }

    @Test func badPopulationFileIsLocatedAndStoresNothing() throws {
        let box = try study()
        _ = try box.write("bad.csv", "attribute,value,count\ncommunity,Alpha,many\n")
        let result = try box.run(["population", "import", "bad.csv"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.csv:2:3: bad count 'many'"))
        let reach = try box.run(["reach", "--by", "community", "--population", "bad.csv"])
        #expect(reach.status == 65)
        #expect(try box.run(["reach"]).status == 64)
    }

    @Test func recruitmentOrder() throws {
        let box = try study()
        let json = try #require(
            try parseJSON(
                box.ok([
                    "participant", "list", "--order", "reach", "--by", "community", "--population", "population.csv",
                    "--format", "json",
                ]).stdout) as? [[String: Any]])
        // Beta is under-represented (1 of 3 heard, 80% of the area): B2 before A3.
        #expect(json.map { $0["id"] as? String } == ["B2", "A3"])
        #expect(try box.run(["participant", "list", "--order", "reach"]).status == 64)
    }

    @Test func fidelityWithoutProtocolsSaysSo() throws {
        let box = try study()
        let result = try box.ok(["fidelity", "A1"])
        #expect(result.stdout.contains("No protocol version recorded for: A1"))
        #expect(try box.run(["fidelity", "ZZ"]).status != 0)
    }
}
