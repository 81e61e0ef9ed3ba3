// Shared by every fuzz target: compiled into each target's binary next to its one target file.
import Foundation

@testable import QualKit

enum Fuzz {
    /// The input as bytes.
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A scratch file per process: the CSV importers read paths, and the file must carry the input
    /// byte for byte (UTF-16 detection and BOM handling happen on the file).
    static let scratch: String = {
        let path = NSTemporaryDirectory() + "qualkit-fuzz-\(getpid()).csv"
        atexit { unlink(NSTemporaryDirectory() + "qualkit-fuzz-\(getpid()).csv") }
        return path
    }()

    static func writeScratch(_ bytes: [UInt8]) -> String {
        let path = scratch
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        if !bytes.isEmpty { _ = fwrite(bytes, 1, bytes.count, file) }
        fclose(file)
        return path
    }

    /// Every error a parser may throw is one of the located input errors; anything else is a bug
    /// the fuzzer should report (a trap is a crash to libFuzzer).
    static func expectInputError(_ error: any Error, file: String) {
        if let invalid = error as? InvalidInput {
            for diagnostic in invalid.diagnostics where diagnostic.file != file {
                fatalError("diagnostic for another file: \(diagnostic)")
            }
            if invalid.diagnostics.isEmpty { fatalError("InvalidInput without a diagnostic") }
            return
        }
        if error is MissingInputFile { fatalError("scratch file missing: \(error)") }
        fatalError("unexpected error type \(type(of: error)): \(error)")
    }

    /// The demo study, built once per process from the repository's `protocols/` folder
    /// (`QUALKIT_PROTOCOLS`, default `protocols` under the current directory), for the importers
    /// whose checks need a study (codings, outcomes).
    nonisolated(unsafe) static var demo: Study = {
        let shipped = ProcessInfo.processInfo.environment["QUALKIT_PROTOCOLS"] ?? "protocols"
        let directory = NSTemporaryDirectory() + "qualkit-fuzz-study-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        do {
            let result = try DemoStudy.build(in: directory, shipped: shipped)
            return try Study.open(at: result.studyPath)
        } catch {
            fatalError("cannot build the demo study from \(shipped): \(error)")
        }
    }()

    struct Rollback: Error {}

    /// Runs `body` inside a transaction that is always rolled back, so successful imports do not
    /// grow the study from one input to the next.
    static func inRolledBackTransaction(_ study: Study, _ body: () throws -> Void) {
        do {
            try study.db.transaction {
                try body()
                throw Rollback()
            }
        } catch is Rollback {
        } catch {
            expectInputError(error, file: scratch)
        }
    }

    /// The pure part of a roster import for `Member`: header and row checks in `RosterCSV`, then
    /// every field through `Member.set`, without a study.
    static func roster<Member: RosterMember>(_: Member.Type, _ data: UnsafePointer<UInt8>?, _ size: Int) {
        let path = writeScratch(bytes(data, size))
        do {
            let csv = try RosterCSV(path: path, recognised: Member.columns, allowed: [])
            for row in csv.rows {
                var member = Member(blank: row.id)
                for field in row.fields {
                    do { try member.set(field.key, field.value) } catch {
                        _ = RosterCSV.diagnostic(error, file: path, line: row.line, value: field.value)
                    }
                }
                _ = member.missing
            }
        } catch {
            expectInputError(error, file: path)
        }
    }
}
