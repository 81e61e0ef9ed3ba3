import Foundation
import Testing

@testable import QualKit

/// REFI-QDA projects built in-process: the `.qde` as an XML string, sources as entries.
struct QdpxFixture {
    var qdeName = "project.qde"
    var origin = "Test tool"
    var users = #"<User guid="11111111-1111-4111-8111-111111111111" name="Anna Smith"/>"#
    var creator: String? = "11111111-1111-4111-8111-111111111111"
    var codes = """
        <Code guid="c0000000-0000-4000-8000-000000000001" name="Barriers" isCodable="false">
          <Code guid="c0000000-0000-4000-8000-000000000002" name="Stigma – Észlelt" isCodable="true" color="#ff0000"/>
        </Code>
        <Code guid="c0000000-0000-4000-8000-000000000003" name="Access" isCodable="true"/>
        """
    var sets = ""
    var variables = #"<Variable guid="a0000000-0000-4000-8000-000000000001" name="site" typeOfVariable="Text"/>"#
    var cases = ""
    var sources: [(xml: String, entry: String?, text: String)] = []
    var notes = ""
    var method: ZipWriter.Method = .deflated
    var extra: [(String, Data)] = []

    var qde: String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="Fixture" origin="\(origin)"\(creator.map { " creatingUserGUID=\"\($0)\"" } ?? "")>
          <Users>\(users)</Users>
          <CodeBook><Codes>\(codes)</Codes>\(sets)</CodeBook>
          <Variables>\(variables)</Variables>
          <Cases>\(cases)</Cases>
          <Sources>\(sources.map(\.xml).joined())</Sources>
          <Notes>\(notes)</Notes>
        </Project>
        """
    }

    var archive: Data {
        var zip = ZipWriter()
        try! zip.add(qdeName, Data(qde.utf8), method: method)
        for source in sources {
            if let entry = source.entry { try! zip.add(entry, Data(source.text.utf8), method: method) }
        }
        for (path, data) in extra { try! zip.add(path, data, method: method) }
        return zip.data
    }

    /// A text source with its selections, each `(guid, start, end, name, code, codingUser, selectionUser)`.
    static func source(
        guid: String = "50000000-0000-4000-8000-000000000001", name: String = "Interview 1", folder: String = "sources",
        scheme: Bool = true, text: String,
        selections: [(String, Int, Int, String?, String, String?, String?)]
    ) -> (xml: String, entry: String?, text: String) {
        let path = (scheme ? "internal://" : "") + guid + ".txt"
        var xml = #"<TextSource guid="\#(guid)" name="\#(name)" plainTextPath="\#(path)">"#
        for (id, start, end, label, code, user, selectionUser) in selections {
            xml += #"<PlainTextSelection guid="\#(id)" startPosition="\#(start)" endPosition="\#(end)""#
            if let label { xml += #" name="\#(label)""# }
            if let selectionUser { xml += #" creatingUser="\#(selectionUser)""# }
            xml += #"><Coding guid="\#(UUID().uuidString)""#
            if let user { xml += #" creatingUser="\#(user)""# }
            xml += #"><CodeRef targetGUID="\#(code)"/></Coding></PlainTextSelection>"#
        }
        xml += "</TextSource>"
        return (xml, "\(folder)/\(guid).txt", text)
    }
}

let anna = "11111111-1111-4111-8111-111111111111"
let stigma = "c0000000-0000-4000-8000-000000000002"
let access = "c0000000-0000-4000-8000-000000000003"

@Suite struct QdpxImportTests {
    static let interview = """
        Interviewer: Do the appointment times suit you?
        P01: They ring in the afternoon and there's no quiet corner.
        Interviewer: What would help?
        P01: An evening slot, honestly.
        """

    func imported(_ fixture: QdpxFixture, in box: TemporaryStudy, dryRun: Bool = false, map: [String: String] = [:])
        throws -> QdpxImport.Report
    {
        try QdpxImport.run(
            fixture.archive, file: "fixture.qdpx", options: .init(coderMap: map, dryRun: dryRun), study: box.study)
    }

    func codings(_ box: TemporaryStudy) throws -> [(String, String, String, Int, String, String?)] {
        try box.study.db.rows(
            """
            SELECT s.transcript, c.code, c.coder, s.number, substr(s.text, c.start + 1, c.end - c.start) AS covered, c.selection
            FROM coding c JOIN segment s ON s.id = c.segment ORDER BY s.transcript, s.number, c.code
            """
        ).map {
            (
                try $0["transcript"], try $0["code"], try $0["coder"], try $0["number"], try $0["covered"],
                try $0["selection"]
            )
        }
    }

    func counts(_ box: TemporaryStudy) throws -> [Int] {
        try [
            "transcript", "segment", "coding", "code", "coder", "participant", "participant_attribute", "memo",
            "coverage",
        ]
        .map { try box.study.db.value("SELECT count(*) FROM \($0)").intValue ?? -1 }
    }

    func minimal() -> QdpxFixture {
        var fixture = QdpxFixture()
        let text = Self.interview
        let quiet = text.range(of: "no quiet corner")!
        let start = text.unicodeScalars.distance(from: text.startIndex, to: quiet.lowerBound)
        fixture.sources = [
            QdpxFixture.source(
                text: text,
                selections: [
                    ("60000000-0000-4000-8000-000000000001", start, start + 15, "no quiet corner", stigma, anna, nil)
                ])
        ]
        fixture.cases =
            #"<Case guid="70000000-0000-4000-8000-000000000001" name="P01"><VariableValue><VariableRef targetGUID="a0000000-0000-4000-8000-000000000001"/><TextValue>Leeds</TextValue></VariableValue><SourceRef targetGUID="50000000-0000-4000-8000-000000000001"/></Case>"#
        fixture.notes =
            #"<Note guid="80000000-0000-4000-8000-000000000001" name="memo" creatingUser="\#(anna)"><PlainTextContent>Timing is a theme.</PlainTextContent></Note>"#
        return fixture
    }

    @Test func minimalProjectBecomesTranscriptCodesCoderCodingParticipantAndMemo() throws {
        let box = try TemporaryStudy()
        let report = try imported(minimal(), in: box)
        #expect(report.transcripts.added == 1 && report.codings.added == 1 && report.coders.added == 1)
        #expect(report.rule == .codePoints)
        let rows = try codings(box)
        #expect(rows.count == 1)
        #expect(rows[0].0 == "P01" && rows[0].1 == "barriers.stigma-eszlelt" && rows[0].2 == "Anna-Smith")
        #expect(rows[0].3 == 2 && rows[0].4 == "no quiet corner")
        #expect(rows[0].5 == "60000000-0000-4000-8000-000000000001")
        #expect(try TranscriptStore(box.study).text(of: "P01") == Self.interview)
        let segments = try TranscriptStore(box.study).segments(of: "P01")
        #expect(segments.map(\.role) == [.interviewer, .participant, .interviewer, .participant])
        #expect(try PeopleStore(box.study).participant("P01").attributes == ["site": "Leeds"])
        let code = try #require(try CodeStore(box.study).code("barriers.stigma-eszlelt"))
        #expect(code.name == "Stigma – Észlelt" && code.color == "#FF0000")
        #expect(try CodeStore(box.study).uuids()["access"] == access)
        #expect(try CodingStore(box.study).memos().map(\.text) == ["Timing is a theme."])
    }

    @Test func secondImportChangesNothing() throws {
        let box = try TemporaryStudy()
        _ = try imported(minimal(), in: box)
        let before = try counts(box)
        let report = try imported(minimal(), in: box)
        #expect(try counts(box) == before)
        #expect(report.codings.added == 0 && report.codings.unchanged == 1)
        #expect(report.transcripts.added == 0 && report.codes.added == 0 && report.memos.added == 0)
    }

    @Test func dryRunWritesNothing() throws {
        let box = try TemporaryStudy()
        let before = try counts(box)
        let report = try imported(minimal(), in: box, dryRun: true)
        #expect(report.codings.added == 1)
        #expect(try counts(box) == before)
    }

    @Test func nvivoPositionsAreUTF16UnitsWithCRLF() throws {
        // 😀 is one code point and two UTF-16 units; CR LF counts two, as NVivo for Windows writes.
        let text = "Interviewer: Ça va? 😀\r\nP01: Très bien, merci 😀 vraiment.\r\n"
        let target = "Très bien"
        let utf16Start = text.utf16.distance(from: text.utf16.startIndex, to: text.range(of: target)!.lowerBound)
        var fixture = minimal()
        fixture.origin = "NVivo 14"
        fixture.sources = [
            QdpxFixture.source(
                folder: "Sources", text: text,
                selections: [
                    ("60000000-0000-4000-8000-000000000002", utf16Start, utf16Start + 9, target, access, anna, nil)
                ])
        ]
        let box = try TemporaryStudy()
        let report = try imported(fixture, in: box)
        #expect(report.rule == .utf16)
        #expect(try codings(box).map(\.4) == [target])
        #expect(!report.warnings.contains { $0.contains("differs from the text") })
    }

    @Test func utf16IsChosenByTheEvidenceOfSelectionNamesWithoutAnOrigin() throws {
        let text = "P01: 😀😀 fine words here 😀 and more words"
        let target = "and more words"
        let utf16Start = text.utf16.distance(from: text.utf16.startIndex, to: text.range(of: target)!.lowerBound)
        var fixture = minimal()
        fixture.sources = [
            QdpxFixture.source(
                text: text,
                selections: [
                    ("60000000-0000-4000-8000-000000000003", utf16Start, utf16Start + 14, target, access, anna, nil)
                ])
        ]
        let box = try TemporaryStudy()
        let report = try imported(fixture, in: box)
        #expect(report.rule == .utf16)
        #expect(try codings(box).map(\.4) == [target])
    }

    @Test func quirksAreAccepted() throws {
        // Any *.qde name, upper-case Sources/, no internal://, braces and upper-case GUIDs, stored
        // entries, an empty <Sets/>, the codebook:0:4 namespace prefix.
        var fixture = minimal()
        fixture.qdeName = "My Project.qde"
        fixture.method = .stored
        fixture.sets = #"<Sets/>"#
        fixture.users = #"<User guid="{11111111-1111-4111-8111-111111111111}" name="Anna Smith"/>"#
        fixture.codes =
            #"<q:Code xmlns:q="urn:QDA-XML:codebook:0:4" guid="{C0000000-0000-4000-8000-000000000003}" name="Access" isCodable="true"/>"#
        let text = "Notes about access without any speaker.\n\nA second paragraph on access."
        fixture.sources = [
            QdpxFixture.source(
                guid: "50000000-0000-4000-8000-00000000000A", folder: "Sources", scheme: false, text: text,
                selections: [
                    (
                        "{60000000-0000-4000-8000-00000000000B}", 0, 5, "Notes",
                        "{C0000000-0000-4000-8000-000000000003}", "{11111111-1111-4111-8111-111111111111}", nil
                    )
                ])
        ]
        fixture.cases = ""
        let box = try TemporaryStudy()
        let report = try imported(fixture, in: box)
        #expect(try codings(box).map(\.4) == ["Notes"])
        #expect(try codings(box).map(\.5) == ["60000000-0000-4000-8000-00000000000b"])
        // No speakers: paragraphs; no case: a participant named after the source, reported.
        #expect(try TranscriptStore(box.study).segments(of: "Interview-1").count == 2)
        #expect(report.warnings.contains { $0.contains("has no case") })
        #expect(report.leftOut.isEmpty)
    }

    @Test func multiTurnSelectionIsOnePartPerSegmentSharingTheSelection() throws {
        var fixture = minimal()
        let text = Self.interview
        let from = text.range(of: "quiet corner.")!.lowerBound
        let to = text.range(of: "What would help?")!.upperBound
        let start = text.unicodeScalars.distance(from: text.startIndex, to: from)
        let end = text.unicodeScalars.distance(from: text.startIndex, to: to)
        fixture.sources = [
            QdpxFixture.source(
                text: text, selections: [("60000000-0000-4000-8000-000000000009", start, end, nil, access, anna, nil)])
        ]
        let box = try TemporaryStudy()
        _ = try imported(fixture, in: box)
        let rows = try codings(box)
        #expect(rows.map(\.3) == [2, 3])
        #expect(rows.map(\.4) == ["quiet corner.", "What would help?"])
        #expect(Set(rows.map(\.5)) == ["60000000-0000-4000-8000-000000000009"])
    }

    @Test func coderFallsBackToTheSelectionsThenTheProjectsCreator() throws {
        var fixture = minimal()
        fixture.users += #"<User guid="22222222-2222-4222-8222-222222222222" name="Ben Jones"/>"#
        let text = Self.interview
        fixture.sources = [
            QdpxFixture.source(
                text: text,
                selections: [
                    (
                        "60000000-0000-4000-8000-000000000011", 13, 19, nil, access, nil,
                        "22222222-2222-4222-8222-222222222222"
                    ),
                    ("60000000-0000-4000-8000-000000000012", 13, 19, nil, stigma, nil, nil),
                ])
        ]
        let box = try TemporaryStudy()
        let report = try imported(fixture, in: box, map: ["Ben Jones": "BJ"])
        let rows = try codings(box)
        #expect(Set(rows.map { "\($0.1)/\($0.2)" }) == ["access/BJ", "barriers.stigma-eszlelt/Anna-Smith"])
        #expect(report.warnings.contains { $0.contains("the selection's creator BJ") })
        #expect(report.warnings.contains { $0.contains("the project's creator Anna-Smith") })
    }

    @Test func leftOutIsListed() throws {
        var fixture = minimal()
        fixture.sources.append(("<PDFSource guid=\"50000000-0000-4000-8000-0000000000ff\" name=\"Leaflet\"/>", nil, ""))
        fixture.sets = #"<Sets><Set guid="90000000-0000-4000-8000-000000000001" name="S"/></Sets>"#
        let box = try TemporaryStudy()
        let report = try imported(fixture, in: box)
        #expect(report.leftOut.contains { $0.contains("PDFSource 'Leaflet'") })
        #expect(report.leftOut.contains { $0.contains("set") })
    }

    // MARK: refused, and nothing written

    func refused(_ archive: Data, _ check: (any Error) -> Bool) throws {
        let box = try TemporaryStudy()
        _ = try imported(minimal(), in: box)
        let before = try counts(box)
        #expect {
            try QdpxImport.run(archive, file: "bad.qdpx", options: .init(), study: box.study)
        } throws: { check($0) }
        #expect(try counts(box) == before)
    }

    func hostile(_ entries: [HostileZip.Entry]) -> Data {
        HostileZip(entries: [HostileZip.Entry(name: "project.qde", data: Data(minimal().qde.utf8))] + entries).archive
    }

    @Test func zipSlipIsRefused() throws {
        try refused(hostile([.init(name: "../x", data: Data("x".utf8))])) {
            ($0 as? ZipError) == .unsafePath(entry: "../x", reason: .parentFolder)
        }
    }

    @Test func absolutePathIsRefused() throws {
        try refused(hostile([.init(name: "/etc/x", data: Data("x".utf8))])) {
            ($0 as? ZipError) == .unsafePath(entry: "/etc/x", reason: .absolute)
        }
    }

    @Test func symlinkEntryIsRefused() throws {
        try refused(hostile([.init(name: "sources/link.txt", data: Data("/etc/passwd".utf8), unixMode: 0o120777)])) {
            ($0 as? ZipError) == .notARegularFile(entry: "sources/link.txt", kind: "symbolic link")
        }
    }

    @Test func zipBombIsRefused() throws {
        let bomb = HostileZip.Entry(
            name: "sources/bomb.txt", data: Data(count: 1 << 20), deflate: true, declaredSize: 1 << 30)
        try refused(hostile([bomb])) {
            if case .entryTooLarge(entry: "sources/bomb.txt", _) = $0 as? ZipError { return true }
            return false
        }
    }

    @Test func crcMismatchIsRefused() throws {
        try refused(hostile([.init(name: "sources/a.txt", data: Data("abc".utf8), crc: 1)])) {
            if case .crcMismatch(entry: "sources/a.txt", _, _) = $0 as? ZipError { return true }
            return false
        }
    }

    @Test func externalEntityIsRefused() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("qualkit-xxe-\(UUID()).txt")
        try "SECRET".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = minimal().qde.replacingOccurrences(
            of: "<Project ", with: "<!DOCTYPE Project [<!ENTITY leak SYSTEM \"file://\(secret.path)\">]>\n<Project "
        )
        .replacingOccurrences(of: "name=\"Fixture\"", with: "name=\"&leak;\"")
        var zip = ZipWriter()
        try zip.add("project.qde", Data(xml.utf8))
        try refused(zip.data) { ($0 as? XMLError) == .doctype(document: "project.qde") }
    }

    @Test func billionLaughsIsRefused() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE Project [\(entities)]><Project name=\"&lol9;\"/>"
        var zip = ZipWriter()
        try zip.add("project.qde", Data(xml.utf8))
        try refused(zip.data) { ($0 as? XMLError) == .doctype(document: "project.qde") }
    }

    @Test func unknownCodeReferenceIsRefusedNamingTheElement() throws {
        var fixture = minimal()
        fixture.sources = [
            QdpxFixture.source(
                text: Self.interview,
                selections: [
                    (
                        "60000000-0000-4000-8000-000000000013", 0, 5, nil, "d0000000-0000-4000-8000-000000000000", anna,
                        nil
                    )
                ])
        ]
        try refused(fixture.archive) {
            ($0 as? QdpxError)
                == .unknownReference(
                    entry: "project.qde", element: "CodeRef", guid: "d0000000-0000-4000-8000-000000000000")
        }
    }

    @Test func missingSourceTextIsRefused() throws {
        var fixture = minimal()
        fixture.sources[0].entry = nil
        try refused(fixture.archive) {
            if case .missingSourceText(entry: "project.qde", _, _) = $0 as? QdpxError { return true }
            return false
        }
    }

    @Test func guidsAreNormalised() {
        #expect(
            QdpxProject.normalizedGUID("{ABCDEF01-2345-6789-ABCD-EF0123456789}")
                == "abcdef01-2345-6789-abcd-ef0123456789")
        #expect(
            QdpxProject.normalizedGUID("abcdef0123456789abcdef0123456789") == "abcdef01-2345-6789-abcd-ef0123456789")
        #expect(QdpxProject.normalizedGUID("not-a-guid") == nil)
    }
}
