import Foundation
import Testing

@testable import QualKit

/// Speaker roles: the import's rules as a table, name-like labels, header lines, the migration that
/// widens the roles, and `transcript speakers` changes.
@Suite struct SpeakerRolesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let labels: [String]
        let facts: SpeakerRoles.Facts
        let expected: [Segment.Role]
        let why: String
        var testDescription: String { why }
    }

    static let cases: [Case] = [
        Case(
            labels: ["Interviewer", "TC-001"], facts: .init(participant: "TC-001"),
            expected: [.interviewer, .participant], why: "usual word and participant id"),
        Case(
            labels: ["int", "p"], facts: .init(), expected: [.interviewer, .participant], why: "short words, any case"),
        Case(labels: ["Q", "R"], facts: .init(), expected: [.interviewer, .participant], why: "Q and R"),
        Case(
            labels: ["Facilitator", "Respondent"], facts: .init(), expected: [.interviewer, .participant],
            why: "facilitator and respondent"),
        Case(
            labels: ["AK", "TC-002"], facts: .init(interviewerLabel: "ak", participant: "TC-002"),
            expected: [.interviewer, .participant], why: "--interviewer-label"),
        Case(
            labels: ["Wei L", "TC-001"], facts: .init(interviewer: ["IV06", "Wei L"], participant: "TC-001"),
            expected: [.interviewer, .participant], why: "interviewer's name"),
        Case(
            labels: ["IV06", "Speaker"], facts: .init(interviewer: ["IV06", "Wei L"], participant: "TC-001"),
            expected: [.interviewer, .participant], why: "interviewer's id; the one label left is the participant"),
        Case(
            labels: ["Wood, Margaret (Acme NHS)", "TC-003"],
            facts: .init(interviewer: ["IV09", "Margaret Wood"], participant: "TC-003"),
            expected: [.interviewer, .participant], why: "Teams name matches the recorded name"),
        Case(
            labels: ["Sam", "TC-004"], facts: .init(participant: "TC-004"), expected: [.unknown, .participant],
            why: "no interviewer recorded: the other label is unknown, not participant"),
        Case(
            labels: ["A", "B"], facts: .init(), expected: [.unknown, .unknown],
            why: "two labels left and no participant: both unknown"),
        Case(
            labels: ["Interviewer", "Mum"], facts: .init(participant: "TC-005"),
            expected: [.interviewer, .participant],
            why: "exactly one label left is the participant"),
        Case(
            labels: ["Interviewer", "TC-902", "Mother", "TC-901"], facts: .init(participant: "TC-902"),
            expected: [.interviewer, .participant, .unknown, .unknown],
            why: "a mother and a second participant are unknown"),
        Case(
            labels: ["Interviewer", "Young Person"], facts: .init(participantLabel: "young person"),
            expected: [.interviewer, .participant], why: "--participant-label"),
        Case(
            labels: ["Interviewer", "TC-006"], facts: .init(interviewerLabel: "TC-006", participant: "TC-006"),
            expected: [.interviewer, .interviewer], why: "the interviewer rule comes first"),
    ]

    @Test(arguments: cases) func rolesFollowTheImportRules(_ item: Case) {
        let roles = SpeakerRoles.assign(item.labels, facts: item.facts)
        #expect(item.labels.map { roles[$0] } == item.expected)
    }

    @Test(arguments: [
        ("Wood, Margaret (Acme NHS)", true), ("Wood, Margaret", true), ("Margaret Wood", true), ("Wei L", true),
        ("Mary Ann Smith", true), ("MARGARET WOOD", true), ("Margaret Wood (Acme NHS)", true), ("YOUNG PERSON", false),
        ("Dr. Patel", true),
        ("O'Neil, Siobhan", true), ("Interviewer", false), ("TC-001", false),
        ("Young Person", false), ("Second Interviewer", false), ("Mother", false), ("Speaker 3", false),
        ("INT", false), ("Participant 2", false), ("the mother", false),
    ])
    func nameLikeLabels(_ label: String, _ isName: Bool) {
        #expect(SpeakerRoles.looksLikeName(label) == isName, "\(label)")
    }

    @Test func aLabelOnTheRedactionListIsAName() {
        #expect(SpeakerRoles.looksLikeName("Aunty Shazia", redactionTerms: ["Shazia"]))
        #expect(SpeakerRoles.looksLikeName("shazia", redactionTerms: ["Shazia"]))
        #expect(!SpeakerRoles.looksLikeName("Mother", redactionTerms: ["Shazia"]))
    }

    @Test func headerLinesBeforeTheFirstTurnAreNotTurns() throws {
        let text = """
            Project: Talking Change
            Date: 14/02/2024
            Time: 10:30
            Transcribed by: SK
            Interviewer: What makes it hard to get an appointment?
            TC-001: The times. Date: I never know the date.
            Date: 15/02/2024 is when I went back.
            """
        let parsed = try TranscriptParser.parse(Array(text.utf8), format: .txt, file: "t.txt")
        #expect(parsed.header == ["Project: Talking Change", "Date: 14/02/2024", "Time: 10:30", "Transcribed by: SK"])
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "TC-001", "Date"])
    }

    @Test func theMigrationKeepsEverySegmentCodingAndIndex() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qk-roles-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = Schema.migrator.migrations
        let index = try #require(all.firstIndex { $0.name.hasPrefix("speaker roles") })
        do {
            let db = try Database(path: path, mode: .createNew)
            try db.executeScript("PRAGMA application_id = \(Schema.applicationID)")
            try Migrator(Array(all.prefix(index))).migrate(db)
            try db.executeScript(
                """
                INSERT INTO study_setting VALUES ('title', 'Old');
                INSERT INTO participant(id, created_at) VALUES ('TC-001', '2024-01-01');
                INSERT INTO interview(id, participant, created_at) VALUES ('TC-001', 'TC-001', '2024-01-01');
                INSERT INTO transcript(id, interview, format, source_file, text, imported_at)
                    VALUES ('TC-001', 'TC-001', 'txt', 'f.txt', 'Interviewer: Hello?' || char(10) || char(10) || 'TC-001: Evening slots.', 'x');
                INSERT INTO segment(id, transcript, number, speaker, role, text, text_start, text_end)
                    VALUES (41, 'TC-001', 1, 'Interviewer', 'interviewer', 'Hello?', 13, 19),
                           (42, 'TC-001', 2, 'TC-001', 'participant', 'Evening slots.', 29, 43);
                INSERT INTO code(path, kind, created_at) VALUES ('barrier.times', 'barrier', 'x');
                INSERT INTO coder(id, created_at) VALUES ('AB', 'x');
                INSERT INTO coding(id, segment, code, coder, start, end, transcript_start, transcript_end, created_at)
                    VALUES (7, 42, 'barrier.times', 'AB', 0, 7, 29, 36, 'x');
                """)
        }
        let study = try Study.open(at: path)
        #expect(try study.schemaVersion() == Schema.migrator.latestVersion)
        #expect(try Schema.migrator.differences(of: study.db, from: Schema.migrator.latestVersion).isEmpty)
        let segments = try TranscriptStore(study).segments(of: "TC-001")
        #expect(segments.map(\.id) == [41, 42])
        #expect(segments.map(\.role) == [.interviewer, .participant])
        #expect(try study.db.value("SELECT count(*) FROM coding WHERE id = 7 AND segment = 42").intValue == 1)
        // The full-text index still finds the rows by their kept ids.
        let hits = try TranscriptSearch.search("evening", role: nil, code: nil, study: study)
        #expect(hits.map(\.segment) == [2])
        // The new roles are allowed, and the trigger that moves codings with their segment is back.
        try study.db.execute("UPDATE segment SET role = 'other', text_start = 30, text_end = 44 WHERE id = 42")
        #expect(try study.db.value("SELECT transcript_start FROM coding WHERE id = 7").intValue == 30)
    }

    @Test func setAndRenameKeepEveryCoding() throws {
        let fixture = try TemporaryStudy()
        let study = fixture.study
        try fixture.participant("TC-902")
        try fixture.codes(["barrier.times"])
        try fixture.coders(["AB"])
        let path = try fixture.write(
            "TC-902.txt",
            "Interviewer: Why?\nTC-902: Evening slots.\nMother: She works late.\nTC-901: Me too.\nTC-902: Yes.\n")
        let imported = try TranscriptImporter.run([path], target: .fileName, options: .init(), study: study)
        #expect(imported[0].unknownLabels == ["Mother", "TC-901"])
        try fixture.tag("TC-902", 3, "barrier.times", by: "AB")
        try fixture.tag("TC-902", 5, "barrier.times", by: "AB")

        let after = try SpeakerReview.apply(
            [.role(label: "Mother", .other), .role(label: "TC-901", .other), .rename(label: "Mother", to: "Relative")],
            to: "TC-902", study: study)
        #expect(after.map(\.label) == ["Interviewer", "TC-902", "Relative", "TC-901"])
        #expect(after.map(\.role) == [.interviewer, .participant, .other, .other])
        let codings = try CodingStore(study).codings(.init(transcript: "TC-902"))
        #expect(codings.map(\.segment) == [3, 5])
        let text = try TranscriptStore(study).text(of: "TC-902")
        for segment in try TranscriptStore(study).segments(of: "TC-902") {
            #expect(ScalarText.slice(text, segment.textStart, segment.textEnd) == segment.text)
        }
        #expect(text.contains("Relative: She works late.") && !text.contains("Mother"))
        let row = try #require(
            try study.db.row(
                "SELECT c.transcript_start, c.transcript_end FROM coding c JOIN segment s ON s.id = c.segment WHERE s.number = 5"
            ))
        #expect(ScalarText.slice(text, try row["transcript_start"], try row["transcript_end"]) == "Yes.")

        // All or nothing: an unknown label refuses the whole change.
        #expect(throws: TranscriptError.self) {
            try SpeakerReview.apply(
                [.role(label: "TC-902", .other), .role(label: "Father", .other)], to: "TC-902", study: study)
        }
        #expect(try SpeakerReview.speakers(of: "TC-902", study: study)[1].role == .participant)
        #expect(throws: TranscriptError.speakerLabelTaken("Interviewer", transcript: "TC-902")) {
            try SpeakerReview.apply([.rename(label: "Relative", to: "Interviewer")], to: "TC-902", study: study)
        }
    }

    @Test func aReimportKeepsReviewedRolesOfLabelsTheRulesCannotPlace() throws {
        let fixture = try TemporaryStudy()
        try fixture.participant("TC-902")
        let text = "Interviewer: Why?\nTC-902: Evening slots.\nMother: She works late.\nMargaret Wood: Thank you.\n"
        let path = try fixture.write("TC-902.txt", text)
        _ = try TranscriptImporter.run([path], target: .fileName, options: .init(), study: fixture.study)
        _ = try SpeakerReview.apply(
            [.role(label: "Mother", .other), .role(label: "Speaker 4", .interviewer)], to: "TC-902",
            study: fixture.study)
        let again = try TranscriptImporter.run(
            [path], target: .fileName, options: .init(replace: true), study: fixture.study)
        #expect(again[0].speakers.map(\.role) == [.interviewer, .participant, .other, .interviewer])
        #expect(again[0].speakers.map(\.label) == ["Interviewer", "TC-902", "Mother", "Speaker 4"])
        // The rules' own answers stand: a label they place is not overridden by an earlier review.
        _ = try SpeakerReview.apply([.role(label: "TC-902", .other)], to: "TC-902", study: fixture.study)
        let third = try TranscriptImporter.run(
            [path], target: .fileName, options: .init(replace: true), study: fixture.study)
        #expect(third[0].speakers[1].role == .participant)
    }

    @Test func changesAreReadFromLabelEqualsValue() throws {
        #expect(try SpeakerReview.Change.role("Mother=other") == .role(label: "Mother", .other))
        #expect(
            try SpeakerReview.Change.role("Wood, Margaret = Interviewer")
                == .role(label: "Wood, Margaret", .interviewer))
        #expect(
            try SpeakerReview.Change.rename("Speaker 3=Interpreter") == .rename(label: "Speaker 3", to: "Interpreter"))
        #expect(throws: TranscriptError.invalidSpeakerChange("Mother=aunt")) {
            try SpeakerReview.Change.role("Mother=aunt")
        }
        #expect(throws: TranscriptError.invalidSpeakerChange("Mother")) { try SpeakerReview.Change.role("Mother") }
    }
}
