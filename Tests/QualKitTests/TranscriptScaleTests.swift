import Foundation
import Testing

@testable import QualKit

/// Long transcripts import in time linear in their length, and the migration that made it so keeps
/// every transcript's text.
@Suite struct TranscriptScaleTests {
    /// Guards the quadratic path (each segment's foreign-key check reading the whole transcript text):
    /// with it, 20,000 segments took about 12 s; without it, well under one.
    @Test func aTwentyThousandSegmentTranscriptImports() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qk-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = try Study.create(at: folder.appendingPathComponent("s.sqlite").path, title: "t")
        _ = try Roster(study).addParticipant("TC-001", fields: [])
        var lines = ""
        for turn in 0..<20_000 {
            lines +=
                turn % 2 == 0
                ? "Interviewer: Question \(turn) about the clinic?\n"
                : "Participant: Answer \(turn), we waited a long time.\n"
        }
        let file = folder.appendingPathComponent("TC-001.txt").path
        try Data(lines.utf8).write(to: URL(fileURLWithPath: file))
        _ = try TranscriptImporter.run([file], target: .fileName, options: .init(), study: study)
        #expect(try study.db.value("SELECT count(*) FROM segment WHERE transcript = 'TC-001'").intValue == 20_000)
        let text = try TranscriptStore(study).text(of: "TC-001")
        let last = try TranscriptStore(study).segment("TC-001", 20_000)
        #expect(ScalarText.slice(text, last.textStart, last.textEnd) == last.text)
        #expect(
            try study.db.value("SELECT count(*) FROM segment_search WHERE segment_search MATCH 'waited'").intValue
                == 10_000)
    }

    /// Segments are staged and written in one statement per import (one full-text index flush):
    /// they keep the files' order, the stage is gone afterwards, and a second import on the same
    /// connection stages again.
    @Test func stagedSegmentsKeepTheFilesOrderAndLeaveNoStage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qk-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = try Study.create(at: folder.appendingPathComponent("s.sqlite").path, title: "t")
        var files: [String] = []
        for id in ["TC-002", "TC-001", "TC-003"] {
            _ = try Roster(study).addParticipant(id, fields: [])
            let file = folder.appendingPathComponent("\(id).txt").path
            try Data("Interviewer: Why \(id)?\n\n\(id): Evenings suit me.\n\nInterviewer: Thanks.\n".utf8)
                .write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        _ = try TranscriptImporter.run(Array(files.prefix(2)), target: .fileName, options: .init(), study: study)
        _ = try TranscriptImporter.run([files[2]], target: .fileName, options: .init(), study: study)
        let order = try study.db.rows("SELECT transcript, number FROM segment ORDER BY id").map {
            "\(try $0["transcript"] as String)/\(try $0["number"] as Int)"
        }
        #expect(
            order == [
                "TC-002/1", "TC-002/2", "TC-002/3", "TC-001/1", "TC-001/2", "TC-001/3", "TC-003/1", "TC-003/2",
                "TC-003/3",
            ])
        #expect(
            try study.db.value("SELECT count(*) FROM sqlite_temp_master WHERE name = 'segment_stage'").intValue == 0)
        #expect(
            try study.db.value("SELECT count(*) FROM segment_search WHERE segment_search MATCH 'evenings'").intValue
                == 3)
    }

    /// Rows that only passed through a TEMP stage are not the study's changes (the audit trail's count).
    @Test func rowsOnlyInAStageAreNotKeptChanges() throws {
        let db = try Database(path: ":memory:", mode: .memory)
        try db.executeScript("CREATE TEMP TABLE stage(x); CREATE TABLE kept(x)")
        let before = db.keptChanges
        try db.transaction {
            for number in 0..<5 { try db.execute("INSERT INTO stage VALUES (?)", [number]) }
            try db.execute("INSERT INTO kept SELECT x FROM stage")
            db.discountChanges(5)
        }
        #expect(db.keptChanges - before == 5)
    }

    @Test func movingTheTextOutKeepsEveryTranscript() throws {
        let db = try Database(path: ":memory:", mode: .memory)
        let before = Schema.migrator.migrations.filter { $0.number < Migration.transcriptTextApart.number }
        try Migrator(before).migrate(db)
        try db.executeScript(
            """
            INSERT INTO participant(id, created_at) VALUES ('P1', 'now');
            INSERT INTO interview(id, participant, created_at) VALUES ('T1', 'P1', 'now');
            INSERT INTO transcript(id, interview, format, source_file, header, text, imported_at)
            VALUES ('T1', 'T1', 'txt', 'T1.txt', 'head', 'Interviewer: Hi.', 'now');
            INSERT INTO segment(transcript, number, speaker, role, text, text_start, text_end)
            VALUES ('T1', 1, 'Interviewer', 'interviewer', 'Hi.', 13, 16);
            """)
        try Schema.migrator.migrate(db)
        #expect(
            try db.value("SELECT text FROM transcript_text WHERE transcript = 'T1'").stringValue == "Interviewer: Hi.")
        #expect(try db.value("SELECT header FROM transcript WHERE id = 'T1'").stringValue == "head")
        #expect(try db.value("SELECT count(*) FROM segment").intValue == 1)
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        // The text goes with its transcript.
        try db.executeScript("PRAGMA foreign_keys = ON; DELETE FROM transcript;")
        #expect(try db.value("SELECT count(*) FROM transcript_text").intValue == 0)
    }
}
