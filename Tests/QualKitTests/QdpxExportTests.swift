import Foundation
import Testing

@testable import QualKit

/// The REFI-QDA project export: structure on the demo study, the schema, positions under
/// redaction, multi-turn selections, and byte-identical exports.
@Suite struct QdpxExportTests {
    /// The demo study, built once in-process.
    static let demo: Result<String, any Error> = Result {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocols").path
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-qdpx-\(getpid())-\(UUID().uuidString)").path
        return try DemoStudy.build(in: folder, shipped: shipped).studyPath
    }

    /// The archive's entries by path and its project document.
    static func open(_ data: Data) throws -> (entries: [String: Data], project: XMLTree) {
        var entries: [String: Data] = [:]
        for entry in try ZipReader.entries(of: data) { entries[entry.path] = entry.data }
        let qde = try #require(entries["project.qde"])
        return (entries, try SafeXML.parse(qde, document: "project.qde"))
    }

    /// Every element named `name` under `tree`, depth first.
    static func all(_ name: String, in tree: XMLTree) -> [XMLTree] {
        (tree.name == name ? [tree] : []) + tree.children.flatMap { all(name, in: $0) }
    }

    @Test func theDemoExportHoldsEveryTranscriptCodingCodeAndParticipant() throws {
        let study = try Study.open(at: Self.demo.get())
        let (data, report) = try QdpxExport.archive(study, disclosure: .redacted)
        let (entries, project) = try Self.open(data)
        #expect(project.name == "Project")
        let count = { (sql: String) in try study.db.value(sql).intValue ?? -1 }
        let sources = try #require(project.child("Sources")).children("TextSource")
        #expect(sources.count == (try count("SELECT count(*) FROM transcript")))
        #expect(sources.count > 0)
        #expect(Set(entries.keys) == Set(["project.qde"] + sources.map { "sources/\($0.attributes["guid"]!).txt" }))
        let selections = Self.all("PlainTextSelection", in: project)
        // One per coding or multi-turn selection, and one per memo on a segment.
        #expect(
            selections.count
                == (try count("SELECT count(DISTINCT coalesce(selection, uuid)) FROM coding"))
                + (try count("SELECT count(*) FROM memo WHERE segment_number IS NOT NULL")))
        #expect(selections.count == report.selections)
        #expect(report.codings == (try count("SELECT count(*) FROM coding")))
        let codable = Self.all("Code", in: try #require(project.child("CodeBook"))).filter {
            $0.attributes["isCodable"] == "true"
        }
        #expect(codable.count == (try count("SELECT count(*) FROM code")))
        let cases = try #require(project.child("Cases")).children("Case")
        #expect(cases.count == (try count("SELECT count(*) FROM participant")))
        let users = try #require(project.child("Users")).children("User")
        #expect(users.count == (try count("SELECT count(*) FROM coder")))
        #expect(Self.all("Note", in: project).count == (try count("SELECT count(*) FROM memo")))
        // GUIDs are the stored UUIDs.
        let transcriptUUIDs = Set(try study.db.rows("SELECT uuid FROM transcript").compactMap { $0[0].stringValue })
        #expect(Set(sources.compactMap { $0.attributes["guid"] }) == transcriptUUIDs)
        // Every selection's positions (code points of the text as written) cover its name.
        for source in sources {
            let guid = try #require(source.attributes["guid"])
            #expect(source.attributes["plainTextPath"] == "internal://\(guid).txt")
            let text = Array(
                String(decoding: try #require(entries["sources/\(guid).txt"]), as: UTF8.self).unicodeScalars)
            for selection in source.children("PlainTextSelection") {
                let start = try #require(Int(selection.attributes["startPosition"] ?? ""))
                let end = try #require(Int(selection.attributes["endPosition"] ?? ""))
                #expect(0 <= start && start < end && end <= text.count)
                var covered = String.UnicodeScalarView()
                covered.append(contentsOf: text[start..<end])
                #expect(String(covered) == selection.attributes["name"])
                #expect(selection.children("Coding").allSatisfy { $0.child("CodeRef") != nil })
            }
        }
        // Protocols and interviews have no place in the standard: counted as left out.
        #expect(
            report.leftOut.first { $0.what == "protocols" }?.count
                == (try count("SELECT count(*) FROM protocol_version")))
        #expect(
            report.leftOut.first { $0.what == "interviews" }?.count == (try count("SELECT count(*) FROM interview")))
    }

    @Test func theDemoExportValidatesAgainstTheProjectSchema() throws {
        let study = try Study.open(at: Self.demo.get())
        let (entries, _) = try Self.open(try QdpxExport.archive(study, disclosure: .redacted).data)
        let fixture = try TemporaryStudy()
        let file = try fixture.write(
            "project.qde", String(decoding: try #require(entries["project.qde"]), as: UTF8.self))
        try SchemaCheck.expectValid(file, against: "Project-mrt2019.xsd")
    }

    @Test func twoExportsOfOneStudyAreByteIdentical() throws {
        let study = try Study.open(at: Self.demo.get())
        let first = try QdpxExport.archive(study, disclosure: .redacted).data
        let second = try QdpxExport.archive(study, disclosure: .redacted).data
        #expect(first == second)
    }

    /// P1 says a phone number before the coded words; the number becomes `[phone]`, shorter, and
    /// the selection still covers the same words.
    func redactionFixture() throws -> TemporaryStudy {
        let fixture = try TemporaryStudy()
        try fixture.codes(["barrier.cost"])
        try fixture.coders(["AB"])
        try fixture.participant("P1", [("gender", "female")])
        try fixture.transcript(
            "P1", turns: ["Hello.", "Ring me on 07700 900123 about the bus fare, it costs too much."])
        _ = try CodingLog(fixture.study).tag(
            transcript: "P1", segment: 2, code: "barrier.cost", coder: "AB", selection: .quote("it costs too much"),
            memo: nil)
        _ = try CodingLog(fixture.study).addMemo(
            transcript: "P1", segment: 2, code: "barrier.cost", coder: "AB", text: "Call 07700 900123 back")
        return fixture
    }

    @Test func positionsAreMappedOntoTheRedactedText() throws {
        let fixture = try redactionFixture()
        let (entries, project) = try Self.open(try QdpxExport.archive(fixture.study, disclosure: .redacted).data)
        let source = try #require(project.child("Sources")?.child("TextSource"))
        let text = String(decoding: try #require(entries["sources/\(source.attributes["guid"]!).txt"]), as: UTF8.self)
        #expect(text.contains("[phone]"))
        #expect(!text.contains("900123"))
        let selection = try #require(source.child("PlainTextSelection"))
        #expect(selection.attributes["name"] == "it costs too much")
        let start = try #require(Int(selection.attributes["startPosition"]!))
        let end = try #require(Int(selection.attributes["endPosition"]!))
        #expect(ExportedText(text, redactor: nil).slice(from: start, to: end) == "it costs too much")
        let note = try #require(Self.all("Note", in: project).first)
        #expect(note.child("PlainTextContent")?.text == "Call [phone] back")
        // The memo is referred to from its code and its source.
        #expect(Self.all("NoteRef", in: project).count == 2)
        #expect(try Disclosure.log(of: fixture.study).isEmpty)
    }

    @Test func anUnredactedExportKeepsTheTextAndIsLogged() throws {
        let fixture = try redactionFixture()
        let (entries, project) = try Self.open(
            try QdpxExport.archive(fixture.study, disclosure: .unredacted(request: "qdpx export --no-redact")).data)
        let source = try #require(project.child("Sources")?.child("TextSource"))
        let text = String(decoding: try #require(entries["sources/\(source.attributes["guid"]!).txt"]), as: UTF8.self)
        #expect(text.contains("07700 900123"))
        let stored = try fixture.study.db.value("SELECT transcript_start FROM coding").intValue
        #expect(source.child("PlainTextSelection")?.attributes["startPosition"] == stored.map(String.init))
        #expect(try Disclosure.log(of: fixture.study).map(\.what) == ["qdpx export --no-redact"])
    }

    @Test func partsSharingASelectionAreOneSelection() throws {
        let fixture = try TemporaryStudy()
        try fixture.codes(["barrier.cost"])
        try fixture.coders(["AB"])
        try fixture.participant("P1")
        try fixture.transcript("P1", turns: ["Why?", "It costs.", "Go on.", "Too much."])
        for segment in [2, 3, 4] { try fixture.tag("P1", segment, "barrier.cost", by: "AB") }
        let shared = "0b5c1f2e-8d3a-4c6b-9e7f-1a2b3c4d5e6f"
        try fixture.study.db.execute(
            "UPDATE coding SET selection = ? WHERE segment IN (SELECT id FROM segment WHERE number IN (2, 3))", [shared]
        )
        let (_, project) = try Self.open(try QdpxExport.archive(fixture.study, disclosure: .redacted).data)
        let selections = Self.all("PlainTextSelection", in: project)
        #expect(selections.count == 2)
        let joined = try #require(selections.first { $0.attributes["guid"] == shared })
        let bounds = try fixture.study.db.rows(
            "SELECT min(transcript_start), max(transcript_end) FROM coding WHERE selection = ?", [shared])
        #expect(joined.attributes["startPosition"] == bounds[0][0].intValue.map(String.init))
        #expect(joined.attributes["endPosition"] == bounds[0][1].intValue.map(String.init))
        #expect(joined.children("Coding").count == 1)
        #expect(joined.attributes["name"]?.hasPrefix("It costs.") == true)
        let other = try #require(selections.first { $0.attributes["guid"] != shared })
        let uuid = try fixture.study.db.value(
            "SELECT c.uuid FROM coding c JOIN segment s ON s.id = c.segment WHERE s.number = 4"
        ).stringValue
        #expect(other.attributes["guid"] == uuid)
    }

    @Test func spansWidenToWholePlaceholders() {
        let redactor = Redactor(terms: [.init(term: "Imran", label: "child")])
        let text = ExportedText("my son Imran said no", redactor: redactor)
        #expect(text.text == "my son [child] said no")
        // "said" keeps its words, moved by the placeholder's two extra characters.
        func pair(_ span: (start: Int, end: Int)) -> [Int] { [span.start, span.end] }
        #expect(pair(text.span(from: 13, to: 17)) == [15, 19])
        #expect(text.slice(from: 15, to: 19) == "said")
        // A span touching the name holds its whole placeholder.
        #expect(pair(text.span(from: 9, to: 17)) == [7, 19])
        #expect(pair(text.span(from: 0, to: 2)) == [0, 2])
        #expect(pair(ExportedText("abc", redactor: nil).span(from: 1, to: 9)) == [1, 3])
    }

    @Test func guidsAndPositionsAsOtherToolsWriteThem() {
        #expect(RefiGUID.normalized("{0B5C1F2E-8D3A-4C6B-9E7F-1A2B3C4D5E6F}") == "0b5c1f2e-8d3a-4c6b-9e7f-1a2b3c4d5e6f")
        #expect(RefiGUID.normalized("0b5c1f2e-8d3a-4c6b-9e7f") == nil)
        #expect(RefiGUID.derived(from: "variable:a") == RefiGUID.derived(from: "variable:a"))
        #expect(RefiGUID.derived(from: "variable:a") != RefiGUID.derived(from: "variable:b"))
        let text = "a😀b"
        #expect(RefiPositions.utf16(ofCodePoint: 2, in: text) == 3)
        #expect(RefiPositions.codePoint(ofUTF16: 3, in: text) == 2)
        #expect(RefiPositions.codePoint(ofUTF16: 2, in: text) == 1)
    }
}
