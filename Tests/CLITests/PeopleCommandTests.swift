import Foundation
import QualKit
import Testing

/// `participant`, `interviewer`, `interview` and `match` end to end.
@Suite struct PeopleCommandTests {
    static let demo = Sandbox.shipped.appendingPathComponent("demo")

    func studyWithPeople() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            let roster = Roster(study)
            _ = try roster.importParticipants(
                path: Self.demo.appendingPathComponent("participants.csv").path, update: false, allowColumns: [])
            _ = try roster.importInterviewers(
                path: Self.demo.appendingPathComponent("interviewers.csv").path, update: false, allowColumns: [])
        }
        return box
    }

    // MARK: Participants

    @Test func addShowUpdateAndList() throws {
        let box = try Sandbox()
        try box.initStudy()
        let added = try box.ok([
            "participant", "add", "TC-001", "--languages", "UR,en", "--gender", "F", "--community", "Pakistani",
            "--available", "sat 10:00-13:00; mon 18:00-21:00", "--prefers-gender", "f",
            "--prefers-same-community", "yes", "--attr", "household=multi-generational",
            "--attr", "Age Band=18-24", "--consent-quotes", "yes", "--consent-date", "2023-02-01",
        ])
        #expect(added.stdout == "added participant TC-001\n")
        let show =
            try #require(
                try parseJSON(box.ok(["participant", "show", "TC-001", "--format", "json"]).stdout) as? [String: Any])
        #expect(show["languages"] as? [String] == ["ur", "en"])
        #expect(show["gender"] as? String == "f")
        #expect(show["availability"] as? String == "mon 18:00-21:00; sat 10:00-13:00")
        #expect(show["consent_quotes"] as? Bool == true)
        #expect(show["consent_date"] as? String == "2023-02-01")
        #expect(show["attributes"] as? [String: String] == ["age_band": "18-24", "household": "multi-generational"])
        try box.ok(["participant", "update", "TC-001", "--consent-quotes", "no", "--attr", "household="])
        let row = try #require(try box.rows("SELECT consent_quotes FROM participant WHERE id = 'TC-001'").first)
        #expect(try row["consent_quotes"] as Int == 0)
        #expect(try box.count("SELECT count(*) FROM participant_attribute WHERE participant = 'TC-001'") == 1)
        let list = try box.ok(["participant", "list"]).stdout
        #expect(
            list.contains(
                "TC-001  ur,en      f       Pakistani  mon 18:00-21:00; sat 10:00-13:00  no      age_band=18-24"))
    }

    @Test func addRefusesDuplicatesBadValuesAndIdentifiers() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.addParticipant("TC-001") }
        let duplicate = try box.run(["participant", "add", "TC-001"])
        #expect(duplicate.status == 65)
        #expect(duplicate.stderr.contains("participant TC-001 already exists"))
        let badID = try box.run(["participant", "add", "TC 002"])
        #expect(badID.status == 65)
        let badSpec = try box.run(["participant", "add", "TC-002", "--available", "mon 10:00-12:00; tue 25:00-26:00"])
        #expect(badSpec.status == 65)
        #expect(
            badSpec.stderr.contains(
                "Error: --available 'mon 10:00-12:00; tue 25:00-26:00': character 22: bad start time '25:00'"))
        let badLanguage = try box.run(["participant", "add", "TC-002", "--languages", "urdu"])
        #expect(badLanguage.status == 65)
        #expect(badLanguage.stderr.contains("bad language tag 'urdu'"))
        let identifier = try box.run(["participant", "add", "TC-002", "--attr", "Email=x@example.org"])
        #expect(identifier.status == 65)
        #expect(identifier.stderr.contains("'email' looks like a direct identifier"))
        #expect(try box.count("SELECT count(*) FROM participant") == 1)
        try box.ok(["participant", "add", "TC-002", "--attr", "postcode=N1", "--allow-column", "postcode"])
        let badChoice = try box.run(["participant", "add", "TC-003", "--consent-quotes", "maybe"])
        #expect(badChoice.status == 64)
        let badDate = try box.run(["participant", "add", "TC-003", "--consent-date", "2023-02-30"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("expected a date as YYYY-MM-DD or DD/MM/YYYY"))
    }

    @Test func unknownParticipantNamesTheNearest() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.addParticipant("TC-001") }
        let result = try box.run(["participant", "show", "TC-01"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown participant 'TC-01'. Did you mean 'TC-001'?"))
        #expect(try box.run(["participant", "update", "TC-9", "--gender", "f"]).status == 65)
    }

    @Test func importReadsTheDemoRoster() throws {
        let box = try studyWithPeople()
        #expect(try box.count("SELECT count(*) FROM participant") == 48)
        #expect(try box.count("SELECT count(*) FROM participant_attribute WHERE key = 'household'") == 48)
        #expect(try box.count("SELECT count(*) FROM interviewer") == 7)
        let csv = try box.ok([
            "participant", "list", "--where", "household=multi-generational", "--where", "language=bn", "--format",
            "csv",
        ]).stdout
        #expect(csv.hasPrefix("id,languages,gender,community,availability,prefers_gender"))
        let ids = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(!ids.isEmpty)
        let expected = try box.count(
            """
            SELECT count(*) FROM participant p JOIN participant_attribute a ON a.participant = p.id
            WHERE a.key = 'household' AND a.value = 'multi-generational' AND (',' || p.languages || ',') LIKE '%,bn,%'
            """)
        #expect(ids.count == expected)
        let typo = try box.run(["participant", "list", "--where", "houshold=x"])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("Did you mean 'household'?"))
    }

    @Test func importReportsEveryBadRowAndWritesNothing() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "people.csv",
            """
            id,languages,availability,consent_quotes,consent_date,household
            TC-001,ur;en,sat 10:00-13:00,yes,2023-01-05,multi-generational
            TC-002,xx-,sat 10:00-13:00,yes,2023-01-05,alone
            TC-003,en,sat 10:00-33:00,yes,2023-01-05,alone
            TC-004,en,,perhaps,2023-01-05,alone
            TC-005,en,,yes,2023-02-30,alone
            TC-001,en,,yes,,alone
            bad id,en,,yes,,alone
            TC-008,en,,yes
            "TC-009","en, pa","mon 09:00-10:00, tue 09:00-10:00",no,,"shared, house"
            """)
        let result = try box.run(["participant", "import", file])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(file):3: bad language tag 'xx-': expected BCP 47 tags such as ur, pa, en-GB"))
        #expect(
            lines.contains {
                $0.hasPrefix("\(file):4: availability 'sat 10:00-33:00', character 11: bad end time '33:00'")
            })
        #expect(lines.contains("\(file):5: bad consent_quotes 'perhaps': expected yes or no"))
        #expect(lines.contains("\(file):6: bad consent_date '2023-02-30': expected a date as YYYY-MM-DD or DD/MM/YYYY"))
        #expect(lines.contains("\(file):7: id TC-001 is also on line 2"))
        #expect(lines.contains { $0.hasPrefix("\(file):8: bad id 'bad id'") })
        #expect(
            lines.contains("\(file):9: expected 6 fields as in the header, found 4 (read as UTF-8, comma-separated)"))
        #expect(!lines.contains { $0.hasPrefix("\(file):10:") })
        #expect(try box.count("SELECT count(*) FROM participant") == 0)
    }

    @Test func importRefusesIdentifierColumnsUnlessAllowed() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "people.csv", "id,Full Name,NHS Number,household\nTC-001,Jane Doe,943 476 5919,alone\n")
        let result = try box.run(["participant", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file):1: column 2: 'full_name' looks like a direct identifier"))
        #expect(result.stderr.contains("\(file):1: column 3: 'nhs_number' looks like a direct identifier"))
        #expect(result.stderr.contains("data minimisation"))
        #expect(try box.count("SELECT count(*) FROM participant") == 0)
        let allowed = try box.run([
            "participant", "import", file, "--allow-column", "full_name", "--allow-column", "NHS Number",
        ])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func importOfExistingIdsNeedsUpdate() throws {
        let box = try Sandbox()
        try box.initStudy()
        let first = try box.write("a.csv", "id,household\nTC-001,alone\n")
        try box.build {
            _ = try Roster($0).importParticipants(path: first, update: false, allowColumns: [])
        }
        let second = try box.write("b.csv", "id,household,gender\nTC-001,multi-generational,f\nTC-002,alone,m\n")
        let refused = try box.run(["participant", "import", second])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(second):2: participant TC-001 already exists (use --update"))
        #expect(try box.count("SELECT count(*) FROM participant") == 1)
        let updated = try box.ok(["participant", "import", second, "--update"])
        #expect(updated.stdout.contains("imported 1 new and 1 updated participants"))
        #expect(
            try box.rows("SELECT value FROM participant_attribute WHERE participant = 'TC-001'").first?["value"]
                == "multi-generational")
    }

    @Test func importErrorsForMissingFilesHeadersAndQuotes() throws {
        let box = try Sandbox()
        try box.initStudy()
        #expect(try box.run(["participant", "import", "missing.csv"]).status == 66)
        let noID = try box.write("noid.csv", "pid,household\nTC-1,alone\n")
        let noIDResult = try box.run(["participant", "import", noID])
        #expect(noIDResult.status == 65)
        #expect(noIDResult.stderr.contains("\(noID):1: no 'id' column"))
        let unclosed = try box.write("q.csv", "id,household\nTC-1,\"alone\n")
        let unclosedResult = try box.run(["participant", "import", unclosed])
        #expect(unclosedResult.status == 65)
        #expect(unclosedResult.stderr.contains("\(unclosed):2:6: a quoted field is never closed"))
        let empty = try box.write("empty.csv", "")
        #expect(try box.run(["participant", "import", empty]).status == 65)
    }

    // MARK: Withdrawal

    @Test func withdrawErasesKeepsTombstoneAndRefusesReuse() throws {
        let box = try Sandbox()
        try box.initStudy()
        let phrase = "ZanzibarMarmaladeHousehold"
        try box.build { study in
            try study.loadProtocols([Sandbox.shipped.appendingPathComponent("talking-change.md").path])
            try study.addInterviewer("IV01", [("name", "A")])
            try study.addParticipant("TC-007", [("household", phrase), ("borough", "Eastfield")])
            _ = try InterviewLog(study).add(
                participant: "TC-007", id: nil,
                changes: .init(interviewer: "IV01", protocolReference: "talking-change@2"))
        }
        let result = try box.ok([
            "participant", "withdraw", "TC-007", "--yes", "--reason", "asked by phone", "--format", "json",
        ])
        let json = try #require(try parseJSON(result.stdout) as? [String: Any])
        #expect(json["participant"] as? String == "TC-007")
        #expect((json["erased"] as? [String: Int])?["attributes"] == 2)
        #expect((json["erased"] as? [String: Int])?["interviews"] == 1)
        #expect(json["log_truncated"] as? Bool == true)
        #expect(try box.count("SELECT count(*) FROM participant") == 0)
        #expect(try box.count("SELECT count(*) FROM interview") == 0)
        #expect(
            try box.rows("SELECT reason FROM withdrawal WHERE participant = 'TC-007'").first?["reason"]
                == "asked by phone")
        for suffix in ["", "-wal"] {
            let path = box.studyPath + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            #expect(bytes.range(of: Data(phrase.utf8)) == nil, "\(phrase) still readable in \(path)")
        }
        let again = try box.run(["participant", "add", "TC-007"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("withdrew on 2026-11-22; their id cannot be used again"))
        let file = try box.write("again.csv", "id\nTC-007\n")
        let reimport = try box.run(["participant", "import", file])
        #expect(reimport.status == 65)
        #expect(reimport.stderr.contains("\(file):2: participant TC-007 withdrew on 2026-11-22"))
        let show = try box.run(["participant", "show", "TC-007"])
        #expect(show.status == 65)
        #expect(show.stderr.contains("withdrew on 2026-11-22"))
    }

    @Test func withdrawOfUnknownParticipantChangesNothing() throws {
        let box = try Sandbox()
        try box.initStudy()
        #expect(try box.run(["participant", "withdraw", "TC-404", "--yes"]).status == 65)
        #expect(try box.count("SELECT count(*) FROM withdrawal") == 0)
    }

    // MARK: Interviewers

    @Test func interviewerCommands() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.ok([
            "interviewer", "add", "IV01", "--name", "Amina K", "--languages", "ur,en", "--capacity", "12",
            "--available", "sat 09:00-17:00",
        ])
        let missingName = try box.run(["interviewer", "add", "IV02"])
        #expect(missingName.status == 64)
        #expect(missingName.stderr.contains("Missing required option '--name <text>'"))
        try box.ok(["interviewer", "update", "IV01", "--capacity", "3", "--attr", "exclude=TC-004"])
        let json = try #require(
            try parseJSON(box.ok(["interviewer", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(json.first?["capacity"] as? Int == 3)
        #expect((json.first?["attributes"] as? [String: String])?["exclude"] == "TC-004")
        #expect(try box.ok(["interviewer", "show", "IV01"]).stdout.contains("Amina K"))
        #expect(try box.run(["interviewer", "show", "IV1"]).stderr.contains("Did you mean 'IV01'?"))
        #expect(try box.run(["interviewer", "add", "IV01", "--name", "X"]).status == 65)
        let badCapacity = try box.run(["interviewer", "update", "IV01", "--capacity", "-2"])
        #expect(badCapacity.status == 64)
        let file = try box.write("iv.csv", "id,name,capacity\nIV05,,3\nIV06,B,lots\n")
        let bad = try box.run(["interviewer", "import", file])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("\(file):2: an interviewer needs a name"))
        #expect(bad.stderr.contains("\(file):3: bad capacity 'lots'"))
    }

    // MARK: Interviews

    @Test func interviewIdsFollowTheParticipant() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            try study.loadProtocols([Sandbox.shipped.appendingPathComponent("talking-change.md").path])
            try study.addInterviewer("IV01", [("name", "A")])
            try study.addParticipant("TC-001")
        }
        let first = try box.ok([
            "interview", "add", "--participant", "TC-001", "--interviewer", "IV01", "--protocol", "talking-change@2",
            "--date", "2023-03-04", "--language", "ur", "--mode", "in-person",
        ])
        #expect(first.stdout == "recorded interview TC-001 (done) with TC-001\n")
        let second = try box.ok([
            "interview", "add", "--participant", "TC-001", "--interviewer", "IV01", "--protocol", "talking-change@2",
            "--date", "2099-01-01",
        ])
        #expect(second.stdout == "recorded interview TC-001-2 (planned) with TC-001\n")
        try box.ok(["interview", "update", "TC-001-2", "--status", "cancelled"])
        let list = try #require(
            try parseJSON(box.ok(["interview", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["TC-001", "TC-001-2"])
        #expect(list[0]["protocol"] as? String == "talking-change@2")
        #expect(list[0]["language"] as? String == "ur")
        #expect(list[1]["status"] as? String == "cancelled")
        #expect(try box.ok(["interview", "show", "TC-001"]).stdout.contains("in-person"))
    }

    @Test func interviewErrorPaths() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            try study.loadProtocols([Sandbox.shipped.appendingPathComponent("talking-change.md").path])
            try study.addInterviewer("IV01", [("name", "A")])
            try study.addParticipant("TC-001")
        }
        let base = ["interview", "add", "--participant", "TC-001", "--interviewer", "IV01"]
        let missingProtocol = try box.run(base)
        #expect(missingProtocol.status == 64)
        let unknownVersion = try box.run(base + ["--protocol", "talking-change@9"])
        #expect(unknownVersion.status == 65)
        #expect(
            unknownVersion.stderr.contains(
                "unknown protocol version 'talking-change@9'. Did you mean 'talking-change@2'?"))
        let noVersion = try box.run(base + ["--protocol", "talking-change"])
        #expect(noVersion.status == 65)
        #expect(noVersion.stderr.contains("expected ID@VERSION"))
        let unknownPerson = try box.run([
            "interview", "add", "--participant", "TC-002", "--interviewer", "IV01", "--protocol", "talking-change@2",
        ])
        #expect(unknownPerson.status == 65)
        #expect(unknownPerson.stderr.contains("unknown participant 'TC-002'. Did you mean 'TC-001'?"))
        let unknownInterviewer = try box.run([
            "interview", "add", "--participant", "TC-001", "--interviewer", "IV02", "--protocol", "talking-change@2",
        ])
        #expect(unknownInterviewer.status == 65)
        #expect(try box.count("SELECT count(*) FROM interview") == 0)
        #expect(try box.run(["interview", "show", "TC-404"]).status == 65)
        #expect(try box.run(["interview", "update", "TC-404", "--status", "done"]).status == 65)
    }

    // MARK: Matching

    @Test func matchExplainsAndSaves() throws {
        let box = try studyWithPeople()
        let json = try #require(try parseJSON(box.ok(["match", "--format", "json"]).stdout) as? [String: Any])
        let matched = try #require(json["matched"] as? [[String: Any]])
        let unmatched = try #require(json["unmatched"] as? [[String: Any]])
        #expect(matched.count + unmatched.count == 48)
        #expect(json["matched_count"] as? Int == matched.count)
        let costs = try matched.map { try #require($0["cost"] as? Int) }
        #expect(json["total_cost"] as? Int == costs.reduce(0, +))
        #expect(
            unmatched.contains {
                $0["participant"] as? String == "TC-046" && $0["reason"] as? String == "no interviewer speaks ti"
            })
        #expect(matched.allSatisfy { ($0["reasons"] as? [String])?.first?.hasPrefix("shares ") == true })
        #expect(
            !matched.contains { $0["participant"] as? String == "TC-012" && $0["interviewer"] as? String == "IV01" })
        #expect(try box.count("SELECT count(*) FROM interview") == 0)

        let saved = try box.ok(["match", "--save"])
        #expect(saved.stdout.contains("Saved as planned interviews"))
        #expect(try box.count("SELECT count(*) FROM interview WHERE status = 'planned'") == matched.count)
        let again = try #require(try parseJSON(box.ok(["match", "--format", "json"]).stdout) as? [String: Any])
        #expect(again["matched_count"] as? Int == 0)
        let overCapacity = try box.count(
            """
            SELECT count(*) FROM interviewer i WHERE i.capacity < (SELECT count(*) FROM interview v WHERE v.interviewer = i.id)
            """)
        #expect(overCapacity == 0)
    }

    /// `match --save` books real slots with the protocol version; `interview add` then completes
    /// the planned interview instead of adding a second, and warns over capacity.
    @Test func savedMatchesAreBookableAndCompletedByInterviewAdd() throws {
        let box = try studyWithPeople()
        try box.build { study in
            try study.loadProtocols([Sandbox.shipped.appendingPathComponent("talking-change.md").path])
        }
        _ = try box.ok(["match", "--save"])
        #expect(try box.count("SELECT count(*) FROM interview WHERE status = 'planned' AND slot IS NULL") == 0)
        #expect(
            try box.count(
                "SELECT count(*) FROM interview WHERE status = 'planned' AND (protocol IS NOT 'talking-change' OR protocol_version IS NULL)"
            ) == 0)
        // No interviewer has two planned interviews in the same slot.
        #expect(
            try box.count(
                "SELECT count(*) FROM (SELECT interviewer, slot FROM interview GROUP BY interviewer, slot HAVING count(*) > 1)"
            ) == 0)
        let planned = try box.count("SELECT count(*) FROM interview")
        let first = try #require(
            try box.rows("SELECT participant, interviewer FROM interview ORDER BY id LIMIT 1").first)
        let participant: String = try first["participant"]
        let interviewer: String = try first["interviewer"]
        let added = try box.ok([
            "interview", "add", "--participant", participant, "--interviewer", interviewer, "--protocol",
            "talking-change@2", "--date", "2023-03-04",
        ])
        #expect(added.stdout.contains("updated planned interview \(participant) (now done)"))
        #expect(try box.count("SELECT count(*) FROM interview") == planned)
        // A second interview (by --id) over capacity is recorded with a warning.
        try box.build { study in
            try study.db.execute("UPDATE interviewer SET capacity = 1 WHERE id = ?", [interviewer])
        }
        let second = try box.ok([
            "interview", "add", "--participant", participant, "--id", "\(participant)-2", "--interviewer", interviewer,
            "--protocol", "talking-change@2", "--date", "2023-04-01",
        ])
        #expect(second.stderr.contains("warning: interviewer \(interviewer) now has"))
        #expect(second.stderr.contains("over their capacity of 1"))
    }

    @Test func matchOptionsAreChecked() throws {
        let box = try studyWithPeople()
        let badWeight = try box.run(["match", "--weight", "comunity=2"])
        #expect(badWeight.status == 65)
        #expect(badWeight.stderr.contains("did you mean 'community'?"))
        let badExclude = try box.run(["match", "--exclude", "TC-001"])
        #expect(badExclude.status == 64)
        let unknownExclude = try box.run(["match", "--exclude", "TC-001:IV99"])
        #expect(unknownExclude.status == 65)
        #expect(unknownExclude.stderr.contains("unknown interviewer 'IV99'"))
        let badMinutes = try box.run(["match", "--minutes", "0"])
        #expect(badMinutes.status == 64)
        let explained = try box.ok(["match", "--explain", "--exclude", "TC-001:IV06"]).stdout
        #expect(explained.contains("Options considered:"))
        #expect(explained.contains("IV06: excluded (conflict of interest)"))
        // A spreadsheet gets one table: matches only, and the unmatched on their own.
        let csv = try box.ok(["match", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("participant,interviewer,cost,window,reasons\n"))
        #expect(!csv.contains("TC-046"))
        #expect(csv.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",").count >= 5 })
        let unmatchedCSV = try box.ok(["match", "--unmatched", "--format", "csv"]).stdout
        #expect(unmatchedCSV.hasPrefix("participant,reason\n"))
        #expect(unmatchedCSV.contains("TC-046,no interviewer speaks ti\n"))
    }

    @Test func demoMatchesAndReportsTheLeftOut() throws {
        let result = try SharedDemo.command.get().run
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 48 participants"))
        #expect(result.stdout.contains("TC-046 not matched: no interviewer speaks ti"))
    }
}
