/// Why a comparison or a consensus could not be made as asked.
public enum ConsensusError: Error, Sendable, Equatable {
    /// `--coders` or `--from` must name exactly two coders.
    case notTwoCoders([String])
    /// The two coders compared are the same one.
    case sameCoder(String)
    /// The consensus coder is one of the two whose work it settles.
    case consensusIsSource(String)
}

/// The consensus of two coders, written as a third coder's codings.
///
/// On each unit of ``Comparison`` (a segment both coders covered, and a code):
/// - a coding both coders share (the other coder has its code there too, or one under it) becomes
///   the consensus coder's, as ONE coding from the earliest start to the latest end of the two
///   coders' codings of exactly that code on the segment: the union, because the unit of agreement
///   is the segment and neither coder's text is lost (narrow it afterwards with `untag`/`tag`);
/// - a coding only one coder has is settled by the decision on its unit (its code on its
///   segment), else on the nearest unit above it with a decision: `keep` copies it with its own
///   span, `drop` leaves it out; without any decision its unit is left open.
///
/// Consensus only adds: rerunning it with the same decisions changes nothing, and a later `drop`
/// does not remove what an earlier `keep` added (use `untag`).
public enum Consensus {
    /// One decision read from a resolve file.
    public struct Decision: Sendable, Equatable {
        public enum Verdict: String, Sendable, Equatable { case keep, drop }
        public let unit: Comparison.Unit
        public let verdict: Verdict
        /// The line of the resolve file it came from.
        public let line: Int
    }

    /// What a consensus run did (or, with `dryRun`, would do).
    public struct Outcome: Sendable {
        public let coder: String
        public let coderA: String
        public let coderB: String
        public let createdCoder: Bool
        public let unit: String
        /// New codings from units both coders share.
        public let agreed: Int
        /// New codings from `keep` decisions.
        public let kept: Int
        /// Disagreements settled by `drop`.
        public let dropped: Int
        /// Decisions new or changed since the last run, each also in the audit trail.
        public let decisionsRecorded: Int
        /// Disagreements with no decision yet, in compare's order.
        public let open: [Comparison.Disagreement]
        public let dryRun: Bool
    }

    /// A consensus coder and the two coders it settles.
    public struct Source: Sendable, Equatable {
        public let coder: String
        public let from: [String]
    }

    /// The consensus coder `report` should count, with the two coders it settles: the most recent
    /// consensus whose coder has covered a transcript. Nil when there is none.
    public static func current(_ study: Study) throws -> Source? {
        let rows = try study.db.rows(
            """
            SELECT c.coder, c.coder_a, c.coder_b FROM consensus c
            WHERE EXISTS (SELECT 1 FROM coverage v WHERE v.coder = c.coder)
            ORDER BY c.created_at DESC, c.coder LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        return Source(coder: try row["coder"], from: [try row["coder_a"], try row["coder_b"]])
    }

    /// Reads a resolve file (what `compare --format csv` writes, perhaps edited in a spreadsheet):
    /// columns `transcript`, `segment`, `code` and `decision` are read, any other column is
    /// ignored; an empty decision leaves the unit open.
    ///
    /// - Throws: ``InvalidInput`` with every problem located by line and column (a missing column,
    ///   a decision that is not `keep` or `drop`, a segment that is not a number, one unit decided
    ///   twice).
    public static func readResolveFile(_ path: String) throws -> [Decision] {
        let csv = try HeadedCSV(path: path, expected: "transcript,segment,code,coder_a,coder_b,text,decision")
        var problems: [Diagnostic] = []
        var columns: [String: Int] = [:]
        for name in ["transcript", "segment", "code", "decision"] {
            if let index = csv.columns.firstIndex(of: name) {
                columns[name] = index
            } else {
                problems.append(
                    csv.headerProblem(
                        "missing column '\(name)'; a resolve file has the columns compare --format csv writes: transcript,segment,code,coder_a,coder_b,text,decision"
                    ))
            }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        var decisions: [Decision] = []
        var seen: [Comparison.Unit: (Decision.Verdict, Int)] = [:]
        while let record = try csv.next({ problems.append($0) }) {
            func field(_ name: String) -> String {
                record.fields[columns[name]!].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let word = field("decision")
            if word.isEmpty { continue }
            guard let verdict = Decision.Verdict(rawValue: word.lowercased()) else {
                problems.append(
                    Diagnostic(
                        file: path, line: record.line, column: columns["decision"]! + 1,
                        "decision '\(word)': expected keep or drop (or nothing, to leave the unit open)"))
                continue
            }
            guard let segment = Int(field("segment")), segment > 0 else {
                problems.append(
                    Diagnostic(
                        file: path, line: record.line, column: columns["segment"]! + 1,
                        "segment '\(field("segment"))': expected a segment number (1, 2, ...)"))
                continue
            }
            let unit = Comparison.Unit(transcript: field("transcript"), segment: segment, code: field("code"))
            if let (earlier, line) = seen[unit] {
                if earlier != verdict {
                    problems.append(
                        Diagnostic(
                            file: path, line: record.line, column: columns["decision"]! + 1,
                            "\(unit.code) on segment \(segment) of \(unit.transcript) is decided '\(earlier.rawValue)' on line \(line) and '\(verdict.rawValue)' here"
                        ))
                }
                continue
            }
            seen[unit] = (verdict, record.line)
            decisions.append(Decision(unit: unit, verdict: verdict, line: record.line))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return decisions
    }

    /// Makes `coder` the consensus of `from`, in one transaction (none with `dryRun`).
    ///
    /// `coder` is created when missing. Every decision read from `resolveFile` must name a unit
    /// the two coders differ on; each new or changed decision is recorded in the study and in the
    /// audit trail under `user`.
    ///
    /// ```swift
    /// let outcome = try Consensus.run(study, from: ("AB", "CD"), as: "AGREED", decisions: [], allSegments: false,
    ///     dryRun: false, user: "ana", resolveFile: nil)
    /// ```
    ///
    /// - Throws: ``ConsensusError``, ``CodingError`` for an unknown or invalid coder, and
    ///   ``InvalidInput`` for resolve rows naming an unknown transcript, segment or code, or a unit
    ///   the coders do not differ on.
    public static func run(
        _ study: Study, from coders: (String, String), as coder: String, decisions: [Decision],
        resolveFile: String?, allSegments: Bool, dryRun: Bool, user: String
    ) throws -> Outcome {
        let (a, b) = coders
        guard a != b else { throw ConsensusError.sameCoder(a) }
        guard coder != a, coder != b else { throw ConsensusError.consensusIsSource(coder) }
        let codeStore = CodeStore(study)
        try codeStore.requireCoder(a)
        try codeStore.requireCoder(b)
        let exists = try codeStore.coderIDs().contains(coder)
        if !exists, !Identifiers.isPersonID(coder) { throw CodingError.invalidCoderID(coder) }

        let comparison = try Comparison.run(
            study, coders: (a, b), allSegments: allSegments, redactor: try RedactionList(study).redactor())
        let differing = Dictionary(uniqueKeysWithValues: comparison.disagreements.map { ($0.key, $0) })
        try check(decisions, against: differing, comparison: comparison, study: study, file: resolveFile ?? "-")
        let verdicts = Dictionary(uniqueKeysWithValues: decisions.map { ($0.unit, $0.verdict) })
        let material = try Comparison.Material(study, coders: (a, b), transcript: nil, allSegments: allSegments)

        // What to add: the shared codings merged per (segment, code), and the kept ones as they are.
        var shared: [Comparison.Unit: (start: Int, end: Int)] = [:]
        var keep: [(Comparison.Place, Coding)] = []
        var open: Set<Comparison.Unit> = []
        for (place, _) in material.segments {
            let held = material.held(at: place, scope: nil)
            for side in 0..<2 {
                for coding in material.codings[side][place] ?? [] {
                    let unit = Comparison.Unit(transcript: place.transcript, segment: place.segment, code: coding.code)
                    if held[1 - side].contains(coding.code) {
                        let span = shared[unit] ?? (coding.start, coding.end)
                        shared[unit] = (min(span.start, coding.start), max(span.end, coding.end))
                        continue
                    }
                    let verdict = ([coding.code] + Code.ancestors(of: coding.code)).lazy.compactMap {
                        verdicts[Comparison.Unit(transcript: place.transcript, segment: place.segment, code: $0)]
                    }.first
                    switch verdict {
                    case .keep: keep.append((place, coding))
                    case .drop: break
                    case nil: open.insert(unit)
                    }
                }
            }
        }

        let transcripts = TranscriptStore(study)
        let codingStore = CodingStore(study)
        struct DryRun: Error {}
        var counts = (agreed: 0, kept: 0, recorded: 0)
        do {
            try study.db.transaction {
                if !exists { try codeStore.addCoder(coder, name: "consensus of \(a) and \(b)") }
                try study.db.execute(
                    """
                    INSERT INTO consensus(coder, coder_a, coder_b, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (coder) DO UPDATE SET coder_a = excluded.coder_a, coder_b = excluded.coder_b,
                        created_at = excluded.created_at
                    WHERE coder_a != excluded.coder_a OR coder_b != excluded.coder_b
                    """, [coder, a, b, Clock.nowTimestamp()])
                for transcript in material.transcripts { try codingStore.cover(transcript: transcript, coder: coder) }
                var segments: [Comparison.Place: Segment] = [:]
                func segment(_ place: Comparison.Place) throws -> Segment {
                    if let known = segments[place] { return known }
                    let found = try transcripts.segment(place.transcript, place.segment)
                    segments[place] = found
                    return found
                }
                for (unit, span) in shared.sorted(by: { $0.key < $1.key }) {
                    let place = Comparison.Place(transcript: unit.transcript, segment: unit.segment)
                    if try codingStore.insert(
                        segment: segment(place), code: unit.code, coder: coder, start: span.start, end: span.end,
                        memo: nil)
                    {
                        counts.agreed += 1
                    }
                }
                for (place, coding) in keep {
                    if try codingStore.insert(
                        segment: segment(place), code: coding.code, coder: coder, start: coding.start,
                        end: coding.end, memo: nil)
                    {
                        counts.kept += 1
                    }
                }
                for decision in decisions {
                    try study.db.execute(
                        """
                        INSERT INTO consensus_decision(coder, transcript, segment, code, decision, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (coder, transcript, segment, code) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at
                        WHERE decision != excluded.decision
                        """,
                        [
                            coder, decision.unit.transcript, decision.unit.segment, decision.unit.code,
                            decision.verdict.rawValue, Clock.nowTimestamp(),
                        ])
                    guard study.db.changes > 0 else { continue }
                    counts.recorded += 1
                    // The trail keeps no transcript id (see AuditLog): the decision, code and segment.
                    try AuditLog.append(
                        study, user: user, command: "consensus",
                        words:
                            "consensus decision \(decision.verdict.rawValue) \(decision.unit.code) on segment \(decision.unit.segment) of a transcript, \(a) vs \(b) as \(coder)",
                        changes: 1)
                }
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {}
        return Outcome(
            coder: coder, coderA: a, coderB: b, createdCoder: !exists, unit: comparison.unit, agreed: counts.agreed,
            kept: counts.kept, dropped: decisions.filter { $0.verdict == .drop }.count,
            decisionsRecorded: counts.recorded,
            open: comparison.disagreements.filter { open.contains($0.key) }, dryRun: dryRun)
    }

    /// Every decision names a unit the coders differ on; each one that does not is located.
    static func check(
        _ decisions: [Decision], against differing: [Comparison.Unit: Comparison.Disagreement],
        comparison: Comparison, study: Study, file: String
    ) throws {
        var problems: [Diagnostic] = []
        let transcripts = Set(try TranscriptStore(study).summaries().map(\.id))
        let codes = Set(try AnalysisScope().codes(study).map(\.path))
        for decision in decisions where differing[decision.unit] == nil {
            let unit = decision.unit
            let message: String
            if !transcripts.contains(unit.transcript) {
                message =
                    "unknown transcript '\(unit.transcript)'"
                    + (Suggestion.nearest(to: unit.transcript, in: Array(transcripts)).map {
                        " (did you mean '\($0)'?)"
                    }
                        ?? "")
            } else if (try? TranscriptStore(study).segment(unit.transcript, unit.segment)) == nil {
                message = "transcript \(unit.transcript) has no segment \(unit.segment)"
            } else if !codes.contains(unit.code) {
                message =
                    "unknown code '\(unit.code)'"
                    + (Suggestion.nearest(to: unit.code, in: Array(codes)).map { " (did you mean '\($0)'?)" } ?? "")
            } else {
                message =
                    "\(comparison.coderA) and \(comparison.coderB) do not differ on \(unit.code) in segment \(unit.segment) of \(unit.transcript) (run compare again for a current list)"
            }
            problems.append(Diagnostic(file: file, line: decision.line, message))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
    }
}
