/// Which codes occur together, in one segment or in one participant's interviews.
public enum Cooccurrence {
    public enum Within: String, Sendable, CaseIterable { case segment, participant }

    public struct Pair: Sendable, Equatable {
        public let a: String
        public let b: String
        /// Units where both occur.
        public let count: Int
        /// both / either.
        public let jaccard: Double
    }

    public struct Result: Sendable, Equatable {
        public let within: Within
        public let coders: [String]
        public let codes: [String]
        /// Units per code, for the matrix diagonal.
        public let units: [String: Int]
        /// By count, then codes.
        public let pairs: [Pair]
    }

    /// Codes are counted as applied (no roll-up: a parent would trivially co-occur with its children).
    public static func run(_ study: Study, scope: AnalysisScope, within: Within, minimum: Int) throws -> Result {
        let coders = try scope.resolveCoders(study)
        let store = AnalysisStore(study)
        try store.select(coders: coders)
        let inScope = Set(try scope.codes(study).map(\.path))
        var unitsByCode: [String: Set<String>] = [:]
        try store.forEachApplied { code, segment, _, participant, _ in
            guard inScope.contains(code) else { return }
            unitsByCode[code, default: []].insert(within == .segment ? String(segment) : participant)
        }
        let codes = unitsByCode.keys.sorted()
        var pairs: [Pair] = []
        for (i, a) in codes.enumerated() {
            for b in codes[(i + 1)...] {
                let both = unitsByCode[a]!.intersection(unitsByCode[b]!).count
                guard both >= max(1, minimum) else { continue }
                let either = unitsByCode[a]!.union(unitsByCode[b]!).count
                pairs.append(Pair(a: a, b: b, count: both, jaccard: Double(both) / Double(either)))
            }
        }
        pairs.sort { ($0.count, $1.a, $1.b) > ($1.count, $0.a, $0.b) }
        return Result(within: within, coders: coders, codes: codes, units: unitsByCode.mapValues(\.count), pairs: pairs)
    }
}
