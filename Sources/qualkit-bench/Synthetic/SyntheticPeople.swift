import QualKit

/// Generated participants and interviewers for benchmarks and scale tests: communities with their
/// languages, weekly windows skewed to evenings and weekends, preferences, household attributes.
enum SyntheticPeople {
    static let communities: [(name: String, languages: [String])] = [
        ("Pakistani", ["ur", "pa", "en"]), ("Bangladeshi", ["bn", "syl", "en"]),
        ("Indian Gujarati", ["gu", "hi", "en"]),
        ("Indian Punjabi", ["pa", "hi", "en"]), ("Somali", ["so", "ar", "en"]), ("Black Caribbean", ["en"]),
        ("Chinese", ["yue", "zh", "en"]), ("Black African", ["en", "fr", "yo"]), ("Polish", ["pl", "en"]),
        ("Arab", ["ar", "en"]), ("Kurdish", ["ku", "ar", "en"]), ("Eritrean", ["ti", "ar", "en"]),
    ]
    static let households = [
        "multi-generational", "living with partner", "living alone", "single parent", "shared house",
    ]
    static let ageBands = ["18-24", "25-34", "35-49", "50-64", "65+"]

    static func languages(_ base: [String], _ random: inout SeededRandom) -> [String] {
        var spoken = [base[0]]
        for language in base.dropFirst() where random.chance(0.6) { spoken.append(language) }
        if random.chance(0.3), let english = base.last, english == "en", spoken[0] != "en" {
            spoken.swapAt(0, spoken.count - 1)
        }
        return spoken
    }

    static func availability(_ random: inout SeededRandom, windows: ClosedRange<Int>, length: ClosedRange<Int>)
        -> Availability
    {
        var result: [WeeklyWindow] = []
        for _ in 0..<random.int(windows) {
            let weekend = random.chance(0.35)
            let day = weekend ? random.int(5...6) : random.int(0...4)
            let start = (weekend ? random.int(9...16) : random.pick([9, 10, 13, 14, 17, 18, 19])) * 60
            result.append(WeeklyWindow(day: day, start: start, end: min(24 * 60, start + random.int(length) * 60)))
        }
        return Availability(windows: result)
    }

    static func participants(_ count: Int, seed: UInt64) -> [Participant] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { n in
            let community = random.pick(communities)
            let gender = random.pick(["f", "m"])
            return Participant(
                id: "P\(String(n + 1).leftPadded(to: 6))", languages: languages(community.languages, &random),
                gender: gender,
                community: community.name, availability: availability(&random, windows: 1...3, length: 1...3),
                prefersGender: random.chance(0.25) ? gender : "any",
                prefersSameCommunity: random.pick([.yes, .yes, .unspecified, .unspecified, .no]),
                consent: Consent(quotes: random.chance(0.75)),
                attributes: ["household": random.pick(households), "age_band": random.pick(ageBands)])
        }
    }

    static func interviewers(_ count: Int, capacity: Int, seed: UInt64) -> [Interviewer] {
        var random = SeededRandom(seed: seed &+ 0x5EED)
        return (0..<count).map { n in
            let community = random.pick(communities)
            return Interviewer(
                id: "I\(String(n + 1).leftPadded(to: 4))", name: "Interviewer \(n + 1)",
                languages: community.languages, gender: random.pick(["f", "m"]), community: community.name,
                capacity: capacity, availability: availability(&random, windows: 2...4, length: 2...6))
        }
    }
}

extension String {
    /// `7` -> `000007`.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
