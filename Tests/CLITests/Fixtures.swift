import Foundation
import QualKit
import Testing

// Fixtures are built in-process through the library, so that each end-to-end test launches the
// binary only for the command it is about: launching it thirty times to set a study up was most
// of the suite's time.

extension Sandbox {
    /// Creates the sandbox's study in-process, as `qualkit init --title TITLE` would.
    func initStudy(title: String = "Test study") throws {
        _ = try Study.create(at: studyPath, title: title)
    }

    /// Opens the sandbox's study in-process to add fixture data; the connection is closed when
    /// `build` returns, before any command runs on the file.
    @discardableResult
    func build<T>(_ build: (Study) throws -> T) throws -> T {
        let study = try Study.open(at: studyPath)
        return try build(study)
    }
}

extension Study {
    /// Adds codes by path, each with optional `(column, text)` fields as `code add` takes them.
    func addCodes(_ paths: [String], fields: [String: [(String, String)]] = [:]) throws {
        for path in paths { _ = try Codebook(self).add(path, fields: fields[path] ?? []) }
    }

    /// Imports a codebook in Markdown, as `codebook import FILE.md` does.
    func importCodebook(_ path: String) throws {
        _ = try Codebook(self).importEntries(
            try CodebookFile.parseMarkdown(SourceText.readBytes(path), file: path), file: path)
    }

    func addCoder(_ id: String, name: String? = nil) throws {
        try Codebook(self).addCoder(id, name: name)
    }

    /// Adds a participant; `fields` are field or attribute pairs such as `("consent_quotes", "yes")`.
    func addParticipant(_ id: String, _ fields: [(String, String)] = []) throws {
        _ = try Roster(self).addParticipant(id, fields: fields)
    }

    func addInterviewer(_ id: String, _ fields: [(String, String)]) throws {
        _ = try Roster(self).addInterviewer(id, fields: fields)
    }

    /// Imports transcripts, each to the interview or participant its file name names.
    func importTranscripts(_ paths: [String]) throws {
        _ = try TranscriptImporter.run(paths, target: .fileName, options: .init(), study: self)
    }

    /// Loads protocol files (base versions and translations) in one batch.
    func loadProtocols(_ paths: [String]) throws {
        _ = try ProtocolLoader.load(
            try paths.map { ProtocolLoader.File(path: $0, bytes: try SourceText.readBytes($0)) }, into: self)
    }

    /// Tags a segment, the whole of it unless a quote is given.
    func tag(_ transcript: String, _ segment: Int, _ code: String, coder: String, quote: String? = nil) throws {
        _ = try CodingLog(self).tag(
            transcript: transcript, segment: segment, code: code, coder: coder,
            selection: quote.map { .quote($0) } ?? .whole, memo: nil)
    }

    func markDone(_ transcript: String, coder: String) throws {
        try CodingLog(self).markDone(transcript: transcript, coder: coder)
    }

    func withdraw(_ participant: String) throws {
        _ = try Withdrawal.withdraw(participant, reason: nil, in: self)
    }
}

/// The demo, shared by the tests that only read what it printed and wrote: it builds a whole
/// study, so building it once per test would cost more than everything else in the suite.
enum SharedDemo {
    struct Outcome: Sendable {
        /// The folder given to `--dir`.
        let folder: String
        let run: Run
    }

    /// A folder for both, removed when the test process exits.
    static let root: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-cli-shared-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: SharedDemo.root) }
        return path
    }()

    /// One run of `qualkit demo --dir FOLDER` (the command under test), launched on first use.
    static let command: Result<Outcome, any Error> = Result {
        let folder = root + "/demo"
        let run = try Sandbox.launch(["demo", "--dir", folder], in: root, environment: [:], studyPath: nil)
        return Outcome(folder: folder, run: run)
    }

    /// The demo study built in-process by the library, read by tests of listings and filters.
    static let studyPath: Result<String, any Error> = Result {
        try DemoStudy.build(in: root + "/library", shipped: Sandbox.shipped.path).studyPath
    }
}
