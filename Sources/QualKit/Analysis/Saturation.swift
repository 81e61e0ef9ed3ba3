/// Thematic saturation by the method of Guest, Namey & Chen (2020), "A simple method to assess and
/// report thematic saturation in qualitative research", PLOS ONE 15(5): e0232076.
public enum Saturation {
    public enum Order: String, Sendable, CaseIterable { case date, id }

    public struct Step: Sendable, Equatable {
        public let interview: String
        /// Codes first seen in this interview.
        public let firstSeen: [String]
        /// Unique codes so far.
        public let cumulative: Int
    }

    public struct Run: Sendable, Equatable {
        /// 1-based positions of the run's first and last interviews.
        public let from: Int
        public let to: Int
        public let newCodes: Int
        /// newCodes / base unique codes x 100.
        public let ratio: Double
    }

    public struct Result: Sendable, Equatable {
        public let base: Int
        public let run: Int
        public let threshold: Double
        public let order: Order
        public let coders: [String]
        public let interviews: [Step]
        public let baseUnique: Int
        public let runs: [Run]
        /// Interviews before the first run at or below the threshold; nil when never reached.
        public let saturationAt: Int?
        /// `6+2`: saturation at 6 interviews, confirmed by a run of 2.
        public let notation: String?
        /// Why saturation was not reached, when it was not.
        public let reason: String?
    }

    public static let method = """
        Guest, Namey & Chen (2020): the base is the first BASE interviews and its number of unique codes the \
        denominator; runs of RUN consecutive interviews start right after the base and slide by one; a run's new \
        information is the number of codes not seen in any earlier interview, as a percentage of the base's unique \
        codes; saturation is reached at the first run at or below the threshold, reported as interviews before the run + RUN.
        """
    /// ``method`` with a run's settings in place of BASE and RUN, for output that reports that run.
    public static func method(base: Int, run: Int) -> String {
        method.replacingOccurrences(of: "BASE", with: String(base)).replacingOccurrences(of: "RUN", with: String(run))
    }
    public static let citation =
        "Guest G, Namey E, Chen M (2020). A simple method to assess and report thematic saturation in qualitative research. PLOS ONE 15(5): e0232076. https://doi.org/10.1371/journal.pone.0232076"

    /// Thematic saturation by Guest, Namey & Chen (2020): the codes of the first `base` interviews
    /// are the base; each later run of `run` interviews adds new codes; saturation is reached at the
    /// first run whose new codes are at most `threshold` percent of the base.
    ///
    /// Interviews are those with a transcript the selected coders covered, in `order` (interview
    /// date, then id; or id alone).
    public static func run(_ study: Study, scope: AnalysisScope, base: Int, run: Int, threshold: Double, order: Order)
        throws -> Result
    {
        let coders = try scope.resolveCoders(study)
        let store = AnalysisStore(study, coders: coders)
        let inScope = Set(try scope.codes(study).map(\.path))
        let covered = try store.coveredTranscripts()
        let (map, codings) = try CodedSegments.load(store, withCoder: false)
        var codeSets = [Set<Int>](repeating: [], count: map.transcripts.count)
        var inScopeCode: [Bool] = []
        // Rows come in code, then segment order: a code is added to a transcript once per run of
        // that transcript's segments, not hashed once per coding.
        var lastTranscript = -1
        var cursor = CodedSegments.Cursor(codings)
        while cursor.next() {
            if cursor.newCode {
                inScopeCode.append(inScope.contains(cursor.codes[cursor.code]))
                lastTranscript = -1
            }
            let segment = cursor.segment
            guard inScopeCode[cursor.code], segment < map.transcriptOfSegment.count else { continue }
            let transcript = Int(map.transcriptOfSegment[segment])
            if transcript >= 0 && transcript != lastTranscript {
                lastTranscript = transcript
                codeSets[transcript].insert(cursor.code)
            }
        }
        let codes = cursor.codes
        var codesByTranscript: [String: Set<String>] = [:]
        for (index, set) in codeSets.enumerated() where !set.isEmpty {
            codesByTranscript[map.transcripts[index]] = Set(set.map { codes[$0] })
        }
        let ordered = covered.sorted { a, b in
            if order == .date {
                switch (a.date, b.date) {
                case let (x?, y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
            }
            return a.interview < b.interview
        }
        return compute(
            ordered.map { ($0.interview, codesByTranscript[$0.transcript] ?? []) }, base: base, run: run,
            threshold: threshold, order: order, coders: coders)
    }

    /// The method on interviews already in order, each with the codes applied in it.
    public static func compute(
        _ interviews: [(String, Set<String>)], base: Int, run: Int, threshold: Double, order: Order, coders: [String]
    ) -> Result {
        var seen: Set<String> = []
        var rows: [Step] = []
        var seenBefore: [Set<String>] = []
        for (id, codes) in interviews {
            seenBefore.append(seen)
            let fresh = codes.subtracting(seen).sorted()
            seen.formUnion(codes)
            rows.append(Step(interview: id, firstSeen: fresh, cumulative: seen.count))
        }
        let baseUnique = interviews.prefix(base).reduce(into: Set<String>()) { $0.formUnion($1.1) }.count
        var runs: [Run] = []
        var saturationAt: Int?
        if baseUnique > 0 {
            var start = base
            while start + run <= interviews.count {
                var fresh: Set<String> = []
                for index in start..<(start + run) {
                    fresh.formUnion(interviews[index].1.subtracting(seenBefore[start]))
                }
                let ratio = Double(fresh.count) / Double(baseUnique) * 100
                runs.append(Run(from: start + 1, to: start + run, newCodes: fresh.count, ratio: ratio))
                if saturationAt == nil && ratio <= threshold { saturationAt = start }
                start += 1
            }
        }
        var reason: String?
        if saturationAt == nil {
            if interviews.count < base + run {
                reason =
                    "needs at least \(base + run) coded interviews (base \(base) + run \(run)); the study has \(interviews.count)"
            } else if baseUnique == 0 {
                reason = "the base interviews have no codes"
            } else {
                reason = "no run of \(run) interviews added \(threshold)% or less new information"
            }
        }
        return Result(
            base: base, run: run, threshold: threshold, order: order, coders: coders, interviews: rows,
            baseUnique: baseUnique, runs: runs, saturationAt: saturationAt,
            notation: saturationAt.map { "\($0)+\(run)" }, reason: reason)
    }
}
