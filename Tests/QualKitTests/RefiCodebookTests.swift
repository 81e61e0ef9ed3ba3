import Foundation
import Testing

@testable import QualKit

/// The REFI-QDA codebook export: nesting, names, colours, GUIDs, and the schema.
@Suite struct RefiCodebookTests {
    func exported() throws -> (TemporaryStudy, String) {
        let fixture = try TemporaryStudy()
        _ = try Codebook(fixture.study).add(
            "barrier.stigma",
            fields: [("name", "Stigma & shame"), ("definition", "Fear of being judged"), ("color", "#D55E00")])
        _ = try Codebook(fixture.study).add("barrier.stigma.family", fields: [])
        _ = try Codebook(fixture.study).add("facilitator.peer", fields: [("example", "\"She'd been through it\"")])
        let codes = try CodeStore(fixture.study).codes()
        return (fixture, RefiCodebook.qdc(codes, uuids: try CodeStore(fixture.study).uuids()))
    }

    @Test func nestsCodesUnderTheirParentsWithStoredGUIDs() throws {
        let (fixture, xml) = try exported()
        let root = try SafeXML.parse(Data(xml.utf8), document: "codebook.qdc")
        #expect(root.name == "CodeBook")
        let tops = try #require(root.child("Codes")).children("Code")
        #expect(tops.map { $0.attributes["name"] } == ["barrier", "facilitator"])
        #expect(tops.map { $0.attributes["isCodable"] } == ["false", "false"])
        let stigma = try #require(tops[0].child("Code"))
        #expect(stigma.attributes["name"] == "Stigma & shame")
        #expect(stigma.attributes["color"] == "#D55E00")
        #expect(stigma.attributes["isCodable"] == "true")
        let uuid = try fixture.study.db.value("SELECT uuid FROM code WHERE path = 'barrier.stigma'").stringValue
        #expect(stigma.attributes["guid"] == uuid)
        #expect(
            stigma.child("Description")?.text == "Definition: Fear of being judged\nKind: barrier\nPath: barrier.stigma"
        )
        #expect(stigma.child("Code")?.attributes["name"] == "family")
        // Two exports agree, implicit parents included.
        let (_, again) = (
            fixture, RefiCodebook.qdc(try CodeStore(fixture.study).codes(), uuids: try CodeStore(fixture.study).uuids())
        )
        #expect(again == xml)
        #expect(RefiCodebook.derivedGUID("barrier") != RefiCodebook.derivedGUID("facilitator"))
    }

    @Test func validatesAgainstTheCodebookSchema() throws {
        let (fixture, xml) = try exported()
        try SchemaCheck.expectValid(try fixture.write("codebook.qdc", xml), against: "Codebook.xsd")
    }
}
