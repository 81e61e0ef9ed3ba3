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
        let store = AnalysisStore(study, coders: coders)
        let inScope = Set(try scope.codes(study).map(\.path))
        let (map, codings) = try CodedSegments.load(store, withCoder: false)
        let size = within == .segment ? map.transcriptOfSegment.count : map.participants.count
        var unitsByCode: [String: Bitset] = [:]
        // The scan is in code order: the current code's set is filled in place and stored when the
        // next code starts, so no row looks its code up.
        var current: String?
        var units = Bitset(count: 0)
        var touched = false
        func finish() {
            guard let code = current, touched else { return }
            if var earlier = unitsByCode[code] {
                earlier.formUnion(units)
                unitsByCode[code] = earlier
            } else {
                unitsByCode[code] = units
            }
        }
        var cursor = CodedSegments.Cursor(codings)
        while cursor.next() {
            if cursor.newCode {
                finish()
                current = inScope.contains(cursor.codes[cursor.code]) ? cursor.codes[cursor.code] : nil
                units = Bitset(count: current == nil ? 0 : size)
                touched = false
            }
            let segment = cursor.segment
            guard current != nil, segment < map.transcriptOfSegment.count else { continue }
            let transcript = Int(map.transcriptOfSegment[segment])
            guard transcript >= 0 else { continue }
            units.insert(within == .segment ? segment : map.participantOfTranscript[transcript])
            touched = true
        }
        finish()
        let codes = unitsByCode.keys.sorted()
        var pairs: [Pair] = []
        for (i, a) in codes.enumerated() {
            for b in codes[(i + 1)...] {
                let both = unitsByCode[a]!.intersectionCount(unitsByCode[b]!)
                guard both >= max(1, minimum) else { continue }
                let either = unitsByCode[a]!.unionCount(unitsByCode[b]!)
                pairs.append(Pair(a: a, b: b, count: both, jaccard: Double(both) / Double(either)))
            }
        }
        pairs.sort { ($0.count, $1.a, $1.b) > ($1.count, $0.a, $0.b) }
        return Result(within: within, coders: coders, codes: codes, units: unitsByCode.mapValues(\.count), pairs: pairs)
    }
}
