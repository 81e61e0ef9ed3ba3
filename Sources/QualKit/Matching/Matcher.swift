/// Matches participants to interviewers: the most participants matched, then the lowest total
/// cost, as a min-cost flow (``MinCostFlow``); explains every pairing and every participant left out.
public enum Matcher {
    /// One proposed interview.
    public struct Match: Sendable, Equatable {
        public let participant: String
        public let interviewer: String
        public let cost: Int
        /// The booked weekly slot: the interview's length, inside both people's availability,
        /// clear of the interviewer's other bookings by the gap.
        public let window: String
        public let reasons: [String]
    }

    public struct Unmatched: Sendable, Equatable {
        public let participant: String
        public let reason: String
    }

    public struct Result: Sendable, Equatable {
        public let matched: [Match]
        public let unmatched: [Unmatched]
        public var totalCost: Int { matched.reduce(0) { $0 + $1.cost } }
        /// Per participant id, one line per interviewer: allowed with its cost, or why not.
        public let explanations: [String: [String]]
    }

    /// An interviewer with the places they have left.
    public struct Seat: Sendable {
        public let interviewer: Interviewer
        public let remaining: Int
        public init(interviewer: Interviewer, remaining: Int) {
            self.interviewer = interviewer
            self.remaining = remaining
        }
    }

    /// Why a pair is not allowed, in the order checked.
    enum Block { case language, availability, excluded }

    /// Solves one matching problem. Inputs are taken in id order, so the same input always gives
    /// the same output.
    /// - Parameter explain: also describe every interviewer considered for each participant
    ///   (``Result/explanations``); off by default because it grows with participants x interviewers.
    /// - Parameter booked: interviews already booked per interviewer id (planned ones with a slot);
    ///   new bookings keep clear of them by the settings' gap.
    public static func solve(
        participants: [Participant], seats: [Seat], settings: MatchSettings, booked: [String: [WeeklyWindow]] = [:],
        explain: Bool = false
    ) -> Result {
        solve(
            participants: participants, seats: seats, settings: settings, booked: booked, explain: explain, book: true)
    }

    /// `book: false` stops after the pairing, so tests can hold the pairing to a brute-force optimum.
    static func solve(
        participants: [Participant], seats: [Seat], settings: MatchSettings, booked: [String: [WeeklyWindow]],
        explain: Bool, book bookSlots: Bool
    ) -> Result {
        let people = participants.sorted { $0.id < $1.id }
        let seats = seats.sorted { $0.interviewer.id < $1.interviewer.id }
        let languageIndex = LanguageSets(people.map(\.languages) + seats.map(\.interviewer.languages))
        let pairs = allowedPairs(people: people, seats: seats, settings: settings)

        var candidates: [[(seat: Int, cost: Int, slot: WeeklyWindow)]] = Array(repeating: [], count: people.count)
        for pair in pairs.allowed { candidates[pair.participant].append((pair.seat, pair.cost, pair.slot)) }
        let blocks = pairs.blocks
        let pairing = optimalPairing(
            people: people.count, seats: seats.map { max(0, $0.remaining) }, allowed: pairs.allowed)
        var chosenSeats: [(seat: Int, cost: Int, slot: WeeklyWindow)?] = people.indices.map { p in
            pairing[p].flatMap { seat in candidates[p].first { $0.seat == seat } }
        }
        var assigned = [Int](repeating: 0, count: seats.count)
        for choice in chosenSeats { if let choice { assigned[choice.seat] += 1 } }

        // Booking: each pairing gets a concrete start time. The flow above decides who is paired
        // with whom; times are then booked participant by participant, the ones with the least
        // shared time first, each at the earliest start that keeps the interviewer's gap. A
        // participant whose interviewer has no time left moves to another compatible interviewer
        // with a place and a free slot, or is left out.
        var book = Booking(existing: seats.map { booked[$0.interviewer.id] ?? [] }, settings: settings)
        var slotTaken = [Bool](repeating: false, count: people.count)
        let order = people.indices.filter { chosenSeats[$0] != nil }.sorted { a, b in
            let sa = people[a].availability.sharedMinutes(with: seats[chosenSeats[a]!.seat].interviewer.availability)
            let sb = people[b].availability.sharedMinutes(with: seats[chosenSeats[b]!.seat].interviewer.availability)
            return (sa, people[a].id) < (sb, people[b].id)
        }
        for p in order where bookSlots {
            let choice = chosenSeats[p]!
            let person = people[p]
            if let slot = book.earliest(
                person.availability, seat: choice.seat, seats[choice.seat].interviewer.availability)
            {
                book.add(slot, seat: choice.seat, participant: person.id)
                chosenSeats[p] = (choice.seat, choice.cost, slot)
                continue
            }
            assigned[choice.seat] -= 1
            chosenSeats[p] = nil
            let alternatives = candidates[p].filter {
                $0.seat != choice.seat && assigned[$0.seat] < seats[$0.seat].remaining
            }
            .sorted { ($0.cost, $0.seat) < ($1.cost, $1.seat) }
            for option in alternatives {
                if let slot = book.earliest(
                    person.availability, seat: option.seat, seats[option.seat].interviewer.availability)
                {
                    book.add(slot, seat: option.seat, participant: person.id)
                    assigned[option.seat] += 1
                    chosenSeats[p] = (option.seat, option.cost, slot)
                    break
                }
            }
            if chosenSeats[p] == nil { slotTaken[p] = true }
        }

        var matched: [Match] = []
        var unmatched: [Unmatched] = []
        var explanations: [String: [String]] = [:]
        for (p, person) in people.enumerated() {
            let chosen = chosenSeats[p]
            var lines: [String] = []
            for (s, seat) in seats.enumerated() where explain {
                let id = seat.interviewer.id
                switch blocks[p][s] {
                case .language?: lines.append("\(id): no shared language")
                case .availability?: lines.append("\(id): no shared \(settings.interviewMinutes)-minute window")
                case .excluded?: lines.append("\(id): excluded (conflict of interest)")
                case nil:
                    let cost = candidates[p].first { $0.seat == s }!.cost
                    let state =
                        chosen?.seat == s
                        ? "chosen"
                        : assigned[s] >= seat.remaining ? "full" : slotTaken[p] ? "every shared slot taken" : "allowed"
                    lines.append("\(id): \(state), cost \(cost)")
                }
            }
            if explain { explanations[person.id] = lines }
            if let chosen {
                let interviewer = seats[chosen.seat].interviewer
                matched.append(
                    Match(
                        participant: person.id, interviewer: interviewer.id, cost: chosen.cost,
                        window: chosen.slot.description,
                        reasons: reasons(person, interviewer, languages: languageIndex)
                            + pairCostReason(person.id, interviewer.id, settings.pairCosts)))
            } else if slotTaken[p] {
                let compatible = seats.indices.filter { blocks[p][$0] == nil }
                let taken = compatible.map { s in
                    let clashes = book.bookings[s].filter {
                        person.availability.sharedMinutes(with: Availability(windows: [$0.window])) > 0
                    }.map { "\($0.window) (\($0.participant))" }
                    return seats[s].interviewer.id
                        + (clashes.isEmpty ? " full" : " booked " + clashes.joined(separator: ", "))
                }
                unmatched.append(
                    Unmatched(
                        participant: person.id,
                        reason: "every compatible slot was taken: " + taken.joined(separator: "; ")))
            } else {
                unmatched.append(
                    Unmatched(
                        participant: person.id,
                        reason: unmatchedReason(person, blocks[p], seats: seats, minutes: settings.interviewMinutes)))
            }
        }
        return Result(matched: matched, unmatched: unmatched, explanations: explanations)
    }

    /// The seat of each participant in a pairing with the most participants matched, then the
    /// least total cost. When every pair is allowed and no seat has more than one place it is an
    /// assignment problem on a full matrix, solved densely (``DenseAssignment``); otherwise as a
    /// min-cost flow. Small instances always take the flow, so their choice among equal optima
    /// stays as it has always been.
    static func optimalPairing(people: Int, seats places: [Int], allowed: [Pairs.Allowed]) -> [Int?] {
        let open = places.indices.filter { places[$0] > 0 }
        if allowed.count == people * places.count, people * open.count >= denseThreshold,
            places.allSatisfy({ $0 <= 1 })
        {
            var columnOfSeat = [Int](repeating: -1, count: places.count)
            for (column, seat) in open.enumerated() { columnOfSeat[seat] = column }
            let transpose = people > open.count
            let rows = transpose ? open.count : people
            let columns = transpose ? people : open.count
            var matrix = [Int64](repeating: 0, count: rows * columns)
            for pair in allowed where places[pair.seat] > 0 {
                let column = columnOfSeat[pair.seat]
                let cell = transpose ? column * columns + pair.participant : pair.participant * columns + column
                matrix[cell] = Int64(pair.cost)
            }
            let assignment = DenseAssignment.solve(rows: rows, columns: columns, cost: matrix)
            var pairing = [Int?](repeating: nil, count: people)
            for (row, column) in assignment.enumerated() {
                if transpose { pairing[column] = open[row] } else { pairing[row] = open[column] }
            }
            return pairing
        }
        return flowPairing(people: people, seats: places, allowed: allowed)
    }

    /// The optimal pairing as a min-cost flow, for any instance.
    static func flowPairing(people: Int, seats places: [Int], allowed: [Pairs.Allowed]) -> [Int?] {
        // Nodes: source, participants, interviewers, sink.
        let source = 0
        let sink = people + places.count + 1
        var network = MinCostFlow(nodes: sink + 1)
        for p in 0..<people { network.addEdge(from: source, to: 1 + p, capacity: 1, cost: 0) }
        let edges = allowed.map {
            network.addEdge(from: 1 + $0.participant, to: 1 + people + $0.seat, capacity: 1, cost: $0.cost)
        }
        for (s, count) in places.enumerated() {
            network.addEdge(from: 1 + people + s, to: sink, capacity: count, cost: 0)
        }
        _ = network.solve(source: source, sink: sink)
        var pairing = [Int?](repeating: nil, count: people)
        for (pair, edge) in zip(allowed, edges) where network.flow(on: edge) > 0 {
            pairing[pair.participant] = pair.seat
        }
        return pairing
    }

    /// Pairs below this many take the flow even when the matrix is full (see ``optimalPairing``).
    static let denseThreshold = 10_000

    static func pairCostReason(_ participant: String, _ interviewer: String, _ pairCosts: PairCosts?) -> [String] {
        guard let pairCosts,
            let given = pairCosts.costs[MatchSettings.Pair(participant: participant, interviewer: interviewer)]
        else { return [] }
        return [pairCosts.mode == .add ? "pair cost +\(given)" : "pair cost \(given) (replaces derived)"]
    }

    /// Every (participant, interviewer) pair checked against the rules: the allowed ones with cost
    /// and slot, and for each participant why each interviewer is or is not allowed.
    public struct Pairs: Sendable {
        public struct Allowed: Sendable {
            /// Indices into the participants and seats given.
            public let participant: Int
            public let seat: Int
            public let cost: Int
            public let slot: WeeklyWindow
        }
        public let allowed: [Allowed]
        /// `blocks[p][s]`: nil when allowed.
        let blocks: [[Block?]]
    }

    /// Checks every pair; participants and seats are used in the order given.
    public static func allowedPairs(people: [Participant], seats: [Seat], settings: MatchSettings) -> Pairs {
        let languageIndex = LanguageSets(people.map(\.languages) + seats.map(\.interviewer.languages))
        let seatLanguages = seats.map { languageIndex.set($0.interviewer.languages) }
        let excludedBySeat = seats.map { $0.interviewer.excludedParticipants }
        var allowed: [Pairs.Allowed] = []
        var blocks: [[Block?]] = []
        blocks.reserveCapacity(people.count)
        for (p, person) in people.enumerated() {
            let personLanguages = languageIndex.set(person.languages)
            let firstLanguage = languageIndex.set(Array(person.languages.prefix(1)))
            var row: [Block?] = []
            row.reserveCapacity(seats.count)
            for (s, seat) in seats.enumerated() {
                guard personLanguages.intersects(seatLanguages[s]) else { row.append(.language); continue }
                guard
                    let slot = person.availability.firstSharedSlot(
                        with: seat.interviewer.availability, minutes: settings.interviewMinutes)
                else { row.append(.availability); continue }
                if excludedBySeat[s].contains(person.id)
                    || settings.exclusions.contains(.init(participant: person.id, interviewer: seat.interviewer.id))
                {
                    row.append(.excluded)
                    continue
                }
                row.append(nil)
                var cost = Matcher.cost(
                    person, seat.interviewer, weights: settings.weights,
                    speaksFirstLanguage: seatLanguages[s].contains(firstLanguage))
                if let given = settings.pairCosts {
                    cost = given.cost(participant: person.id, interviewer: seat.interviewer.id, derived: cost)
                }
                allowed.append(Pairs.Allowed(participant: p, seat: s, cost: cost, slot: slot))
            }
            blocks.append(row)
        }
        return Pairs(allowed: allowed, blocks: blocks)
    }

    /// The cost of an allowed pair under `weights`.
    static func cost(
        _ person: Participant, _ interviewer: Interviewer, weights: MatchSettings.Weights, speaksFirstLanguage: Bool
    ) -> Int {
        var total = 0
        if !sameCommunity(person, interviewer) {
            switch person.prefersSameCommunity {
            case .yes: total += weights.community
            case .unspecified: total += weights.community / 3
            case .no: break
            }
        }
        if person.prefersGender != "any" && interviewer.gender != person.prefersGender { total += weights.gender }
        if !person.languages.isEmpty && !speaksFirstLanguage { total += weights.language }
        return total
    }

    static func sameCommunity(_ person: Participant, _ interviewer: Interviewer) -> Bool {
        guard let a = person.community, let b = interviewer.community else { return false }
        return a.lowercased() == b.lowercased()
    }

    static func reasons(_ person: Participant, _ interviewer: Interviewer, languages: LanguageSets) -> [String] {
        let spoken = languages.set(interviewer.languages)
        let shared = person.languages.filter { spoken.contains(languages.set([$0])) }
        var reasons = ["shares " + shared.joined(separator: ", ")]
        if let first = person.languages.first, !shared.contains(first) {
            reasons.append("first language \(first) not spoken")
        }
        if sameCommunity(person, interviewer) {
            reasons.append("same community")
        } else {
            switch person.prefersSameCommunity {
            case .yes: reasons.append("different community (prefers same)")
            case .unspecified: reasons.append("different community")
            case .no: reasons.append("different community (no preference)")
            }
        }
        if person.prefersGender != "any" {
            reasons.append(
                "prefers \(person.prefersGender): " + (interviewer.gender == person.prefersGender ? "met" : "not met"))
        }
        return reasons
    }

    static func unmatchedReason(_ person: Participant, _ blocks: [Block?], seats: [Seat], minutes: Int) -> String {
        if person.languages.isEmpty { return "no languages recorded" }
        if blocks.allSatisfy({ $0 == .language }) {
            return "no interviewer speaks " + person.languages.joined(separator: " or ")
        }
        if person.availability.isEmpty { return "no availability recorded" }
        if blocks.allSatisfy({ $0 == .language || $0 == .availability }) {
            return
                "no overlapping availability (\(minutes) minutes in one window) with any language-compatible interviewer"
        }
        if blocks.allSatisfy({ $0 != nil }) {
            return "excluded from every compatible interviewer (conflict of interest)"
        }
        let full = seats.indices.filter { blocks[$0] == nil }.map { seats[$0].interviewer.id }
        return "all compatible interviewers full (\(full.joined(separator: ", ")))"
    }
}

/// One matching run's bookings per interviewer, including those already in the study.
struct Booking {
    struct Entry { let window: WeeklyWindow; let participant: String }
    var bookings: [[Entry]]
    let minutes: Int
    let gap: Int
    /// Start times are tried every this many minutes from the start of each shared window.
    static let step = 5

    init(existing: [[WeeklyWindow]], settings: MatchSettings) {
        bookings = existing.map { $0.map { Entry(window: $0, participant: "already planned") } }
        minutes = settings.interviewMinutes
        gap = settings.gapMinutes
    }

    /// The earliest start both can make that keeps `gap` minutes from every booking of this seat.
    func earliest(_ person: Availability, seat: Int, _ interviewer: Availability) -> WeeklyWindow? {
        for mine in person.windows {
            for theirs in interviewer.windows where theirs.day == mine.day {
                let end = min(mine.end, theirs.end)
                var start = max(mine.start, theirs.start)
                while start + minutes <= end {
                    let candidate = WeeklyWindow(day: mine.day, start: start, end: start + minutes)
                    if let clash = bookings[seat].first(where: { clashes(candidate, $0.window) }) {
                        // Jump past the clashing booking rather than creeping up to it.
                        start = max(start + Booking.step, clash.window.end + gap)
                    } else {
                        return candidate
                    }
                }
            }
        }
        return nil
    }

    func clashes(_ a: WeeklyWindow, _ b: WeeklyWindow) -> Bool {
        a.day == b.day && a.start < b.end + gap && b.start < a.end + gap
    }

    mutating func add(_ window: WeeklyWindow, seat: Int, participant: String) {
        bookings[seat].append(Entry(window: window, participant: participant))
    }
}

/// Languages as bit sets, compared by primary language subtag: interviews are spoken, so an
/// `en-GB` speaker can interview someone who gave `en`.
struct LanguageSets {
    private var index: [String: Int] = [:]

    init(_ lists: [[String]]) {
        for list in lists {
            for tag in list {
                let key = LanguageSets.primary(tag)
                if index[key] == nil { index[key] = index.count }
            }
        }
    }

    static func primary(_ tag: String) -> String {
        String(tag.split(separator: "-").first ?? "").lowercased()
    }

    func set(_ tags: [String]) -> LanguageSet {
        var set = LanguageSet()
        for tag in tags { if let position = index[LanguageSets.primary(tag)] { set.insert(position) } }
        return set
    }
}

/// A set of small integers as bits, growing past 64 when a study has that many languages.
struct LanguageSet: Sendable {
    private var words: [UInt64] = [0]

    mutating func insert(_ position: Int) {
        while words.count <= position / 64 { words.append(0) }
        words[position / 64] |= 1 << UInt64(position % 64)
    }

    func intersects(_ other: LanguageSet) -> Bool {
        for i in 0..<min(words.count, other.words.count) where words[i] & other.words[i] != 0 { return true }
        return false
    }

    /// True when every member of `other` is in this set.
    func contains(_ other: LanguageSet) -> Bool {
        for i in 0..<other.words.count where other.words[i] != 0 {
            guard i < words.count, words[i] & other.words[i] == other.words[i] else { return false }
        }
        return true
    }
}
