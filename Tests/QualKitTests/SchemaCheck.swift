import Foundation
import Testing

/// Validates an exported file against one of the REFI-QDA schemas in `docs/refi/` with `xmllint`,
/// when it is installed; the tests that use it are skipped with a message when it is not, so the
/// suite never depends on it.
enum SchemaCheck {
    /// The first `xmllint` found, or nil.
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first(where: { FileManager.default.isExecutableFile(atPath: $0) })

    /// `docs/refi/NAME` in this checkout.
    static func schema(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/refi/\(name)").path
    }

    /// Expects `file` to be valid against `schema` (a file name in `docs/refi/`); prints that the
    /// check was skipped when xmllint is missing.
    static func expectValid(
        _ file: String, against schema: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        guard let xmllint else {
            print("skipped: xmllint is not installed (apt-get install libxml2-utils)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--nonet", "--schema", Self.schema(schema), file]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)", sourceLocation: sourceLocation)
    }
}
