import Foundation
import Testing

@testable import QualKit

/// A master study for the coder-copy tests: codes `a.x`, `a.z`, `b.w`; coders AB and CD;
/// participants P1 and P2 (with attributes and consent) with a transcript each.
private func master() throws -> TemporaryStudy {
    let box = try TemporaryStudy()
    box.study.user = "lead"
    try box.codes(["a.x", "a.z", "b.w"])
    try box.coders(["AB", "CD"])
    try box.participant("P1", [("gender", "female"), ("consent_quotes", "yes"), ("consent_date", "2026-01-05")])
    try box.participant("P2", [("community", "Bradford")])
    try box.transcript(
        "P1",
        turns: [
            "How are things?", "The waiting list is long and the bus costs too much.", "And family?",
            "My family do not talk about it.",
        ])
    try box.transcript("P2", turns: ["Tell me more.", "Yes.", "Anything else?", "Yes."])
    return box
}

private func copyPath(_ box: TemporaryStudy, _ name: String) -> String {
    box.folder.appendingPathComponent(name).path
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(String(repeating: "a", count: 1000)).count == 64)
    }
}

@Suite struct CodeHistoryTests {
    @Test func everyChangeIsKeptWithUserAndValues() throws {
        let box = try master()
        let book = Codebook(box.study)
        _ = try book.update("a.x", fields: [("definition", "Waiting")])
        _ = try book.rename("a.x", to: "a.wait")
        _ = try book.rename("a.wait", to: "b.wait")
        _ = try book.merge("a.z", into: "b.wait")
        let history = try CodeHistory.entries(box.study, path: "b.wait")
        #expect(history.map(\.change) == [.added, .updated, .renamed, .moved])
        #expect(history.allSatisfy { $0.user == "lead" })
        #expect(history[1].field == "definition" && history[1].oldValue == nil && history[1].newValue == "Waiting")
        #expect(history[2].oldValue == "a.x" && history[2].newValue == "a.wait")
        #expect(history[3].oldValue == "a.wait" && history[3].newValue == "b.wait")
        // The old name finds the same code's history.
        #expect(try CodeHistory.entries(box.study, path: "a.x").map(\.change) == [.added, .updated, .renamed, .moved])
        let merged = try CodeHistory.entries(box.study, path: "a.z")
        #expect(merged.map(\.change) == [.added, .merged])
        #expect(merged.last?.newValue == "b.wait")
        #expect(throws: CodingError.self) { try CodeHistory.entries(box.study, path: "nothing.here") }
        // History rows cannot be edited.
        #expect(throws: StoreError.self) { try box.study.db.execute("DELETE FROM code_history") }
    }

    @Test func acceptingAProposedCodeIsRecorded() throws {
        let box = try master()
        try CodeStore(box.study).save(Code(path: "c.new", proposed: true), isNew: true)
        #expect(try CodeStore(box.study).require("c.new").proposed)
        #expect(try Codebook(box.study).accept("c.new"))
        #expect(try !Codebook(box.study).accept("c.new"))
        #expect(try !CodeStore(box.study).require("c.new").proposed)
        #expect(try CodeHistory.entries(box.study, path: "c.new").map(\.change) == [.proposed, .accepted])
        #expect(throws: CodingError.self) { try Codebook(box.study).accept("c.none") }
    }
}

@Suite struct HandoutTests {
    @Test func aCopyHoldsOnlyWhatTheCoderNeeds() throws {
        let box = try master()
        try box.tag("P1", 2, "a.x", by: "AB")
        try box.tag("P1", 2, "a.z", by: "CD")
        try CodingLog(box.study).addMemo(transcript: "P1", segment: nil, code: nil, coder: "CD", text: "CD's thoughts")
        try CodingLog(box.study).addMemo(transcript: nil, segment: nil, code: "a.x", coder: "AB", text: "AB on a.x")
        let path = copyPath(box, "AB.sqlite")
        let made = try Handout.make(from: box.study, coder: "AB", transcripts: ["P1"], to: path, replacing: false)
        #expect(made.transcripts == ["P1"] && made.codings == 1 && made.memos == 1 && made.codes == 3)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let copy = try Study.open(at: path)
        func count(_ sql: String) throws -> Int { try copy.db.value(sql).intValue ?? -1 }
        #expect(try count("SELECT count(*) FROM coding WHERE coder <> 'AB'") == 0)
        #expect(try count("SELECT count(*) FROM coder") == 1)
        #expect(try count("SELECT count(*) FROM transcript") == 1)
        #expect(try count("SELECT count(*) FROM participant") == 1)
        #expect(try count("SELECT count(*) FROM participant_attribute") == 0)
        #expect(
            try count(
                "SELECT count(*) FROM participant WHERE consent_date IS NOT NULL OR gender IS NOT NULL OR consent_quotes <> 0"
            )
                == 0)
        #expect(try count("SELECT count(*) FROM memo WHERE text LIKE '%CD%'") == 0)
        // Stable UUIDs are the master's.
        for table in ["code", "transcript", "participant", "coding", "coder", "memo"] {
            let theirs = Set(try copy.db.rows("SELECT uuid FROM \(table)").compactMap { $0[0].stringValue })
            let ours = Set(try box.study.db.rows("SELECT uuid FROM \(table)").compactMap { $0[0].stringValue })
            #expect(!theirs.isEmpty && theirs.isSubset(of: ours), "\(table)")
        }
        let record = try #require(try Handout.record(of: copy))
        #expect(record.coder == "AB")
        #expect(record.transcriptHashes == ["P1": SHA256.hex(try TranscriptStore(box.study).text(of: "P1"))])
        // The handout is in the master's disclosure log.
        #expect(try Disclosure.log(of: box.study).contains { $0.what.contains("handout --coder AB") })
    }

    @Test func refusals() throws {
        let box = try master()
        let path = copyPath(box, "AB.sqlite")
        _ = try Handout.make(from: box.study, coder: "AB", transcripts: [], to: path, replacing: false)
        #expect(throws: CoderCopyError.copyExists(path: path)) {
            try Handout.make(from: box.study, coder: "AB", transcripts: [], to: path, replacing: false)
        }
        let again = try Handout.make(from: box.study, coder: "AB", transcripts: ["P2"], to: path, replacing: true)
        #expect(again.transcripts == ["P2"])
        #expect(throws: CoderCopyError.copyIsTheStudy(path: box.study.path)) {
            try Handout.make(from: box.study, coder: "AB", transcripts: [], to: box.study.path, replacing: true)
        }
        #expect(throws: CodingError.self) {
            try Handout.make(
                from: box.study, coder: "ZZ", transcripts: [], to: copyPath(box, "ZZ.sqlite"), replacing: false)
        }
        #expect(throws: TranscriptError.self) {
            try Handout.make(
                from: box.study, coder: "AB", transcripts: ["P9"], to: copyPath(box, "x.sqlite"), replacing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: copyPath(box, "x.sqlite")))
    }
}

@Suite struct CodingMergeTests {
    @Test func theLoopAddsFollowsChangesAndIsIdempotent() throws {
        let box = try master()
        try box.tag("P1", 2, "a.x", by: "AB")
        let abPath = copyPath(box, "AB.sqlite")
        let cdPath = copyPath(box, "CD.sqlite")
        _ = try Handout.make(from: box.study, coder: "AB", transcripts: [], to: abPath, replacing: false)
        _ = try Handout.make(from: box.study, coder: "CD", transcripts: ["P1"], to: cdPath, replacing: false)
        do {
            let ab = try Study.open(at: abPath)
            // AB narrows the coding they had, adds one, codes P2 and proposes a code with a memo.
            _ = try CodingLog(ab).untag(transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .whole)
            _ = try CodingLog(ab).tag(
                transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .quote("waiting list"), memo: nil)
            _ = try Codebook(ab).add("c.travel", fields: [("definition", "Cost of getting there")])
            _ = try CodingLog(ab).tag(
                transcript: "P1", segment: 2, code: "c.travel", coder: "AB", selection: .quote("bus costs"), memo: nil)
            _ = try CodingLog(ab).tag(
                transcript: "P2", segment: 2, code: "a.z", coder: "AB", selection: .whole, memo: nil)
            _ = try CodingLog(ab).tag(
                transcript: "P2", segment: 4, code: "b.w", coder: "AB", selection: .whole, memo: nil)
            try CodingLog(ab).addMemo(transcript: nil, segment: nil, code: "c.travel", coder: "AB", text: "new idea")
            let cd = try Study.open(at: cdPath)
            _ = try CodingLog(cd).tag(
                transcript: "P1", segment: 4, code: "a.x", coder: "CD", selection: .whole, memo: nil)
            try CodingLog(cd).markDone(transcript: "P1", coder: "CD")
        }
        // Meanwhile in the master: a.x is renamed, and P2's transcript gains two turns at the start.
        _ = try Codebook(box.study).rename("a.x", to: "a.waiting")
        let p2 = try box.write(
            "P2.txt",
            "Interviewer: Hello.\nP2: Hello there.\nInterviewer: Tell me more.\nP2: Yes.\nInterviewer: Anything else?\nP2: Yes.\n"
        )
        var options = TranscriptImporter.Options()
        options.replace = true
        _ = try TranscriptImporter.run([p2], target: .fileName, options: options, study: box.study)

        let dry = try CodingMerge(box.study).merge(abPath, dryRun: true)
        #expect(dry.dryRun && dry.count(.added) == 1 && dry.count(.changed) == 1)
        #expect(try CodeStore(box.study).code("c.travel") == nil)
        #expect(try box.count("SELECT count(*) FROM coding") == 1)

        let ab = try CodingMerge(box.study).merge(abPath)
        #expect(ab.count(.added) == 1)  // c.travel in P1
        #expect(ab.count(.changed) == 1)  // a.x narrowed to "waiting list", followed to a.waiting
        #expect(ab.count(.notMerged) == 2)  // "Yes." occurs twice in P2's new text
        #expect(ab.count(.unchanged) == 0)
        #expect(ab.codesProposed == ["c.travel"] && ab.memosAdded == 1)
        let changed = try #require(ab.entries.first { $0.outcome == .changed })
        #expect(changed.code == "a.waiting" && changed.conflicts == [.codeFollowed, .boundariesChanged])
        #expect(ab.entries.filter { $0.outcome == .notMerged }.allSatisfy { $0.conflicts == [.transcriptChanged] })
        #expect(try CodeStore(box.study).require("c.travel").proposed)
        let history = try CodingHistory.entries(box.study)
        #expect(history.count == 1 && history[0].oldStart == 0 && history[0].code == "a.waiting")

        let cd = try CodingMerge(box.study).merge(cdPath)
        #expect(cd.count(.added) == 1 && cd.count(.changed) == 0 && cd.coverageAdded == 1)
        #expect(try box.count("SELECT done FROM coverage WHERE coder = 'CD' AND transcript = 'P1'") == 1)

        // Merging again changes nothing.
        let before = try box.count("SELECT count(*) FROM coding") + box.count("SELECT count(*) FROM memo")
        for path in [abPath, cdPath] {
            let again = try CodingMerge(box.study).merge(path)
            #expect(again.count(.added) == 0 && again.count(.changed) == 0 && again.codesProposed.isEmpty)
            #expect(again.memosAdded == 0 && again.coverageAdded == 0)
        }
        #expect(try box.count("SELECT count(*) FROM coding") + box.count("SELECT count(*) FROM memo") == before)
    }

    @Test func reanchorsWhereTheTextIsFoundOnce() throws {
        let box = try master()
        let path = copyPath(box, "AB.sqlite")
        _ = try Handout.make(from: box.study, coder: "AB", transcripts: ["P1"], to: path, replacing: false)
        _ = try CodingLog(try Study.open(at: path)).tag(
            transcript: "P1", segment: 4, code: "b.w", coder: "AB", selection: .quote("do not talk"), memo: nil)
        let p1 = try box.write(
            "P1.txt",
            "Interviewer: Hi.\nP1: Hi.\nInterviewer: How are things?\nP1: The waiting list is long and the bus costs too much.\nInterviewer: And family?\nP1: My family do not talk about it.\n"
        )
        var options = TranscriptImporter.Options()
        options.replace = true
        _ = try TranscriptImporter.run([p1], target: .fileName, options: options, study: box.study)
        let report = try CodingMerge(box.study).merge(path)
        let entry = try #require(report.entries.first)
        #expect(entry.outcome == .added && entry.segment == 6 && entry.conflicts == [.transcriptChanged])
        #expect(entry.note.contains("changed in the master since the handout"))
        let coding = try #require(try CodingStore(box.study).codings(.init(coder: "AB")).first)
        #expect(coding.segment == 6 && coding.text == "do not talk")
    }

    @Test func refusals() throws {
        let box = try master()
        #expect(throws: MissingInputFile.self) { try CodingMerge(box.study).merge(copyPath(box, "x.qdpx")) }
        #expect(throws: MissingInputFile.self) { try CodingMerge(box.study).merge(copyPath(box, "none.sqlite")) }
        #expect(throws: CoderCopyError.mergeIntoItself(path: box.study.path)) {
            try CodingMerge(box.study).merge(box.study.path)
        }
        let text = try box.write("notes.sqlite", "not a study")
        #expect(throws: CoderCopyError.notACopy(path: text)) { try CodingMerge(box.study).merge(text) }
        // A study with a coder the master lacks: refused unless mapped.
        let other = try TemporaryStudy()
        try other.codes(["a.x"])
        try other.coders(["EF"])
        try other.participant("P1")
        try other.transcript(
            "P1",
            turns: [
                "How are things?", "The waiting list is long and the bus costs too much.", "And family?",
                "My family do not talk about it.",
            ])
        try other.tag("P1", 2, "a.x", by: "EF")
        #expect(throws: CoderCopyError.unknownCoders(["EF"], known: ["AB", "CD"])) {
            try CodingMerge(box.study).merge(other.study.path)
        }
        #expect(throws: CoderCopyError.self) {
            try CodingMerge(box.study).merge(other.study.path, coderMap: ["EF": "ZZ"])
        }
        // Mapped, the same-path code is used and the same transcript text is placed directly.
        let mapped = try CodingMerge(box.study).merge(other.study.path, coderMap: ["EF": "AB"])
        #expect(mapped.count(.added) == 1 && mapped.codesProposed.isEmpty)
        #expect(try CodingStore(box.study).codings(.init(coder: "AB")).map(\.code) == ["a.x"])
    }
}

/// Merging a REFI-QDA project exported from the study and edited by another tool: GUIDs changed,
/// a boundary moved, a coder added.
@Suite struct QdpxMergeTests {
    /// The master with three codings, exported, and the project document's text edited by `edit`.
    static func editedProject(
        _ box: TemporaryStudy, _ edit: (inout String, XMLTree, (String) throws -> String) throws -> Void
    ) throws -> String {
        let (data, _) = try QdpxExport.archive(box.study, disclosure: .redacted)
        var entries = try ZipReader.entries(of: data)
        let index = try #require(entries.firstIndex { $0.path == "project.qde" })
        var text = try #require(String(data: entries[index].data, encoding: .utf8))
        let tree = try SafeXML.parse(entries[index].data, document: "project.qde")
        let uuid = { (path: String) in
            try #require(try box.study.db.value("SELECT uuid FROM code WHERE path = ?", [path]).stringValue)
        }
        try edit(&text, tree, uuid)
        entries[index] = ZipEntry(path: "project.qde", data: Data(text.utf8))
        var writer = ZipWriter()
        for entry in entries { try writer.add(entry.path, entry.data) }
        let path = copyPath(box, "edited.qdpx")
        try writer.write(to: path)
        return path
    }

    /// Every element named `name` under `tree`, depth first.
    static func all(_ name: String, in tree: XMLTree) -> [XMLTree] {
        (tree.name == name ? [tree] : []) + tree.children.flatMap { all(name, in: $0) }
    }

    /// The selection holding a coding with the code of this GUID.
    static func selection(coding code: String, in tree: XMLTree) throws -> XMLTree {
        try #require(
            all("PlainTextSelection", in: tree).first { selection in
                all("CodeRef", in: selection).contains { $0.attributes["targetGUID"] == code }
            })
    }

    @Test func countsAreExactAndASecondMergeAddsNothing() throws {
        let box = try master()
        try box.tag("P1", 2, "a.x", by: "AB")
        try box.tag("P1", 2, "b.w", by: "AB")
        try box.tag("P1", 4, "a.z", by: "CD")
        let path = try Self.editedProject(box) { text, tree, uuid in
            // Another tool gives every coding a new GUID.
            for coding in Self.all("Coding", in: tree) {
                let guid = try #require(coding.attributes["guid"])
                text = text.replacingOccurrences(of: "guid=\"\(guid)\"", with: "guid=\"\(UUID().uuidString)\"")
            }
            // a.x's selection ends three characters earlier.
            let moved = try Self.selection(coding: uuid("a.x"), in: tree)
            let end = try #require(moved.attributes["endPosition"])
            let guid = try #require(moved.attributes["guid"])
            let tagStart = try #require(text.range(of: "guid=\"\(guid)\""))
            let tagEnd = try #require(text.range(of: ">", range: tagStart.upperBound..<text.endIndex))
            let tag = String(text[tagStart.lowerBound..<tagEnd.lowerBound])
            text.replaceSubrange(
                tagStart.lowerBound..<tagEnd.lowerBound,
                with: tag.replacingOccurrences(of: "endPosition=\"\(end)\"", with: "endPosition=\"\(Int(end)! - 3)\""))
            // A new user, XY, made the a.z coding in the other tool.
            let xy = UUID().uuidString
            text = text.replacingOccurrences(of: "<Users>", with: "<Users><User guid=\"\(xy)\" name=\"XY\"/>")
            let onFamily = try Self.selection(coding: uuid("a.z"), in: tree)
            let codingElement = try #require(Self.all("Coding", in: onFamily).first)
            let user = try #require(codingElement.attributes["creatingUser"])
            text = text.replacingOccurrences(of: "creatingUser=\"\(user)\"", with: "creatingUser=\"\(xy)\"")
        }
        let first = try CodingMerge(box.study).merge(path)
        #expect(first.count(.added) == 1 && first.count(.changed) == 1 && first.count(.unchanged) == 1)
        #expect(first.count(.notMerged) == 0 && first.codesProposed.isEmpty)
        #expect(first.codersAdded == ["XY"])
        let changed = try #require(first.entries.first { $0.outcome == .changed })
        #expect(changed.code == "a.x" && changed.coder == "AB" && changed.conflicts == [.boundariesChanged])
        #expect(try box.count("SELECT count(*) FROM coding_history") == 1)
        #expect(try box.count("SELECT count(*) FROM coding WHERE coder = 'XY' AND code = 'a.z'") == 1)
        // The CD coding in the master is not taken away: a merge never removes.
        #expect(try box.count("SELECT count(*) FROM coding WHERE coder = 'CD'") == 1)

        let before = try box.count("SELECT count(*) FROM coding")
        let second = try CodingMerge(box.study).merge(path)
        #expect(second.count(.added) == 0 && second.count(.changed) == 0 && second.count(.unchanged) == 3)
        #expect(second.codersAdded.isEmpty)
        #expect(try box.count("SELECT count(*) FROM coding") == before)
        #expect(try box.count("SELECT count(*) FROM coding_history") == 1)
    }

    @Test func aCodeTheOtherToolAddedIsProposedAndADryRunWritesNothing() throws {
        let box = try master()
        try box.tag("P1", 2, "a.x", by: "AB")
        let path = try Self.editedProject(box) { text, _, uuid in
            let new = UUID().uuidString
            text = text.replacingOccurrences(
                of: "<Codes>", with: "<Codes><Code guid=\"\(new)\" name=\"Shame\" isCodable=\"true\"/>")
            text = text.replacingOccurrences(of: "targetGUID=\"\(try uuid("a.x"))\"", with: "targetGUID=\"\(new)\"")
        }
        let dry = try CodingMerge(box.study).merge(path, dryRun: true)
        #expect(dry.dryRun && dry.count(.added) == 1 && dry.codesProposed == ["shame"])
        #expect(try box.count("SELECT count(*) FROM coding") == 1)
        #expect(try box.count("SELECT count(*) FROM code WHERE path = 'shame'") == 0)
        let merged = try CodingMerge(box.study).merge(path)
        #expect(merged.count(.added) == 1 && merged.codesProposed == ["shame"])
        #expect(try CodeStore(box.study).require("shame").proposed)
        #expect(throws: ZipError.self) { try CodingMerge(box.study).merge(try box.write("bad.qdpx", "not a zip")) }
    }

    @Test func theStudysOwnRedactedExportMergesBackThroughTheRedactions() throws {
        let box = try master()
        try RedactionList(box.study).add("bus", label: "transport")
        try box.tag("P1", 2, "a.x", by: "AB")
        // A coding that covers only the redacted word.
        _ = try CodingLog(box.study).tag(
            transcript: "P1", segment: 2, code: "b.w", coder: "AB", selection: .quote("bus"), memo: nil)
        let path = try Self.editedProject(box) { _, _, _ in }
        let written = try ZipReader.entries(of: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.contains { String(decoding: $0.data, as: UTF8.self).contains("the [transport] costs") })
        let merged = try CodingMerge(box.study).merge(path)
        #expect(merged.leftOut.isEmpty, "\(merged.leftOut)")
        #expect(merged.count(.unchanged) == 2 && merged.count(.added) == 0 && merged.count(.changed) == 0)
    }

    @Test func aCodeBothCodersAddedWithOtherWordsIsOneCodeAndSaidSo() throws {
        let box = try master()
        let path = copyPath(box, "AB.sqlite")
        _ = try Handout.make(from: box.study, coder: "AB", transcripts: [], to: path, replacing: false)
        let copy = try Study.open(at: path)
        try CodeStore(copy).save(Code(path: "c.cost", definition: "Money for the bus"), isNew: true)
        try CodeStore(box.study).save(Code(path: "c.cost", definition: "Cost of getting help"), isNew: true)
        let report = try CodingMerge(box.study).merge(path)
        #expect(report.codesProposed.isEmpty)
        #expect(report.warnings.contains { $0.contains("c.cost") && $0.contains("Money for the bus") })
        #expect(try CodeStore(box.study).require("c.cost").definition == "Cost of getting help")
    }
}

@Suite struct StaleCopyTests {
    @Test func anOlderCopyMergedAfterANewerOneChangesNothing() throws {
        let box = try master()
        try box.tag("P1", 2, "a.x", by: "AB")
        let older = copyPath(box, "AB-monday.sqlite")
        let newer = copyPath(box, "AB-tuesday.sqlite")
        _ = try Handout.make(from: box.study, coder: "AB", transcripts: [], to: older, replacing: false)
        _ = try Handout.make(from: box.study, coder: "AB", transcripts: [], to: newer, replacing: false)
        let copy = try Study.open(at: newer)
        _ = try CodingLog(copy).untag(transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .whole)
        _ = try CodingLog(copy).tag(
            transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .quote("bus costs"), memo: nil)
        #expect(try CodingMerge(box.study).merge(newer).count(.changed) == 1)
        let stale = try CodingMerge(box.study).merge(older)
        #expect(stale.count(.changed) == 0 && stale.count(.notMerged) == 1)
        let entry = try #require(stale.entries.first)
        #expect(entry.conflicts == [.superseded] && entry.note.contains("AB-tuesday.sqlite"))
        let kept = try #require(try CodingStore(box.study).codings(.init(coder: "AB")).first)
        #expect(kept.text == "bus costs")
        #expect(try box.count("SELECT count(*) FROM coding_history") == 1)
    }
}

@Suite struct ExportedTextPositionTests {
    @Test func storedIsTheInverseOfWrittenAndWidensOverPlaceholders() {
        let redactor = Redactor(terms: [Redactor.Term(term: "Imran", label: "name")])
        let stored = "Ask Imran today"
        let exported = ExportedText(stored, redactor: redactor)
        #expect(exported.text == "Ask [name] today")
        for position in [0, 4, 9, 15] {
            let written = exported.written(position)
            #expect(exported.stored(written, roundingUp: false) == position)
        }
        // Inside the placeholder: its start, or its end rounding up.
        #expect(exported.stored(6, roundingUp: false) == 4)
        #expect(exported.stored(6, roundingUp: true) == 9)
        #expect(exported.stored(16, roundingUp: true) == 15)
    }
}
