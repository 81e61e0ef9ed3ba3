import Foundation
import Testing

@testable import QualKit

/// XML from other tools is hostile: no DTD, no external entity, no entity expansion.
@Suite struct SafeXMLTests {
    @Test func readsElementsAttributesTextAndNamespaces() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="Ünï &amp; co">
              <q:Codes xmlns:q="urn:QDA-XML:codebook:0:4"><q:Code guid="A" name="x"><Description>a &lt; b</Description></q:Code></q:Codes>
            </Project>
            """
        let root = try SafeXML.parse(Data(xml.utf8), document: "project.qde")
        #expect(root.name == "Project")
        #expect(root.attributes["name"] == "Ünï & co")
        let code = try #require(root.child("Codes")?.child("Code"))
        #expect(code.attributes["guid"] == "A")
        #expect(code.child("Description")?.text == "a < b")
    }

    @Test func externalEntityIsRefusedAndNothingIsRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("qualkit-secret-\(UUID()).txt")
        try "SECRET".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Project [<!ENTITY leak SYSTEM "file://\(secret.path)">]>
            <Project name="&leak;"/>
            """
        #expect(throws: XMLError.doctype(document: "project.qde")) {
            try SafeXML.parse(Data(xml.utf8), document: "project.qde")
        }
    }

    @Test func billionLaughsIsRefused() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(entities)]><lolz>&lol9;</lolz>"
        #expect(throws: XMLError.doctype(document: "codebook.qdc")) {
            try SafeXML.parse(Data(xml.utf8), document: "codebook.qdc")
        }
    }

    @Test func lowerCaseDoctypeAndBareEntityAreRefusedToo() {
        for xml in ["<!doctype x SYSTEM \"http://example.org/x.dtd\"><x/>", "<x><!ENTITY a \"b\"></x>"] {
            #expect(throws: XMLError.doctype(document: "f")) { try SafeXML.parse(Data(xml.utf8), document: "f") }
        }
    }

    @Test func malformedAndNonUTF8AreRefused() {
        #expect(throws: (any Error).self) { try SafeXML.parse(Data("<a><b></a>".utf8), document: "f") }
        // The reason is said in words with its line and column, never as Foundation's domain and number.
        for (xml, words) in [
            ("<a><b></a>", "near column 11"), ("<a>\n<b x=1/></a>", "near column"),
            ("<a>Tom & Jerry</a>", "near column"), ("<a>", "ends before every element is closed"),
        ] {
            do {
                _ = try SafeXML.parse(Data(xml.utf8), document: "f")
                Issue.record("\(xml) was read")
            } catch let XMLError.malformed(_, _, reason) {
                #expect(reason.contains(words), "\(xml): \(reason)")
                #expect(!reason.contains("NSXMLParserErrorDomain"))
            } catch {
                Issue.record("\(xml): \(error)")
            }
        }
        #expect(throws: XMLError.notUTF8(document: "f")) {
            try SafeXML.parse(Data([0xFF, 0xFE, 0x3C, 0x00]), document: "f")
        }
    }

    @Test func deepNestingIsRefused() {
        let xml = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: XMLError.tooDeep(document: "f", limit: SafeXML.maxDepth)) {
            try SafeXML.parse(Data(xml.utf8), document: "f")
        }
    }

    @Test func writerEscapesWhatReadsBack() throws {
        var writer = XMLWriter()
        writer.start("Root", [("name", "a \"b\" & <c>\nline"), ("absent", nil)])
        writer.element("Description", "x < y & z\nsecond line")
        writer.end()
        let root = try SafeXML.parse(Data(writer.text.utf8), document: "w")
        #expect(root.attributes["name"] == "a \"b\" & <c>\nline")
        #expect(root.attributes["absent"] == nil)
        #expect(root.child("Description")?.text == "x < y & z\nsecond line")
    }
}
