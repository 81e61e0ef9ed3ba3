import Foundation
import QualKit

/// The analysis benchmark: a generated study of coded transcripts, then each analysis timed.
enum AnalysisBenchmark {
    struct Figures: Sendable {
        let transcripts: Int
        let segments: Int
        let codings: Int
        let buildSeconds: Double
        /// (analysis, seconds).
        let timings: [(String, Double)]
        let peakMemoryMiB: Double
        let studyPath: String
    }

    /// Writes a study with `transcripts` transcripts of `segmentsPerTranscript` segments (half of
    /// them participant turns), two coders covering every transcript, and about `codings` codings,
    /// each coder agreeing with a shared "truth" most of the time. Reuses the study if it exists.
    static func build(at path: String, transcripts: Int, segmentsPerTranscript: Int, codings: Int, seed: UInt64)
        throws -> (Study, Double)
    {
        if FileManager.default.fileExists(atPath: path) { return (try Study.open(at: path), 0) }
        let (study, seconds) = try BenchmarkClock.time { () throws -> Study in
            let study = try Study.create(at: path, title: "Analysis benchmark")
            var random = SeededRandom(seed: seed)
            let codes = [
                "barrier.stigma", "barrier.stigma.family", "barrier.stigma.community", "barrier.appointment-times",
                "barrier.language", "barrier.trust", "barrier.awareness", "barrier.waiting",
                "facilitator.trusted-person",
                "facilitator.faith-community", "suggestion.flexible-appointments", "suggestion.community-outreach",
            ]
            let db = study.db
            try db.transaction {
                for code in codes { try CodeStore(study).save(Code(path: code), isNew: true) }
                try CodeStore(study).addCoder("AB", name: nil)
                try CodeStore(study).addCoder("CD", name: nil)
                let households = SyntheticPeople.households
                let people = try db.prepare("INSERT INTO participant(id, created_at) VALUES (?, '2026-01-01')")
                let attribute = try db.prepare(
                    "INSERT INTO participant_attribute(participant, key, value) VALUES (?, 'household', ?)")
                let interview = try db.prepare(
                    "INSERT INTO interview(id, participant, status, date, created_at) VALUES (?, ?, 'done', ?, '2026-01-01')"
                )
                let transcript = try db.prepare(
                    "INSERT INTO transcript(id, interview, format, source_file, imported_at) VALUES (?, ?, 'txt', 'generated', '2026-01-01')"
                )
                let segment = try db.prepare(
                    "INSERT INTO segment(transcript, number, speaker, role, text, text_start, text_end) VALUES (?, ?, ?, ?, 'turn', 0, 4)"
                )
                let coverage = try db.prepare("INSERT INTO coverage(transcript, coder) VALUES (?, ?)")
                let coding = try db.prepare(
                    "INSERT OR IGNORE INTO coding(segment, code, coder, start, end, transcript_start, transcript_end, created_at) VALUES (?, ?, ?, 0, 4, 0, 4, '2026-01-01')"
                )
                // Each tag yields about 1.9 rows (two coders at 0.85, plus extras), less duplicates.
                let perTranscript = Double(codings) / Double(transcripts) / 1.75
                let participantSegments = max(1, segmentsPerTranscript / 2)
                for n in 1...transcripts {
                    let id = "P\(String(n).leftPadded(to: 6))"
                    try people.run([id])
                    try attribute.run([id, random.pick(households)])
                    try interview.run([
                        id, id,
                        "2024-\(String(random.int(1...12)).leftPadded(to: 2))-\(String(random.int(1...28)).leftPadded(to: 2))",
                    ])
                    try transcript.run([id, id])
                    try coverage.run([id, "AB"])
                    try coverage.run([id, "CD"])
                    var firstSegment: Int64 = 0
                    for number in 1...segmentsPerTranscript {
                        try segment.run([
                            id, number, number % 2 == 1 ? "Interviewer" : id,
                            number % 2 == 1 ? "interviewer" : "participant",
                        ])
                        if number == 1 { firstSegment = db.lastInsertedRowID }
                    }
                    // Each "true" tag is applied by each coder with probability 0.85; each coder adds a few of their own.
                    let tags = Int(perTranscript.rounded())
                    for _ in 0..<tags {
                        let seg = firstSegment + Int64(2 * random.int(0...participantSegments - 1) + 1)
                        let code = random.pick(codes)
                        for coder in ["AB", "CD"] {
                            if random.chance(0.85) { try coding.run([seg, code, coder]) }
                            if random.chance(0.1) {
                                try coding.run([
                                    firstSegment + Int64(2 * random.int(0...participantSegments - 1) + 1),
                                    random.pick(codes), coder,
                                ])
                            }
                        }
                    }
                }
            }
            return study
        }
        return (study, seconds)
    }

    static func run(at path: String, transcripts: Int, segmentsPerTranscript: Int, codings: Int, seed: UInt64)
        throws -> Figures
    {
        let (study, buildSeconds) = try build(
            at: path, transcripts: transcripts, segmentsPerTranscript: segmentsPerTranscript, codings: codings,
            seed: seed)
        var timings: [(String, Double)] = []
        timings.append(("tally", try BenchmarkClock.time { _ = try Tally.run(study, scope: AnalysisScope()) }.1))
        timings.append(
            (
                "tally --by household",
                try BenchmarkClock.time { _ = try Tally.run(study, scope: AnalysisScope(), by: "household") }.1
            ))
        timings.append(
            (
                "agreement",
                try BenchmarkClock.time {
                    _ = try Agreement.run(study, coders: nil, codePrefix: nil, allSegments: false)
                }.1
            ))
        timings.append(
            (
                "saturation",
                try BenchmarkClock.time {
                    _ = try Saturation.run(study, scope: AnalysisScope(), base: 4, run: 2, threshold: 5, order: .date)
                }.1
            ))
        timings.append(
            (
                "cooccur",
                try BenchmarkClock.time {
                    _ = try Cooccurrence.run(study, scope: AnalysisScope(), within: .segment, minimum: 1)
                }.1
            ))
        let counts = try study.db.row(
            "SELECT (SELECT count(*) FROM transcript) AS t, (SELECT count(*) FROM segment) AS s, (SELECT count(*) FROM coding) AS c"
        )!
        return try Figures(
            transcripts: counts["t"], segments: counts["s"], codings: counts["c"], buildSeconds: buildSeconds,
            timings: timings, peakMemoryMiB: BenchmarkClock.peakMemoryMiB(), studyPath: path)
    }
}
