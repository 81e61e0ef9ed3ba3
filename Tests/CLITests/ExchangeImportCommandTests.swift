import Foundation
import QualKit
import Testing

/// `codebook import FILE.qdc` and `transcript import FILE.docx`, end to end.
@Suite struct ExchangeImportCommandTests {
    @Test func qdcExportedThenImportedIntoAFreshStudy() throws {
        let source = try Sandbox()
        try source.initStudy()
        #expect(
            try source.run(["code", "add", "barrier.stigma", "--name", "Stigma", "--definition", "Judged"]).status == 0)
        let file = source.directory.appendingPathComponent("book.qdc").path
        let export = try source.run(["codebook", "export", "--format", "qdc", "--out", file])
        #expect(export.status == 0, "\(export.stderr)")

        let target = try Sandbox()
        try target.initStudy()
        let result = try target.run(["codebook", "import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 added, 0 updated, 0 unchanged"))
        #expect(
            try target.count(
                "SELECT count(*) FROM code WHERE path = 'barrier.stigma' AND name = 'Stigma' AND definition = 'Judged'")
                == 1)
    }

    @Test func anotherToolsCodebookKeepsItsNames() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "taguette.xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.5.2"><Codes><Code guid="7FADDA8D-210D-556B-86E0-038D3EB2B8F1" name="HBM 4. Perceived Barriers – Észlelt akadályok" isCodable="true"/><Code guid="89C7BCB9-E8B6-509D-AC4E-3703FE5BB5F0" name="Cost" isCodable="true"/><Code guid="1F479D37-A08A-5598-8BA1-5B2298E4B645" name="cost" isCodable="true"/></Codes><Sets/></CodeBook>
            """)
        let result = try box.run(["codebook", "import", file])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try box.rows("SELECT path, name FROM code ORDER BY path").map {
            "\($0[0].stringValue ?? "")=\($0[1].stringValue ?? "-")"
        }
        #expect(
            rows == [
                "cost=Cost", "cost-2=cost",
                "hbm-4-perceived-barriers-eszlelt-akadalyok=HBM 4. Perceived Barriers – Észlelt akadályok",
            ])
    }

    @Test func badQdcNamesTheLine() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "book.qdc", "<CodeBook>\n<Codes>\n<Code name=\"A\" isCodable=\"maybe\"/>\n</Codes>\n</CodeBook>\n")
        let result = try box.run(["codebook", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file):3:"), "\(result.stderr)")
        #expect(try box.count("SELECT count(*) FROM code") == 0)
    }

    static func docx(_ paragraphs: [String]) throws -> [UInt8] {
        let body = paragraphs.map { "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined()
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>"
        var zip = ZipWriter()
        try zip.add("word/document.xml", Data(xml.utf8))
        return [UInt8](zip.data)
    }

    @Test func wordTranscriptImports() throws {
        let box = try Sandbox()
        try box.initStudy()
        #expect(try box.run(["participant", "add", "TC-001"]).status == 0)
        let file = try box.write(
            "TC-001.docx",
            bytes: try Self.docx([
                "Interview", "", "Interviewer   0:03", "How did you hear about it?", "", "TC-001   0:12",
                "My GP mentioned it.",
            ]))
        let result = try box.run(["transcript", "import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try box.count("SELECT count(*) FROM segment WHERE transcript = 'TC-001'") == 2)
    }

    @Test func hostileWordDocumentIsRefusedWithTheFileNamed() throws {
        let box = try Sandbox()
        try box.initStudy()
        #expect(try box.run(["participant", "add", "TC-001"]).status == 0)
        var zip = ZipWriter()
        try zip.add("aa/document.xml", Data("<w:document/>".utf8))
        // The same archive with the entry renamed to climb out of its folder (zip slip).
        var bytes = [UInt8](zip.data)
        let from = Array("aa/document.xml".utf8)
        let to = Array("../document.xml".utf8)
        var index = 0
        while index + from.count <= bytes.count {
            if Array(bytes[index..<index + from.count]) == from {
                bytes.replaceSubrange(index..<index + from.count, with: to)
            }
            index += 1
        }
        let file = try box.write("TC-001.docx", bytes: bytes)
        let result = try box.run(["transcript", "import", file])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(file) && result.stderr.contains("'../document.xml'"), "\(result.stderr)")
        #expect(try box.count("SELECT count(*) FROM segment") == 0)
    }
}
