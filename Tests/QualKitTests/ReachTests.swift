import Foundation
import Testing

@testable import QualKit

/// The `index`th group of a `reach` JSON result.
private func group(_ json: JSON, _ index: Int) -> JSON? {
    guard case .array(let groups)? = json["groups"], groups.indices.contains(index) else { return nil }
    return groups[index]
}

@Suite struct ReachTests {
    /// Wilson intervals computed by hand from the formula in docs/analysis.md (z = 1.959964); 3 of 10
    /// is Newcombe's (1998) worked example, 0.1078 to 0.6032.
    @Test func wilsonIntervalsMatchHandComputedValues() throws {
        let cases: [(Int, Int, Double, Double)] = [
            (3, 10, 0.107791, 0.603222), (0, 16, 0, 0.193608), (1, 1, 0.206549, 1), (2, 5, 0.117621, 0.769276),
            (2, 4, 0.150039, 0.849961), (1, 4, 0.045587, 0.699358),
        ]
        for (k, n, low, high) in cases {
            let interval = try #require(Reach.wilson(k, n))
            #expect(abs(interval.low - low) < 1e-5, "\(k)/\(n) low \(interval.low)")
            #expect(abs(interval.high - high) < 1e-5, "\(k)/\(n) high \(interval.high)")
        }
        #expect(Reach.wilson(0, 0) == nil)
    }

    @Test func neededForProportionalShare() {
        // (2 + 3) / (16 + 3) = 0.263 reaches 0.25; (2 + 2) / 18 = 0.222 does not.
        #expect(Reach.neededForShare(2, of: 16, share: 0.25) == 3)
        #expect(Reach.neededForShare(5, of: 10, share: 0.5) == 0)
        #expect(Reach.neededForShare(0, of: 4, share: 0.1) == 1)
        #expect(Reach.neededForShare(1, of: 2, share: 1) == nil)
    }

    @Test func populationFileByCountWithComments() throws {
        let population = try ReachFiles.population(
            text:
                "# illustrative, not census data\nAttribute,Value,Count\ncommunity,Alpha,600\n\ncommunity,Beta,300\ncommunity,Delta,100\nGender,f,50\n",
            file: "p.csv")
        #expect(population.entries.map(\.value) == ["Alpha", "Beta", "Delta", "f"])
        #expect(population.entries(for: "community").map(\.share) == [0.6, 0.3, 0.1])
        #expect(population.entries(for: "gender").map(\.share) == [1])
        #expect(population.entries[0].line == 3)
    }

    @Test func populationFileByShareAcceptsPercentages() throws {
        let population = try ReachFiles.population(
            text: "attribute,value,share\ncommunity,Alpha,10%\ncommunity,Beta,0.75\n", file: "p.csv")
        #expect(population.entries.map(\.share) == [0.1, 0.75])
        #expect(population.entries.map(\.count) == [nil, nil])
    }

    @Test func populationFileProblemsAreLocated() throws {
        let error = try #require(
            throws: InvalidInput.self,
            performing: {
                try ReachFiles.population(
                    text: "attribute,value,count\ncommunity,Alpha,lots\ncommunity,alpha,3\ncommunity,,4\nx,y\n",
                    file: "p.csv")
            })
        #expect(
            error.diagnostics.map(\.description) == [
                "p.csv:2:3: bad count 'lots': expected a whole number, 0 or more",
                "p.csv:3:2: community=alpha is listed twice (first on line 2)",
                "p.csv:4:2: no value",
                "p.csv:5: expected 3 fields as in the header, found 2",
            ])
        let header = try #require(
            throws: InvalidInput.self,
            performing: { try ReachFiles.population(text: "group,n\n", file: "p.csv") })
        #expect(
            header.description
                == "p.csv:1: the header is group,n: expected attribute,value,count or attribute,value,share")
        let shares = try #require(
            throws: InvalidInput.self,
            performing: {
                try ReachFiles.population(text: "attribute,value,share\na,x,0.75\na,y,0.5\nb,z,2\n", file: "p.csv")
            })
        #expect(
            shares.diagnostics.map(\.description) == [
                "p.csv:4:3: bad share '2': expected a fraction from 0 to 1 (or a percentage such as 12.5%)",
                "p.csv:2: the shares of a add up to 1.25, more than 1",
            ])
    }

    @Test func targetsFile() throws {
        let targets = try ReachFiles.targets(text: "attribute,value,target\ncommunity,Alpha,5\n", file: "t.csv")
        #expect(targets.entries == [.init(attribute: "community", value: "Alpha", target: 5, line: 2)])
        let error = try #require(
            throws: InvalidInput.self,
            performing: { try ReachFiles.targets(text: "attribute,value,target\ncommunity,Alpha,-1\n", file: "t.csv") })
        #expect(
            error.description == "t.csv:2:3: bad target '-1': expected a whole number of participants, 0 or more")
    }

    /// Alpha: A1, A2 interviewed, A3 recruited without consent; Beta: B1 (a group of 1); Gamma: C1,
    /// not in the population; N1 with no community; Delta is in the population with nobody.
    func study() throws -> TemporaryStudy {
        let fixture = try TemporaryStudy()
        let consent = ("consent_date", "2023-01-02")
        try fixture.participant("A1", [("community", "Alpha"), consent])
        try fixture.participant("A2", [("community", "alpha"), consent])
        try fixture.participant("A3", [("community", "Alpha")])
        try fixture.participant("B1", [("community", "Beta"), consent])
        try fixture.participant("C1", [("community", "Gamma"), consent])
        try fixture.participant("N1", [consent])
        for id in ["A1", "A2", "B1", "C1", "N1"] { try fixture.transcript(id, turns: ["Hello?", "Hello."]) }
        return fixture
    }

    static let population = "attribute,value,count\ncommunity,Alpha,600\ncommunity,Beta,300\ncommunity,Delta,100\n"

    @Test func groupsAgainstPopulationAndTargets() throws {
        let fixture = try study()
        let population = try ReachFiles.population(text: Self.population, file: "p.csv")
        let targets = try ReachFiles.targets(
            text: "attribute,value,target\ncommunity,Alpha,5\ncommunity,Beta,2\n", file: "t.csv")
        let result = try Reach.run(
            fixture.study, by: ["community"], population: population, targets: targets, stage: .interviewed)
        #expect(result.totals["community"] == 4)
        #expect(result.groups.map(\.value) == ["Alpha", "Beta", "Delta", "Gamma", Reach.notRecorded])
        let alpha = result.groups[0]
        #expect(alpha.participants == 2)
        #expect(alpha.stages == [.recruited: 3, .consented: 2, .interviewed: 2, .coded: 0])
        #expect(alpha.sampleShare == 0.5)
        #expect(abs(alpha.ratio! - 0.5 / 0.6) < 1e-12)
        #expect(abs(alpha.ciLow! - 0.150039) < 1e-5 && abs(alpha.ciHigh! - 0.849961) < 1e-5)
        #expect(alpha.status == .asExpected)
        #expect(alpha.target == 5 && alpha.needed == 3)
        let beta = result.groups[1]
        #expect(beta.participants == 1 && beta.sampleShare == 0.25 && beta.needed == 1)
        let delta = result.groups[2]
        #expect(delta.participants == 0 && delta.missingFromSample)
        #expect(delta.populationShare == 0.1 && delta.ratio == 0 && delta.needed == 1)
        #expect(abs(delta.ciHigh! - 0.489891) < 1e-5)
        let gamma = result.groups[3]
        #expect(gamma.status == .noPopulation && gamma.missingFromPopulation)
        #expect(gamma.populationShare == nil && gamma.ratio == nil && gamma.needed == nil && gamma.sampleShare == 0.25)
        let missing = result.groups[4]
        #expect(missing.participants == 1 && missing.sampleShare == nil && missing.status == .noPopulation)
        #expect(ReachViews.belowTarget(result).map(\.value) == ["Alpha", "Beta"])
    }

    @Test func underAndOverRepresented() throws {
        let fixture = try study()
        let population = try ReachFiles.population(
            text: "attribute,value,share\ncommunity,Alpha,10%\ncommunity,Beta,0.75\n", file: "p.csv")
        let result = try Reach.run(fixture.study, by: ["community"], population: population)
        // Alpha 2 of 4: interval 0.150 to 0.850, population 0.10 below it; Beta 1 of 4: 0.046 to 0.699, 0.75 above.
        #expect(result.groups[0].status == .over)
        #expect(result.groups[1].status == .under)
        #expect(result.groups[1].needed == 8)  // (1 + 8) / (4 + 8) = 0.75
    }

    @Test func withoutPopulationEveryGroupHasNoPopulation() throws {
        let fixture = try study()
        let result = try Reach.run(fixture.study, by: ["community"], stage: .recruited)
        #expect(result.groups.map(\.value) == ["Alpha", "Beta", "Gamma", Reach.notRecorded])
        #expect(result.groups.allSatisfy { $0.status == .noPopulation })
        #expect(result.groups[0].participants == 3)
    }

    @Test func unknownAttributeNamesTheNearest() throws {
        let fixture = try study()
        #expect(
            throws: AnalysisError.unknownAttribute(Unknown("comunity", among: ["gender", "community", "language"]))
        ) {
            try Reach.run(fixture.study, by: ["comunity"])
        }
    }

    @Test func smallGroupsAreSuppressedInOutputForOthers() throws {
        let fixture = try study()
        let population = try ReachFiles.population(text: Self.population, file: "p.csv")
        let result = try Reach.run(fixture.study, by: ["community"], population: population)
        let shared = ReachViews.reach(result, stageColumns: true, minCell: 5).json
        let beta = group(shared, 1)
        #expect(beta?["participants"] == .string("fewer than 5"))
        #expect(beta?["sample_share"] == .null && beta?["ratio"] == .null && beta?["needed"] == .null)
        #expect(beta?["recruited"] == .string("fewer than 5"))
        #expect(group(shared, 2)?["participants"] == .int(0))
        let own = ReachViews.reach(result, stageColumns: false).json
        #expect(group(own, 1)?["participants"] == .int(1))
    }

    @Test func recruitmentOrderPutsTheMostUnderRepresentedFirst() throws {
        let fixture = try study()
        try fixture.participant("B2", [("community", "Beta")])
        try fixture.participant("G2", [("community", "Gamma")])
        let population = try ReachFiles.population(
            text: "attribute,value,share\ncommunity,Alpha,0.1\ncommunity,Beta,0.8\n", file: "p.csv")
        let result = try Reach.run(fixture.study, by: ["community"], population: population)
        // Not yet interviewed: A3 (Alpha, ratio 5), B2 (Beta, ratio 0.3125), G2 (no population share).
        #expect(try Reach.recruitmentOrder(fixture.study, result: result).map(\.id) == ["B2", "A3", "G2"])
    }
}
