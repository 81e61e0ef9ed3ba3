import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit-bench ...`: benchmarks on generated data. Build in release mode for real figures:
/// `swift run -c release qualkit-bench match`.
enum BenchCommands {
    static let all: [Command] = [match, assign, importFiles, analysis, redact]

    /// Every benchmark generates its data from a seed, so figures can be reproduced.
    static let seed = Opt<Int>.integer("seed", in: 0...Int.max, default: 1, help: "Seed of the generator.")

    static func seed(_ inv: Invocation) -> UInt64 { UInt64(inv[seed]) }

    static let match: Command = {
        let participants = Opt<Int>.integer(
            "participants", in: 1...1_000_000, default: 2000, help: "Participants to generate.")
        let interviewers = Opt<Int>.integer(
            "interviewers", in: 1...100_000, default: 120, help: "Interviewers to generate.")
        let capacity = Opt<Int>.integer("capacity", in: 0...100_000, default: 20, help: "Capacity of each interviewer.")
        let export = Opt<String?>.path(
            "export", help: "Write the allowed pairs as CSV for an independent check (Benchmarks/check_matching.py).")
        let noStudy = Opt<Bool>.flag("no-study", help: "Skip the run through a study file.")
        return Command(
            path: ["match"],
            summary: "Time optimal matching on a generated roster (run with swift run -c release).",
            discussion:
                "Generates participants and interviewers with a fixed seed, solves in memory, then again through a temporary study file as 'qualkit match' does, and prints times, the optimum and peak memory.",
            options: [participants, interviewers, capacity, seed, export, noStudy],
            examples: ["qualkit-bench match --participants 10000 --interviewers 500 --capacity 25"]
        ) { inv in
            let figures = try MatchBenchmark.run(
                participants: inv[participants], interviewers: inv[interviewers], capacity: inv[capacity],
                seed: seed(inv), studyFolder: inv[noStudy] ? nil : NSTemporaryDirectory(), exportPath: inv[export])
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
        }
    }()
}

extension BenchCommands {
    static let importFiles: Command = {
        let transcripts = Opt<Int>.integer(
            "transcripts", in: 1...1_000_000, default: 1000, help: "Transcripts to generate.")
        let words = Opt<Int>.integer("words", in: 10...1_000_000, default: 8000, help: "Words per transcript.")
        let codings = Opt<Int>.integer(
            "codings", in: 0...100_000_000, default: 1_000_000, help: "Coding rows to generate.")
        let dir = Opt<String>.requiredPath("dir", help: "Folder for the generated files and study.")
        return Command(
            path: ["import"],
            summary: "Time transcript and codings imports on generated files (run with swift run -c release).",
            discussion:
                "Writes plain-text transcripts and a codings CSV into --dir, then imports both into a new study there as 'transcript import' and 'codings import' do. Benchmarks/import_baseline.sh times the same inserts with the sqlite3 shell.",
            options: [transcripts, words, codings, dir, seed],
            examples: [
                "qualkit-bench import --transcripts 1000 --words 8000 --codings 1000000 --dir /tmp/qualkit-bench"
            ]
        ) { inv in
            let folder = inv[dir]
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CannotCreateOutput(path: folder, reason: "\(error)")
            }
            let f = try ImportBenchmark.run(
                transcripts: inv[transcripts], words: inv[words], codings: inv[codings], folder: folder, seed: seed(inv)
            )
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
        }
    }()
}

extension BenchCommands {
    static let analysis: Command = {
        let study = Opt<String>.requiredPath("study", help: "Where to build (or reuse) the generated study.")
        let transcripts = Opt<Int>.integer("transcripts", in: 1...10_000_000, default: 10_000, help: "Transcripts.")
        let segments = Opt<Int>.integer("segments", in: 2...100_000, default: 100, help: "Segments per transcript.")
        let codings = Opt<Int>.integer(
            "codings", in: 0...1_000_000_000, default: 2_000_000, help: "About this many codings in all.")
        return Command(
            path: ["analysis"],
            summary:
                "Time tally, tally --by, agreement, saturation and cooccur on a generated coded study (release build).",
            discussion:
                "Builds the study at --study once (reused on later runs), then times each analysis. Benchmarks/analysis_reference.py computes the same statistics with Python libraries on the same study.",
            options: [study, transcripts, segments, codings, seed],
            examples: ["qualkit-bench analysis --study /tmp/qualkit-analysis.sqlite"]
        ) { inv in
            let f = try AnalysisBenchmark.run(
                at: inv[study], transcripts: inv[transcripts], segmentsPerTranscript: inv[segments],
                codings: inv[codings], seed: seed(inv))
            inv.console.line(
                "study: \(f.transcripts) transcripts, \(f.segments) segments, \(f.codings) codings (\(f.studyPath)\(f.buildSeconds > 0 ? String(format: ", built in %.1f s", f.buildSeconds) : ", reused"))"
            )
            for (name, seconds) in f.timings {
                inv.console.line(
                    "  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%.3f", seconds)) s")
            }
            inv.console.line("peak memory: \(String(format: "%.0f", f.peakMemoryMiB)) MiB")
        }
    }()
}

extension BenchCommands {
    static let redact: Command = {
        let words = Opt<Int>.integer(
            "words", in: 100...10_000_000, default: 200_000, help: "Words in the longest turn.")
        return Command(
            path: ["redact"],
            summary: "Time the redactor on turns of 1%, 10% and 100% of --words (release build).",
            discussion:
                "The time per character should stay flat as the turn grows: the redactor is linear in the text.",
            options: [words, seed],
            examples: ["qualkit-bench redact --words 200000"]
        ) { inv in
            let figures = RedactBenchmark.run(words: inv[words], seed: seed(inv))
            for row in figures.rows {
                inv.console.line(
                    "\(row.characters) characters, \(row.identifiers) identifiers: \(String(format: "%.3f", row.seconds)) s, \(String(format: "%.0f", row.nanosecondsPerCharacter)) ns per character"
                )
            }
        }
    }()
}
