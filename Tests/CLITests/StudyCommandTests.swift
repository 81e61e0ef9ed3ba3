import Foundation
import QualKit
import Testing

/// `init`, `status`, `demo`, and how every command treats a missing or foreign study.
@Suite struct StudyCommandTests {
    @Test func initCreatesAPrivateStudy() throws {
        let box = try Sandbox()
        let result = try box.ok(["init", "--title", "Talking Change"])
        #expect(result.stdout.contains("created study 'Talking Change'"))
        let attributes = try FileManager.default.attributesOfItem(atPath: box.studyPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try box.count("PRAGMA user_version") == Schema.migrator.latestVersion)
        #expect(try box.rows("SELECT value FROM study_setting WHERE key = 'title'").first?["value"] == "Talking Change")
    }

    @Test func initNeverOverwrites() throws {
        let box = try Sandbox()
        try box.initStudy(title: "First")
        let again = try box.run(["init", "--title", "Second"])
        #expect(again.status == 73)
        #expect(again.stderr.contains("already exists"))
        #expect(try box.rows("SELECT value FROM study_setting WHERE key = 'title'").first?["value"] == "First")
    }

    @Test func initInAMissingFolderCannotCreate() throws {
        let box = try Sandbox()
        let result = try box.run(["init", "--db", box.directory.appendingPathComponent("no/such/dir/s.sqlite").path])
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot create"))
    }

    @Test func defaultStudyIsInTheCurrentFolder() throws {
        let box = try Sandbox()
        let result = try box.run(["init"], useDefaultDB: false)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: box.directory.appendingPathComponent("study.sqlite").path))
    }

    @Test(arguments: [["status"], ["protocol", "list"], ["protocol", "load", "x.md"], ["protocol", "show", "x"]])
    func missingStudyExits66(_ words: [String]) throws {
        let box = try Sandbox()
        let result = try box.run(words)
        #expect(result.status == 66)
        #expect(result.stderr.contains("no study at \(box.studyPath) (run: qualkit init)"))
    }

    @Test func aFileThatIsNotAStudyIsRefused() throws {
        let box = try Sandbox()
        try box.write("study.sqlite", "just some text, not SQLite at all, but long enough to be a header .....")
        let result = try box.run(["status"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("is not a qualkit study"))
    }

    @Test func aStudyFromANewerQualkitIsRefusedWithoutWrites() throws {
        let box = try Sandbox()
        try box.initStudy()
        do {
            let db = try Database(path: box.studyPath, mode: .readWrite)
            try db.executeScript("PRAGMA user_version = 999")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: box.studyPath))
        let result = try box.run(["protocol", "load", Sandbox.shipped.appendingPathComponent("talking-change.md").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("written by a newer qualkit (study schema 999"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: box.studyPath)) == before)
        #expect(try box.count("SELECT count(*) FROM protocol_version") == 0)
    }

    @Test func statusSummarisesTheStudy() throws {
        let box = try Sandbox()
        try box.initStudy(title: "Status check")
        try box.build { try $0.loadProtocols([Sandbox.shipped.appendingPathComponent("talking-change.md").path]) }
        let json = try #require(try parseJSON(box.ok(["status", "--format", "json"]).stdout) as? [String: Any])
        #expect(json["title"] as? String == "Status check")
        #expect((json["counts"] as? [String: Any])?["protocol_versions"] as? Int == 1)
    }

    @Test func demoBuildsAStudyInTheGivenFolder() throws {
        let demo = try SharedDemo.command.get()
        let (folder, result) = (demo.folder, demo.run)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("loaded protocol talking-change@2 (ur)"))
        #expect(result.stdout.contains("Demo study: \(folder)/study.sqlite"))
        let db = try Database(path: folder + "/study.sqlite", mode: .readOnly)
        #expect(try db.value("SELECT count(*) FROM protocol_version").intValue == 3)
        let again = try Sandbox().run(["demo", "--dir", folder], useDefaultDB: false)
        #expect(again.status == 73)
        // The demo has no --db: the message names --dir.
        #expect(again.stderr.contains("already holds a study; qualkit demo never overwrites one"))
        #expect(again.stderr.contains("--dir"))
        #expect(!again.stderr.contains("--db"))
    }

    @Test func demoWithoutDirUsesANewTemporaryFolder() throws {
        let box = try Sandbox()
        let result = try box.run(["demo"], useDefaultDB: false)
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("Demo study: ") }
        let path = String(line?.dropFirst("Demo study: ".count) ?? "")
        #expect(FileManager.default.fileExists(atPath: path))
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
