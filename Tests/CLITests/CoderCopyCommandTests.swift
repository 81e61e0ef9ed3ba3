import Foundation
import QualKit
import Testing

/// Two coders working apart: handout, coding in the copies, merge back, codebook history.
@Suite struct CoderCopyCommandTests {
    /// The coding tests' study with TC-001's transcript, plus TC-002's.
    func study() throws -> Sandbox {
        let box = try CodingCommandTests().withTranscript()
        let second = try box.write(
            "TC-002.txt",
            "Interviewer: How did you hear about the service?\nTC-002: From my cousin at the mosque.\nInterviewer: And the wait?\nTC-002: Four months on the waiting list.\n"
        )
        try box.build { try $0.importTranscripts([second]) }
        return box
    }

    func json(_ run: Run) throws -> [String: Any] {
        try #require(try parseJSON(run.stdout) as? [String: Any])
    }

    func counts(_ run: Run) throws -> [String: Int] {
        try #require(try json(run)["counts"] as? [String: Int])
    }

    @Test func aProjectExportedAndSentBackMergesAsUnchanged() throws {
        let box = try study()
        try box.ok(["tag", "TC-001", "4", "barrier.stigma.family", "--coder", "AB", "--quote", "no quiet corner"])
        try box.ok(["tag", "TC-002", "4", "barrier.waiting", "--coder", "AB"])
        try box.ok(["qdpx", "export", "--out", "sent.qdpx"])
        let path = box.directory.appendingPathComponent("sent.qdpx").path
        let codings = try box.count("SELECT count(*) FROM coding")
        for _ in 0..<2 {
            let run = try box.ok(["merge", path, "--format", "json"])
            let counts = try counts(run)
            #expect(counts["added"] == 0 && counts["changed"] == 0 && counts["unchanged"] == codings)
            #expect(try json(run)["coders_added"] as? [String] == [])
        }
        #expect(try box.count("SELECT count(*) FROM coding") == codings)
        let table = try box.ok(["merge", path])
        #expect(table.stdout.contains("0 added, \(codings) unchanged, 0 changed"))
    }

    @Test func theTwoCoderLoop() throws {
        let box = try study()
        let ab = box.directory.appendingPathComponent("AB.sqlite").path
        let cd = box.directory.appendingPathComponent("CD.sqlite").path
        let out = try box.ok(["handout", "--coder", "AB", "--out", ab])
        #expect(out.stdout.contains("handed out 2 transcripts to AB in \(ab)"))
        try box.ok(["handout", "--coder", "CD", "--out", cd, "--transcript", "TC-001"])
        #expect(try box.count("SELECT count(*) FROM disclosure_log") >= 2)

        // Each codes differently in their own copy.
        func inCopy(_ copy: String, _ arguments: [String]) throws {
            let run = try box.run(arguments, environment: ["QUALKIT_DB": copy])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        try inCopy(
            ab, ["tag", "TC-001", "4", "barrier.appointment-times", "--coder", "AB", "--quote", "no quiet corner"])
        try inCopy(ab, ["tag", "TC-001", "4", "barrier.stigma.family", "--coder", "AB"])
        try inCopy(ab, ["tag", "TC-002", "4", "barrier.waiting", "--coder", "AB"])
        try inCopy(ab, ["code", "add", "barrier.cost", "--definition", "Money it takes"])
        try inCopy(ab, ["tag", "TC-002", "2", "barrier.cost", "--coder", "AB"])
        try inCopy(
            cd,
            [
                "tag", "TC-001", "4", "barrier.stigma.family", "--coder", "CD", "--quote",
                "we don't talk about those things",
            ])
        try inCopy(cd, ["coding", "done", "TC-001", "--coder", "CD"])

        // Meanwhile a code is renamed in the master.
        try box.ok(["code", "rename", "barrier.stigma.family", "barrier.stigma.household"])

        let dry = try box.ok(["merge", ab, "--dry-run"])
        #expect(dry.stdout.contains("dry run, nothing written: 4 added, 0 unchanged, 0 changed"))
        #expect(try box.count("SELECT count(*) FROM coding") == 0)

        let first = try box.ok(["merge", ab, "--format", "json"])
        #expect(try counts(first)["added"] == 4 && counts(first)["unchanged"] == 0 && counts(first)["changed"] == 0)
        #expect(try json(first)["codes_proposed"] as? [String] == ["barrier.cost"])
        let entries = try #require(try json(first)["entries"] as? [[String: Any]])
        let followed = try #require(entries.first { ($0["conflicts"] as? [String]) == ["code_followed"] })
        #expect(followed["code"] as? String == "barrier.stigma.household")
        #expect(
            try box.count("SELECT count(*) FROM coding WHERE code = 'barrier.stigma.household' AND coder = 'AB'") == 1)

        let second = try box.ok(["merge", cd])
        #expect(second.stdout.contains("1 added, 0 unchanged, 0 changed, 1 conflicts, 0 not merged"))
        #expect(try box.count("SELECT done FROM coverage WHERE coder = 'CD' AND transcript = 'TC-001'") == 1)

        // Merging again adds nothing.
        let codings = try box.count("SELECT count(*) FROM coding")
        for copy in [ab, cd] {
            let again = try counts(box.ok(["merge", copy, "--format", "json"]))
            #expect(again["added"] == 0 && again["changed"] == 0 && again["coverage_added"] == 0)
        }
        #expect(try box.count("SELECT count(*) FROM coding") == codings)

        // AB then widens a boundary in their copy: merged as changed, the old span in the history.
        try inCopy(
            ab, ["untag", "TC-001", "4", "barrier.appointment-times", "--coder", "AB", "--quote", "no quiet corner"])
        try inCopy(
            ab,
            ["tag", "TC-001", "4", "barrier.appointment-times", "--coder", "AB", "--quote", "no quiet corner to talk"])
        let changed = try box.ok(["merge", ab])
        #expect(changed.stdout.contains("0 added, 3 unchanged, 1 changed"))
        let codingHistory = try box.ok(["codings", "history", "--format", "csv"])
        #expect(codingHistory.stdout.contains("barrier.appointment-times,AB"))

        // The proposed code is listed as such until accepted.
        #expect(try box.ok(["code", "list"]).stdout.contains("(proposed)"))
        let list = try #require(try parseJSON(box.ok(["code", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(list.first { $0["path"] as? String == "barrier.cost" }?["proposed"] as? Bool == true)
        #expect(try box.ok(["code", "accept", "barrier.cost"]).stdout.contains("accepted code barrier.cost"))
        #expect(try !box.ok(["code", "list"]).stdout.contains("(proposed)"))

        // The codebook history shows the rename, under the old name too.
        let history = try box.ok(["code", "history", "barrier.stigma.family", "--format", "json"])
        let rows = try #require(try parseJSON(history.stdout) as? [[String: Any]])
        #expect(
            rows.contains {
                $0["change"] as? String == "renamed" && $0["new_value"] as? String == "barrier.stigma.household"
            })
        #expect(rows.allSatisfy { ($0["user"] as? String)?.isEmpty == false })
        let all = try box.ok(["code", "history"]).stdout
        #expect(all.contains("proposed") && all.contains("accepted"))

        // The reconciliation meeting: compare, decide in the resolve file, record the consensus.
        let table = try box.ok(["compare", "--coders", "AB,CD"]).stdout
        #expect(table.contains("barrier.appointment-times"))
        try box.ok(["compare", "--coders", "AB,CD", "--format", "csv", "--out", "resolve.csv"])
        let resolve = box.directory.appendingPathComponent("resolve.csv").path
        var lines = try String(contentsOfFile: resolve, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "transcript,segment,code,coder_a,coder_b,text,decision")
        let disputed = try #require(lines.firstIndex { $0.hasPrefix("TC-001,4,barrier.appointment-times,") })
        lines[disputed] += "keep"
        try lines.joined(separator: "\n").write(toFile: resolve, atomically: true, encoding: .utf8)
        let consensus = try #require(
            try parseJSON(
                box.ok(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", resolve, "--format", "json"])
                    .stdout) as? [String: Any])
        #expect(consensus["agreed"] as? Int == 1)  // TC-001/4 barrier.stigma.household, by both
        #expect(consensus["kept"] as? Int == 1 && consensus["dropped"] as? Int == 0)
        #expect((consensus["open"] as? [Any])?.isEmpty == true)
        #expect(
            try box.count(
                "SELECT count(*) FROM coding c JOIN segment s ON s.id = c.segment WHERE c.coder = 'AGREED' AND s.transcript = 'TC-001' AND s.number = 4"
            ) == 2)

        // The report counts the consensus coder and says how it was reached.
        let report = try box.ok(["report", "--format", "md"]).stdout
        #expect(report.contains("AGREED, the consensus of AB and CD"))
        #expect(report.contains("barrier.stigma.household") || report.contains("Household"))
    }

    @Test func errorPaths() throws {
        let box = try study()
        let ab = box.directory.appendingPathComponent("AB.sqlite").path
        let unknown = try box.run(["handout", "--coder", "ZZ", "--out", ab])
        #expect(unknown.status == 65 && unknown.stderr.contains("ZZ"))
        #expect(!FileManager.default.fileExists(atPath: ab))
        try box.ok(["handout", "--coder", "AB", "--out", ab])
        let exists = try box.run(["handout", "--coder", "AB", "--out", ab])
        #expect(exists.status == 73 && exists.stderr.contains("--force"))
        try box.ok(["handout", "--coder", "AB", "--out", ab, "--force"])
        let itself = try box.run(["handout", "--coder", "AB", "--out", box.studyPath, "--force"])
        #expect(itself.status == 73)
        let missing = try box.run(["merge", "nothing.sqlite"])
        #expect(missing.status == 66)
        let text = try box.write("notes.sqlite", "not a study at all")
        let notStudy = try box.run(["merge", text])
        #expect(notStudy.status == 65 && notStudy.stderr.contains("notes.sqlite is neither a qualkit study"))
        let codebook = try box.write("codes.qdc", "<?xml version=\"1.0\"?><CodeBook/>")
        let qdc = try box.run(["merge", codebook])
        #expect(qdc.status == 65 && qdc.stderr.contains("qualkit codebook import"))
        let folder = try box.run(["merge", box.directory.path])
        #expect(folder.status == 66 && folder.stderr.contains("is a folder"))
        let qdpx = try box.run(["merge", try box.write("project.qdpx", "not a zip archive")])
        #expect(qdpx.status == 65 && qdpx.stderr.contains("project.qdpx") && qdpx.stderr.contains("zip"))
        let badMap = try box.run(["merge", ab, "--coder-map", "AB"])
        #expect(badMap.status == 64)
        let notInFile = try box.run(["merge", ab, "--coder-map", "XX=AB"])
        #expect(notInFile.status == 64 && notInFile.stderr.contains("XX") && notInFile.stderr.contains("it has: AB"))
        let unknownMap = try box.run(["merge", ab, "--coder-map", "AB=ZZ"])
        #expect(unknownMap.status == 65 && unknownMap.stderr.contains("ZZ"))
        // A copy whose coder the master does not have.
        let other = try Sandbox()
        try other.initStudy()
        try other.build { study in
            try study.addCoder("EF")
            try study.addCodes(["barrier.waiting"])
            try study.addParticipant("TC-001")
        }
        let transcript = try other.write("TC-001.txt", CodingCommandTests.transcript)
        try other.build { study in
            try study.importTranscripts([transcript])
            try study.tag("TC-001", 2, "barrier.waiting", coder: "EF")
        }
        let foreign = try box.run(["merge", other.studyPath])
        #expect(foreign.status == 65 && foreign.stderr.contains("--coder-map"))
        let mapped = try box.ok(["merge", other.studyPath, "--coder-map", "EF=CD"])
        #expect(mapped.stdout.contains("1 added"))
        let accept = try box.run(["code", "accept", "barrier.nothing"])
        #expect(accept.status == 65)
        let history = try box.run(["code", "history", "barrier.nothing"])
        #expect(history.status == 65)
    }
}
