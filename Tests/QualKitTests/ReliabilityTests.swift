import Foundation
import Testing

@testable import QualKit

/// Agreement statistics against published worked examples and independent Python libraries.
@Suite struct ReliabilityTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units,
    /// values 1–5 with missing data; nominal alpha = 0.743.
    @Test func krippendorffWorkedExample() throws {
        let a: [Int?] = [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil]
        let b: [Int?] = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3]
        let c: [Int?] = [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil]
        let d: [Int?] = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]
        let units = (0..<12).map { [a[$0], b[$0], c[$0], d[$0]].map { $0.map { $0 - 1 } } }
        let alpha = try #require(Reliability.krippendorffAlpha(units: units, categories: 5))
        #expect(abs(alpha - 0.743) < 0.0005, "alpha \(alpha)")
    }

    /// The Fleiss' kappa example in Wikipedia (10 subjects, 14 raters, 5 categories): κ = 0.210.
    @Test func fleissWorkedExample() throws {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let kappa = try #require(Reliability.fleissKappa(counts))
        #expect(abs(kappa - 0.20993) < 0.00001, "kappa \(kappa)")
    }

    /// The textbook Cohen example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15 → κ = 0.4.
    @Test func cohenWorkedExample() throws {
        let kappa = try #require(Reliability.cohenKappa([[20, 5], [10, 15]]))
        #expect(abs(kappa - 0.4) < 1e-12)
    }

    @Test func degenerateTablesGiveNil() {
        #expect(Reliability.cohenKappa([[10, 0], [0, 0]]) == nil)
        #expect(Reliability.krippendorffAlpha(units: [[0, 0], [0, 0]], categories: 2) == nil)
        #expect(Reliability.fleissKappa([[3, 0], [3, 0]]) == nil)
        #expect(Reliability.krippendorffAlpha(units: [[0, nil], [nil, 1]], categories: 2) == nil)
    }

    /// Generated tables with alpha from Python's `krippendorff` and kappa from scikit-learn
    /// (Benchmarks/make_agreement_reference.py), matched to 1e-9.
    @Test func matchesPythonReferenceLibraries() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/agreement-reference.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count >= 10)
        for (index, entry) in cases.enumerated() {
            let categories = try #require(entry["categories"] as? Int)
            let units = try #require(entry["units"] as? [[Any]]).map { $0.map { $0 as? Int } }
            let alpha = try #require(Reliability.krippendorffAlpha(units: units, categories: categories))
            let expectedAlpha = try #require(entry["alpha"] as? Double)
            #expect(abs(alpha - expectedAlpha) < 1e-9, "case \(index): \(alpha) vs \(expectedAlpha)")
            if let expected = entry["kappa"] as? Double {
                var table = Array(repeating: Array(repeating: 0.0, count: categories), count: categories)
                for unit in units { if let a = unit[0], let b = unit[1] { table[a][b] += 1 } }
                let kappa = try #require(Reliability.cohenKappa(table))
                #expect(abs(kappa - expected) < 1e-9, "case \(index): \(kappa) vs \(expected)")
            }
        }
    }

    @Test func agreementStatisticsFromPatternsEqualTheDirectComputation() {
        // Two coders on 6 units: both tag 2, only A tags 1, only B tags 1, neither 2.
        var histogram: [Agreement.Pattern: Double] = [:]
        histogram[.init(mask: 0b11, tagged: 0b11)] = 2
        histogram[.init(mask: 0b11, tagged: 0b01)] = 1
        histogram[.init(mask: 0b11, tagged: 0b10)] = 1
        histogram[.init(mask: 0b11, tagged: 0)] = 2
        let stats = Agreement.statistics(histogram, coders: 2)
        #expect(stats.units == 6)
        #expect(abs(stats.percent! - 4.0 / 6.0 * 100) < 1e-12)
        #expect(abs(stats.kappa! - Reliability.cohenKappa([[2, 1], [1, 2]])!) < 1e-12)
        let direct = Reliability.krippendorffAlpha(
            units: [[1, 1], [1, 1], [1, 0], [0, 1], [0, 0], [0, 0]], categories: 2)!
        #expect(abs(stats.alpha! - direct) < 1e-12)
    }

    @Test func saturationFollowsGuestNameyAndChen() {
        // Base of 4 with codes a..f (6 unique); runs of 2 from interview 5.
        let interviews: [(String, Set<String>)] = [
            ("I1", ["a", "b", "c"]), ("I2", ["b", "d"]), ("I3", ["e"]), ("I4", ["a", "f"]),
            ("I5", ["g"]), ("I6", ["a"]), ("I7", ["h"]), ("I8", ["b"]), ("I9", ["c"]), ("I10", ["a"]),
        ]
        let result = Saturation.compute(interviews, base: 4, run: 2, threshold: 5, order: .id, coders: ["AB"])
        #expect(result.baseUnique == 6)
        #expect(result.interviews.map(\.cumulative) == [3, 4, 5, 6, 7, 7, 8, 8, 8, 8])
        #expect(result.runs.map(\.newCodes) == [1, 1, 1, 0, 0])
        #expect(abs(result.runs.first!.ratio - 100.0 / 6) < 1e-12)
        #expect(result.saturationAt == 7)
        #expect(result.notation == "7+2")
        let never = Saturation.compute(
            Array(interviews.prefix(5)), base: 4, run: 2, threshold: 5, order: .id, coders: ["AB"])
        #expect(never.saturationAt == nil)
        #expect(never.reason?.hasPrefix("needs at least 6 coded interviews") == true)
    }
}
