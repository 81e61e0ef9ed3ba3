import Testing

@testable import QualKit

/// `match --pair-costs`: the file's parser, its two modes, and the dense solver that full cost
/// matrices take, held to brute force and to the min-cost flow.
@Suite struct PairCostsTests {
    @Test func parsesRowsAndReportsEveryProblemWithLineAndColumn() throws {
        let costs = try PairCosts.parse(
            "participant,interviewer,cost\nP1,IV1,4\nP2 , IV1,0\n", file: "c.csv", mode: .replace)
        #expect(
            costs.costs == [
                .init(participant: "P1", interviewer: "IV1"): 4, .init(participant: "P2", interviewer: "IV1"): 0,
            ])
        #expect(costs.lines[.init(participant: "P2", interviewer: "IV1")] == 3)

        let error = try #require(
            throws: InvalidInput.self,
            performing: {
                try PairCosts.parse(
                    "participant,interviewer,cost\nP1,IV1,x\nP1,IV1,2\nP1,IV1,3\n,IV2,1\nP3,IV1,-1\nP4,IV1\n",
                    file: "c.csv", mode: .add)
            })
        let lines = error.diagnostics.map(\.description)
        #expect(lines.contains("c.csv:2:8: cost 'x' is not a whole number from 0 to 1000000"))
        #expect(lines.contains("c.csv:4:1: the pair P1,IV1 is given twice (first on line 3)"))
        #expect(lines.contains("c.csv:5:1: participant is empty"))
        #expect(lines.contains("c.csv:6:8: cost '-1' is not a whole number from 0 to 1000000"))
        #expect(lines.contains { $0.hasPrefix("c.csv:7: expected 3 fields as in the header, found 2") })
        #expect(lines.count == 5)

        let header = try #require(
            throws: InvalidInput.self,
            performing: { try PairCosts.parse("participant,interviewr,cost\n", file: "h.csv", mode: .add) })
        #expect(
            header.diagnostics.contains {
                $0.message.contains("unknown column 'interviewr' (did you mean 'interviewer'?)")
            })
        #expect(header.diagnostics.contains { $0.message.contains("missing column 'interviewer'") })
    }

    @Test func unknownIDsAreLocatedWithTheNearestID() throws {
        let costs = try PairCosts.parse("participant,interviewer,cost\nP1,IV1,1\nP9,IV2,1\n", file: "c.csv", mode: .add)
        let problems = costs.unknownIDs(participants: ["P1", "P2"], interviewers: ["IV1"]).map(\.description)
        #expect(
            problems == [
                "c.csv:3: unknown participant 'P9' (did you mean 'P1'?)",
                "c.csv:3: unknown interviewer 'IV2' (did you mean 'IV1'?)",
            ])
    }

    /// Everyone speaks English and is free at the same time, capacity one: every pair allowed.
    func fullInstance(people: Int, interviewers: Int) -> ([Participant], [Matcher.Seat]) {
        let window = Availability(windows: [WeeklyWindow(day: 0, start: 9 * 60, end: 17 * 60)])
        let participants = (0..<people).map {
            Participant(
                id: String(format: "P%03d", $0), languages: ["en"], gender: "f", community: nil, availability: window,
                prefersGender: "any", prefersSameCommunity: .no)
        }
        let seats = (0..<interviewers).map {
            Matcher.Seat(
                interviewer: Interviewer(
                    id: String(format: "IV%03d", $0), name: "I", languages: ["en"], gender: "f", community: nil,
                    capacity: 1, availability: window),
                remaining: 1)
        }
        return (participants, seats)
    }

    @Test func replaceExpressesAnyMatrixAndAddAddsToTheDerivedCost() throws {
        let (participants, seats) = fullInstance(people: 3, interviewers: 3)
        let matrix = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]  // optimum 1 + 2 + 2 = 5
        var text = "participant,interviewer,cost\n"
        for p in 0..<3 { for s in 0..<3 { text += "P00\(p),IV00\(s),\(matrix[p][s])\n" } }
        var settings = MatchSettings()
        settings.pairCosts = try PairCosts.parse(text, file: "m.csv", mode: .replace)
        let result = Matcher.solve(participants: participants, seats: seats, settings: settings)
        #expect(result.totalCost == 5)
        #expect(result.matched.map(\.interviewer) == ["IV001", "IV000", "IV002"])
        #expect(result.matched[0].reasons.last == "pair cost 1 (replaces derived)")

        // Add: a participant preferring a gender no interviewer has pays its weight on top.
        var picky = participants
        picky[0] = Participant(
            id: "P000", languages: ["en"], gender: "f", community: nil, availability: participants[0].availability,
            prefersGender: "m", prefersSameCommunity: .no)
        settings.pairCosts = try PairCosts.parse(text, file: "m.csv", mode: .add)
        let added = Matcher.solve(participants: picky, seats: seats, settings: settings)
        #expect(added.totalCost == 5 + MatchSettings.Weights.standard.gender)
        #expect(added.matched[0].reasons.last == "pair cost +1")
    }

    /// The dense solver against brute force on small matrices, square and rectangular.
    @Test func denseAssignmentEqualsBruteForce() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<300 {
            let rows = random.int(1...5)
            let columns = random.int(rows...6)
            let cost = (0..<(rows * columns)).map { _ in Int64(random.int(0...20)) }
            let assignment = DenseAssignment.solve(rows: rows, columns: columns, cost: cost)
            #expect(Set(assignment).count == rows && assignment.allSatisfy { (0..<columns).contains($0) })
            let total = assignment.enumerated().reduce(Int64(0)) { $0 + cost[$1.offset * columns + $1.element] }
            var best = Int64.max
            var used = [Bool](repeating: false, count: columns)
            func visit(_ row: Int, _ sum: Int64) {
                if row == rows {
                    best = min(best, sum)
                    return
                }
                for c in 0..<columns where !used[c] {
                    used[c] = true
                    visit(row + 1, sum + cost[row * columns + c])
                    used[c] = false
                }
            }
            visit(0, 0)
            #expect(total == best, "\(rows)x\(columns) \(cost)")
        }
    }

    /// Above the threshold a full matrix takes the dense path: same optimum as the flow, both
    /// orientations (more participants than interviewers and fewer).
    @Test func densePathEqualsTheFlowOnFullMatrices() throws {
        for (people, interviewers) in [(120, 100), (100, 120)] {
            let (participants, seats) = fullInstance(people: people, interviewers: interviewers)
            var random = SeededRandom(seed: UInt64(people))
            var costs: [MatchSettings.Pair: Int] = [:]
            for p in participants {
                for s in seats { costs[.init(participant: p.id, interviewer: s.interviewer.id)] = random.int(0...1000) }
            }
            let settings = MatchSettings(pairCosts: PairCosts(file: "m.csv", mode: .replace, costs: costs))
            #expect(people * interviewers >= Matcher.denseThreshold)
            let dense = Matcher.solve(
                participants: participants, seats: seats, settings: settings, booked: [:], explain: false, book: false)
            let pairs = Matcher.allowedPairs(people: participants, seats: seats, settings: settings)
            let places = seats.map(\.remaining)
            let flow = Matcher.flowPairing(people: people, seats: places, allowed: pairs.allowed)
            let flowTotal = pairs.allowed.filter { flow[$0.participant] == $0.seat }.reduce(0) { $0 + $1.cost }
            #expect(dense.matched.count == min(people, interviewers))
            #expect(dense.totalCost == flowTotal)
        }
    }
}
