import Foundation
import QualKit
import Testing

/// `codings export` writes its rows as it reads them (issue 15): the first line is out while the
/// command is still working, so memory stays bounded for any number of codings.
@Suite struct StreamingExportCommandTests {
    /// Stdout goes to a regular file, so writes never block on a reader and the file's size shows
    /// how much has been written when. An export that gathered everything before writing would show
    /// its first line only when nearly all of it is there (one write of the whole text), just before
    /// the process ends; a streaming one shows it after its first chunk, with most of the rows (and
    /// most of the run) to come.
    @Test(arguments: ["csv", "json"]) func theFirstLineIsWrittenBeforeTheExportFinishes(format: String) throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            try study.addParticipant("TC-001")
            try study.addCoder("AB")
            try study.addCodes((1...6).map { "barrier.theme\($0)" })
            var lines = ""
            for turn in 0..<2_000 {
                lines +=
                    turn % 2 == 0
                    ? "Interviewer: Question \(turn) about the clinic and how you got there?\n"
                    : "Participant: Answer \(turn), we waited a long time for the evening appointment and then the bus back home was late again.\n"
            }
            let file = box.directory.appendingPathComponent("TC-001.txt").path
            try Data(lines.utf8).write(to: URL(fileURLWithPath: file))
            try study.importTranscripts([file])
            // Every segment with every code: 12,000 codings, a few megabytes of output.
            try study.db.execute(
                """
                INSERT INTO coding(segment, code, coder, start, end, transcript_start, transcript_end, created_at)
                SELECT s.id, c.path, 'AB', 0, s.text_end - s.text_start, s.text_start, s.text_end, 'now'
                FROM segment s, code c WHERE c.path LIKE 'barrier.theme%'
                """)
        }
        #expect(try box.count("SELECT count(*) FROM coding") == 12_000)

        let out = box.directory.appendingPathComponent("export.out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        let process = Process()
        process.executableURL = Sandbox.binary
        process.arguments = ["codings", "export", "--no-redact", "--format", format, "--db", box.studyPath]
        process.currentDirectoryURL = box.directory
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()

        // Poll until the first whole line is in the file.
        var sizeAtFirstLine = -1
        var runningAtFirstLine = false
        var secondsToFirstLine = -1.0
        let reader = try FileHandle(forReadingFrom: out)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let running = process.isRunning
            try reader.seek(toOffset: 0)
            let head = reader.readData(ofLength: 4096)
            if head.contains(UInt8(ascii: "\n")) {
                let size = (try FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
                sizeAtFirstLine = size
                secondsToFirstLine = Date().timeIntervalSince(started)
                runningAtFirstLine = running
                break
            }
            if !running { break }
            usleep(2_000)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        try handle.close()
        try reader.close()
        #expect(process.terminationStatus == 0)
        let total = (try FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
        #expect(total > 1_000_000, "the export is large enough to tell streaming from gathering")
        #expect(sizeAtFirstLine > 0)
        #expect(runningAtFirstLine, "the first line was written only when the export had finished")
        #expect(
            sizeAtFirstLine < total / 2,
            "when the first line appeared, \(sizeAtFirstLine) of \(total) bytes were already written")
        // And in time: an export that wrote its text in pieces only at the end would show its first
        // line near the end of its run.
        #expect(
            secondsToFirstLine >= 0 && secondsToFirstLine < seconds / 2,
            "first line after \(secondsToFirstLine) s of \(seconds) s")
    }
}
