import Foundation
import QualKit

/// `qualkit bench ...`: benchmarks on generated data. Build in release mode for real figures:
/// `swift run -c release qualkit bench match`.
enum BenchCommands {
    static let all: [Command] = [match, importFiles, analysis]

    /// Every benchmark generates its data from a seed, so figures can be reproduced.
    static let seed = Option(
        name: "seed", value: .integer("n", 0...Int.max), help: "Seed of the generator.", defaultValue: "1")

    static func seed(_ inv: Invocation) -> UInt64 { UInt64(inv.integer("seed") ?? 1) }

    static let match = Command(
        path: ["bench", "match"],
        summary: "Time optimal matching on a generated roster (run with swift run -c release).",
        discussion:
            "Generates participants and interviewers with a fixed seed, solves in memory, then again through a temporary study file as 'qualkit match' does, and prints times, the optimum and peak memory.",
        options: [
            Option(
                name: "participants", value: .integer("n", 1...1_000_000), help: "Participants to generate.",
                defaultValue: "2000"),
            Option(
                name: "interviewers", value: .integer("n", 1...100_000), help: "Interviewers to generate.",
                defaultValue: "120"),
            Option(
                name: "capacity", value: .integer("n", 0...100_000), help: "Capacity of each interviewer.",
                defaultValue: "20"),
            seed,
            Option(
                name: "export", value: .path,
                help: "Write the allowed pairs as CSV for an independent check (Benchmarks/check_matching.py)."),
            Option(name: "no-study", help: "Skip the run through a study file."),
        ],
        examples: ["qualkit bench match --participants 10000 --interviewers 500 --capacity 25"],
        run: { inv in
            let figures = try MatchBenchmark.run(
                participants: inv.integer("participants") ?? 2000, interviewers: inv.integer("interviewers") ?? 120,
                capacity: inv.integer("capacity") ?? 20, seed: seed(inv),
                studyFolder: inv.flag("no-study") ? nil : NSTemporaryDirectory(), exportPath: inv.option("export"))
            inv.console.line(
                "matching \(figures.participants) participants x \(figures.interviewers) interviewers (capacity \(figures.capacity))"
            )
            inv.console.line("  allowed pairs     \(figures.allowedPairs)")
            inv.console.line("  matched           \(figures.matched), total cost \(figures.totalCost)")
            inv.console.line("  generate          \(String(format: "%.3f", figures.generateSeconds)) s")
            inv.console.line("  solve (in memory) \(String(format: "%.3f", figures.solveSeconds)) s")
            if let seconds = figures.studySeconds {
                inv.console.line("  load + solve from study file \(String(format: "%.3f", seconds)) s")
            }
            inv.console.line("  peak memory       \(String(format: "%.0f", figures.peakMemoryMiB)) MiB")
        })
}

extension BenchCommands {
    static let importFiles = Command(
        path: ["bench", "import"],
        summary: "Time transcript and codings imports on generated files (run with swift run -c release).",
        discussion:
            "Writes plain-text transcripts and a codings CSV into --dir, then imports both into a new study there as 'transcript import' and 'codings import' do. Benchmarks/import_baseline.sh times the same inserts with the sqlite3 shell.",
        options: [
            Option(
                name: "transcripts", value: .integer("n", 1...1_000_000), help: "Transcripts to generate.",
                defaultValue: "1000"),
            Option(
                name: "words", value: .integer("n", 10...1_000_000), help: "Words per transcript.", defaultValue: "8000"
            ),
            Option(
                name: "codings", value: .integer("n", 0...100_000_000), help: "Coding rows to generate.",
                defaultValue: "1000000"),
            Option(name: "dir", value: .path, help: "Folder for the generated files and study.", required: true),
            seed,
        ],
        examples: ["qualkit bench import --transcripts 1000 --words 8000 --codings 1000000 --dir /tmp/qualkit-bench"],
        run: { inv in
            let folder = inv.option("dir") ?? ""
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CannotCreateOutput(path: folder, reason: "\(error)")
            }
            let f = try ImportBenchmark.run(
                transcripts: inv.integer("transcripts") ?? 1000, words: inv.integer("words") ?? 8000,
                codings: inv.integer("codings") ?? 1_000_000, folder: folder, seed: seed(inv))
            let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }
            inv.console.line(
                "transcripts: \(f.transcripts) files, \(String(format: "%.1f", mb(f.transcriptBytes))) MiB, \(f.segments) segments in \(String(format: "%.2f", f.transcriptSeconds)) s = \(String(format: "%.1f", mb(f.transcriptBytes) / f.transcriptSeconds)) MiB/s"
            )
            inv.console.line(
                "codings:     \(f.codingRows) rows, \(String(format: "%.1f", mb(f.codingBytes))) MiB in \(String(format: "%.2f", f.codingSeconds)) s = \(String(format: "%.0f", Double(f.codingRows) / f.codingSeconds)) rows/s"
            )
            inv.console.line(
                "peak memory: \(String(format: "%.0f", f.peakMemoryMiB)) MiB (including the generated files held while writing them)"
            )
            inv.console.line("study:       \(f.studyPath)")
        })
}

extension BenchCommands {
    static let analysis = Command(
        path: ["bench", "analysis"],
        summary:
            "Time tally, tally --by, agreement, saturation and cooccur on a generated coded study (release build).",
        discussion:
            "Builds the study at --study once (reused on later runs), then times each analysis. Benchmarks/analysis_reference.py computes the same statistics with Python libraries on the same study.",
        options: [
            Option(name: "study", value: .path, help: "Where to build (or reuse) the generated study.", required: true),
            Option(
                name: "transcripts", value: .integer("n", 1...10_000_000), help: "Transcripts.", defaultValue: "10000"),
            Option(
                name: "segments", value: .integer("n", 2...100_000), help: "Segments per transcript.",
                defaultValue: "100"),
            Option(
                name: "codings", value: .integer("n", 0...1_000_000_000), help: "About this many codings in all.",
                defaultValue: "2000000"),
            seed,
        ],
        examples: ["qualkit bench analysis --study /tmp/qualkit-analysis.sqlite"],
        run: { inv in
            let f = try AnalysisBenchmark.run(
                at: inv.option("study") ?? "", transcripts: inv.integer("transcripts") ?? 10_000,
                segmentsPerTranscript: inv.integer("segments") ?? 100, codings: inv.integer("codings") ?? 2_000_000,
                seed: seed(inv))
            inv.console.line(
                "study: \(f.transcripts) transcripts, \(f.segments) segments, \(f.codings) codings (\(f.studyPath)\(f.buildSeconds > 0 ? String(format: ", built in %.1f s", f.buildSeconds) : ", reused"))"
            )
            for (name, seconds) in f.timings {
                inv.console.line(
                    "  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%.3f", seconds)) s")
            }
            inv.console.line("peak memory: \(String(format: "%.0f", f.peakMemoryMiB)) MiB")
        })
}
