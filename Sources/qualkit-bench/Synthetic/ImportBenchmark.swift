import Foundation
import QualKit

/// The import benchmark: generated transcripts and codings CSV, imported as the commands do.
enum ImportBenchmark {
    struct Figures: Sendable {
        let transcripts: Int
        let transcriptBytes: Int
        let segments: Int
        let transcriptSeconds: Double
        let codingRows: Int
        let codingBytes: Int
        let codingSeconds: Double
        let peakMemoryMiB: Double
        let studyPath: String
    }

    /// Writes `transcripts` plain-text transcripts of about `words` words and a codings CSV of
    /// `codings` rows into `folder`, then imports both into a new study there.
    static func run(transcripts count: Int, words: Int, codings rows: Int, folder: String, seed: UInt64) throws
        -> Figures
    {
        let fm = FileManager.default
        let transcriptFolder = (folder as NSString).appendingPathComponent("transcripts")
        try fm.createDirectory(atPath: transcriptFolder, withIntermediateDirectories: true)
        var random = SeededRandom(seed: seed)
        let vocabulary = SyntheticText.vocabulary
        var files: [String] = []
        var segmentLengths: [[Int]] = []
        var bytes = 0
        for n in 1...count {
            let id = "P\(String(n).leftPadded(to: 6))"
            var text = "Synthetic interview \(id)\n\n"
            var lengths: [Int] = []
            var written = 0
            var turn = 0
            while written < words {
                let turnWords = turn % 2 == 0 ? random.int(8...25) : random.int(40...140)
                var sentence: [String] = []
                for _ in 0..<turnWords { sentence.append(random.pick(vocabulary)) }
                let body = sentence.joined(separator: " ") + "."
                text += (turn % 2 == 0 ? "Interviewer" : id) + ": " + body + "\n\n"
                lengths.append(body.unicodeScalars.count)
                written += turnWords
                turn += 1
            }
            let path = (transcriptFolder as NSString).appendingPathComponent(id + ".txt")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            bytes += text.utf8.count
            files.append(path)
            segmentLengths.append(lengths)
        }
        let codes = [
            "barrier.stigma", "barrier.stigma.family", "barrier.appointment-times", "barrier.language",
            "barrier.trust", "facilitator.trusted-person", "suggestion.flexible-appointments", "context.household",
        ]
        let codingPath = (folder as NSString).appendingPathComponent("codings.csv")
        var csv = "transcript,segment,code,coder,start,end\n"
        csv.reserveCapacity(rows * 48)
        for _ in 0..<rows {
            let t = random.int(0...count - 1)
            let s = random.int(0...segmentLengths[t].count - 1)
            let length = segmentLengths[t][s]
            let start = random.int(0...max(0, length - 2))
            let end = random.int((start + 1)...length)
            csv +=
                "P\(String(t + 1).leftPadded(to: 6)),\(s + 1),\(random.pick(codes)),\(random.chance(0.5) ? "AB" : "CD"),\(start),\(end)\n"
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: codingPath))
        let codingBytes = csv.utf8.count
        csv = ""

        let studyPath = (folder as NSString).appendingPathComponent("bench-import.sqlite")
        Study.removeFiles(at: studyPath)
        let study = try Study.create(at: studyPath, title: "Import benchmark")
        let people = PeopleStore(study)
        try study.db.transaction {
            for n in 1...count { try people.save(Participant(id: "P\(String(n).leftPadded(to: 6))"), isNew: true) }
            for code in codes { try CodeStore(study).save(Code(path: code), isNew: true) }
            try CodeStore(study).addCoder("AB", name: nil)
            try CodeStore(study).addCoder("CD", name: nil)
        }
        let (outcomes, transcriptSeconds) = try BenchmarkClock.time {
            try TranscriptImporter.run(files, target: .fileName, options: .init(), study: study)
        }
        let (report, codingSeconds) = try BenchmarkClock.time {
            try CodingImport.run(path: codingPath, defaultCoder: nil, createCodes: false, study: study)
        }
        return Figures(
            transcripts: count, transcriptBytes: bytes, segments: outcomes.reduce(0) { $0 + $1.segments },
            transcriptSeconds: transcriptSeconds, codingRows: report.rows, codingBytes: codingBytes,
            codingSeconds: codingSeconds, peakMemoryMiB: BenchmarkClock.peakMemoryMiB(), studyPath: studyPath)
    }
}

/// Words for synthetic transcripts: the vocabulary of interviews about services.
enum SyntheticText {
    static let vocabulary: [String] = """
        i you we they my our family mum dad parents grandmother brother sister home house college work job time \
        appointment appointments evening weekend morning afternoon phone call text video doctor gp service services \
        help support talk talking listen worried stress tense mind feel felt feeling people community mosque temple \
        church friends shame judge gossip language english urdu bengali interpreter understand culture staff nurse \
        therapist wait waiting list months weeks referral refer myself know knew never always sometimes really just \
        because when then would could should about with without there here what why how and but or so not very
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}
