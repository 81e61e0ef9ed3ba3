import Foundation
import QualKit
import Testing

/// Speaker roles end to end: the import's roles and warnings, header lines, names kept out of the
/// study file, and `transcript speakers` changes that keep every coding.
@Suite struct SpeakerRoleCommandTests {
    /// A study with participants TC-010 to TC-012, TC-901 to TC-903, a code and a coder.
    func study() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            for id in ["TC-010", "TC-011", "TC-012", "TC-901", "TC-902", "TC-903"] {
                try study.addParticipant(id, [("consent_quotes", id == "TC-901" ? "no" : "yes")])
            }
            try study.addCodes(["barrier.appointment-times"])
            try study.addCoder("AB")
        }
        return box
    }

    /// Every byte of the study file and its write-ahead log, after a checkpoint.
    func studyBytes(_ box: Sandbox) throws -> Data {
        do {
            let db = try Database(path: box.studyPath, mode: .readWrite)
            _ = try db.rows("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: box.studyPath))
        for suffix in ["-wal", "-journal"] {
            if let extra = FileManager.default.contents(atPath: box.studyPath + suffix) { bytes.append(extra) }
        }
        return bytes
    }

    func roles(_ box: Sandbox, _ transcript: String) throws -> [String: String] {
        var roles: [String: String] = [:]
        for row in try box.rows("SELECT DISTINCT speaker, role FROM segment WHERE transcript = '\(transcript)'") {
            roles[try row["speaker"]] = try row["role"]
        }
        return roles
    }

    @Test func noInterviewerRecordedLeavesTheQuestionerUnknownAndWarns() throws {
        let box = try study()
        let file = try box.write(
            "TC-010.txt",
            """
            Sam: What makes it hard to get an appointment?
            TC-010: The times. They only ring when I'm at work.
            Sam: And evenings?
            TC-010: Evenings would be better.
            """)
        let result = try box.ok(["transcript", "import", file])
        #expect(result.stdout.contains("speakers: Sam -> unknown; TC-010 -> participant"))
        #expect(result.stderr.contains("warning: TC-010 has no interviewer turn"))
        #expect(result.stderr.contains("speaker role unknown for Sam"))
        #expect(try roles(box, "TC-010") == ["Sam": "unknown", "TC-010": "participant"])
        // Never a participant's turn: the question cannot be quoted as an answer.
        #expect(
            try box.count("SELECT count(*) FROM segment WHERE role = 'participant' AND text LIKE 'What makes%'") == 0)

        let list = try #require(
            try parseJSON(box.ok(["transcript", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(list.first?["speakers_to_review"] as? Int == 1)
        let check = try box.run(["check"])
        #expect(check.stdout.contains("speaker_roles_to_review"))
        #expect(check.stdout.contains("2 segments of TC-010"))
    }

    @Test func headerLinesAreKeptAsTheHeaderNotTurns() throws {
        let box = try study()
        let file = try box.write(
            "TC-011.txt",
            """
            Project: Access to talking therapies
            Date: 14/02/2024
            Time: 10:30
            Location: Community centre
            Transcribed by: SK
            Duration: 42 minutes

            Interviewer: What makes it hard to get an appointment?
            TC-011: Nobody explained what happens at the first appointment.
            """)
        let result = try box.ok(["transcript", "import", file])
        #expect(result.stdout.contains("TC-011 from \(file): 2 segments"))
        #expect(result.stderr.isEmpty)
        #expect(try box.count("SELECT count(*) FROM segment WHERE transcript = 'TC-011'") == 2)
        let header: String = try #require(try box.rows("SELECT header FROM transcript").first)["header"]
        #expect(header.contains("Date: 14/02/2024") && header.contains("Transcribed by: SK"))
        #expect(try roles(box, "TC-011") == ["Interviewer": "interviewer", "TC-011": "participant"])
    }

    @Test func aMotherAndASecondParticipantAreReviewedAndSetKeepsCodings() throws {
        let box = try study()
        let file = try box.write(
            "TC-902.txt",
            """
            Interviewer: What would help?
            TC-902: Evening appointments would help me.
            Mother: She has never told me any of this.
            TC-901: I work days, so evenings would help me too.
            TC-902: Yes, evenings.
            """)
        let result = try box.ok(["transcript", "import", file])
        #expect(result.stderr.contains("speaker role unknown for Mother, TC-901"))
        #expect(
            try roles(box, "TC-902") == [
                "Interviewer": "interviewer", "TC-902": "participant", "Mother": "unknown", "TC-901": "unknown",
            ])
        try box.build { study in
            try study.tag("TC-902", 3, "barrier.appointment-times", coder: "AB")
            try study.tag("TC-902", 4, "barrier.appointment-times", coder: "AB", quote: "evenings would help me too")
            try study.tag("TC-902", 5, "barrier.appointment-times", coder: "AB")
        }
        let before = try box.rows("SELECT id, segment, start, end FROM coding ORDER BY id").map {
            "\(try $0["id"] as Int) \(try $0["segment"] as Int) \(try $0["start"] as Int) \(try $0["end"] as Int)"
        }

        let listed = try #require(
            try parseJSON(box.ok(["transcript", "speakers", "TC-902", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(listed.map { $0["label"] as? String } == ["Interviewer", "TC-902", "Mother", "TC-901"])
        #expect(listed.map { $0["turns"] as? Int } == [1, 2, 1, 1])

        // One bad change refuses them all.
        let refused = try box.run([
            "transcript", "speakers", "TC-902", "--set", "Mother=other", "--set", "Father=other",
        ])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("Father"))
        #expect(try roles(box, "TC-902")["Mother"] == "unknown")

        let changed = try box.ok([
            "transcript", "speakers", "TC-902", "--set", "Mother=other", "--set", "TC-901=other", "--rename",
            "Mother=Relative", "--format", "csv",
        ])
        #expect(changed.stdout.contains("TC-902,Relative,other,1"))
        #expect(
            try roles(box, "TC-902") == [
                "Interviewer": "interviewer", "TC-902": "participant", "Relative": "other", "TC-901": "other",
            ])
        let after = try box.rows("SELECT id, segment, start, end FROM coding ORDER BY id").map {
            "\(try $0["id"] as Int) \(try $0["segment"] as Int) \(try $0["start"] as Int) \(try $0["end"] as Int)"
        }
        #expect(after == before)
        // Each coding still covers its words in the rewritten transcript text.
        let text: String = try #require(try box.rows("SELECT text FROM transcript_text").first)["text"]
        for row in try box.rows(
            "SELECT c.transcript_start, c.transcript_end, s.text, c.start, c.end FROM coding c JOIN segment s ON s.id = c.segment"
        ) {
            let segmentText: String = try row["text"]
            #expect(
                ScalarText.slice(text, try row["transcript_start"], try row["transcript_end"])
                    == ScalarText.slice(segmentText, try row["start"], try row["end"]))
        }
        let list = try #require(
            try parseJSON(box.ok(["transcript", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(list.first?["speakers_to_review"] as? Int == 0)
    }

    static let teams = """
        WEBVTT

        00:00:01.000 --> 00:00:04.000
        <v Wood, Margaret (Acme NHS)>What makes it hard to get an appointment?</v>

        00:00:05.000 --> 00:00:09.000
        <v Patel, Rina (Guest)>They only ring in the day, when I'm at work.</v>

        00:00:10.000 --> 00:00:12.000
        <v Wood, Margaret (Acme NHS)>Would evenings help?</v>

        00:00:13.000 --> 00:00:15.000
        <v Patel, Rina (Guest)>Evenings would help.</v>
        """

    @Test func teamsNamesAreReplacedByRolesAndNeverStored() throws {
        let box = try study()
        let file = try box.write("TC-903.vtt", Self.teams)
        let result = try box.ok(["transcript", "import", file, "--interviewer-label", "Wood, Margaret (Acme NHS)"])
        #expect(
            result.stdout.contains(
                "speakers: Wood, Margaret (Acme NHS) (stored as Interviewer) -> interviewer; Patel, Rina (Guest) (stored as Participant) -> participant"
            ))
        #expect(try roles(box, "TC-903") == ["Interviewer": "interviewer", "Participant": "participant"])
        try box.ok(["transcript", "speakers", "TC-903", "--set", "Participant=participant"])
        let bytes = try studyBytes(box)
        for name in ["Margaret", "Wood", "Rina", "Patel", "Acme"] {
            #expect(bytes.range(of: Data(name.utf8)) == nil, "\(name) is in the study file")
        }
        #expect(try box.count("SELECT count(*) FROM segment WHERE transcript = 'TC-903'") == 4)
    }

    @Test func keepLabelsStoresThemTheAuditSaysSoAndRedactScanFindsThem() throws {
        let box = try study()
        let file = try box.write("TC-903.vtt", Self.teams)
        let result = try box.ok([
            "transcript", "import", file, "--keep-labels", "--participant-label", "Patel, Rina (Guest)",
        ])
        #expect(result.stdout.contains("Wood, Margaret (Acme NHS) -> unknown"))
        #expect(result.stdout.contains("Patel, Rina (Guest) -> participant"))
        #expect(result.stderr.contains("has no interviewer turn"))
        #expect(
            try box.count(
                "SELECT count(*) FROM segment WHERE speaker = 'Wood, Margaret (Acme NHS)' AND role = 'unknown'")
                == 2)
        let words = try box.rows("SELECT words FROM audit WHERE command = 'transcript import'").map {
            try $0["words"] as String
        }
        #expect(words.count == 1 && words[0].contains("--keep-labels"))
        let scan = try box.ok(["redact", "scan", "--format", "csv"])
        #expect(scan.stdout.contains("speaker label"))
        #expect(scan.stdout.contains("\"Wood, Margaret (Acme NHS)\""))
    }

    @Test func aLabelOnTheRedactionListIsReplaced() throws {
        let box = try study()
        try box.build { try RedactionList($0).add("Shazia", label: "name") }
        let file = try box.write(
            "TC-012.txt", "Interviewer: Who came with you?\nTC-012: My aunt.\nShazia: I did, I drove her.\n")
        let result = try box.ok(["transcript", "import", file])
        #expect(result.stdout.contains("Shazia (stored as Speaker 3) -> unknown"))
        #expect(try roles(box, "TC-012")["Speaker 3"] == "unknown")
        #expect(try box.count("SELECT count(*) FROM transcript_text WHERE text LIKE '%Shazia%'") == 0)
    }

    @Test func everyDemoTranscriptHasAnInterviewerAndAParticipantAndNothingUnknown() throws {
        let db = try Database(path: try SharedDemo.studyPath.get(), mode: .readOnly)
        let transcripts = try db.rows("SELECT id FROM transcript ORDER BY id").map { try $0["id"] as String }
        #expect(transcripts.count == 16)
        for id in transcripts {
            let roles = try db.rows("SELECT DISTINCT role FROM segment WHERE transcript = ? ORDER BY role", [id]).map {
                try $0["role"] as String
            }
            #expect(roles == ["interviewer", "participant"], "\(id)")
        }
        // The Teams files name their interviewers; the study stores the role label instead.
        #expect(try db.value("SELECT count(*) FROM segment WHERE speaker IN ('Wei L', 'Rafiq H')").intValue == 0)
    }
}
