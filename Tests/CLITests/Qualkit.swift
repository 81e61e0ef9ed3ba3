import Foundation
import QualKit
import Testing

/// What one run of the built `qualkit` binary did.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// A temporary folder with a study path, and a way to run the built binary in it.
final class Sandbox {
    let directory: URL
    var studyPath: String { directory.appendingPathComponent("study.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The built binary: `$QUALKIT_BIN`, else beside the test bundle in the build folder.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["QUALKIT_BIN"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("qualkit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("qualkit")
    }()

    /// The repository's `protocols/` folder.
    static let shipped: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocols")

    /// Runs `qualkit ARGS` in the sandbox with `QUALKIT_DB` set to the sandbox's study.
    ///
    /// `NO_COLOR` is set unless `environment` overrides it; a nil value removes a variable.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String?] = [:], useDefaultDB: Bool = true) throws
        -> Run
    {
        try Sandbox.launch(arguments, in: directory.path, environment: extra, studyPath: useDefaultDB ? studyPath : nil)
    }

    /// Runs the built binary in `directory`; `studyPath` is `QUALKIT_DB`, or nil for none.
    static func launch(
        _ arguments: [String], in directory: String, environment extra: [String: String?], studyPath: String?
    ) throws -> Run {
        let directory = URL(fileURLWithPath: directory)
        let process = Process()
        process.executableURL = Sandbox.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // Tables are fitted to $COLUMNS; tests that want it set it themselves.
        environment["COLUMNS"] = nil
        environment["QUALKIT_NOW"] = "2026-11-22T10:00:00Z"
        environment["QUALKIT_DB"] = studyPath
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// `qualkit ARGS`, expecting success.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let result = try run(arguments)
        #expect(
            result.status == 0, "qualkit \(arguments.joined(separator: " ")) failed: \(result.stderr)",
            sourceLocation: sourceLocation)
        return result
    }

    /// Writes a file into the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Reads the study with the library, for checks after a command.
    func count(_ sql: String) throws -> Int {
        let db = try Database(path: studyPath, mode: .readOnly)
        return try db.value(sql).intValue ?? -1
    }

    func rows(_ sql: String) throws -> [Row] {
        let db = try Database(path: studyPath, mode: .readOnly)
        return try db.rows(sql)
    }
}

/// Parses JSON printed by the tool.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
