import Foundation
import Testing

@testable import QualKit

/// Reading REFI-QDA codebooks: qualkit's own export back exactly, and other tools' names and nesting.
@Suite struct RefiCodebookImportTests {
    func read(_ xml: String) throws -> RefiCodebookReader.Result {
        try RefiCodebookReader.parse(Data(xml.utf8), file: "book.qdc")
    }

    @Test func exportThenImportIntoAFreshStudyGivesIdenticalCodes() throws {
        let source = try TemporaryStudy()
        let book = Codebook(source.study)
        _ = try book.add(
            "barrier.stigma",
            fields: [
                ("name", "Stigma & <shame>"), ("definition", "Fear of being judged.\nExample: not a field\n  indented"),
                ("use_when", "They say \"judged\""), ("do_not_use_when", "Self-blame"), ("example", "\"People talk\""),
                ("color", "#D55E00"), ("kind", "context"),
            ])
        _ = try book.add("barrier.stigma.family", fields: [])
        _ = try book.add("barrier", fields: [("definition", "Anything in the way")])
        _ = try book.add("facilitator.peer", fields: [("name", "Peer support – Társ"), ("color", "#009E73")])
        _ = try book.add("suggestion.bus", fields: [("name", "bus")])
        let codes = try CodeStore(source.study).codes()
        let xml = RefiCodebook.qdc(codes, uuids: try CodeStore(source.study).uuids())

        let target = try TemporaryStudy()
        let read = try self.read(xml)
        #expect(read.warnings.isEmpty)
        let report = try Codebook(target.study).importEntries(read.entries, file: "book.qdc")
        #expect(report.added == codes.count)
        var expected = codes
        // A name equal to the path's last part is the default display name: it reads back as none.
        expected[expected.firstIndex { $0.path == "suggestion.bus" }!].name = nil
        #expect(try CodeStore(target.study).codes() == expected)
        // A second import changes nothing.
        let again = try Codebook(target.study).importEntries(try self.read(xml).entries, file: "book.qdc")
        #expect(again.added == 0 && again.updated == 0 && again.unchanged == codes.count)
    }

    @Test func otherToolsNamesBecomeDottedPathsAndKeepTheirDisplayNames() throws {
        let read = try self.read(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti">
              <Codes>
                <Code guid="{6A2B0D3C-1111-4222-8333-444455556666}" name="HBM 4. Perceived Barriers – Észlelt akadályok" isCodable="false" color="#abc">
                  <Description>Barriers the participant perceives.</Description>
                  <Code guid="6a2b0d3c-1111-4222-8333-444455556667" name="Cost" isCodable="true"/>
                  <Code guid="6a2b0d3c-1111-4222-8333-444455556668" name="cost" isCodable="true"/>
                </Code>
                <Code guid="6a2b0d3c-1111-4222-8333-444455556669" name="Facilitators" isCodable="false">
                  <Code guid="6a2b0d3c-1111-4222-8333-44445555666a" name="Cost" isCodable="true"/>
                </Code>
              </Codes>
              <Sets/>
            </CodeBook>
            """)
        let paths = read.entries.map(\.path)
        #expect(
            paths == [
                "hbm-4-perceived-barriers-eszlelt-akadalyok", "hbm-4-perceived-barriers-eszlelt-akadalyok.cost",
                "hbm-4-perceived-barriers-eszlelt-akadalyok.cost-2", "facilitators", "facilitators.cost",
            ])
        let first = read.entries[0].fields.map { "\($0.column)=\($0.value)" }
        #expect(
            first == [
                "name=HBM 4. Perceived Barriers – Észlelt akadályok", "definition=Barriers the participant perceives.",
                "color=#AABBCC",
            ])
        #expect(read.entries[1].fields.map(\.value) == ["Cost"])
        #expect(read.entries[2].fields.map(\.value) == ["cost"])
        #expect(read.warnings.count == 1)
        #expect(read.warnings[0].message.contains("isCodable"))
        let fixture = try TemporaryStudy()
        _ = try Codebook(fixture.study).importEntries(read.entries, file: "book.qdc")
        #expect(try CodeStore(fixture.study).code("facilitators.cost")?.displayName == "Cost")
        #expect(
            try CodeStore(fixture.study).code("hbm-4-perceived-barriers-eszlelt-akadalyok.cost-2")?.displayName
                == "cost")
    }

    @Test func pathPartRule() {
        #expect(
            RefiCodebookReader.pathPart(for: "HBM 4. Perceived Barriers – Észlelt akadályok")
                == "hbm-4-perceived-barriers-eszlelt-akadalyok")
        #expect(RefiCodebookReader.pathPart(for: "  Ärger/Wut!! ") == "arger-wut")
        #expect(RefiCodebookReader.pathPart(for: "Стигма") == "code")
        #expect(RefiCodebookReader.pathPart(for: "barrier.stigma") == "barrier-stigma")
        let long = RefiCodebookReader.pathPart(for: String(repeating: "word ", count: 30))
        #expect(long.count <= 60 && !long.hasSuffix("-") && Identifiers.isCodePath(long))
    }

    @Test func setsAreReportedAsLeftOut() throws {
        let read = try self.read(
            """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="6a2b0d3c-1111-4222-8333-444455556667" name="A" isCodable="true"/></Codes>
            <Sets><Set guid="6a2b0d3c-1111-4222-8333-444455556668" name="S"><MemberCode guid="6a2b0d3c-1111-4222-8333-444455556667"/></Set></Sets></CodeBook>
            """)
        #expect(read.entries.map(\.path) == ["a"])
        #expect(read.warnings.map(\.message) == ["1 set of codes left out: qualkit has no code sets"])
    }

    @Test func errorsNameTheElementAndLine() throws {
        let error = try #require(
            throws: InvalidInput.self,
            performing: {
                try self.read(
                    """
                    <CodeBook>
                      <Codes>
                        <Code guid="6a2b0d3c-1111-4222-8333-444455556667" name="A" isCodable="yes"/>
                        <Code guid="6a2b0d3c-1111-4222-8333-444455556668" isCodable="true"/>
                        <Code guid="6a2b0d3c-1111-4222-8333-444455556669" name="B" isCodable="true" color="red"/>
                      </Codes>
                    </CodeBook>
                    """)
            })
        #expect(error.diagnostics.map(\.line) == [3, 4, 5])
        #expect(error.diagnostics[0].message.contains("<Code name=\"A\">: isCodable is 'yes'"))
        #expect(error.diagnostics[1].message.contains("<Code> without a name"))
        #expect(error.diagnostics[2].message.contains("colour 'red'"))
        let notBook = try #require(throws: InvalidInput.self, performing: { try self.read("<Project/>") })
        #expect(notBook.diagnostics[0].message.contains("expected <CodeBook>"))
    }

    @Test func externalEntitiesAreRefusedWithTheFileNamed() throws {
        let error = try #require(
            throws: InvalidInput.self,
            performing: {
                try self.read(
                    """
                    <?xml version="1.0"?>
                    <!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                    <CodeBook><Codes><Code guid="6a2b0d3c-1111-4222-8333-444455556667" name="&x;" isCodable="true"/></Codes></CodeBook>
                    """)
            })
        #expect(error.diagnostics[0].file == "book.qdc")
        #expect(error.diagnostics[0].message.contains("DTD"))
    }

    @Test func recognisesACodebookByContent() {
        #expect(RefiCodebookReader.looksLikeCodebook(Array("\u{FEFF}<?xml version=\"1.0\"?>\n<CodeBook>".utf8)))
        #expect(!RefiCodebookReader.looksLikeCodebook(Array("## barrier — Barrier\n<CodeBook>".utf8)))
    }
}
