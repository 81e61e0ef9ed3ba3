import Foundation
import Testing

@testable import QualKit

/// What a qualkit project export must bring back when qualkit imports it: coder ids, the
/// participant fields, memos on segments and codings, codings' memos and transcripts' UUIDs. The
/// whole demo study's round trip is run by the binary in `QdpxRoundTripCommandTests`.
@Suite struct QdpxRoundTripTests {
    /// A study with one coding (with a memo) and a memo of every kind.
    func study() throws -> TemporaryStudy {
        let fixture = try TemporaryStudy()
        try fixture.codes(["barrier.cost", "barrier.time"])
        try Codebook(fixture.study).addCoder("AB", name: "A. Begum")
        try fixture.participant(
            "P1", [("gender", "f"), ("community", "Somali"), ("languages", "so;en"), ("household", "multi")])
        try fixture.transcript("P1", turns: ["Why?", "It costs too much.", "Anything else?", "The times are bad."])
        _ = try CodingLog(fixture.study).tag(
            transcript: "P1", segment: 2, code: "barrier.cost", coder: "AB", selection: .quote("costs too much"),
            memo: "Cost before anything.")
        let log = CodingLog(fixture.study)
        try log.addMemo(transcript: "P1", segment: 2, code: "barrier.cost", coder: "AB", text: "On the coding.")
        try log.addMemo(transcript: "P1", segment: 4, code: nil, coder: "AB", text: "On the turn.")
        try log.addMemo(transcript: "P1", segment: nil, code: "barrier.time", coder: "AB", text: "Transcript and code.")
        try log.addMemo(transcript: "P1", segment: nil, code: nil, coder: nil, text: "On the transcript.")
        try log.addMemo(transcript: nil, segment: nil, code: "barrier.time", coder: "AB", text: "On the code.")
        return fixture
    }

    func memos(_ box: TemporaryStudy) throws -> [String] {
        try box.study.db.rows("SELECT transcript, segment_number, code, coder, text FROM memo").map { row in
            row.values.map { $0.stringValue ?? $0.intValue.map(String.init) ?? "-" }.joined(separator: "|")
        }.sorted()
    }

    @Test func memosCodingMemosFieldsAndIdentityComeBack() throws {
        let original = try study()
        let (data, report) = try QdpxExport.archive(original.study, disclosure: .unredacted(request: "test"))
        #expect(report.selections == 3)

        // The memo on segment 4 is a selection of that turn holding only its note.
        let (entries, project) = try QdpxExportTests.open(data)
        let source = try #require(project.child("Sources")?.child("TextSource"))
        let uuid = try #require(
            try original.study.db.value("SELECT uuid FROM memo WHERE segment_number = 4").stringValue)
        let annotation = try #require(
            source.children("PlainTextSelection").first {
                $0.attributes["guid"] == QdpxExport.memoSelectionGUID(uuid)
            })
        #expect(annotation.attributes["name"] == "The times are bad.")
        #expect(annotation.children("Coding").isEmpty)
        #expect(annotation.children("NoteRef").map { $0.attributes["targetGUID"] } == [uuid])
        // Only the memos on the whole transcript are referred to from the source itself.
        #expect(source.children("NoteRef").count == 2)
        let fixture = try TemporaryStudy()
        let file = try fixture.write(
            "project.qde", String(decoding: try #require(entries["project.qde"]), as: UTF8.self))
        try SchemaCheck.expectValid(file, against: "Project-mrt2019.xsd")

        let copy = try TemporaryStudy()
        let imported = try QdpxImport.run(data, file: "p.qdpx", options: .init(), study: copy.study)
        #expect(imported.leftOut.isEmpty, "\(imported.leftOut)")
        #expect(imported.warnings.isEmpty, "\(imported.warnings)")
        #expect(try memos(copy) == (try memos(original)))
        #expect(try copy.study.db.value("SELECT memo FROM coding").stringValue == "Cost before anything.")
        #expect(try copy.study.db.rows("SELECT id FROM coder").map { $0[0].stringValue } == ["AB"])
        let person = try PeopleStore(copy.study).participant("P1")
        #expect(person.gender == "f" && person.community == "Somali" && person.languages == ["so", "en"])
        #expect(person.attributes == ["household": "multi"])
        for table in ["transcript", "participant", "coder", "code", "memo"] {
            let sql = "SELECT group_concat(uuid, ',') FROM (SELECT uuid FROM \(table) ORDER BY uuid)"
            #expect(
                try copy.study.db.value(sql).stringValue == (try original.study.db.value(sql).stringValue), "\(table)")
        }

        // The same archive again changes nothing.
        let again = try QdpxImport.run(data, file: "p.qdpx", options: .init(), study: copy.study)
        #expect(again.memos.added == 0 && again.codings.added == 0 && again.participants.changed == 0)
    }

    @Test func userIDAttributeIsTheCoderIDWhenItIsOne() throws {
        var fixture = QdpxImportTests().minimal()
        fixture.users = #"<User guid="\#(anna)" name="Anna Smith" id="AS"/>"#
        let box = try TemporaryStudy()
        _ = try QdpxImportTests().imported(fixture, in: box)
        #expect(
            try box.study.db.rows("SELECT id, name FROM coder").map { [$0[0].stringValue, $0[1].stringValue] } == [
                ["AS", "Anna Smith"]
            ])
        fixture.users = #"<User guid="\#(anna)" name="Anna Smith" id="not an id"/>"#
        let other = try TemporaryStudy()
        _ = try QdpxImportTests().imported(fixture, in: other)
        #expect(try other.study.db.rows("SELECT id FROM coder").map { $0[0].stringValue } == ["Anna-Smith"])
    }

    @Test func genderCommunityAndLanguagesVariablesAreTheParticipantFields() throws {
        var fixture = QdpxImportTests().minimal()
        let names = ["site", "Gender", "community", "Languages", "Mobile No"]
        fixture.variables = names.enumerated().map { index, name in
            #"<Variable guid="a0000000-0000-4000-8000-00000000000\#(index + 1)" name="\#(name)" typeOfVariable="Text"/>"#
        }.joined()
        func person(_ guid: String, _ name: String, _ values: [String]) -> String {
            var xml = #"<Case guid="\#(guid)" name="\#(name)">"#
            for (index, value) in values.enumerated() {
                xml +=
                    #"<VariableValue><VariableRef targetGUID="a0000000-0000-4000-8000-00000000000\#(index + 1)"/><TextValue>\#(value)</TextValue></VariableValue>"#
            }
            return xml + "</Case>"
        }
        fixture.cases =
            person(
                "70000000-0000-4000-8000-000000000001", "P01",
                ["Leeds", "Female", "Somali", "so; EN-gb", "07700 900123"])
            + person("70000000-0000-4000-8000-000000000002", "P02", ["York", "m", "", "English"])
        let box = try TemporaryStudy()
        let report = try QdpxImportTests().imported(fixture, in: box)
        let first = try PeopleStore(box.study).participant("P01")
        #expect(first.gender == "female" && first.community == "Somali" && first.languages == ["so", "en-GB"])
        #expect(first.attributes == ["site": "Leeds"])
        let second = try PeopleStore(box.study).participant("P02")
        #expect(second.gender == "m" && second.community == nil && second.languages.isEmpty)
        #expect(second.attributes == ["site": "York"])
        #expect(
            report.leftOut == [
                "case 'P02': its Languages 'English' is not a list of language tags (such as ur, en-GB)",
                "variable 'Mobile No': 1 value(s) not imported: it looks like a direct identifier (telephone number), and the study keeps pseudonymous ids only",
            ])
        #expect(try box.count("SELECT count(*) FROM participant_attribute WHERE value LIKE '%900123%'") == 0)

        // A changed value on a later import is an update, counted as a change.
        fixture.cases = person("70000000-0000-4000-8000-000000000001", "P01", ["Leeds", "f", "Somali", "so,en-GB"])
        let again = try QdpxImportTests().imported(fixture, in: box)
        #expect(again.participants.changed == 1)
        #expect(try PeopleStore(box.study).participant("P01").gender == "f")
        let third = try QdpxImportTests().imported(fixture, in: box)
        #expect(third.participants.changed == 0 && third.participants.unchanged == 1)
    }
}
