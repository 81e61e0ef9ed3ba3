import Foundation
import Testing

@testable import QualKit

/// Transcripts as Zoom, Otter and Teams write them, and files with no speakers at all.
@Suite struct TranscriptDialectTests {
    func parse(_ text: String, _ format: ParsedTranscript.Format) throws -> ParsedTranscript {
        try TranscriptParser.parse(Array(text.utf8), format: format, file: "t")
    }

    @Test func zoomCueWithoutSpeakerIsATurnOfItsOwn() throws {
        let text =
            "\u{FEFF}WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:03.000\r\nAmina K: Thanks for joining.\r\n\r\n2\r\n00:00:03.100 --> 00:00:05.000\r\nCan everyone hear me?\r\n\r\n3\r\n00:00:05.100 --> 00:00:07.000\r\nTC-004: Yes, I can\r\n\r\n4\r\n00:00:07.100 --> 00:00:08.000\r\nhear you fine.\r\n\r\n\r\n"
        let parsed = try parse(text, .vtt)
        #expect(parsed.turns.map(\.speaker) == ["Amina K", "", "TC-004"])
        #expect(parsed.turns[1].text == "Can everyone hear me?")
        #expect(!parsed.turns[1].hasSpeaker)
        // A cue in lower case carries on the sentence before it.
        #expect(parsed.turns[2].text == "Yes, I can hear you fine.")
        #expect(parsed.turns[2].endMilliseconds == 8000)
        #expect(parsed.warnings.isEmpty)
    }

    @Test func captionFileWithoutSpeakersIsOneSegmentPerCueWithAWarning() throws {
        var text = "WEBVTT\nKind: captions\nLanguage: en\n\nNOTE made by the recorder\nsecond line of the note\n\n"
        for index in 0..<5 {
            text +=
                "00:00:0\(index).000 --> 00:00:0\(index).900 align:start position:10%\nSentence number \(index).\n\n"
        }
        let parsed = try parse(text, .vtt)
        #expect(parsed.turns.count == 5)
        #expect(parsed.turns.allSatisfy { !$0.hasSpeaker })
        #expect(parsed.turns[3].text == "Sentence number 3.")
        #expect(parsed.header == ["Kind: captions", "Language: en"])
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings[0].severity == .warning)
        #expect(parsed.warnings[0].message.contains("5 segments, one per cue"))
        #expect(parsed.dialect == "captions without speakers")
    }

    @Test func teamsVTTWithCueIdsShortTimesAndVoiceTags() throws {
        let text = """
            WEBVTT

            2c1d9a3e-6b7f-4f1e-9c55-1a2b3c4d5e6f/12-0
            0:0:0.0 --> 0:0:2.5
            <v Amina Khan>Shall we start?</v>

            2c1d9a3e-6b7f-4f1e-9c55-1a2b3c4d5e6f/13-0
            0:0:2.6 --> 0:0:5.25
            <v Ren&eacute;e O&#39;Brien>Yes &ndash; go ahead.</v>

            """
        let parsed = try parse(text, .vtt)
        #expect(parsed.turns.map(\.speaker) == ["Amina Khan", "Renée O'Brien"])
        #expect(parsed.turns[1].text == "Yes – go ahead.")
        #expect(parsed.turns[1].startMilliseconds == 2600)
        #expect(parsed.turns[1].endMilliseconds == 5250)
        #expect(parsed.dialect == "voice tags (Teams)")
    }

    @Test func webVTTEntitiesAndTagsAreDecoded() throws {
        #expect(
            WebVTTText.plain("<c.yellow>caf&eacute;</c> &amp; <b>cr&#232;me</b> &lt;3 <u>x</u>&#xE9;<00:00:01.000>t")
                == "café & crème <3 xét")
        #expect(WebVTTText.decodeEntities("R&D &unknown; &#0; & alone") == "R&D &unknown; &#0; & alone")
        #expect(WebVTTText.decodeEntities("&Eacute;&Uuml;&szlig;&rsquo;&hellip;&nbsp;") == "ÉÜß’… ")
        let parsed = try parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<i>Fran&ccedil;ois:</i> Bonjour&nbsp;!\n", .vtt)
        #expect(parsed.turns.map(\.speaker) == ["François"])
        #expect(parsed.turns[0].text == "Bonjour !")
    }

    @Test func zoomSavedCaptions() throws {
        let text =
            "[Amina K] 10:02:15\nThanks for joining today.\n[TC-006] 10:02:20\nNo problem.\nIt was easy: I used my phone.\n\n[Amina K] 10:02:31\nGood.\n"
        let parsed = try parse(text, .txt)
        #expect(parsed.turns.map(\.speaker) == ["Amina K", "TC-006", "Amina K"])
        #expect(parsed.turns[1].text == "No problem.\nIt was easy: I used my phone.")
        #expect(parsed.turns[1].startMilliseconds == (10 * 3600 + 2 * 60 + 20) * 1000)
        #expect(parsed.dialect == "Zoom saved captions")
    }

    @Test func otterExportWithShortAndLongTimes() throws {
        let text = """
            Talking Change TC-011
            Tue, 5/3 7:01PM • 41:12

            Speaker 1  0:05
            So tell me about the GP surgery.

            Jo Bloggs  0:12
            Well, it's hard: the phone lines open at 8.

            Speaker 1  1:02:05
            Right.

            Transcribed by https://otter.ai
            """
        let parsed = try parse(text, .txt)
        #expect(parsed.turns.map(\.speaker) == ["Speaker 1", "Jo Bloggs", "Speaker 1"])
        #expect(parsed.turns[1].text == "Well, it's hard: the phone lines open at 8.")
        #expect(parsed.turns[1].startMilliseconds == 12_000)
        #expect(parsed.turns[2].startMilliseconds == 3_725_000)
        #expect(parsed.turns[2].text == "Right.")
        #expect(parsed.header.first == "Talking Change TC-011")
        #expect(parsed.dialect == "Otter")
    }

    @Test func colonTranscriptsAreNotTakenForOtter() throws {
        // A body line that looks like an Otter header does not start a turn in a 'Label: text' file.
        let parsed = try parse("Interviewer: When is best?\nTC-001: Evenings.\nAfter work 6:30\n", .txt)
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "TC-001"])
        #expect(parsed.turns[1].text == "Evenings.\nAfter work 6:30")
    }

    @Test func zoomChatLogIsRefused() throws {
        let text = "\n10:02:15 From  Amina K  to  Everyone:\n\tHello all\n10:02:40 From TC-004 to Everyone: hi\n"
        #expect(throws: TranscriptError.chatLog(file: "t", line: 2)) { try parse(text, .txt) }
        let newer = "10:02:15 From Amina K : Hello all\n"
        #expect(throws: TranscriptError.chatLog(file: "t", line: 1)) { try parse(newer, .txt) }
    }

    @Test func textWithoutSpeakersIsOneSegmentPerParagraph() throws {
        let text = "\u{FEFF}We talked about the clinic.\r\nIt was far.\r\n\r\n\r\nThen about the bus.\r\n\r\n"
        let parsed = try TranscriptParser.parse(
            [0xEF, 0xBB, 0xBF] + Array(text.dropFirst().utf8), format: .txt, file: "t")
        #expect(parsed.turns.map(\.text) == ["We talked about the clinic.\nIt was far.", "Then about the bus."])
        #expect(parsed.turns.map(\.line) == [1, 5])
        #expect(parsed.warnings.first?.message.contains("2 segments, one per paragraph") == true)
    }

    @Test func srtFromUTF16WithContinuationsAndSpeakerlessCues() throws {
        let text =
            "1\r\n00:00:01,000 --> 00:00:02,000\r\nInterviewer: Hello.\r\n\r\n2\r\n00:00:02,500 --> 00:00:03,000\r\n[laughter]\r\n\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let parsed = try TranscriptParser.parse(bytes, format: .srt, file: "t")
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", ""])
        #expect(parsed.turns[1].text == "[laughter]")
    }

    @Test func quotesFoldWithoutMovingOffsets() {
        let text = "She said “don’t” ‘twice’"
        let folded = ScalarText.foldingQuotes(text)
        #expect(folded == "She said \"don't\" 'twice'")
        #expect(ScalarText.count(folded) == ScalarText.count(text))
        #expect(TranscriptSearch.ftsQuery("don't “stop now”") == "don\u{2019}t \"stop now\"")
    }
}
