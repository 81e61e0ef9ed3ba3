import Foundation
import QualKit
import Testing

/// `qualkit qdpx export` end to end: the archive, its summary, redaction and its log, and the
/// errors a user meets.
@Suite struct QdpxExportCommandTests {
    /// A study with one coded transcript that says a phone number, a memo, and a protocol.
    func study() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            try study.importCodebook(Sandbox.shipped.appendingPathComponent("talking-change.codebook.md").path)
            try study.addCoder("AB", name: "A. Begum")
            try study.addParticipant("TC-001", [("consent_quotes", "yes"), ("household", "multi")])
        }
        let transcript = try box.write(
            "TC-001.txt",
            """
            Interviewer: Who do you live with?
            TC-001: My parents. Ring 07700 900123 in the evening, there's no quiet corner to talk.

            """)
        try box.build { study in
            try study.importTranscripts([transcript])
            _ = try CodingLog(study).tag(
                transcript: "TC-001", segment: 2, code: "barrier.appointment-times", coder: "AB",
                selection: .quote("no quiet corner to talk"), memo: nil)
            _ = try CodingLog(study).addMemo(
                transcript: "TC-001", segment: nil, code: nil, coder: "AB", text: "Evenings only.")
        }
        return box
    }

    func entries(_ path: String) throws -> [String: Data] {
        let data = try #require(FileManager.default.contents(atPath: path))
        var entries: [String: Data] = [:]
        for entry in try ZipReader.entries(of: data) { entries[entry.path] = entry.data }
        return entries
    }

    @Test func writesAPrivateRedactedProjectAndSaysWhatWasLeftOut() throws {
        let box = try study()
        let out = box.directory.appendingPathComponent("study.qdpx").path
        let run = try box.ok(["qdpx", "export", "--out", out])
        #expect(run.stderr.contains("wrote \(out)"))
        #expect(run.stderr.contains("left out (REFI-QDA has no place for them): 1 interviews, 1 consent records"))
        #expect(run.stdout.contains("selections"))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let files = try entries(out)
        let qde = String(decoding: try #require(files["project.qde"]), as: UTF8.self)
        #expect(qde.contains("xmlns=\"urn:QDA-XML:project:1.0\""))
        #expect(qde.contains("name=\"no quiet corner to talk\""))
        let sources = files.keys.filter { $0.hasPrefix("sources/") }
        #expect(sources.count == 1)
        let entry = try #require(sources.first)
        let text = String(decoding: try #require(files[entry]), as: UTF8.self)
        #expect(text.contains("[phone]") && !text.contains("900123"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log") == 0)

        // A second export replaces the file only with --force, and is byte-identical.
        let again = try box.run(["qdpx", "export", "--out", out])
        #expect(again.status == 73)
        #expect(again.stderr.contains("already exists"))
        let copy = box.directory.appendingPathComponent("again.qdpx").path
        try box.ok(["qdpx", "export", "--out", copy])
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: out))
    }

    @Test func jsonSaysWhatWasExportedAndLeftOut() throws {
        let box = try study()
        let out = box.directory.appendingPathComponent("study.qdpx").path
        let json = try #require(
            try parseJSON(box.ok(["qdpx", "export", "--out", out, "--format", "json"]).stdout) as? [String: Any])
        #expect(json["file"] as? String == out)
        #expect(json["redacted"] as? Bool == true)
        let exported = try #require(json["exported"] as? [String: Int])
        #expect(exported["sources"] == 1 && exported["selections"] == 1 && exported["codings"] == 1)
        #expect(exported["cases"] == 1 && exported["users"] == 1 && exported["notes"] == 1)
        #expect(exported["codes"] == (try box.count("SELECT count(*) FROM code")))
        let leftOut = try #require(json["left_out"] as? [[String: Any]])
        #expect(
            leftOut.map { $0["what"] as? String } == [
                "protocols", "interviewers", "interviews", "consent records", "actions", "outcomes", "coverage marks",
            ])
    }

    @Test func noRedactKeepsTheTextAndIsLogged() throws {
        let box = try study()
        let out = box.directory.appendingPathComponent("open.qdpx").path
        let run = try box.ok(["qdpx", "export", "--out", out, "--no-redact"])
        #expect(run.stderr.contains("recorded in the study's disclosure log"))
        let files = try entries(out)
        let source = try #require(files.first { $0.key.hasPrefix("sources/") }?.value)
        #expect(String(decoding: source, as: UTF8.self).contains("07700 900123"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log WHERE what LIKE 'qdpx export --no-redact%'") == 1)
        #expect(try box.count("SELECT count(*) FROM audit WHERE command = 'qdpx export'") == 1)
    }

    @Test func anUnwritableOutIsRefusedWithNothingLogged() throws {
        let box = try study()
        let out = box.directory.appendingPathComponent("missing/study.qdpx").path
        let run = try box.run(["qdpx", "export", "--out", out, "--no-redact"])
        #expect(run.status == 73)
        #expect(run.stderr.contains("cannot write"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log") == 0)
        let folder = try box.run(["qdpx", "export", "--out", box.directory.path])
        #expect(folder.status == 73)
    }

    @Test func aMissingStudyIsReported() throws {
        let box = try Sandbox()
        let run = try box.run(
            ["qdpx", "export", "--out", box.directory.appendingPathComponent("x.qdpx").path],
            environment: ["QUALKIT_DB": box.directory.path + "/none.sqlite"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("none.sqlite"))
    }

    @Test func outIsRequired() throws {
        let box = try study()
        let run = try box.run(["qdpx", "export"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--out"))
    }
}
