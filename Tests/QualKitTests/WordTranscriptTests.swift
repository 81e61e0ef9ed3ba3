import Foundation
import Testing

@testable import QualKit

/// Word (`.docx`) transcripts, built in-process with ``ZipWriter``.
@Suite struct WordTranscriptTests {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A .docx whose body is `body` (WordprocessingML with the `w:` prefix).
    static func docx(_ body: String, prologue: String = "") throws -> [UInt8] {
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\(prologue)<w:document xmlns:w=\"\(namespace)\"><w:body>\(body)</w:body></w:document>"
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Data("<Types/>".utf8))
        try zip.add("word/document.xml", Data(xml.utf8))
        return [UInt8](zip.data)
    }

    static func paragraphs(_ lines: [String]) -> String {
        lines.map { "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined()
    }

    @Test func runsTabsBreaksAndTabStops() throws {
        let body = """
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>\
            <w:r><w:t>Interviewer</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">: How </w:t></w:r>\
            <w:hyperlink><w:r><w:t>far</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>is it?</w:t></w:r></w:p>\
            <w:p><w:r><w:t>TC-001: A long way.</w:t><w:br/><w:t>Two buses.</w:t></w:r>\
            <w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>
            """
        let text = try WordTranscript.text(try Self.docx(body), file: "t.docx")
        #expect(text == "Interviewer: How far\tis it?\nTC-001: A long way.\nTwo buses.")
        let parsed = try TranscriptParser.parse(try Self.docx(body), format: .docx, file: "t.docx")
        #expect(parsed.format == .docx)
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "TC-001"])
        #expect(parsed.turns.map(\.text) == ["How far\tis it?", "A long way.\nTwo buses."])
    }

    @Test func tableCellsAreLinesAndSpeakerRowsAreTurns() throws {
        func cell(_ text: String) -> String { "<w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }
        let body =
            Self.paragraphs(["Interview TC-002"])
            + "<w:tbl><w:tr>\(cell("Interviewer"))\(cell("How do you get there?"))</w:tr>"
            + "<w:tr>\(cell("TC-002"))\(cell("By bus."))</w:tr>"
            + "<w:tr>\(cell("Notes"))\(cell("a"))\(cell("b"))</w:tr></w:tbl>"
        let text = try WordTranscript.text(try Self.docx(body), file: "t.docx")
        #expect(text == "Interview TC-002\nInterviewer: How do you get there?\nTC-002: By bus.\nNotes\na\nb\n")
        let parsed = try TranscriptParser.parse(try Self.docx(body), format: .docx, file: "t.docx")
        #expect(parsed.header == ["Interview TC-002"])
        #expect(parsed.turns.map(\.speaker) == ["Interviewer", "TC-002"])
    }

    @Test func teamsSpeakerAndTimeThenWords() throws {
        let body = Self.paragraphs([
            "Diabetes clinic interview", "14 March 2024, 10:02AM", "32m 5s", "", "Amira Khan   0:03",
            "How did you hear about it?", "", "Jo Bloggs   1:02:05", "My GP mentioned it.",
        ])
        let parsed = try TranscriptParser.parse(try Self.docx(body), format: .docx, file: "t.docx")
        #expect(parsed.turns.map(\.speaker) == ["Amira Khan", "Jo Bloggs"])
        #expect(parsed.turns.map(\.startMilliseconds) == [3000, 3_725_000])
        #expect(parsed.turns.map(\.text) == ["How did you hear about it?", "My GP mentioned it."])
        #expect(parsed.dialect == "Teams (speaker and time, then words)")
    }

    @Test func teamsTimeThenSpeakerThenWords() throws {
        let body = Self.paragraphs([
            "0:0:3.120 --> 0:0:8.450", "Amira Khan", "How did you hear about it?", "",
            "0:0:12.0 --> 0:0:20.300", "Jo Bloggs", "My GP mentioned it.", "0:0:21.0 --> 0:0:25.0", "Jo Bloggs",
            "It was far.",
        ])
        let parsed = try TranscriptParser.parse(try Self.docx(body), format: .docx, file: "t.docx")
        #expect(parsed.turns.map(\.speaker) == ["Amira Khan", "Jo Bloggs"])
        #expect(parsed.turns.map(\.startMilliseconds) == [3120, 12000])
        #expect(parsed.turns.map(\.endMilliseconds) == [8450, 25000])
        #expect(parsed.turns[1].text == "My GP mentioned it.\nIt was far.")
        #expect(parsed.dialect == "Teams (time, then speaker, then words)")
    }

    @Test func zipSlipIsRefusedWithTheFileNamed() throws {
        let archive = HostileZip(entries: [
            .init(name: "../word/document.xml", data: Data("<w:document/>".utf8))
        ]).archive
        let error = try #require(
            throws: InvalidInput.self,
            performing: { try TranscriptParser.parse([UInt8](archive), format: .docx, file: "agency.docx") })
        #expect(error.diagnostics[0].file == "agency.docx")
        #expect(error.diagnostics[0].message.contains("'../word/document.xml'"))
    }

    @Test func externalEntityIsRefusedWithTheFileNamed() throws {
        let bytes = try Self.docx(
            "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
            prologue: "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
        let error = try #require(
            throws: InvalidInput.self,
            performing: { try TranscriptParser.parse(bytes, format: .docx, file: "agency.docx") })
        #expect(error.diagnostics[0].file == "agency.docx")
        #expect(error.diagnostics[0].message.contains("word/document.xml: refused"))
    }

    @Test func notAWordDocument() throws {
        var zip = ZipWriter()
        try zip.add("content.xml", Data("<x/>".utf8))
        let error = try #require(
            throws: InvalidInput.self,
            performing: { try TranscriptParser.parse([UInt8](zip.data), format: .docx, file: "x.docx") })
        #expect(error.diagnostics[0].message.contains("no word/document.xml"))
        let text = try #require(
            throws: InvalidInput.self,
            performing: { try TranscriptParser.parse(Array("Interviewer: hi".utf8), format: .docx, file: "y.docx") })
        #expect(text.diagnostics[0].message.contains("not a zip archive"))
        #expect(ParsedTranscript.Format(fileName: "Interview.DOCX") == .docx)
    }
}
