import Foundation
import QualKit
import Testing

/// `qdpx import` end to end: what it prints, its exit codes, and that a refusal writes nothing.
@Suite struct QdpxImportCommandTests {
    static let text = "Interviewer: Do the times suit you?\nP01: There's no quiet corner at home.\n"

    static func qde(prefix: String = "") -> String {
        let start = text.unicodeScalars.count - "no quiet corner at home.\n".unicodeScalars.count
        return """
            <?xml version="1.0" encoding="utf-8"?>
            \(prefix)<Project xmlns="urn:QDA-XML:project:1.0" name="CLI" origin="Test" creatingUserGUID="11111111-1111-4111-8111-111111111111">
              <Users><User guid="11111111-1111-4111-8111-111111111111" name="AB"/></Users>
              <CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000003" name="Access" isCodable="true"/></Codes></CodeBook>
              <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="P01" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">
                <PlainTextSelection guid="60000000-0000-4000-8000-000000000001" startPosition="\(start)" endPosition="\(start + 15)" creatingUser="11111111-1111-4111-8111-111111111111">
                  <Coding guid="61000000-0000-4000-8000-000000000001" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000003"/></Coding>
                </PlainTextSelection>
              </TextSource></Sources>
            </Project>
            """
    }

    static func archive(qde: String = qde(), sourcePath: String = "sources/50000000-0000-4000-8000-000000000001.txt")
        throws -> Data
    {
        var zip = ZipWriter()
        try zip.add("project.qde", Data(qde.utf8))
        try zip.add(sourcePath, Data(text.utf8), method: .stored)
        return zip.data
    }

    func write(_ box: Sandbox, _ data: Data, _ name: String = "p.qdpx") throws -> String {
        try box.write(name, bytes: [UInt8](data))
    }

    @Test func importsIntoANewStudyThenChangesNothingTheSecondTime() throws {
        let box = try Sandbox()
        let file = try write(box, try Self.archive())
        let first = try box.ok(["qdpx", "import", file])
        #expect(first.stdout.contains("positions read as Unicode code points"))
        #expect(first.stdout.contains("codings: 1 added, 0 changed, 0 unchanged"))
        #expect(try box.count("SELECT count(*) FROM coding WHERE coder = 'AB' AND code = 'access'") == 1)
        let second = try box.ok(["qdpx", "import", file])
        #expect(second.stdout.contains("codings: 0 added, 0 changed, 1 unchanged"))
        #expect(second.stdout.contains("transcripts: 0 added, 0 changed, 1 unchanged"))
        #expect(try box.count("SELECT count(*) FROM coding") == 1)
    }

    @Test func dryRunAndCoderMap() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try write(box, try Self.archive())
        let dry = try box.ok(["qdpx", "import", file, "--dry-run", "--coder-map", "AB=XY"])
        #expect(dry.stdout.contains("nothing written (dry run)"))
        #expect(try box.count("SELECT count(*) FROM coding") == 0)
        try box.ok(["qdpx", "import", file, "--coder-map", "AB=XY"])
        #expect(try box.count("SELECT count(*) FROM coding WHERE coder = 'XY'") == 1)
        let unknown = try box.run(["qdpx", "import", file, "--coder-map", "Nobody=XY"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("user 'Nobody', who is not in the file"))
    }

    @Test func aDryRunIntoANewStudyLeavesNoFile() throws {
        let box = try Sandbox()
        let file = try write(box, try Self.archive())
        let dry = try box.ok(["qdpx", "import", file, "--dry-run"])
        #expect(dry.stdout.contains("nothing written (dry run)") && dry.stdout.contains("codings: 1 added"))
        #expect(!FileManager.default.fileExists(atPath: box.studyPath))
    }

    @Test func missingFileIs66() throws {
        let box = try Sandbox()
        try box.initStudy()
        let run = try box.run(["qdpx", "import", "nope.qdpx"])
        #expect(run.status == 66)
    }

    /// Each hostile archive: exit 65, the entry named, no study left behind.
    @Test func hostileArchivesAreRefusedNamingTheEntry() throws {
        var slip = try Self.archive(sourcePath: "aa/evil.txt")
        slip.replace("aa/evil.txt", with: "../evil.txt")
        var absolute = try Self.archive(sourcePath: "aa/evil.txt")
        absolute.replace("aa/evil.txt", with: "/a/evil.txt")
        let laughs = try Self.archive(
            qde: Self.qde(
                prefix: "<!DOCTYPE Project [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"))
        var crc = try Self.archive()
        crc.replace("There's no", with: "There is_n")
        let xxe = try Self.archive(
            qde: Self.qde(prefix: "<!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"))
        for (data, words) in [
            (slip, "entry '../evil.txt' has a '..' part"), (crc, "is damaged: its checksum"),
            (xxe, "'project.qde' declares a DTD"), (Data("not a zip".utf8), "not a zip archive"),
            (absolute, "entry '/a/evil.txt' has"), (laughs, "'project.qde' declares a DTD"),
        ] {
            let box = try Sandbox()
            let file = try write(box, data)
            let run = try box.run(["qdpx", "import", file])
            #expect(run.status == 65, "\(words)")
            #expect(run.stderr.contains(words), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was imported"))
            #expect(run.stderr.hasPrefix("Error: \(file): "), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: box.studyPath))
        }
    }

    @Test func refusalLeavesAnExistingStudyUnchanged() throws {
        let box = try Sandbox()
        try box.initStudy()
        let before = try Data(contentsOf: URL(fileURLWithPath: box.studyPath))
        let qde = Self.qde().replacingOccurrences(
            of: "c0000000-0000-4000-8000-000000000003\"/>", with: "d0000000-0000-4000-8000-000000000003\"/>")
        let run = try box.run(["qdpx", "import", try write(box, try Self.archive(qde: qde))])
        #expect(run.status == 65)
        #expect(run.stderr.contains("<CodeRef> refers to d0000000-0000-4000-8000-000000000003"))
        #expect(try box.count("SELECT count(*) FROM coding") == 0)
        #expect(try box.count("SELECT count(*) FROM transcript") == 0)
        _ = before
    }
}

extension Data {
    /// Replaces every occurrence of `old` by `new`, which must be as long.
    mutating func replace(_ old: String, with new: String) {
        let a = [UInt8](old.utf8)
        let b = [UInt8](new.utf8)
        var bytes = [UInt8](self)
        var index = 0
        while index + a.count <= bytes.count {
            if Array(bytes[index..<(index + a.count)]) == a {
                bytes.replaceSubrange(index..<(index + a.count), with: b)
                index += a.count
            } else {
                index += 1
            }
        }
        self = Data(bytes)
    }
}
