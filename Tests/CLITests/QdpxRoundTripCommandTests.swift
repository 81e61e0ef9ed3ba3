import Foundation
import QualKit
import Testing

/// The demo study out through `qdpx export` and back in through `qdpx import` into a new study,
/// both run as the built binary: the same transcripts, codes, coders, codings over the same text,
/// participants with their attributes, and memos on the same things.
@Suite struct QdpxRoundTripCommandTests {
    /// What a study holds that a REFI-QDA project can carry, in a form two studies can be compared by.
    struct Facts: Equatable {
        /// Transcript id → its whole text.
        var transcripts: [String: String] = [:]
        /// `transcript|number|speaker|role|text` per segment.
        var segments: [String] = []
        /// Code path → name, kind, definition, use-when, not-when, example, colour.
        var codes: [String: [String]] = [:]
        /// Coder id → name.
        var coders: [String: String] = [:]
        /// `transcript|segment|code|coder|start|end|covered text|memo` per stored coding.
        var codings: [String] = []
        /// Participant id → gender, community, languages, then `key=value` per attribute.
        var participants: [String: [String]] = [:]
        /// `transcript|segment|code|coder|text` per memo.
        var memos: [String] = []

        init(_ path: String) throws {
            let db = try Database(path: path, mode: .readOnly)
            func text(_ value: SQLValue) -> String { value.stringValue ?? value.intValue.map(String.init) ?? "∅" }
            func lines(_ sql: String) throws -> [String] {
                try db.rows(sql).map { row in row.values.map(text).joined(separator: "|") }.sorted()
            }
            for row in try db.rows("SELECT transcript, text FROM transcript_text") {
                transcripts[text(row[0])] = text(row[1])
            }
            segments = try lines("SELECT transcript, number, speaker, role, text FROM segment")
            for row in try db.rows(
                "SELECT path, name, kind, definition, use_when, do_not_use_when, example, color FROM code")
            {
                codes[text(row[0])] = (1..<8).map { text(row[$0]) }
            }
            for row in try db.rows("SELECT id, name FROM coder") { coders[text(row[0])] = text(row[1]) }
            // The covered text is cut from the whole transcript by the coding's transcript offsets
            // (SQLite's substr counts code points, as qualkit's offsets do) and from its segment.
            codings = try lines(
                """
                SELECT s.transcript, s.number, c.code, c.coder, c.start, c.end,
                       substr(x.text, c.transcript_start + 1, c.transcript_end - c.transcript_start),
                       substr(s.text, c.start + 1, c.end - c.start), c.memo
                FROM coding c JOIN segment s ON s.id = c.segment JOIN transcript_text x ON x.transcript = s.transcript
                """)
            for row in try db.rows("SELECT id, gender, community, languages FROM participant") {
                participants[text(row[0])] = [text(row[1]), text(row[2]), text(row[3])]
            }
            for row in try db.rows("SELECT participant, key, value FROM participant_attribute ORDER BY key") {
                participants[text(row[0]), default: []].append("\(text(row[1]))=\(text(row[2]))")
            }
            memos = try lines("SELECT transcript, segment_number, code, coder, text FROM memo")
        }
    }

    /// Every GUID a project document gives, by element name.
    static func guids(_ archive: String) throws -> [String: Set<String>] {
        let data = try #require(FileManager.default.contents(atPath: archive))
        let entry = try #require(try ZipReader.entries(of: data).first { $0.path == "project.qde" })
        let root = try SafeXML.parse(entry.data, document: "project.qde")
        var found: [String: Set<String>] = [:]
        func walk(_ tree: XMLTree) {
            if let guid = tree.attributes["guid"] { found[tree.name, default: []].insert(guid) }
            tree.children.forEach(walk)
        }
        walk(root)
        return found
    }

    @Test func theDemoStudySurvivesExportAndImportUnredacted() throws {
        let box = try Sandbox()
        let demo = try box.run(
            ["demo", "--dir", box.directory.appendingPathComponent("demo").path], useDefaultDB: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let original = box.directory.appendingPathComponent("demo/study.sqlite").path
        let archive = box.directory.appendingPathComponent("demo.qdpx").path

        let export = try box.run(
            ["qdpx", "export", "--out", archive, "--no-redact"], environment: ["QUALKIT_DB": original])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("recorded in the study's disclosure log"))
        #expect(export.stderr.contains("wrote \(archive)"))
        #expect(export.stdout.contains("selections"))

        let copy = box.directory.appendingPathComponent("copy.sqlite").path
        let imported = try box.run(["qdpx", "import", archive], environment: ["QUALKIT_DB": copy])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.isEmpty, "\(imported.stderr)")
        #expect(imported.stdout.contains("positions read as Unicode code points"))
        // qualkit's own export needs no repair, and loses nothing the import can hold.
        #expect(!imported.stdout.contains("warning:"), "\(imported.stdout)")
        #expect(!imported.stdout.contains("left out:"), "\(imported.stdout)")

        let before = try Facts(original)
        let after = try Facts(copy)
        #expect(!before.transcripts.isEmpty && !before.codings.isEmpty && !before.memos.isEmpty)
        #expect(after.transcripts == before.transcripts)
        #expect(after.segments == before.segments)
        #expect(after.codes == before.codes)
        #expect(after.coders == before.coders)
        #expect(after.participants == before.participants)
        #expect(after.memos == before.memos)
        #expect(after.codings.count == before.codings.count)
        for (a, b) in zip(after.codings, before.codings) where a != b { Issue.record("coding \(b) came back as \(a)") }
        // Into a new study everything is added.
        for kind in ["transcripts", "participants", "coders", "codes", "codings", "memos"] {
            let line = imported.stdout.split(separator: "\n").first { $0.hasPrefix("  \(kind): ") }
            #expect(line?.hasSuffix(" added, 0 changed, 0 unchanged") == true, "\(kind): \(imported.stdout)")
        }

        // The same file again changes nothing.
        let again = try box.run(["qdpx", "import", archive], environment: ["QUALKIT_DB": copy])
        #expect(again.status == 0, "\(again.stderr)")
        for kind in ["transcripts", "participants", "codes", "codings", "memos"] {
            #expect(again.stdout.contains("\(kind): 0 added, 0 changed,"), "\(kind): \(again.stdout)")
        }
        #expect(try Facts(copy) == after)

        // Exporting the copy gives back every GUID the first export wrote.
        let second = box.directory.appendingPathComponent("copy.qdpx").path
        let reexport = try box.run(
            ["qdpx", "export", "--out", second, "--no-redact"], environment: ["QUALKIT_DB": copy])
        #expect(reexport.status == 0, "\(reexport.stderr)")
        let first = try Self.guids(archive)
        let back = try Self.guids(second)
        for kind in ["User", "Code", "Variable", "Case", "TextSource", "PlainTextSelection", "Coding", "Note"] {
            #expect(back[kind] == first[kind], "\(kind)")
        }
    }

    /// The default export is redacted: it imports as cleanly, each coding over the words its
    /// selection names in the file, and the import is counted the same.
    @Test func theRedactedDefaultExportImportsWithTheSameCounts() throws {
        let box = try Sandbox()
        let demo = try box.run(
            ["demo", "--dir", box.directory.appendingPathComponent("demo").path], useDefaultDB: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let original = box.directory.appendingPathComponent("demo/study.sqlite").path
        let archive = box.directory.appendingPathComponent("redacted.qdpx").path
        let export = try box.run(["qdpx", "export", "--out", archive], environment: ["QUALKIT_DB": original])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(!export.stderr.contains("disclosure log"))

        let copy = box.directory.appendingPathComponent("copy.sqlite").path
        let imported = try box.run(["qdpx", "import", archive], environment: ["QUALKIT_DB": copy])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stdout.contains("left out:"), "\(imported.stdout)")
        let before = try Facts(original)
        let after = try Facts(copy)
        #expect(after.transcripts.count == before.transcripts.count)
        #expect(after.codings.count == before.codings.count)
        #expect(after.codes == before.codes)
        #expect(after.memos.count == before.memos.count)
        #expect(Set(after.participants.keys) == Set(before.participants.keys))

        // Each selection's name in the file is the text its codings cover in the copy.
        let data = try #require(FileManager.default.contents(atPath: archive))
        let entry = try #require(try ZipReader.entries(of: data).first { $0.path == "project.qde" })
        var names: [String: String] = [:]
        func walk(_ tree: XMLTree) {
            if tree.name == "PlainTextSelection", let guid = tree.attributes["guid"] {
                names[guid] = tree.attributes["name"]
            }
            tree.children.forEach(walk)
        }
        walk(try SafeXML.parse(entry.data, document: "project.qde"))
        let db = try Database(path: copy, mode: .readOnly)
        let rows = try db.rows(
            """
            SELECT c.selection, group_concat(substr(x.text, c.transcript_start + 1, c.transcript_end - c.transcript_start), '|')
            FROM coding c JOIN segment s ON s.id = c.segment JOIN transcript_text x ON x.transcript = s.transcript
            GROUP BY c.selection, c.code, c.coder
            """)
        #expect(rows.count > 0)
        for row in rows {
            let selection = try #require(row[0].stringValue)
            let covered = try #require(row[1].stringValue)
            #expect(names[selection] == covered, "selection \(selection)")
        }
    }
}
