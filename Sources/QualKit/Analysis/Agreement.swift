/// Inter-coder agreement per code on participant segments.
///
/// Unit: a segment (participant turns unless `allSegments`). A coder's value for a code on a unit
/// is 1 if they tagged the segment with the code or one under it, 0 if they covered the segment's
/// transcript without tagging it, missing if they did not cover the transcript. Every statistic is
/// a function of how many coders saw each unit and how many tagged it, so units nobody tagged are
/// counted in bulk, and only tagged units are visited one by one.
public enum Agreement {
    public struct CodeAgreement: Sendable, Equatable {
        public let code: String
        public let isLeaf: Bool
        /// Units coded by at least two selected coders.
        public let units: Int
        public let percentAgreement: Double?
        /// Cohen's kappa: exactly two coders, over units both covered.
        public let kappa: Double?
        /// Krippendorff's alpha, nominal, missing values allowed.
        public let alpha: Double?
        /// Fleiss' kappa: three or more coders, over units all covered.
        public let fleissKappa: Double?
        public let note: String?
    }

    public struct Overall: Sendable, Equatable {
        /// Alpha over every unit x leaf code.
        public let alpha: Double?
        public let meanKappa: Double?
        public let meanAlpha: Double?
    }

    public struct Result: Sendable, Equatable {
        public let coders: [String]
        public let unit: String
        public let codes: [CodeAgreement]
        public let overall: Overall
    }

    /// Krippendorff's thresholds: below 0.667 unacceptable, below 0.800 tentative.
    public static let tentative = 0.667
    public static let acceptable = 0.800

    /// Agreement of each code in scope between the coders, per unit.
    ///
    /// A unit is a participant segment (every segment with `allSegments`) of a transcript at least
    /// two of the coders covered. A coder's value for a code is 1 when they tagged the unit with the
    /// code or one under it, 0 when they covered its transcript without doing so. Without
    /// `selected`, the coders are those who covered any transcript.
    ///
    /// ```swift
    /// let result = try Agreement.run(study, coders: ["AB", "CD"], codePrefix: "barrier", allSegments: false)
    /// print(result.overall.alpha ?? .nan)
    /// ```
    ///
    /// - Throws: ``AnalysisError/tooFewCoders(_:)`` or ``AnalysisError/tooManyCoders(_:limit:)``, and
    ///   ``CodingError`` for an unknown coder or code.
    public static func run(_ study: Study, coders selected: [String]?, codePrefix: String?, allSegments: Bool) throws
        -> Result
    {
        let scope = AnalysisScope(coders: selected, codePrefix: codePrefix)
        let coders = try comparedCoders(study, scope: scope, selected: selected)
        let store = AnalysisStore(study, coders: coders)
        let (map, codings) = try CodedSegments.load(store, withCoder: true)
        let masks = try coverageMasks(store, map: map, coders: coders)
        let interviewerTurns = allSegments ? nil : try map.interviewerTurns(study.db)
        // Units every code starts from: how many segments each coverage pattern has.
        var unitsByMask: [UInt64: Int] = [:]
        for (segment, transcript) in map.transcriptOfSegment.enumerated() where transcript >= 0 {
            let mask = masks[Int(transcript)]
            guard mask.nonzeroBitCount >= 2, !(interviewerTurns?.contains(segment) ?? false) else { continue }
            unitsByMask[mask, default: 0] += 1
        }
        let codes = try scope.codes(study)
        let tagged = taggedUnits(
            codings, map: map, masks: masks, codes: codes, coders: coders, excluding: interviewerTurns)
        let paths = Set(codes.map(\.path))
        let leaves = Set(codes.filter { code in !paths.contains { $0.hasPrefix(code.path + ".") } }.map(\.path))

        var results: [CodeAgreement] = []
        var pooled = Reliability.Coincidences(categories: 2)
        for (position, code) in codes.enumerated() {
            // (coverage mask, tagged mask) -> units.
            var histogram: [Pattern: Double] = [:]
            for (mask, count) in unitsByMask { histogram[Pattern(mask: mask, tagged: 0)] = Double(count) }
            for (pattern, units) in tagged[position] {
                histogram[Pattern(mask: pattern.mask, tagged: 0), default: 0] -= Double(units)
                histogram[pattern, default: 0] += Double(units)
            }
            let stats = statistics(histogram, coders: coders.count)
            if leaves.contains(code.path) { pooled.add(stats.coincidences) }
            results.append(
                CodeAgreement(
                    code: code.path, isLeaf: leaves.contains(code.path), units: stats.units,
                    percentAgreement: stats.percent,
                    kappa: stats.kappa, alpha: stats.alpha, fleissKappa: stats.fleiss, note: stats.note))
        }
        return Result(
            coders: coders, unit: allSegments ? "segment" : "participant segment", codes: results,
            overall: overall(results, pooled: pooled))
    }

    /// The coders compared: those selected, else every coder who covered a transcript.
    static func comparedCoders(_ study: Study, scope: AnalysisScope, selected: [String]?) throws -> [String] {
        var coders = try scope.resolveCoders(study)
        if selected == nil {
            let active = Set(try AnalysisStore(study, coders: coders).coverage().map(\.coder))
            coders = coders.filter { active.contains($0) }
        }
        guard coders.count >= 2 else { throw AnalysisError.tooFewCoders(coders) }
        guard coders.count <= 62 else { throw AnalysisError.tooManyCoders(coders.count, limit: 62) }
        return coders
    }

    /// Per transcript (in `map`'s order), a bit for each coder who covered it.
    static func coverageMasks(_ store: AnalysisStore, map: CodedSegments, coders: [String]) throws -> [UInt64] {
        let index = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1, $0) })
        let transcriptIndex = Dictionary(uniqueKeysWithValues: map.transcripts.enumerated().map { ($1, $0) })
        var masks = [UInt64](repeating: 0, count: map.transcripts.count)
        for (transcript, coder) in try store.coverage() {
            if let t = transcriptIndex[transcript], let c = index[coder] { masks[t] |= 1 << UInt64(c) }
        }
        return masks
    }

    /// Per code in scope, the tagged units counted by pattern (coverage mask, mask of the coders who
    /// tagged it), rolled up to ancestors; units covered by fewer than two coders are left out.
    static func taggedUnits(
        _ codings: CodedSegments.Codings, map: CodedSegments, masks: [UInt64], codes: [Code], coders: [String],
        excluding interviewerTurns: Bitset?
    ) -> [[(pattern: Pattern, units: Int)]] {
        let index = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1, $0) })
        let scopeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.path, $0) })
        // Per applied code: (segment << 6 | coder) for each tag, in segment order as the scan gives
        // them, so a code's tags need no sort and a parent's are a merge of its children's.
        var applied: [(path: String, tags: [UInt64])] = []
        var tags: [UInt64] = []
        var cursor = CodedSegments.Cursor(codings)
        while cursor.next() {
            if cursor.newCode {
                if !applied.isEmpty { applied[applied.count - 1].tags = tags }
                applied.append((cursor.codes[cursor.code], []))
                tags = []
            }
            let segment = cursor.segment
            guard segment < map.transcriptOfSegment.count, map.transcriptOfSegment[segment] >= 0,
                !(interviewerTurns?.contains(segment) ?? false)
            else { continue }
            tags.append(UInt64(segment) << 6 | UInt64(cursor.coder))
        }
        if !applied.isEmpty { applied[applied.count - 1].tags = tags }
        let coderIndex = cursor.coders.map { index[$0]! }
        var sources = [[Int]](repeating: [], count: codes.count)
        for (position, code) in applied.enumerated() {
            for target in CodedSegments.rollup(code.path, scope: scopeIndex) { sources[target].append(position) }
        }
        return sources.map { from in
            var entries: [UInt64] = []
            for position in from { entries = mergedBySegment(entries, applied[position].tags) }
            // Few distinct patterns: counted in a short list, not hashed per unit.
            var patterns: [(pattern: Pattern, units: Int)] = []
            func add(_ segment: Int, _ taggedMask: UInt64) {
                let mask = masks[Int(map.transcriptOfSegment[segment])]
                guard mask.nonzeroBitCount >= 2 else { return }
                let same = Pattern(mask: mask, tagged: taggedMask)
                if let found = patterns.firstIndex(where: { $0.pattern == same }) {
                    patterns[found].units += 1
                } else {
                    patterns.append((same, 1))
                }
            }
            var current = -1
            var taggedMask: UInt64 = 0
            for entry in entries {
                let segment = Int(entry >> 6)
                if segment != current {
                    if current >= 0 { add(current, taggedMask) }
                    current = segment
                    taggedMask = 0
                }
                taggedMask |= 1 << UInt64(coderIndex[Int(entry & 63)])
            }
            if current >= 0 { add(current, taggedMask) }
            return patterns
        }
    }

    /// Two lists of tags, each in segment order, as one in segment order.
    static func mergedBySegment(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var merged: [UInt64] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] >> 6 <= b[j] >> 6 {
                merged.append(a[i])
                i += 1
            } else {
                merged.append(b[j])
                j += 1
            }
        }
        merged.append(contentsOf: a[i...])
        merged.append(contentsOf: b[j...])
        return merged
    }

    /// Alpha pooled over every unit x leaf code, and the means of the leaf codes' kappas and alphas.
    static func overall(_ results: [CodeAgreement], pooled: Reliability.Coincidences) -> Overall {
        let leafResults = results.filter(\.isLeaf)
        let kappas = leafResults.compactMap(\.kappa)
        let alphas = leafResults.compactMap(\.alpha)
        return Overall(
            alpha: Reliability.krippendorffAlpha(pooled),
            meanKappa: kappas.isEmpty ? nil : kappas.reduce(0, +) / Double(kappas.count),
            meanAlpha: alphas.isEmpty ? nil : alphas.reduce(0, +) / Double(alphas.count))
    }

    struct Pattern: Hashable {
        let mask: UInt64
        let tagged: UInt64
    }

    struct Statistics {
        var units = 0
        var percent: Double?
        var kappa: Double?
        var alpha: Double?
        var fleiss: Double?
        var note: String?
        var coincidences = Reliability.Coincidences(categories: 2)
    }

    /// Every statistic from the histogram of coverage and tagging patterns.
    static func statistics(_ histogram: [Pattern: Double], coders: Int) -> Statistics {
        var stats = Statistics()
        var agreeingPairs = 0.0
        var allPairs = 0.0
        var cohen: [[Double]] = [[0, 0], [0, 0]]
        var fleissRows: [[Int]] = []
        var fleissTimes: [Double] = []
        let everyone: UInt64 = coders >= 64 ? .max : (1 << UInt64(coders)) - 1
        var ones = 0.0
        var zeros = 0.0
        for (pattern, count) in histogram where count > 0 {
            let m = pattern.mask.nonzeroBitCount
            let n1 = pattern.tagged.nonzeroBitCount
            let n0 = m - n1
            stats.units += Int(count)
            ones += count * Double(n1)
            zeros += count * Double(n0)
            agreeingPairs += count * Double(n1 * (n1 - 1) / 2 + n0 * (n0 - 1) / 2)
            allPairs += count * Double(m * (m - 1) / 2)
            stats.coincidences.add(counts: [n0, n1], times: count)
            if coders == 2 {
                let a = pattern.tagged & 1 != 0 ? 1 : 0
                let b = pattern.tagged & 2 != 0 ? 1 : 0
                cohen[a][b] += count
            }
            if coders >= 3 && pattern.mask == everyone {
                fleissRows.append([n0, n1])
                fleissTimes.append(count)
            }
        }
        guard stats.units > 0 else {
            stats.note = "no segment was coded by two or more of the selected coders"
            return stats
        }
        stats.percent = allPairs > 0 ? agreeingPairs / allPairs * 100 : nil
        if ones == 0 || zeros == 0 {
            stats.note =
                ones == 0
                ? "no variation: no selected coder applied this code, so chance-corrected statistics are undefined"
                : "no variation: every coder applied this code to every unit, so chance-corrected statistics are undefined"
            return stats
        }
        stats.alpha = Reliability.krippendorffAlpha(stats.coincidences)
        if coders == 2 { stats.kappa = Reliability.cohenKappa(cohen) }
        if coders >= 3 { stats.fleiss = Reliability.fleissKappa(fleissRows, times: fleissTimes) }
        return stats
    }
}
