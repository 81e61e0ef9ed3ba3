import Foundation
import Testing

@testable import QualKit

/// Re-importing a transcript keeps its codings, and their offsets in the whole transcript follow
/// their segment (migration 6's trigger), without the transcripts capability writing codings.
@Suite struct TranscriptReplaceTests {
    @Test func codingsFollowTheirSegmentWhenAReimportMovesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qk-replace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = try Study.create(at: folder.appendingPathComponent("s.sqlite").path, title: "t")
        _ = try Roster(study).addParticipant("TC-001", fields: [])
        _ = try Codebook(study).add("barrier.stigma", fields: [])
        try Codebook(study).addCoder("AB", name: nil)
        let file = folder.appendingPathComponent("TC-001.txt").path
        let answer = "People would talk about us."
        try Data("Interviewer: Hello.\nParticipant: \(answer)\n".utf8).write(to: URL(fileURLWithPath: file))
        _ = try TranscriptImporter.run([file], target: .fileName, options: .init(), study: study)
        _ = try CodingLog(study).tag(
            transcript: "TC-001", segment: 2, code: "barrier.stigma", coder: "AB", selection: .quote("talk about us"),
            memo: nil)

        // A longer first turn moves segment 2 further into the transcript; its text is unchanged.
        try Data("Interviewer: Hello, and thank you for coming today.\nParticipant: \(answer)\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        _ = try TranscriptImporter.run([file], target: .fileName, options: .init(replace: true), study: study)

        let row = try #require(
            try study.db.row(
                """
                SELECT c.transcript_start, c.transcript_end, t.text FROM coding c
                JOIN segment s ON s.id = c.segment JOIN transcript_text t ON t.transcript = s.transcript
                """))
        let start: Int = try row["transcript_start"]
        let end: Int = try row["transcript_end"]
        let text: String = try row["text"]
        #expect(ScalarText.slice(text, start, end) == "talk about us")
    }
}
