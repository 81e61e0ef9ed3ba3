import Foundation
import Testing

@testable import QualKit

/// Transcript formats with the quirks real files have.
@Suite struct TranscriptParserTests {
    func parse(_ text: String, _ format: ParsedTranscript.Format) throws -> ParsedTranscript {
        try TranscriptParser.parse(Array(text.utf8), format: format, file: "t")
    }

    @Test func plainTextTurnsTimestampsHeaderAndParagraphs() throws {
        let text = """
            Talking Change interview TC-003
            Held in Bengali; translated.

            [00:00:05] Interviewer: Who do you live with?
            TC-003: [00:00:09] My parents and my grandmother.

            We are seven at home.
            Interviewer (00:01:10): And your week?
            TC-003 [01:15]: College, then caring.
            Interviewer: Thank you.
            """
        let parsed = try parse(text, .txt)
        #expect(parsed.header == ["Talking Change interview TC-003", "Held in Bengali; translated."])
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "TC-003", "Interviewer", "TC-003", "Interviewer"])
        #expect(parsed.turns[1].text == "My parents and my grandmother.\n\nWe are seven at home.")
        #expect(parsed.turns.map(\.startMilliseconds) == [5000, 9000, 70000, 75000, nil])
        #expect(parsed.turns[1].line == 5)
    }

    @Test func plainTextProseWithColonsIsNotALabel() throws {
        let parsed = try parse(
            "P1: I told them this: nothing works for people like us at all.\nand then I said to my mother what I felt: it was hard.\n",
            .txt)
        #expect(parsed.turns.count == 1)
        #expect(parsed.turns[0].text.contains("what I felt: it was hard"))
    }

    @Test func plainTextWithoutAnyTextIsAnError() throws {
        #expect(throws: InvalidInput.self) { try parse("\n  \n\n", .txt) }
    }

    @Test func teamsVTTWithVoiceTagsNotesIdentifiersAndSettings() throws {
        let text = """
            WEBVTT

            NOTE Exported from Microsoft Teams.
            Second line of the note.

            1f2e3d4c-5b6a/12-0
            00:00:01.000 --> 00:00:04.500 align:start position:10%
            <v Amina K>Who do you live with?</v>

            1f2e3d4c-5b6a/13-0
            00:00:05.000 --> 00:00:08.000
            <v TC-001>My parents &amp; my</v>

            1f2e3d4c-5b6a/14-0
            00:00:08.100 --> 00:00:10.000
            <v TC-001>grandmother.</v>

            00:10.500 --> 00:12.000
            <v.loud Amina K><i>Thank</i> you.</v>
            """
        let parsed = try parse(text, .vtt)
        #expect(parsed.turns.map(\.speaker) == ["Amina K", "TC-001", "Amina K"])
        #expect(parsed.turns[1].text == "My parents & my grandmother.")
        #expect(parsed.turns[1].startMilliseconds == 5000)
        #expect(parsed.turns[1].endMilliseconds == 10000)
        #expect(parsed.turns[2].text == "Thank you.")
    }

    @Test func zoomVTTWithNamePrefixes() throws {
        let text =
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nInterviewer: Hello there.\n\n2\n00:00:02.500 --> 00:00:04.000\nTC-009: Hi.\n\n3\n00:00:04.000 --> 00:00:05.000\nStill me talking.\n"
        let parsed = try parse(text, .vtt)
        // The third cue names no speaker and starts a new sentence: a turn of its own, not TC-009's.
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "TC-009", ""])
        #expect(parsed.turns[1].text == "Hi.")
        #expect(parsed.turns[2].text == "Still me talking.")
    }

    @Test func vttErrorsAreLocated() throws {
        #expect(throws: InvalidInput.self) { try parse("1\n00:00:01.000 --> 00:00:02.000\nHello\n", .vtt) }
        do {
            _ = try parse(
                "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v A>x</v>\n\n00:00:xx.000 --> 00:00:09.000\n<v A>y</v>\n",
                .vtt)
            Issue.record("expected errors")
        } catch let error as InvalidInput {
            #expect(
                error.diagnostics.map(\.description) == [
                    "t:3: cue ends (00:00:02.000) before it starts (00:00:05.000)",
                    "t:6:1: bad cue start time '00:00:xx.000': expected hh:mm:ss.ttt",
                ])
        }
    }

    @Test func srtWithCRLFAndContinuationCues() throws {
        let text =
            "1\r\n00:00:01,000 --> 00:00:03,000\r\nInterviewer: Who do you\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nlive with?\r\n\r\n3\r\n00:00:05,000 --> 00:00:07,000\r\nParticipant: My family.\r\n"
        let parsed = try parse(text, .srt)
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "Participant"])
        #expect(parsed.turns[0].text == "Who do you live with?")
        #expect(parsed.turns[0].endMilliseconds == 4000)
    }

    @Test func srtErrorsAreLocated() throws {
        do {
            _ = try parse("one\n00:00:01,000 --> 00:00:02,000\nA: x\n\n2\nnot a timing\nB: y\n", .srt)
            Issue.record("expected errors")
        } catch let error as InvalidInput {
            #expect(
                error.diagnostics.map(\.description) == [
                    "t:1: expected a cue number, found 'one'",
                    "t:6: expected a cue timing line such as '00:01:02,500 --> 00:01:05,000'",
                ])
        }
    }

    @Test func utf16AndInvalidUTF8() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Interviewer: Salaam\r\nTC-1: Wa alaikum\r\n".utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let parsed = try TranscriptParser.parse(bytes, format: .txt, file: "u16.txt")
        #expect(parsed.turns.map(\.text) == ["Salaam", "Wa alaikum"])
        let bad = Array("Interviewer: ok\nTC-1: caf".utf8) + [0xE9] + Array(" au lait\n".utf8)
        do {
            _ = try TranscriptParser.parse(bad, format: .txt, file: "bad.txt")
            Issue.record("expected invalid UTF-8")
        } catch let error as InvalidInput {
            #expect(error.description == "bad.txt:2: invalid UTF-8 at byte offset 25: save the file as UTF-8")
        }
    }

    @Test func shippedDemoTranscriptsAllParse() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocols/demo/transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count >= 12)
        for name in files {
            let parsed = try TranscriptParser.parse(
                try SourceText.readBytes(folder.appendingPathComponent(name).path),
                format: ParsedTranscript.Format(fileName: name)!, file: name)
            #expect(parsed.turns.count == 20, "\(name)")
        }
    }

    @Test func codebookMarkdownParsesAndReportsProblems() throws {
        let text = """
            # Codebook

            ## barrier.stigma — Stigma
            Kind: barrier
            Definition: Fear of judgement
            about mental health.
            Colour: #d55e00

            A second paragraph of definition.

            ## Barrier.Bad
            ## barrier.stigma
            ## barrier.x — X
            Colur: #000000
            Colour: red
            """
        do {
            _ = try CodebookFile.parseMarkdown(Array(text.utf8), file: "cb.md")
            Issue.record("expected problems")
        } catch let error as InvalidInput {
            #expect(
                error.diagnostics.map(\.description) == [
                    "cb.md:11:4: bad code path 'Barrier.Bad': headings are '## path — Name' with a path such as barrier.stigma.family",
                    "cb.md:12: code barrier.stigma appears twice (first on line 3)",
                    "cb.md:13: barrier.x: bad colour 'red': expected #RRGGBB, such as #D55E00",
                    "cb.md:14:1: unknown field 'Colur' (did you mean 'Colour'?)",
                ])
        }
        let good = try CodebookFile.parseMarkdown(
            Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(9).joined(separator: "\n").utf8),
            file: "cb.md")
        var code = Code(path: good[0].path)
        for field in good[0].fields { try CodeFields.set(field.column, field.value, on: &code) }
        #expect(code.name == "Stigma")
        #expect(code.definition == "Fear of judgement about mental health.\n\nA second paragraph of definition.")
        #expect(code.color == "#D55E00")
    }

    @Test func shippedCodebookCoversTheProtocolThemes() throws {
        let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let codebook = top.appendingPathComponent("protocols/talking-change.codebook.md").path
        let paths = Set(try CodebookFile.parseMarkdown(SourceText.readBytes(codebook), file: codebook).map(\.path))
        let guide = top.appendingPathComponent("protocols/talking-change.md").path
        let themes = Set(
            ProtocolParser.parse(try SourceText.readBytes(guide), file: guide).protocol!.questions.flatMap(\.themes))
        #expect(themes.subtracting(paths).isEmpty, "\(themes.subtracting(paths))")
    }
}
