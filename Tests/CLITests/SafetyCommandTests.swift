import CSQLite
import Foundation
import QualKit
import Testing

@testable import QualKitCommandLine
@testable import qualkit

extension Sandbox {
    /// Runs a shell script in the sandbox, with `$QK` the built binary and `QUALKIT_DB` the study.
    func shell(_ script: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["QUALKIT_NOW"] = "2026-11-22T10:00:00Z"
        environment["QUALKIT_DB"] = studyPath
        environment["QK"] = Sandbox.binary.path
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func addCodebook() throws {
        try ok(["code", "add", "barrier.cost", "--kind", "barrier", "--name", "Cost", "--definition", "Money worries."])
    }
}

/// Issue 9: output files, standard output errors, environment problems, migrations, echoed
/// values, arguments, withdrawal's confirmation, and the check, backup and audit commands.
@Suite struct SafetyCommandTests {
    // MARK: 1. Output files

    @Test func outRefusesAnExistingFileUnlessForce() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.addCodebook()
        let target = try box.write("codebook.md", "keep me")
        let refused = try box.run(["codebook", "export", "--out", target])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("already exists") && refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        try box.ok(["codebook", "export", "--out", target, "--force"])
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("barrier.cost"))
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        // No temporary file is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.directory.path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func outRefusesLinksFifosFoldersAndDevices() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.addCodebook()
        let victim = try box.write("victim.txt", "precious")
        let link = box.directory.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let fifo = box.directory.appendingPathComponent("fifo.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = box.directory.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (target, kind) in [(link, "symbolic link"), (fifo, "FIFO"), (folder, "folder"), ("/dev/null", "device")] {
            let result = try box.run(["codebook", "export", "--out", target, "--force"])
            #expect(result.status == 73, "\(target)")
            #expect(result.stderr.contains("is a \(kind)"), "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
    }

    @Test func outDashIsStandardOutput() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.addCodebook()
        let result = try box.ok(["codebook", "export", "--out", "-"])
        #expect(result.stdout.contains("barrier.cost"))
        #expect(!FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("-").path))
    }

    @Test func reportCSVFolderRefusesExistingTablesUnlessForce() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.addCodebook()
        let folder = box.directory.appendingPathComponent("findings").path
        try box.ok(["report", "--format", "csv", "--out", folder])
        let again = try box.run(["report", "--format", "csv", "--out", folder])
        #expect(again.status == 73)
        #expect(again.stderr.contains("already exists"))
        try box.ok(["report", "--format", "csv", "--out", folder, "--force"])
    }

    // MARK: 2. Standard output errors

    @Test func aFullStandardOutputExits74WithAMessage() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.ok(["participant", "add", "TC-001"])
        let result = try box.shell("\"$QK\" participant list > /dev/full")
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot write to standard output"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func aClosedStandardOutputExits74() throws {
        let box = try Sandbox()
        try box.initStudy()
        let result = try box.shell("\"$QK\" participant list >&-")
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot write to standard output"))
    }

    @Test func aReaderThatGoesAwayEndsQuietlyWith141() throws {
        let box = try Sandbox()
        try box.initStudy()
        var csv = "id,languages\n"
        for index in 0..<3000 { csv += "P\(index),en\n" }
        try box.write("people.csv", csv)
        try box.ok(["participant", "import", "people.csv"])
        // The subshell reports qualkit's own status, not head's.
        let result = try box.shell("(\"$QK\" participant list; echo \"status $?\" >&2) | head -n 1")
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "status 141")
    }

    // MARK: 3. Environment problems

    @Test func aBusyStudyExits75AndSaysTryAgain() throws {
        let box = try Sandbox()
        try box.initStudy()
        let holder = try Database(path: box.studyPath, mode: .readWrite)
        try holder.executeScript("BEGIN IMMEDIATE")
        defer { try? holder.executeScript("ROLLBACK") }
        // A short wait, so the test does not sit out the default five seconds.
        let result = try box.run(["participant", "add", "TC-001"], environment: ["QUALKIT_BUSY_TIMEOUT_MS": "200"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("busy") && result.stderr.contains("try again"))
    }

    @Test(arguments: [
        (SQLITE_READONLY, ExitCode.noPermission, "read-only"), (SQLITE_FULL, .ioError, "full"),
        (SQLITE_IOERR | (4 << 8), .ioError, "disk"), (SQLITE_BUSY, .tempFail, "try again"),
        (SQLITE_CANTOPEN, .noPermission, "permission"),
    ])
    func environmentErrorsHaveTheirExitCodes(code: Int32, status: ExitCode, words: String) throws {
        let reporter = ErrorReporter(help: CommandTable.tool(console: Console(environment: [:]), environment: [:]).help)
        let (text, exit) = reporter.describe(StoreError(code: code, message: "x"), studyPath: "s.sqlite")
        #expect(exit == status)
        #expect(text.contains(words) && !text.contains("Internal error"))
    }

    @Test func aReadOnlyStudyExits77() throws {
        let box = try Sandbox()
        try box.initStudy()
        // Root ignores file modes; an immutable file (chattr +i) is read-only even to root.
        let immutable = geteuid() == 0
        if immutable {
            guard try box.shell("chattr +i \"$QUALKIT_DB\"").status == 0 else {
                // No chattr here (some file systems): check the same failure through a read-only connection.
                let study = try Study.open(at: box.studyPath, readOnly: true)
                let error = try #require(throws: StoreError.self) {
                    try study.db.execute("INSERT INTO coder(id, created_at) VALUES ('AB', 'now')")
                }
                let help = CommandTable.tool(console: Console(environment: [:]), environment: [:]).help
                let (text, status) = ErrorReporter(help: help).describe(error, studyPath: box.studyPath)
                #expect(status == .noPermission)
                #expect(text.contains("cannot be written"))
                return
            }
        } else {
            #expect(chmod(box.studyPath, 0o400) == 0)
        }
        defer { if immutable { _ = try? box.shell("chattr -i \"$QUALKIT_DB\"") } }
        let result = try box.run(["participant", "add", "TC-001"])
        #expect(result.status == 77)
        #expect(result.stderr.contains("cannot be written") && result.stderr.contains("Nothing was changed"))
        // Reading still works.
        try box.ok(["participant", "list"])
    }

    @Test func permissionDeniedOpeningExits77() throws {
        let box = try Sandbox()
        try box.initStudy()
        guard geteuid() != 0 else {
            // Root is never refused by file modes: check the words and status of the refusal instead.
            let help = CommandTable.tool(console: Console(environment: [:]), environment: [:]).help
            let (text, status) = ErrorReporter(help: help).describe(
                StudyError.permissionDenied(path: box.studyPath), studyPath: box.studyPath)
            #expect(status == .noPermission && text.contains("permission denied"))
            return
        }
        #expect(chmod(box.studyPath, 0) == 0)
        defer { chmod(box.studyPath, 0o600) }
        let result = try box.run(["status"])
        #expect(result.status == 77)
        #expect(result.stderr.contains("permission denied"))
    }

    // MARK: 4. Migrations

    @Test func aStudyWhoseVersionIsBelowItsTablesIsLeftUntouched() throws {
        let box = try Sandbox()
        try box.initStudy()
        do {
            let db = try Database(path: box.studyPath, mode: .readWrite)
            try db.executeScript("PRAGMA user_version = 5")
        }
        let before = try box.bytes(box.studyPath)
        for words in [["status"], ["participant", "add", "TC-001"], ["migrate"]] {
            let result = try box.run(words)
            #expect(result.status == 65, "\(words)")
            #expect(result.stderr.contains("do not match"), "\(result.stderr)")
        }
        #expect(try box.bytes(box.studyPath) == before)
    }

    @Test func readingCommandsNeverMigrateAndWritingOnesDo() throws {
        let box = try Sandbox()
        do {
            let db = try Database(path: box.studyPath, mode: .createNew)
            try db.executeScript("PRAGMA application_id = \(Schema.applicationID)")
            try Migrator(Array(Schema.migrator.migrations.prefix(5))).migrate(db)
        }
        let before = try box.bytes(box.studyPath)
        for words in [["status"], ["participant", "list"], ["tally"], ["check"], ["audit"]] {
            let result = try box.run(words)
            #expect(result.status == 65, "\(words)")
            #expect(result.stderr.contains("qualkit migrate"), "\(result.stderr)")
        }
        #expect(try box.bytes(box.studyPath) == before)
        try box.ok(["participant", "add", "TC-001"])
        #expect(try box.count("PRAGMA user_version") == Schema.migrator.latestVersion)
    }

    // MARK: 5. Echoed values and terminal output

    @Test func echoedValuesAreCappedAt80Characters() throws {
        let box = try Sandbox()
        try box.initStudy()
        let long = String(repeating: "x", count: 100_000)
        let result = try box.run(["participant", "show", long])
        #expect(result.status == 65)
        #expect(result.stderr.contains(String(repeating: "x", count: 80) + "…"))
        #expect(result.stderr.utf8.count < 1000)
        let usage = try box.run(["saturation", "--base", long])
        #expect(usage.stderr.utf8.count < 2000)
    }

    @Test func controlCharactersAreEscapedOnATerminal() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.ok(["participant", "add", "TC-001", "--community", "A\u{1B}[31mred\u{07}"])
        let result = try box.shell("script -qec '\"$QK\" participant show TC-001' /dev/null")
        #expect(result.stdout.contains("A\\x1B[31mred\\x07"))
        #expect(!result.stdout.contains("\u{1B}[31m"))
        // Files and pipes get the value as stored.
        #expect(try box.ok(["participant", "show", "TC-001"]).stdout.contains("A\u{1B}[31mred"))
    }

    // MARK: 6. Arguments

    @Test func aNonUTF8ArgumentExits64() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.addCodebook()
        let result = try box.shell("\"$QK\" codebook export --out \"$(printf '\\377.md')\"")
        #expect(result.status == 64)
        #expect(result.stderr.contains("not valid UTF-8"))
        let files = try FileManager.default.contentsOfDirectory(atPath: box.directory.path)
        #expect(!files.contains { $0.hasSuffix(".md") })
    }

    // MARK: 7. Withdrawal

    /// A study with one participant and their interview; with `byCommand`, made by the binary's
    /// own `init` (the audit records commands, not in-process fixtures).
    func studyWithParticipant(byCommand: Bool = false) throws -> Sandbox {
        let box = try Sandbox()
        if byCommand { try box.ok(["init", "--title", "Test study"]) } else { try box.initStudy() }
        try box.ok(["protocol", "load", Sandbox.shipped.appendingPathComponent("talking-change.md").path])
        try box.ok(["interviewer", "add", "IV01", "--name", "A"])
        try box.ok(["participant", "add", "TC-007", "--attr", "household=single"])
        try box.ok([
            "interview", "add", "--participant", "TC-007", "--interviewer", "IV01", "--protocol", "talking-change@2",
        ])
        return box
    }

    @Test func withdrawDryRunListsCountsAndChangesNothing() throws {
        let box = try studyWithParticipant()
        let before = try box.bytes(box.studyPath)
        let result = try box.ok(["participant", "withdraw", "TC-007", "--dry-run", "--format", "json"])
        let json = try #require(try parseJSON(result.stdout) as? [String: Any])
        #expect(json["dry_run"] as? Bool == true)
        let counts = try #require(json["would_erase"] as? [String: Int])
        #expect(counts["attributes"] == 1 && counts["interviews"] == 1)
        #expect(try box.count("SELECT count(*) FROM participant") == 1)
        #expect(try box.bytes(box.studyPath) == before)
    }

    @Test func withdrawWithoutATerminalOrYesRefuses() throws {
        let box = try studyWithParticipant()
        let result = try box.run(["participant", "withdraw", "TC-007"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--yes"))
        #expect(try box.count("SELECT count(*) FROM participant") == 1)
        let help = try box.ok(["participant", "withdraw", "--help"])
        #expect(help.stdout.contains("--dry-run") && help.stdout.contains("exit 64"))
    }

    @Test func withdrawOnATerminalAsksForTheIdAgain() throws {
        let box = try studyWithParticipant()
        let wrong = try box.shell("printf 'TC-070\\n' | script -qec '\"$QK\" participant withdraw TC-007' /dev/null")
        #expect(wrong.stdout.contains("Type the participant id again"))
        #expect(try box.count("SELECT count(*) FROM participant") == 1)
        let right = try box.shell("printf 'TC-007\\n' | script -qec '\"$QK\" participant withdraw TC-007' /dev/null")
        #expect(right.status == 0, "\(right.stdout)")
        #expect(try box.count("SELECT count(*) FROM participant") == 0)
    }

    // MARK: 8. check, backup, audit

    @Test func checkSaysOkThenListsWhatIsWrong() throws {
        let box = try studyWithParticipant()
        let fine = try box.ok(["check"])
        #expect(fine.stdout == "ok\n")
        do {
            let db = try Database(path: box.studyPath, mode: .readWrite)
            try db.execute("UPDATE interview SET protocol = 'ghost', protocol_version = 3")
            try db.execute("INSERT INTO withdrawal(participant, withdrawn_on) VALUES ('TC-007', '2026-01-01')")
        }
        let result = try box.run(["check", "--format", "json"])
        #expect(result.status == 65)
        let json = try #require(try parseJSON(result.stdout) as? [String: Any])
        #expect(json["ok"] as? Bool == false)
        let kinds = (json["problems"] as? [[String: Any]] ?? []).compactMap { $0["problem"] as? String }
        #expect(kinds.contains("missing_protocol_version"))
        #expect(kinds.contains("withdrawn_participant_data"))
    }

    @Test func backupCopiesConsistentlyWhileAWriterHoldsTheLock() throws {
        let box = try studyWithParticipant()
        let holder = try Database(path: box.studyPath, mode: .readWrite)
        try holder.executeScript("BEGIN IMMEDIATE")
        try holder.execute("INSERT INTO coder(id, created_at) VALUES ('ZZ', 'now')")
        let copy = box.directory.appendingPathComponent("copy.sqlite").path
        try box.ok(["backup", copy])
        try holder.executeScript("COMMIT")
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let backup = try Study.open(at: copy, readOnly: true)
        #expect(try backup.db.value("SELECT count(*) FROM participant").intValue == 1)
        #expect(try backup.db.value("SELECT count(*) FROM coder").intValue == 0)
        let again = try box.run(["backup", copy])
        #expect(again.status == 73)
        try box.ok(["backup", copy, "--force"])
    }

    @Test func auditRecordsChangesWithoutPersonalData() throws {
        let box = try studyWithParticipant(byCommand: true)
        try box.addCodebook()
        try box.ok(["participant", "list"])
        try box.ok(["participant", "withdraw", "TC-007", "--yes", "--reason", "phoned TC-007"])
        let result = try box.ok(["audit", "--format", "json"])
        let rows = try #require(try parseJSON(result.stdout) as? [[String: Any]])
        let commands = rows.compactMap { $0["command"] as? String }
        #expect(
            commands == [
                "init", "protocol load", "interviewer add", "participant add", "interview add", "code add",
                "participant withdraw",
            ])
        #expect(rows.allSatisfy { ($0["changes"] as? Int ?? 0) > 0 && $0["user"] as? String != "" })
        #expect(rows.last?["words"] as? String == "participant withdraw <id> --reason … --yes")
        let everything = try box.rows("SELECT * FROM audit").map { "\($0)" }.joined()
        #expect(!everything.contains("TC-007") && !everything.contains("Money"))
        // Nothing in qualkit can change or remove a row.
        let db = try Database(path: box.studyPath, mode: .readWrite)
        #expect(throws: StoreError.self) { try db.execute("DELETE FROM audit") }
        #expect(throws: StoreError.self) { try db.execute("UPDATE audit SET user = 'x'") }
        let since = try box.ok(["audit", "--since", "2030-01-01", "--format", "json"])
        #expect(since.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
