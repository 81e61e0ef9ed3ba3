import Foundation
import QualKit
import Testing

@testable import qualkit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The README's tour and the examples in help are documentation a new user runs as written: these
// tests run them against the built binary, so a tour line or an example that fails is a failing test.

/// One word of a command line, as a POSIX shell splits it for the quoting the README and help use.
struct ShellWord: Equatable {
    var text: String
    /// Whether an unquoted `*`, `?` or `[` makes this word a glob the shell would expand.
    var isGlob: Bool
}

enum ShellLine {
    /// Splits `line` into words: single and double quotes group (no escapes inside, as our lines
    /// use none), and an unquoted `#` at the start of a word begins a comment that runs to the end.
    static func words(_ line: String) -> [ShellWord] {
        var words: [ShellWord] = []
        var current = ShellWord(text: "", isGlob: false)
        var quote: Character?
        var started = false
        func finish() {
            if started { words.append(current) }
            current = ShellWord(text: "", isGlob: false)
            started = false
        }
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.text.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                started = true
            } else if character == " " || character == "\t" {
                finish()
            } else if character == "#" && !started {
                break
            } else {
                if "*?[".contains(character) { current.isGlob = true }
                current.text.append(character)
                started = true
            }
        }
        finish()
        return words
    }

    /// The words a shell would pass, globs expanded against `directory` in sorted order.
    ///
    /// Only the last path component may hold a wildcard, which is all the README uses; a glob that
    /// matches nothing is an error here rather than passed on literally, since that is always a
    /// broken tour line.
    static func arguments(_ line: String, in directory: String) throws -> [String] {
        try words(line).flatMap { word -> [String] in
            guard word.isGlob else { return [word.text] }
            let folder = (word.text as NSString).deletingLastPathComponent
            let pattern = (word.text as NSString).lastPathComponent
            #expect(!folder.contains("*") && !folder.contains("?"), "glob with a wildcard folder: \(word.text)")
            let listed = try FileManager.default.contentsOfDirectory(
                atPath: (directory as NSString).appendingPathComponent(folder))
            let matches = listed.filter { !$0.hasPrefix(".") && fnmatch(pattern, $0, 0) == 0 }.sorted()
            try #require(!matches.isEmpty, "\(word.text) matches no file")
            return matches.map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }
        }
    }

    /// The files given to `--out` (`--out=X` included; `-`, standard output, is no file).
    static func outputs(_ arguments: [String]) -> [String] {
        var outputs: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument == "--out", index + 1 < arguments.count { outputs.append(arguments[index + 1]) }
            if argument.hasPrefix("--out=") { outputs.append(String(argument.dropFirst("--out=".count))) }
        }
        return outputs.filter { $0 != "-" }
    }
}

@Suite struct ReadmeTourTests {
    static let repository = Sandbox.shipped.deletingLastPathComponent()

    /// The `qualkit ...` lines of the README's "A short tour" code block, in order.
    static func tourLines() throws -> [String] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let heading = try #require(lines.firstIndex { $0.hasPrefix("## A short tour") }, "README has no tour")
        let open = try #require(lines[heading...].firstIndex { $0.hasPrefix("```") }, "the tour has no code block")
        let close = try #require(
            lines[(open + 1)...].firstIndex { $0.hasPrefix("```") }, "the tour's code block is not closed")
        return lines[(open + 1)..<close].filter { $0.hasPrefix("qualkit ") }
    }

    @Test func shellSplittingFollowsTheQuotingTheReadmeUses() {
        #expect(
            ShellLine.words(#"qualkit search '"no quiet corner" OR evening*' --role participant  # a comment"#)
                == [
                    .init(text: "qualkit", isGlob: false), .init(text: "search", isGlob: false),
                    .init(text: #""no quiet corner" OR evening*"#, isGlob: false),
                    .init(text: "--role", isGlob: false), .init(text: "participant", isGlob: false),
                ])
        #expect(
            ShellLine.words(#"qualkit tag T 1 c --quote "I'd said" --x '' a#b"#).map(\.text)
                == ["qualkit", "tag", "T", "1", "c", "--quote", "I'd said", "--x", "", "a#b"])
        #expect(ShellLine.words("qualkit transcript import t/*.vtt").last == .init(text: "t/*.vtt", isGlob: true))
    }

    /// Every tour line runs, in order, in a fresh folder holding a copy of `protocols/`, with the
    /// study at the default `./study.sqlite` the tour's first line promises to create.
    @Test func everyLineOfTheReadmeTourRunsAsWritten() throws {
        let lines = try Self.tourLines()
        // The tour covers the whole cycle; a block that lost most of its lines is itself a fault.
        try #require(lines.count >= 25, "the tour has only \(lines.count) qualkit lines")
        let box = try Sandbox()
        try FileManager.default.copyItem(
            at: Sandbox.shipped, to: box.directory.appendingPathComponent("protocols"))
        for line in lines {
            let arguments = Array(try ShellLine.arguments(line, in: box.directory.path).dropFirst())
            let run = try Sandbox.launch(arguments, in: box.directory.path, environment: [:], studyPath: nil)
            // Later lines build on earlier ones, so the first failure is the one worth reading.
            try #require(run.status == 0, "README tour line failed (exit \(run.status)): \(line)\n\(run.stderr)")
            for output in ShellLine.outputs(arguments) {
                #expect(
                    FileManager.default.fileExists(atPath: box.directory.appendingPathComponent(output).path),
                    "\(line) did not write \(output) in the tour's folder")
            }
        }
        #expect(FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("study.sqlite").path))
        // The story's end state: both protocol versions, every shipped transcript, both coders.
        #expect(try box.count("SELECT count(DISTINCT version) FROM protocol_version WHERE translation_of IS NULL") == 2)
        let shippedTranscripts = try FileManager.default.contentsOfDirectory(
            atPath: Sandbox.shipped.appendingPathComponent("demo/transcripts").path
        ).filter { ParsedTranscript.Format(fileName: $0) != nil }
        // TC-007 withdraws at the end of the tour, and their transcript goes with them.
        #expect(try box.count("SELECT count(*) FROM transcript") == shippedTranscripts.count - 1)
        #expect(try box.count("SELECT count(DISTINCT coder) FROM coding") == 2)
        #expect(try box.count("SELECT count(*) FROM outcome") == 60)
    }
}

/// One example from a command's help.
struct HelpExample: Sendable, CustomTestStringConvertible {
    let command: String
    let line: String
    var testDescription: String { line }

    static let all: [HelpExample] = CommandTable.sections.flatMap(\.commands).flatMap { command in
        command.examples.map { HelpExample(command: command.name, line: $0) }
    }
}

@Suite struct HelpExampleTests {
    /// Where an example runs: most on a copy of the demo study; those that start a study, or add
    /// the people and transcripts the demo already holds, on an empty study or none.
    enum Setting { case demo, newStudy, noStudy }

    static func setting(of example: HelpExample) -> Setting {
        switch example.command {
        case "init", "demo": .noStudy
        case "participant add", "participant import", "interviewer add", "interviewer import", "transcript import":
            .newStudy
        default: .demo
        }
    }

    /// Steps an example takes for granted that its setting does not hold.
    static let before: [String: [[String]]] = [
        "code delete": [["code", "add", "barrier.unused"]],
        "codebook import": [["codebook", "export", "--format", "qdc", "--out", "codebook.qdc"]],
        "consensus": [["compare", "--coders", "AB,CD", "--format", "csv", "--out", "resolve.csv"]],
        "merge": [
            ["handout", "--coder", "AB", "--out", "AB.sqlite"], ["handout", "--coder", "CD", "--out", "CD.sqlite"],
            ["--db", "CD.sqlite", "coder", "add", "CD2"],
        ],
        "code accept": [
            ["handout", "--coder", "AB", "--out", "AB.sqlite"],
            ["--db", "AB.sqlite", "code", "add", "barrier.cost.travel"], ["merge", "AB.sqlite"],
        ],
        "redact remove": [["redact", "add", "Imran"]],
        "transcript import": [["participant", "import", "protocols/demo/participants.csv"]],
    ]

    @Test func everyCommandHasAnExampleToRun() {
        #expect(HelpExample.all.count >= CommandTable.sections.flatMap(\.commands).count)
    }

    /// Each example runs in a folder of its own where `protocols/` is the shipped folder and the
    /// study (when there is one) is `demo/study.sqlite`, so that `--out` files and relative paths
    /// land there and no example sees another's changes or output files.
    @Test(arguments: HelpExample.all) func everyExampleInHelpRuns(_ example: HelpExample) throws {
        let box = try Sandbox()
        let folder = box.directory.path
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/protocols", withDestinationPath: Sandbox.shipped.path)
        var studyPath: String?
        switch Self.setting(of: example) {
        case .noStudy:
            studyPath = nil
        case .newStudy:
            try FileManager.default.createDirectory(atPath: folder + "/demo", withIntermediateDirectories: true)
            studyPath = folder + "/demo/study.sqlite"
            _ = try Study.create(at: folder + "/demo/study.sqlite", title: "New study")
        case .demo:
            let demo = try SharedDemo.studyPath.get()
            try FileManager.default.createDirectory(atPath: folder + "/demo", withIntermediateDirectories: true)
            studyPath = folder + "/demo/study.sqlite"
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: demo + suffix) {
                try FileManager.default.copyItem(atPath: demo + suffix, toPath: folder + "/demo/study.sqlite" + suffix)
            }
        }
        for step in Self.before[example.command] ?? [] {
            let run = try Sandbox.launch(step, in: folder, environment: [:], studyPath: studyPath)
            try #require(run.status == 0, "setting up '\(example.line)': \(step.joined(separator: " ")): \(run.stderr)")
        }
        var arguments = Array(try ShellLine.arguments(example.line, in: folder).dropFirst())
        // An absolute --out would write outside the sandbox: keep its name, inside the sandbox.
        for index in arguments.indices.dropLast() where arguments[index] == "--out" {
            if arguments[index + 1].hasPrefix("/") {
                arguments[index + 1] = folder + "/" + (arguments[index + 1] as NSString).lastPathComponent
            }
        }
        let run = try Sandbox.launch(arguments, in: folder, environment: [:], studyPath: studyPath)
        #expect(run.status == 0, "help example failed (exit \(run.status)): \(example.line)\n\(run.stderr)")
        for output in ShellLine.outputs(arguments) {
            let path = output.hasPrefix("/") ? output : folder + "/" + output
            #expect(FileManager.default.fileExists(atPath: path), "\(example.line) did not write \(output)")
        }
    }
}
