import Testing

@testable import QualKit

/// Matching: optimal against brute force on many seeded instances, always valid, explained.
@Suite struct MatchingTests {
    /// The seeded generator, so every failing seed can be replayed.
    typealias Generator = SeededRandom

    static let languages = ["ur", "pa", "bn", "en", "so"]
    static let communities = ["A", "B", "C", nil]

    func randomAvailability(_ random: inout Generator) -> Availability {
        var windows: [WeeklyWindow] = []
        for _ in 0..<random.int(0...2) {
            let start = random.int(8...18) * 60
            windows.append(WeeklyWindow(day: random.int(0...2), start: start, end: start + random.int(1...4) * 30))
        }
        return Availability(windows: windows)
    }

    func randomInstance(seed: UInt64) -> ([Participant], [Matcher.Seat], MatchSettings) {
        var random = Generator(seed: seed)
        var participants: [Participant] = []
        for n in 0..<random.int(1...7) {
            var spoken: [String] = []
            for _ in 0..<random.int(1...2) {
                let language = random.pick(Self.languages)
                if !spoken.contains(language) { spoken.append(language) }
            }
            participants.append(
                Participant(
                    id: "P\(n)", languages: spoken, gender: random.pick(["f", "m"]),
                    community: random.pick(Self.communities),
                    availability: randomAvailability(&random), prefersGender: random.pick(["any", "f", "m"]),
                    prefersSameCommunity: random.pick(CommunityPreference.allCases)))
        }
        var seats: [Matcher.Seat] = []
        for n in 0..<random.int(1...3) {
            var spoken: [String] = []
            for _ in 0..<random.int(1...3) {
                let language = random.pick(Self.languages)
                if !spoken.contains(language) { spoken.append(language) }
            }
            let excluded = random.int(0...3) == 0 ? "P\(random.int(0...6))" : ""
            let interviewer = Interviewer(
                id: "I\(n)", name: "I\(n)", languages: spoken, gender: random.pick(["f", "m"]),
                community: random.pick(Self.communities), availability: randomAvailability(&random),
                attributes: excluded.isEmpty ? [:] : ["exclude": excluded])
            seats.append(Matcher.Seat(interviewer: interviewer, remaining: random.int(0...3)))
        }
        var settings = MatchSettings(
            interviewMinutes: random.pick([30, 60, 90]),
            weights: .init(community: random.int(0...4), gender: random.int(0...3), language: random.int(0...2)))
        if random.int(0...2) == 0 {
            settings.exclusions.insert(.init(participant: "P0", interviewer: "I0"))
        }
        return (participants, seats, settings)
    }

    /// The rules, written again plainly, independent of the solver.
    func allowedCost(_ p: Participant, _ seat: Matcher.Seat, _ settings: MatchSettings) -> Int? {
        let i = seat.interviewer
        guard Set(p.languages).intersection(i.languages).count > 0 else { return nil }
        var overlap = false
        for a in p.availability.windows {
            for b in i.availability.windows
            where a.day == b.day && min(a.end, b.end) - max(a.start, b.start) >= settings.interviewMinutes {
                overlap = true
            }
        }
        guard overlap else { return nil }
        if i.excludedParticipants.contains(p.id)
            || settings.exclusions.contains(.init(participant: p.id, interviewer: i.id))
        {
            return nil
        }
        var cost = 0
        let same = p.community != nil && p.community == i.community
        if !same && p.prefersSameCommunity == .yes { cost += settings.weights.community }
        if !same && p.prefersSameCommunity == .unspecified { cost += settings.weights.community / 3 }
        if p.prefersGender != "any" && p.prefersGender != i.gender { cost += settings.weights.gender }
        if let first = p.languages.first, !i.languages.contains(first) { cost += settings.weights.language }
        return cost
    }

    /// Best (count, cost) over every assignment: most matched, then cheapest.
    func bruteForce(_ participants: [Participant], _ seats: [Matcher.Seat], _ settings: MatchSettings) -> (Int, Int) {
        var best = (count: 0, cost: 0)
        var remaining = seats.map(\.remaining)
        func visit(_ index: Int, _ count: Int, _ cost: Int) {
            if index == participants.count {
                if count > best.count || (count == best.count && cost < best.cost) { best = (count, cost) }
                return
            }
            visit(index + 1, count, cost)
            for (s, seat) in seats.enumerated() where remaining[s] > 0 {
                guard let pairCost = allowedCost(participants[index], seat, settings) else { continue }
                remaining[s] -= 1
                visit(index + 1, count + 1, cost + pairCost)
                remaining[s] += 1
            }
        }
        visit(0, 0, 0)
        return best
    }

    @Test func equalsTheBruteForceOptimumOnSeededInstances() {
        for seed in UInt64(1)...600 {
            let (participants, seats, settings) = randomInstance(seed: seed)
            let result = Matcher.solve(
                participants: participants, seats: seats, settings: settings, booked: [:], explain: false, book: false)
            let (count, cost) = bruteForce(participants, seats, settings)
            #expect(result.matched.count == count, "seed \(seed): matched \(result.matched.count), optimum \(count)")
            #expect(result.totalCost == cost, "seed \(seed): cost \(result.totalCost), optimum \(cost)")

            // Always valid: allowed pairs only, each participant once, capacities respected.
            var used: [String: Int] = [:]
            for match in result.matched {
                let person = participants.first { $0.id == match.participant }!
                let seat = seats.first { $0.interviewer.id == match.interviewer }!
                #expect(allowedCost(person, seat, settings) == match.cost, "seed \(seed): \(match)")
                used[match.interviewer, default: 0] += 1
            }
            for seat in seats { #expect(used[seat.interviewer.id, default: 0] <= seat.remaining, "seed \(seed)") }
            #expect(Set(result.matched.map(\.participant)).count == result.matched.count)
            #expect(result.matched.count + result.unmatched.count == participants.count)
        }
    }

    /// Booking on the same instances: every slot inside both people's availability, of the
    /// interview's length, no interviewer's two interviews closer than the gap, and a participant
    /// the pairing matched is left out only because every compatible slot was taken.
    @Test func bookedSlotsAreInsideAvailabilityAndNeverOverlap() throws {
        var leftOutForSlots = 0
        for seed in UInt64(1)...600 {
            let (participants, seats, settings) = randomInstance(seed: seed)
            let paired = Matcher.solve(
                participants: participants, seats: seats, settings: settings, booked: [:], explain: false, book: false)
            let result = Matcher.solve(participants: participants, seats: seats, settings: settings)
            var byInterviewer: [String: [WeeklyWindow]] = [:]
            for match in result.matched {
                let slot = try #require(try Availability.parse(match.window).windows.first, "seed \(seed)")
                #expect(slot.end - slot.start == settings.interviewMinutes, "seed \(seed)")
                let person = participants.first { $0.id == match.participant }!
                let interviewer = seats.first { $0.interviewer.id == match.interviewer }!.interviewer
                for availability in [person.availability, interviewer.availability] {
                    #expect(
                        availability.windows.contains {
                            $0.day == slot.day && $0.start <= slot.start && slot.end <= $0.end
                        },
                        "seed \(seed): \(match.window) outside \(availability)")
                }
                for other in byInterviewer[match.interviewer, default: []] where other.day == slot.day {
                    #expect(
                        other.end + settings.gapMinutes <= slot.start || slot.end + settings.gapMinutes <= other.start,
                        "seed \(seed): \(match.interviewer) booked \(other) and \(slot)")
                }
                byInterviewer[match.interviewer, default: []].append(slot)
            }
            #expect(result.matched.count + result.unmatched.count == participants.count)
            let pairedIDs = Set(paired.matched.map(\.participant))
            for left in result.unmatched where pairedIDs.contains(left.participant) {
                #expect(left.reason.hasPrefix("every compatible slot was taken"), "seed \(seed): \(left)")
                leftOutForSlots += 1
            }
        }
        // The seeded instances do exercise the left-out case.
        #expect(leftOutForSlots > 0)
    }

    /// The case: two participants whose only shared window with the one interviewer is the
    /// same hour: one is booked, the other left out with the reason.
    @Test func twoParticipantsOneHourOneInterviewer() throws {
        let hour = try Availability.parse("fri 18:00-19:00")
        let people = ["TC-001", "TC-002"].map { Participant(id: $0, languages: ["en"], availability: hour) }
        let interviewer = Interviewer(
            id: "IV01", name: "A", languages: ["en"], availability: try .parse("fri 17:00-21:00"))
        let result = Matcher.solve(
            participants: people, seats: [.init(interviewer: interviewer, remaining: 5)], settings: MatchSettings())
        #expect(result.matched.map(\.participant) == ["TC-001"])
        #expect(result.matched.first?.window == "fri 18:00-19:00")
        #expect(
            result.unmatched == [
                .init(
                    participant: "TC-002",
                    reason: "every compatible slot was taken: IV01 booked fri 18:00-19:00 (TC-001)")
            ])
        // An interview already planned in that hour takes it from both.
        let planned = Matcher.solve(
            participants: people, seats: [.init(interviewer: interviewer, remaining: 5)], settings: MatchSettings(),
            booked: ["IV01": [WeeklyWindow(day: 4, start: 18 * 60 + 30, end: 19 * 60 + 30)]])
        #expect(planned.matched.isEmpty)
        #expect(
            planned.unmatched.map(\.reason).allSatisfy { $0.hasPrefix("every compatible slot was taken: IV01 booked") })
    }

    @Test func sameInputGivesSameOutput() {
        let (participants, seats, settings) = randomInstance(seed: 42)
        let first = Matcher.solve(participants: participants, seats: seats, settings: settings)
        let second = Matcher.solve(participants: participants.reversed(), seats: seats.reversed(), settings: settings)
        #expect(first == second)
    }

    @Test func prefersConcordantInterviewerWhenCapacityAllows() throws {
        let saturday = try Availability.parse("sat 10:00-13:00")
        let participant = Participant(
            id: "TC-001", languages: ["ur", "en"], gender: "f", community: "Pakistani",
            availability: saturday, prefersGender: "f", prefersSameCommunity: .yes)
        let concordant = Interviewer(
            id: "IV02", name: "A", languages: ["ur"], gender: "f", community: "pakistani", availability: saturday)
        let other = Interviewer(
            id: "IV01", name: "B", languages: ["en"], gender: "m", community: "Somali", availability: saturday)
        let result = Matcher.solve(
            participants: [participant],
            seats: [.init(interviewer: other, remaining: 5), .init(interviewer: concordant, remaining: 5)],
            settings: MatchSettings(), explain: true)
        #expect(
            result.matched == [
                Matcher.Match(
                    participant: "TC-001", interviewer: "IV02", cost: 0, window: "sat 10:00-11:00",
                    reasons: ["shares ur", "same community", "prefers f: met"])
            ])
        #expect(result.explanations["TC-001"] == ["IV01: allowed, cost 6", "IV02: chosen, cost 0"])
    }

    @Test func unmatchedReasonsSayWhy() throws {
        let saturday = try Availability.parse("sat 10:00-13:00")
        let monday = try Availability.parse("mon 06:00-07:00")
        let interviewer = Interviewer(
            id: "IV01", name: "A", languages: ["ur", "en"], availability: saturday,
            attributes: ["exclude": "TC-4"])
        let people = [
            Participant(id: "TC-1", languages: ["ar"], availability: saturday),
            Participant(id: "TC-2", languages: ["ur"], availability: monday),
            Participant(id: "TC-3", languages: ["en"], availability: saturday),
            Participant(id: "TC-4", languages: ["en"], availability: saturday),
            Participant(id: "TC-5", languages: ["ur"], availability: saturday),
            Participant(id: "TC-6", languages: [], availability: saturday),
            Participant(id: "TC-7", languages: ["ur"]),
        ]
        let result = Matcher.solve(
            participants: people, seats: [.init(interviewer: interviewer, remaining: 1)],
            settings: MatchSettings())
        let reasons = Dictionary(uniqueKeysWithValues: result.unmatched.map { ($0.participant, $0.reason) })
        #expect(result.matched.map(\.participant) == ["TC-3"])
        #expect(reasons["TC-1"] == "no interviewer speaks ar")
        #expect(
            reasons["TC-2"]
                == "no overlapping availability (60 minutes in one window) with any language-compatible interviewer")
        #expect(reasons["TC-4"] == "excluded from every compatible interviewer (conflict of interest)")
        #expect(reasons["TC-5"] == "all compatible interviewers full (IV01)")
        #expect(reasons["TC-6"] == "no languages recorded")
        #expect(reasons["TC-7"] == "no availability recorded")
    }

    @Test func minCostFlowOnAClassicGraph() {
        // Two units from 0 to 3: paths 0-1-3 (cost 1+3), 0-2-3 (cost 2+1), 0-1-2-3 (1+1+1).
        var network = MinCostFlow(nodes: 4)
        network.addEdge(from: 0, to: 1, capacity: 1, cost: 1)
        network.addEdge(from: 0, to: 2, capacity: 1, cost: 2)
        network.addEdge(from: 1, to: 3, capacity: 1, cost: 3)
        network.addEdge(from: 1, to: 2, capacity: 1, cost: 1)
        network.addEdge(from: 2, to: 3, capacity: 1, cost: 1)
        let (flow, cost) = network.solve(source: 0, sink: 3)
        #expect(flow == 2)
        #expect(cost == 7)
    }

    @Test func weightsParseAndRejectUnknownNames() throws {
        #expect(
            try MatchSettings.Weights.parse("community=5,language=0") == .init(community: 5, gender: 2, language: 0))
        #expect(
            throws: MatchingError.unknownWeight(
                Unknown("comunity", among: ["community", "gender", "language"]), given: "comunity=5")
        ) { try MatchSettings.Weights.parse("comunity=5") }
        #expect(throws: MatchingError.invalidWeight("gender=-1")) { try MatchSettings.Weights.parse("gender=-1") }
    }
}
