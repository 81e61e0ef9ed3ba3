import Foundation
import Testing

@testable import QualKit

/// Seeded mutation tests: every parser gets the repository's own files, mutated the way damaged
/// or hostile files are (flipped bytes, insertions, truncation, duplicated lines, huge numbers,
/// invalid UTF-8, byte-order marks, CRLF), a few hundred times each, and must return a value or
/// located diagnostics; a crash fails the whole test run. The libFuzzer targets in
/// `Benchmarks/fuzz` search much further; this is the small budget that runs on every `swift test`.
@Suite struct MutationTests {
    static let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func seed(_ relative: String) throws -> [UInt8] {
        try SourceText.readBytes(top.appendingPathComponent(relative).path)
    }

    /// A short prefix of a seed file: mutations land in the parts that matter more often, and the
    /// parsers run fast enough to keep the budget.
    static func seed(_ relative: String, lines: Int) throws -> [UInt8] {
        let bytes = try seed(relative)
        let parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(lines)
        return Array(parts.joined(separator: [0x0A])) + [0x0A]
    }

    /// `QUALKIT_MUTATIONS=N` runs N times as many mutants, for a longer search than `swift test`'s.
    static let factor = max(1, Int(ProcessInfo.processInfo.environment["QUALKIT_MUTATIONS"] ?? "") ?? 1)

    /// Runs `check` on the seeds themselves, then on `count` mutants of them.
    static func mutants(of seeds: [[UInt8]], count: Int, salt: UInt64, _ check: ([UInt8]) throws -> Void) rethrows {
        var random = SeededRandom(seed: 0x5EED_0000 &+ salt)
        for seed in seeds { try check(seed) }
        for _ in 0..<(count * factor) {
            let seed = seeds[Int(random.next() % UInt64(seeds.count))]
            try check(Mutator.mutate(seed, &random))
        }
    }

    /// Throws unless every diagnostic names `file` and a line: an error without a place is of no
    /// use to someone fixing a 2,000-row spreadsheet.
    /// A UTF-16 file that cannot be decoded (odd length) is the one problem reported for the whole
    /// file rather than a line.
    static func expectLocated(_ error: any Error, file: String, input: [UInt8]) {
        guard let invalid = error as? InvalidInput else {
            Issue.record("unexpected error \(type(of: error)): \(error) for input \(Mutator.show(input))")
            return
        }
        #expect(!invalid.diagnostics.isEmpty)
        let wholeFile = input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF])
        for diagnostic in invalid.diagnostics
        where diagnostic.file != file || (diagnostic.line == nil && !wholeFile) {
            Issue.record("unlocated diagnostic '\(diagnostic)' for input \(Mutator.show(input))")
        }
    }

    /// Writes `bytes` to a scratch file for the readers that take a path.
    final class Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mutant-\(UUID()).csv").path
        func write(_ bytes: [UInt8]) -> String {
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return path
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    // MARK: Pure parsers

    @Test func protocolMarkdown() throws {
        let seeds = [
            try Self.seed("protocols/talking-change.md", lines: 60),
            try Self.seed("protocols/demo/talking-change.v1.md", lines: 40),
        ]
        Self.mutants(of: seeds, count: 200, salt: 1) { input in
            let result = ProtocolParser.parse(input, file: "m.md")
            if result.protocol == nil {
                #expect(!result.errors.isEmpty, "no protocol and no error for \(Mutator.show(input))")
            }
            for diagnostic in result.diagnostics where diagnostic.file != "m.md" || diagnostic.line == nil {
                // A file that cannot be decoded at all is reported for the whole file.
                if result.text == nil { continue }
                Issue.record("unlocated diagnostic '\(diagnostic)' for input \(Mutator.show(input))")
            }
        }
    }

    // Line mutants of text files; a .docx is a zip archive, covered by WordTranscriptTests.
    @Test(arguments: ParsedTranscript.Format.allCases.filter { $0 != .docx }) func transcripts(
        format: ParsedTranscript.Format
    ) throws {
        let seeds = try ["TC-001", "TC-002", "TC-003", "TC-004", "TC-005", "TC-006"]
            .map { "protocols/demo/transcripts/\($0).\(format.rawValue)" }
            .filter { FileManager.default.fileExists(atPath: Self.top.appendingPathComponent($0).path) }
            .map { try Self.seed($0, lines: 40) }
        try #require(!seeds.isEmpty)
        let file = "m.\(format.rawValue)"
        Self.mutants(of: seeds, count: 150, salt: 2) { input in
            do { _ = try TranscriptParser.parse(input, format: format, file: file) } catch {
                Self.expectLocated(error, file: file, input: input)
            }
        }
    }

    @Test func codebookMarkdown() throws {
        let seeds = [try Self.seed("protocols/talking-change.codebook.md", lines: 40)]
        Self.mutants(of: seeds, count: 200, salt: 3) { input in
            do { _ = try CodebookFile.parseMarkdown(input, file: "m.md") } catch {
                Self.expectLocated(error, file: "m.md", input: input)
            }
        }
    }

    @Test func availability() throws {
        let seeds = ["mon 18:00-21:00; sat 10:00-13:00, Saturday 9:00-9:30", "Wednesday 0:00-24:00", ""]
            .map { Array($0.utf8) }
        Self.mutants(of: seeds, count: 400, salt: 4) { input in
            let text = String(decoding: input, as: UTF8.self)
            do {
                let parsed = try Availability.parse(text)
                #expect(try Availability.parse(parsed.description) == parsed)
            } catch let problem as Availability.Problem {
                #expect(
                    problem.column >= 1 && problem.column <= text.unicodeScalars.count + 1, "\(problem) for \(text)")
            } catch {
                Issue.record("unexpected error \(error) for \(text)")
            }
        }
    }

    // MARK: CSV, read from files as the importers read them

    @Test func csvReader() throws {
        let scratch = Scratch()
        let seeds = [
            try Self.seed("protocols/demo/participants.csv", lines: 6),
            try Self.seed("protocols/demo/outcomes.csv", lines: 6),
            Array("id,note\nA,\"a, b\"\nB,\"she said \"\"no\"\"\"\nC,\"two\nlines\"\n".utf8),
        ]
        Self.mutants(of: seeds, count: 200, salt: 5) { input in
            let path = scratch.write(input)
            do {
                let records = try CSVReader(path: path).readAll()
                #expect(records.map(\.line) == records.map(\.line).sorted())
            } catch {
                Self.expectLocated(error, file: path, input: input)
            }
        }
    }

    /// The pure part of a roster import: header and rows checked, every field set on a record.
    func roster<Member: RosterMember>(_ type: Member.Type, seed: String, salt: UInt64) throws {
        let scratch = Scratch()
        let seeds = [try Self.seed(seed, lines: 6)]
        Self.mutants(of: seeds, count: 150, salt: salt) { input in
            let path = scratch.write(input)
            do {
                let csv = try RosterCSV(path: path, recognised: Member.columns, allowed: [])
                for row in csv.rows {
                    var member = Member(blank: row.id)
                    for field in row.fields {
                        do throws(PersonFields.Problem) { try member.set(field.key, field.value) } catch {
                            #expect(
                                !RosterCSV.diagnostic(error, file: path, line: row.line, value: field.value)
                                    .message.isEmpty)
                        }
                    }
                    _ = member.missing
                }
                for problem in csv.problems { #expect(problem.line != nil, "\(problem)") }
            } catch {
                Self.expectLocated(error, file: path, input: input)
            }
        }
    }

    @Test func participantRoster() throws {
        try roster(Participant.self, seed: "protocols/demo/participants.csv", salt: 6)
    }

    @Test func interviewerRoster() throws {
        try roster(Interviewer.self, seed: "protocols/demo/interviewers.csv", salt: 7)
    }

    @Test func codebookCSV() throws {
        let scratch = Scratch()
        let seeds = [
            Array(
                """
                path,kind,name,definition,use_when,do_not_use_when,example,color
                barrier,barrier,Barriers,"Anything that makes it harder to reach support.",,,,
                barrier.stigma,barrier,Stigma,"Fear of being judged.","Shame, ""mad"" or ""weak"".",,,#D55E00
                facilitator.peer,facilitator,Peer support,"Support from someone
                with lived experience.",,,,#009E73

                """.utf8)
        ]
        Self.mutants(of: seeds, count: 150, salt: 8) { input in
            let path = scratch.write(input)
            do { _ = try CodebookFile.parseCSV(path: path) } catch {
                Self.expectLocated(error, file: path, input: input)
            }
        }
    }

    // MARK: Importers whose row checks need a study

    /// A small study with one transcript, a coder and the codebook: enough for codings and
    /// outcomes rows to get past the header checks.
    static func smallStudy() throws -> (Study, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mutants-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let study = try Study.create(at: folder + "/study.sqlite", title: "mutants")
        let codebook = try seed("protocols/talking-change.codebook.md")
        _ = try Codebook(study).importEntries(try CodebookFile.parseMarkdown(codebook, file: "cb.md"), file: "cb.md")
        try Codebook(study).addCoder("AB", name: nil)
        _ = try Roster(study).addParticipant("TC-001", fields: [])
        let transcript = folder + "/TC-001.vtt"
        _ = FileManager.default.createFile(
            atPath: transcript, contents: Data(try seed("protocols/demo/transcripts/TC-001.vtt")))
        _ = try TranscriptImporter.run([transcript], target: .participant("TC-001"), options: .init(), study: study)
        return (study, folder)
    }

    struct Rollback: Error {}

    @Test func codingsAndOutcomesCSV() throws {
        let (study, folder) = try Self.smallStudy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scratch = Scratch()
        func rolledBack(_ input: [UInt8], _ body: () throws -> Void) {
            do {
                try study.db.transaction {
                    try body()
                    throw Rollback()
                }
            } catch is Rollback {
            } catch {
                Self.expectLocated(error, file: scratch.path, input: input)
            }
        }
        let codings = [try Self.seed("protocols/demo/codings-AB.csv", lines: 8)]
        var count = 0
        Self.mutants(of: codings, count: 120, salt: 9) { input in
            count += 1
            let path = scratch.write(input)
            rolledBack(input) {
                _ = try CodingImport.run(
                    path: path, defaultCoder: count % 2 == 0 ? nil : "AB", createCodes: count % 3 == 0, study: study)
            }
        }
        let outcomes = [try Self.seed("protocols/demo/outcomes.csv", lines: 6)]
        Self.mutants(of: outcomes, count: 120, salt: 10) { input in
            let path = scratch.write(input)
            rolledBack(input) { _ = try ServiceChangeLog(study).importOutcomes(path: path) }
        }
        #expect(try study.db.value("SELECT count(*) FROM coding").intValue == 0)
        #expect(try study.db.value("SELECT count(*) FROM outcome").intValue == 0)
    }

    // MARK: The mutator

    @Test func mutationsAreDeterministic() {
        let seed = Array("id,x\nA,1\nB,2\n".utf8)
        var first = SeededRandom(seed: 7)
        var second = SeededRandom(seed: 7)
        let a = (0..<50).map { _ in Mutator.mutate(seed, &first) }
        let b = (0..<50).map { _ in Mutator.mutate(seed, &second) }
        #expect(a == b)
        #expect(Set(a).count > 25)
    }
}

/// Damages input the ways real files are damaged, and the ways an attacker would.
enum Mutator {
    static let hugeNumbers = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999",
        "1e308", "-1e308", "nan", "inf", "0", "-1", "4294967296",
    ]
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]
    static let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
    static let tokens = [
        "\"", ",", "\n", "\r", "\r\n", "\0", "\t", ":", "-", "#", "## ", "---\n", "00:00:01.000 --> 00:00:02.000",
        "00:00:01,000 --> 00:00:02,000", "Time:", "Themes:", "version:", "Kind:", "-->", "24:00", "mon ", ";",
        "\u{202E}", "é", "e\u{0301}", "\u{1F600}", String(repeating: "a", count: 300),
    ]

    /// One to three mutations of `seed`.
    static func mutate(_ seed: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = seed
        for _ in 0...Int(random.next() % 3) { mutateOnce(&bytes, &random) }
        return bytes
    }

    static func mutateOnce(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        func position() -> Int { bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1)) }
        func lineStarts() -> [Int] { [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 } }
        switch random.next() % 12 {
        case 0:  // flip a bit
            guard !bytes.isEmpty else { return }
            let at = Int(random.next() % UInt64(bytes.count))
            bytes[at] ^= UInt8(1 << (random.next() % 8))
        case 1:  // random bytes
            let count = Int(random.next() % 8) + 1
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position())
        case 2:  // truncate
            bytes.removeSubrange(position()...)
        case 3:  // duplicate a line, possibly many times
            let starts = lineStarts()
            let start = starts[Int(random.next() % UInt64(starts.count))]
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            let line = Array(bytes[start..<end]) + (end == bytes.count ? [0x0A] : [])
            let times = random.next() % 4 == 0 ? 20 : 1
            for _ in 0..<times { bytes.insert(contentsOf: line, at: end) }
        case 4:  // a digit run becomes a huge or odd number
            let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
            let number = Array(hugeNumbers[Int(random.next() % UInt64(hugeNumbers.count))].utf8)
            guard !digits.isEmpty else {
                bytes.insert(contentsOf: number, at: position())
                return
            }
            var start = digits[Int(random.next() % UInt64(digits.count))]
            var end = start
            while start > 0 && (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
            while end < bytes.count && (0x30...0x39).contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange(start..<end, with: number)
        case 5:  // invalid UTF-8
            bytes.insert(contentsOf: invalidUTF8[Int(random.next() % UInt64(invalidUTF8.count))], at: position())
        case 6:  // a byte-order mark, at the start or (wrongly) inside
            let bom = boms[Int(random.next() % UInt64(boms.count))]
            bytes.insert(contentsOf: bom, at: random.next() % 2 == 0 ? 0 : position())
        case 7:  // CRLF line endings, or lone CRs
            let lone = random.next() % 3 == 0
            bytes = bytes.flatMap { $0 == 0x0A ? (lone ? [0x0D] : [0x0D, 0x0A]) : [$0] }
        case 8:  // delete a line
            let starts = lineStarts()
            let start = starts[Int(random.next() % UInt64(starts.count))]
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.removeSubrange(start..<end)
        case 9:  // a token that means something to one of the formats
            bytes.insert(contentsOf: Array(tokens[Int(random.next() % UInt64(tokens.count))].utf8), at: position())
        case 10:  // swap two bytes' neighbourhoods: reorders fields and lines
            guard bytes.count > 2 else { return }
            let a = Int(random.next() % UInt64(bytes.count))
            let b = Int(random.next() % UInt64(bytes.count))
            bytes.swapAt(a, b)
        default:  // a very long field or line
            bytes.insert(contentsOf: [UInt8](repeating: 0x78, count: 600), at: position())
        }
    }

    /// The input for a failure message: short inputs whole, long ones by size and start.
    static func show(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription
        return bytes.count > 200 ? "\(bytes.count) bytes starting \(text)" : text
    }
}
