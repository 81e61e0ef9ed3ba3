/// Inter-coder reliability statistics, exact and in double precision. Each returns nil when the
/// statistic is undefined (no variation, no pairable values) rather than NaN or a made-up 1.0.
public enum Reliability {
    /// Cohen's kappa for two coders from their 2x2 (or k x k) table of counts:
    /// `table[i][j]` = units coder A put in category i and coder B in j.
    ///
    /// κ = (pₒ − pₑ) / (1 − pₑ) (Cohen 1960).
    public static func cohenKappa(_ table: [[Double]]) -> Double? {
        let total = table.joined().reduce(0, +)
        guard total > 0 else { return nil }
        let k = table.count
        var observed = 0.0
        var expected = 0.0
        for i in 0..<k {
            observed += table[i][i]
            let row = table[i].reduce(0, +)
            let column = table.reduce(0) { $0 + $1[i] }
            expected += row * column
        }
        observed /= total
        expected /= total * total
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// A coincidence matrix for nominal data: `o[c][k]`, built unit by unit.
    public struct Coincidences: Sendable, Equatable {
        public private(set) var matrix: [[Double]]

        public init(categories: Int) {
            matrix = Array(repeating: Array(repeating: 0, count: categories), count: categories)
        }

        /// Adds one unit given how many coders put it in each category. Units with fewer than two
        /// values are not pairable and add nothing.
        public mutating func add(counts: [Int], times: Double = 1) {
            let m = counts.reduce(0, +)
            guard m >= 2 else { return }
            let weight = times / Double(m - 1)
            for c in counts.indices where counts[c] > 0 {
                for k in counts.indices where counts[k] > 0 {
                    let pairs = c == k ? Double(counts[c] * (counts[c] - 1)) : Double(counts[c] * counts[k])
                    matrix[c][k] += pairs * weight
                }
            }
        }

        public mutating func add(_ other: Coincidences) {
            for c in matrix.indices { for k in matrix.indices { matrix[c][k] += other.matrix[c][k] } }
        }

        /// Pairable values.
        public var total: Double { matrix.joined().reduce(0, +) }
    }

    /// Krippendorff's alpha for nominal data from a coincidence matrix:
    /// α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k (Krippendorff, "Computing Krippendorff's
    /// Alpha-Reliability", 2011). Missing values are simply absent from units.
    public static func krippendorffAlpha(_ coincidences: Coincidences) -> Double? {
        let o = coincidences.matrix
        let marginals = o.map { $0.reduce(0, +) }
        let n = marginals.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0
        var expected = 0.0
        for c in o.indices {
            for k in o.indices where c != k {
                observed += o[c][k]
                expected += marginals[c] * marginals[k]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }

    /// Krippendorff's alpha (nominal) from a units x coders table of category indices, nil = missing.
    public static func krippendorffAlpha(units: [[Int?]], categories: Int) -> Double? {
        var coincidences = Coincidences(categories: categories)
        for unit in units {
            var counts = [Int](repeating: 0, count: categories)
            for value in unit { if let value { counts[value] += 1 } }
            coincidences.add(counts: counts)
        }
        return krippendorffAlpha(coincidences)
    }

    /// Fleiss' kappa from `counts[unit][category]`, every unit rated by the same number of coders
    /// (Fleiss 1971). `times` lets identical units be given once with their multiplicity.
    public static func fleissKappa(_ counts: [[Int]], times: [Double]? = nil) -> Double? {
        guard let raters = counts.first?.reduce(0, +), raters >= 2 else { return nil }
        let categories = counts[0].count
        var units = 0.0
        var agreement = 0.0
        var totals = [Double](repeating: 0, count: categories)
        for (index, row) in counts.enumerated() {
            let weight = times?[index] ?? 1
            guard row.reduce(0, +) == raters else { return nil }
            units += weight
            let same = row.reduce(0) { $0 + $1 * ($1 - 1) }
            agreement += weight * Double(same) / Double(raters * (raters - 1))
            for j in 0..<categories { totals[j] += weight * Double(row[j]) }
        }
        guard units > 0 else { return nil }
        let meanAgreement = agreement / units
        let expected = totals.reduce(0) { $0 + pow2($1 / (units * Double(raters))) }
        guard expected < 1 else { return nil }
        return (meanAgreement - expected) / (1 - expected)
    }

    static func pow2(_ x: Double) -> Double { x * x }
}
