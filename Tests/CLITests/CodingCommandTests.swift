import Foundation
import QualKit
import Testing

/// Transcripts, search, codebook and coding end to end.
@Suite struct CodingCommandTests {
    static let shipped = Sandbox.shipped

    static let transcript = """
        Talking Change interview TC-001
        Interview held in Urdu; English translation by the interviewer.

        [00:00:05] Interviewer: Who do you live with?
        [00:00:09] TC-001: My parents, my grandmother and my two brothers. There are seven of us.
        [00:00:30] Interviewer: Do the appointment times suit you?
        [00:00:35] TC-001: They ring in the afternoon and at home there's no quiet corner to talk. My mum says we don't talk about those things, we don't talk about them at all.
        """

    /// A study with the codebook, two coders and participants TC-001 and TC-002.
    func study() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            try study.importCodebook(Self.shipped.appendingPathComponent("talking-change.codebook.md").path)
            try study.addCoder("AB", name: "A. Begum")
            try study.addCoder("CD")
            try study.addParticipant("TC-001", [("consent_quotes", "yes")])
            try study.addParticipant("TC-002")
        }
        return box
    }

    func withTranscript() throws -> Sandbox {
        let box = try study()
        let file = try box.write("TC-001.txt", Self.transcript)
        try box.build { try $0.importTranscripts([file]) }
        return box
    }

    // MARK: Transcripts

    @Test func importCreatesTheInterviewAndReportsSpeakers() throws {
        let box = try study()
        let file = try box.write("TC-001.txt", Self.transcript)
        let result = try box.ok(["transcript", "import", file])
        #expect(result.stdout.contains("imported TC-001 from \(file): 4 segments (created interview TC-001)"))
        #expect(result.stdout.contains("speakers: Interviewer -> interviewer; TC-001 -> participant"))
        #expect(try box.count("SELECT count(*) FROM segment WHERE transcript = 'TC-001' AND role = 'participant'") == 2)
        #expect(try box.rows("SELECT status FROM interview WHERE id = 'TC-001'").first?["status"] == "done")
        let header = try #require(
            try box.rows("SELECT header, x.text FROM transcript JOIN transcript_text x ON x.transcript = id").first)
        #expect(try (header["header"] as String).contains("Interview held in Urdu"))
        // Segment offsets slice the full plain text exactly.
        let text: String = try header["text"]
        for row in try box.rows("SELECT text, text_start, text_end FROM segment") {
            #expect(try ScalarText.slice(text, row["text_start"], row["text_end"]) == row["text"])
        }
        let json = try #require(
            try parseJSON(box.ok(["transcript", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(json.first?["segments"] as? Int == 4)
        #expect(json.first?["participant"] as? String == "TC-001")
    }

    @Test func importOfTheDemoTranscriptsInAllFormats() throws {
        let box = try study()
        try box.build { study in
            for n in 2...16 { try study.addParticipant(String(format: "TC-%03d", n + 1)) }
        }
        let folder = Self.shipped.appendingPathComponent("demo/transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            folder.appendingPathComponent($0).path
        }
        let result = try box.ok(["transcript", "import"] + files)
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("imported") }.count == 16)
        #expect(try box.count("SELECT count(DISTINCT format) FROM transcript") == 3)
        // Teams files name the interviewer, which maps only once the interview has one; the others say "Interviewer".
        #expect(
            try box.count(
                "SELECT count(*) FROM segment s JOIN transcript t ON t.id = s.transcript WHERE s.role = 'interviewer' AND t.format != 'vtt'"
            ) == 100)
    }

    @Test func importErrors() throws {
        let box = try study()
        let unknown = try box.write("TC-404.txt", Self.transcript)
        let missingPerson = try box.run(["transcript", "import", unknown])
        #expect(missingPerson.status == 65)
        #expect(
            missingPerson.stderr.contains("unknown interview or participant (from the file name TC-404.txt) 'TC-404'"))
        let noFormat = try box.write("TC-001.docx", Self.transcript)
        #expect(try box.run(["transcript", "import", noFormat]).status == 65)
        #expect(try box.run(["transcript", "import", "nope.txt"]).status == 66)
        let empty = try box.write("empty.txt", "\n   \n")
        let noTurns = try box.run(["transcript", "import", empty, "--participant", "TC-002"])
        #expect(noTurns.status == 65)
        #expect(noTurns.stderr.contains("\(empty):1: no text found"))
        let both = try box.run(["transcript", "import", empty, "--participant", "TC-002", "--interview", "x"])
        #expect(both.status == 64)
        #expect(try box.count("SELECT count(*) FROM transcript") == 0)
        #expect(try box.count("SELECT count(*) FROM interview") == 0)
    }

    @Test func replaceProtectsCodings() throws {
        let box = try withTranscript()
        try box.build { study in
            try study.tag("TC-001", 4, "barrier.appointment-times", coder: "AB", quote: "no quiet corner to talk")
            try study.tag("TC-001", 2, "context.household", coder: "AB")
        }
        let file = try box.write("TC-001.txt", Self.transcript)
        let refused = try box.run(["transcript", "import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("already has 2 codings: re-import with --replace"))

        let changed = try box.write(
            "changed/TC-001.txt",
            Self.transcript.replacingOccurrences(of: "no quiet corner to talk", with: "no place to talk"))
        let lost = try box.run(["transcript", "import", changed, "--replace"])
        #expect(lost.status == 65)
        #expect(lost.stderr.contains("would lose 1 of its 2 codings"))
        #expect(lost.stderr.contains("segment 4 barrier.appointment-times by AB"))
        #expect(lost.stderr.contains("\"no quiet corner to talk\""))
        #expect(
            try box.rows("SELECT text FROM segment WHERE number = 4").first?["text"].contains("no quiet corner") == true
        )

        let fixedTypo = try box.write(
            "fixed/TC-001.txt",
            Self.transcript.replacingOccurrences(of: "Who do you live with?", with: "Who lives with you?"))
        let replaced = try box.ok(["transcript", "import", fixedTypo, "--replace"])
        #expect(replaced.stdout.contains("replaced TC-001"))
        #expect(replaced.stdout.contains("2 codings kept"))
        let coding = try #require(
            try box.rows(
                """
                SELECT c.start, c.end, c.transcript_start, c.transcript_end, s.text AS segment_text, t.text AS full_text
                FROM coding c JOIN segment s ON s.id = c.segment JOIN transcript_text t ON t.transcript = s.transcript
                WHERE c.code = 'barrier.appointment-times'
                """
            ).first)
        #expect(
            try ScalarText.slice(coding["segment_text"], coding["start"], coding["end"]) == "no quiet corner to talk")
        #expect(
            try ScalarText.slice(coding["full_text"], coding["transcript_start"], coding["transcript_end"])
                == "no quiet corner to talk")
    }

    @Test func largeTranscriptImportsAndIsSearchable() throws {
        let box = try study()
        var text = ""
        for n in 1...2500 {
            text +=
                "Interviewer: Question number \(n)?\nTC-002: Answer \(n) about appointments"
                + (n == 4321 % 2500 ? " zebracrossing" : "") + ".\n"
        }
        let file = try box.write("TC-002.txt", text)
        try box.ok(["transcript", "import", file])
        #expect(try box.count("SELECT count(*) FROM segment") == 5000)
        let json = try #require(
            try parseJSON(box.ok(["search", "zebracrossing", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(json.count == 1)
        #expect(json.first?["segment"] as? Int == 2 * (4321 % 2500))
    }

    @Test func showListsSegmentsWithCodes() throws {
        let box = try withTranscript()
        try box.build { try $0.tag("TC-001", 2, "context.household", coder: "AB") }
        let table = try box.ok(["transcript", "show", "TC-001", "--segments", "--codes"]).stdout
        #expect(table.contains("context.household (AB)"))
        let json = try #require(
            try parseJSON(box.ok(["transcript", "show", "TC-001", "--format", "json"]).stdout) as? [String: Any])
        let segments = try #require(json["segments"] as? [[String: Any]])
        #expect(segments.count == 4)
        #expect((segments[1]["codes"] as? [[String: Any]])?.first?["code"] as? String == "context.household")
        #expect(try box.run(["transcript", "show", "TC-01"]).stderr.contains("Did you mean 'TC-001'?"))
    }

    // MARK: Search

    @Test func searchFindsPhrasesPrefixesAndBooleans() throws {
        let box = try withTranscript()
        let phrase =
            try #require(
                try parseJSON(box.ok(["search", "\"no quiet corner to talk\"", "--format", "json"]).stdout)
                    as? [[String: Any]])
        #expect(phrase.count == 1)
        #expect((phrase[0]["context"] as? String)?.contains("[no quiet corner to talk]") == true, "\(phrase[0])")
        let prefix = try #require(
            try parseJSON(box.ok(["search", "grand*", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(prefix.first?["segment"] as? Int == 2)
        let boolean =
            try #require(
                try parseJSON(box.ok(["search", "appointment* NOT afternoon", "--format", "json"]).stdout)
                    as? [[String: Any]])
        #expect(boolean.map { $0["segment"] as? Int } == [3])
        let role =
            try #require(
                try parseJSON(
                    box.ok(["search", "appointment* OR afternoon", "--role", "participant", "--format", "json"]).stdout)
                    as? [[String: Any]])
        #expect(role.map { $0["segment"] as? Int } == [4])
        let bad = try box.run(["search", "talk AND"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("not a valid search"))
    }

    @Test func searchCanTagEveryHit() throws {
        let box = try withTranscript()
        let tagged = try box.ok([
            "search", "talk", "--role", "participant", "--tag", "barrier.stigma.family", "--coder", "CD",
        ])
        #expect(tagged.stdout == "tagged 1 segment with barrier.stigma.family for CD (0 already had it)\n")
        let again = try box.ok([
            "search", "talk", "--role", "participant", "--tag", "barrier.stigma.family", "--coder", "CD",
        ])
        #expect(again.stdout.contains("tagged 0 segments") && again.stdout.contains("(1 already had it)"))
        let filtered =
            try #require(
                try parseJSON(box.ok(["search", "talk", "--code", "barrier.stigma", "--format", "json"]).stdout)
                    as? [[String: Any]])
        #expect(filtered.count == 1)
        #expect(try box.run(["search", "talk", "--tag", "barrier.stigma"]).status == 64)
    }

    // MARK: Tagging

    @Test func tagWholeQuoteAndSpanSliceBackExactly() throws {
        let box = try withTranscript()
        let whole = try box.ok(["tag", "TC-001", "2", "context.household", "--coder", "AB"])
        #expect(whole.stdout.hasPrefix("tagged: TC-001 segment 2 [0:70] context.household by AB"))
        let quote = try box.ok([
            "tag", "TC-001", "4", "barrier.appointment-times", "--coder", "AB", "--quote", "no quiet corner to talk",
            "--memo", "privacy",
        ])
        #expect(quote.stdout.contains("[47:70]"))
        try box.ok(["tag", "TC-001", "4", "barrier.stigma.family", "--coder", "CD", "--span", "80:90"])
        for row in try box.rows(
            """
            SELECT c.start, c.end, c.transcript_start, c.transcript_end, s.text AS st, t.text AS tt
            FROM coding c JOIN segment s ON s.id = c.segment JOIN transcript_text t ON t.transcript = s.transcript
            """)
        {
            #expect(
                try ScalarText.slice(row["st"], row["start"], row["end"])
                    == ScalarText.slice(row["tt"], row["transcript_start"], row["transcript_end"]))
        }
        let csv = try box.ok(["codings", "list", "--code", "barrier", "--format", "csv"]).stdout
        #expect(csv.contains("TC-001,4,barrier.appointment-times,AB,47,70,privacy,no quiet corner to talk"))
        let twice = try box.ok(["tag", "TC-001", "2", "context.household", "--coder", "AB"])
        #expect(twice.stdout.hasPrefix("already tagged"))
        #expect(try box.count("SELECT count(*) FROM coding") == 3)
        #expect(try box.count("SELECT count(*) FROM coverage") == 2)
    }

    @Test func tagErrorPaths() throws {
        let box = try withTranscript()
        let notFound = try box.run([
            "tag", "TC-001", "4", "barrier.stigma", "--coder", "AB", "--quote", "nothing like this",
        ])
        #expect(notFound.status == 65)
        #expect(notFound.stderr.contains("not found in segment 4 of TC-001"))
        let ambiguous = try box.run([
            "tag", "TC-001", "4", "barrier.stigma", "--coder", "AB", "--quote", "we don't talk about",
        ])
        #expect(ambiguous.status == 65)
        #expect(ambiguous.stderr.contains("occurs 2 times in segment 4 of TC-001, at 84:103, 118:137"))
        let capitals = try box.run(["tag", "TC-001", "4", "barrier.stigma", "--coder", "AB", "--quote", "My Mum"])
        #expect(capitals.stderr.contains("it occurs with different capitals at 72:78"))
        let span = try box.run(["tag", "TC-001", "2", "barrier.stigma", "--coder", "AB", "--span", "10:500"])
        #expect(span.status == 65)
        #expect(span.stderr.contains("outside segment 2 of TC-001, which spans 0:70"))
        #expect(try box.run(["tag", "TC-001", "2", "barrier.stigma", "--coder", "AB", "--span", "ten"]).status == 64)
        #expect(
            try box.run(["tag", "TC-001", "2", "barrier.stigma", "--coder", "AB", "--span", "1:2", "--quote", "x"])
                .status == 64)
        let segment = try box.run(["tag", "TC-001", "9", "barrier.stigma", "--coder", "AB"])
        #expect(segment.status == 65)
        #expect(segment.stderr.contains("it has segments 1 to 4"))
        let code = try box.run(["tag", "TC-001", "2", "barrier.stigmaa", "--coder", "AB"])
        #expect(code.stderr.contains("unknown code 'barrier.stigmaa'. Did you mean 'barrier.stigma'?"))
        let coder = try box.run(["tag", "TC-001", "2", "barrier.stigma", "--coder", "ZZ"])
        #expect(coder.status == 65)
        #expect(coder.stderr.contains("qualkit coder add ZZ"))
        #expect(try box.run(["tag", "TC-001", "2", "barrier.stigma"]).status == 64)
        #expect(try box.count("SELECT count(*) FROM coding") == 0)
    }

    @Test func untagRemovesExactlyThatCoding() throws {
        let box = try withTranscript()
        try box.build { study in
            try study.tag("TC-001", 4, "barrier.stigma", coder: "AB", quote: "no quiet corner to talk")
            try study.tag("TC-001", 4, "barrier.stigma", coder: "AB")
        }
        try box.ok(["untag", "TC-001", "4", "barrier.stigma", "--coder", "AB", "--quote", "no quiet corner to talk"])
        #expect(try box.count("SELECT count(*) FROM coding") == 1)
        let missing = try box.run(["untag", "TC-001", "4", "barrier.stigma", "--coder", "CD"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("CD has no coding barrier.stigma"))
    }

    @Test func doneAndMemos() throws {
        let box = try withTranscript()
        try box.ok(["coding", "done", "TC-001", "--coder", "CD"])
        #expect(try box.count("SELECT count(*) FROM coverage WHERE coder = 'CD' AND done = 1") == 1)
        try box.ok([
            "memo", "add", "--transcript", "TC-001", "--segment", "4", "--code", "barrier.stigma", "--coder", "AB",
            "Privacy at home",
        ])
        #expect(try box.count("SELECT count(*) FROM memo") == 1)
        #expect(try box.run(["memo", "add", "--transcript", "TC-001", "--segment", "40", "x"]).status == 65)
        // A memo about a code alone, and one about the transcript; read back, filtered.
        try box.ok(["memo", "add", "--code", "barrier.stigma", "--coder", "CD", "Family <or> community?"])
        try box.ok(["memo", "add", "--transcript", "TC-001", "Quiet interview"])
        #expect(try box.run(["memo", "add", "--segment", "4", "x"]).status == 65)
        let all = try #require(try parseJSON(box.ok(["memo", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(all.map { $0["about"] as? String } == ["coding", "code", "transcript"])
        let byCode = try #require(
            try parseJSON(box.ok(["memo", "list", "--code", "barrier", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(byCode.map { $0["id"] as? Int } == [1, 2])
        let byCoder = try box.ok(["memo", "list", "--coder", "CD", "--format", "csv"]).stdout
        #expect(
            byCoder.hasPrefix("id,about,transcript,segment,code,coder,text,created_at\n2,code,,,barrier.stigma,CD,"))
        let byTranscript = try box.ok(["memo", "list", "--transcript", "TC-001"]).stdout
        #expect(byTranscript.contains("Quiet interview") && byTranscript.contains("Privacy at home"))
        #expect(!byTranscript.contains("Family"))
        let shown = try box.ok(["memo", "show", "2"]).stdout
        #expect(shown.contains("Family <or> community?"))
        let unknown = try box.run(["memo", "show", "9"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("unknown memo '9'"))
        let unknownCode = try box.run(["memo", "list", "--code", "barier"])
        #expect(unknownCode.status == 65)
        #expect(unknownCode.stderr.contains("Did you mean 'barrier'?"))
        #expect(try box.run(["coding", "done", "TC-404", "--coder", "CD"]).status == 65)
    }

    /// The reading view: one self-contained page, every turn, coded spans marked (stripes where
    /// codes overlap), codes in the margin, memos beside their turn, the codebook legend; study
    /// text escaped, identifiers redacted unless --no-redact, which is logged.
    @Test func readingViewIsOneSafeSelfContainedPage() throws {
        let transcript = Self.transcript.replacingOccurrences(
            of: "Who do you live with?", with: "Who do you live with? <script>alert(1)</script> Call 07700 900123.")
        let box = try study()
        let file = try box.write("TC-001.txt", transcript)
        try box.build { study in
            try study.importTranscripts([file])
            try study.addCodes(
                ["custom.evil"],
                fields: ["custom.evil": [("name", "Evil \"<b>"), ("definition", "a & b <i>"), ("color", "#D55E00")]])
            try study.tag("TC-001", 4, "barrier.appointment-times", coder: "AB", quote: "They ring in the afternoon")
            try study.tag("TC-001", 4, "custom.evil", coder: "AB", quote: "ring in the afternoon and at home")
            try study.tag("TC-001", 4, "barrier.stigma", coder: "CD")
        }
        try box.ok([
            "memo", "add", "--transcript", "TC-001", "--segment", "4", "--coder", "AB", "Home <is> not private",
        ])
        let page = try box.ok(["transcript", "show", "TC-001", "--format", "html", "--coder", "AB"]).stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("default-src 'none'"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src=") && !page.contains("href=") && !page.contains("url("))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("07700 900123"))
        #expect(page.components(separatedBy: "<article class=\"turn").count - 1 == 4)
        #expect(page.contains("<mark class=\"c overlap\""))
        #expect(page.contains("repeating-linear-gradient"))
        #expect(page.contains("Home &lt;is&gt; not private"))
        #expect(page.contains("Evil &quot;&lt;b&gt;") && page.contains("a &amp; b &lt;i&gt;"))
        #expect(page.contains("#D55E00"))
        #expect(page.contains("<h2>Codebook</h2>"))
        // --coder AB: CD's coding is not shown in the text or the margin.
        #expect(!page.contains("title=\"barrier.stigma\""))
        #expect(try box.count("SELECT count(*) FROM disclosure_log") == 0)
        let unredacted = try box.ok(["transcript", "show", "TC-001", "--format", "html", "--no-redact"])
        #expect(unredacted.stdout.contains("07700 900123"))
        #expect(unredacted.stderr.contains("recorded in the study's disclosure log"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log") == 1)
        let out = box.directory.appendingPathComponent("TC-001.html").path
        try box.ok(["transcript", "show", "TC-001", "--format", "html", "--out", out])
        #expect(FileManager.default.fileExists(atPath: out))
    }

    // MARK: Codebook

    @Test func codeAddShowUpdateAndTree() throws {
        let box = try study()
        try box.ok(["code", "add", "barrier.cost.travel", "--name", "Travel costs", "--color", "#0072b2"])
        let show =
            try #require(
                try parseJSON(box.ok(["code", "show", "barrier.cost.travel", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(show["kind"] as? String == "barrier")
        #expect(show["color"] as? String == "#0072B2")
        try box.ok(["code", "update", "barrier.cost.travel", "--definition", "Bus fares", "--kind", "barrier"])
        let tree = try box.ok(["code", "list"]).stdout
        #expect(tree.contains("  cost                    (implicit)"))
        #expect(tree.contains("    travel                Travel costs"))
        #expect(try box.run(["code", "add", "barrier.cost.travel"]).status == 65)
        #expect(try box.run(["code", "add", "Barrier.Bad"]).status == 65)
        #expect(try box.run(["code", "add", "barrier.x", "--color", "blue"]).status == 65)
        #expect(try box.run(["code", "show", "barrier.nothing"]).status == 65)
    }

    @Test func renameMovesDescendantsAndCodings() throws {
        let box = try withTranscript()
        try box.build { study in
            try study.tag("TC-001", 4, "barrier.stigma.family", coder: "AB")
            try study.tag("TC-001", 4, "barrier.stigma", coder: "CD")
        }
        let result = try box.ok(["code", "rename", "barrier.stigma", "barrier.shame"])
        #expect(result.stdout == "renamed 3 codes; 2 codings moved\n")
        #expect(try box.count("SELECT count(*) FROM code WHERE path LIKE 'barrier.stigma%'") == 0)
        #expect(
            try box.rows("SELECT code FROM coding ORDER BY code").map { try $0["code"] as String } == [
                "barrier.shame", "barrier.shame.family",
            ])
        let clash = try box.run(["code", "rename", "barrier.shame", "barrier.trust"])
        #expect(clash.status == 65)
        #expect(clash.stderr.contains("use 'qualkit code merge'"))
    }

    @Test func mergeMovesCodingsAndCollapsesDuplicates() throws {
        let box = try withTranscript()
        try box.build { study in
            try study.tag("TC-001", 4, "barrier.stigma.community", coder: "AB")
            try study.tag("TC-001", 4, "barrier.stigma.family", coder: "AB")
            try study.tag("TC-001", 2, "barrier.stigma.community", coder: "AB")
        }
        let result = try box.ok(["code", "merge", "barrier.stigma.community", "barrier.stigma.family"])
        #expect(result.stdout.contains("1 codings moved, 1 duplicates collapsed"))
        #expect(try box.count("SELECT count(*) FROM coding") == 2)
        #expect(try box.count("SELECT count(*) FROM code WHERE path = 'barrier.stigma.community'") == 0)
        #expect(try box.run(["code", "merge", "barrier.stigma", "barrier.trust"]).status == 65)
    }

    @Test func deleteIsRefusedWhileUsedUnlessForced() throws {
        let box = try withTranscript()
        try box.build { try $0.tag("TC-001", 4, "barrier.waiting", coder: "AB") }
        let refused = try box.run(["code", "delete", "barrier.waiting"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("used by 1 coding"))
        let forced = try box.ok(["code", "delete", "barrier.waiting", "--force"])
        #expect(forced.stdout.contains("and its 1 codings"))
        #expect(try box.count("SELECT count(*) FROM coding") == 0)
        #expect(try box.run(["code", "delete", "barrier.stigma"]).stderr.contains("has sub-codes"))
    }

    @Test func codebookRoundTripsThroughMarkdownAndCSV() throws {
        let box = try study()
        let md = box.directory.appendingPathComponent("cb.md").path
        let csv = box.directory.appendingPathComponent("cb.csv").path
        try box.ok(["codebook", "export", "--format", "md", "--out", md])
        try box.ok(["codebook", "export", "--format", "csv", "--out", csv])
        let other = try Sandbox()
        try other.initStudy()
        #expect(try other.ok(["codebook", "import", md]).stdout.contains("21 added, 0 updated"))
        #expect(try other.ok(["codebook", "import", csv]).stdout.contains("0 added, 0 updated, 21 unchanged"))
        let original = try box.ok(["codebook", "export", "--format", "csv"]).stdout
        #expect(try other.ok(["codebook", "export", "--format", "csv"]).stdout == original)
        let bad = try other.write("bad.csv", "path,kind,colour\nbarrier.x,barrier,#000000\n")
        let badResult = try other.run(["codebook", "import", bad])
        #expect(badResult.status == 65)
        #expect(badResult.stderr.contains("unknown column 'colour' (did you mean 'color'?)"))
    }

    // MARK: Import and export of codings

    @Test func codingsImportReportsEveryBadRowAndIsIdempotent() throws {
        let box = try withTranscript()
        let bad = try box.write(
            "bad.csv",
            """
            transcript,segment,code,coder,start,end,memo
            TC-001,2,context.household,AB,,,
            TC-009,2,context.household,AB,,,
            TC-001,99,context.household,AB,,,
            TC-001,2,barrier.nope,AB,,,
            TC-001,2,context.household,XY,,,
            TC-001,2,context.household,AB,5,500,
            TC-001,two,context.household,AB,,,
            """)
        let result = try box.run(["codings", "import", bad])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(bad):3: unknown transcript 'TC-009' (did you mean 'TC-001'?)"))
        #expect(lines.contains("\(bad):4: TC-001 has no segment 99 (it has 1 to 4)"))
        #expect(lines.contains { $0.hasPrefix("\(bad):5: unknown code 'barrier.nope'") })
        #expect(lines.contains { $0.hasPrefix("\(bad):6: unknown coder 'XY'") })
        #expect(lines.contains("\(bad):7: bad span '5:500': segment 2 of TC-001 spans 0:70"))
        #expect(lines.contains { $0.hasPrefix("\(bad):8: bad segment 'two'") })
        #expect(try box.count("SELECT count(*) FROM coding") == 0)

        let good = try box.write(
            "good.csv",
            """
            transcript,segment,code,coder,start,end,memo
            TC-001,2,context.household,AB,,,
            TC-001,4,barrier.appointment-times,AB,47,70,privacy
            TC-001,4,barrier.new-theme,AB,,,
            TC-001,1,,CD,,,
            """)
        #expect(try box.run(["codings", "import", good]).status == 65)
        let first = try box.ok(["codings", "import", good, "--create-codes"])
        #expect(
            first.stdout.contains(
                "4 rows, 3 codings added, 0 already present, 1 coded-with-nothing rows; created codes barrier.new-theme"
            ))
        let second = try box.ok(["codings", "import", good])
        #expect(second.stdout.contains("0 codings added, 3 already present"))
        #expect(try box.count("SELECT count(*) FROM coding") == 3)
        #expect(try box.count("SELECT count(*) FROM coverage WHERE coder = 'CD'") == 1)
        let noCoder = try box.write("nocoder.csv", "transcript,segment,code\nTC-001,2,barrier.stigma\n")
        #expect(try box.run(["codings", "import", noCoder]).status == 65)
        try box.ok(["codings", "import", noCoder, "--coder", "CD"])
    }

    @Test func codingsExportRoundTripsIntoAnotherStudy() throws {
        let box = try withTranscript()
        try box.build { study in
            _ = try CodingLog(study).tag(
                transcript: "TC-001", segment: 4, code: "barrier.appointment-times", coder: "AB",
                selection: .quote("no quiet corner to talk"), memo: "privacy, at home")
            try study.tag("TC-001", 2, "context.household", coder: "AB")
            try study.markDone("TC-001", coder: "CD")
        }
        let out = box.directory.appendingPathComponent("codings.csv").path
        try box.ok(["codings", "export", "--out", out])

        let other = try withTranscript()
        try other.ok(["codings", "import", out])
        let mine = try box.ok(["codings", "list", "--format", "csv"]).stdout
        #expect(try other.ok(["codings", "list", "--format", "csv"]).stdout == mine)
        #expect(try other.count("SELECT count(*) FROM coverage") == 2)
        let json = try #require(
            try parseJSON(box.ok(["codings", "export", "--format", "json"]).stdout) as? [String: Any])
        let codings = try #require(json["codings"] as? [[String: Any]])
        #expect(codings.count == 2)
        #expect(
            codings.contains {
                $0["text"] as? String == "no quiet corner to talk" && $0["transcript_start"] as? Int != nil
            })
    }

    @Test func withdrawalErasesTranscriptTextFromTheFile() throws {
        let box = try withTranscript()
        try box.build {
            try $0.tag("TC-001", 4, "barrier.appointment-times", coder: "AB", quote: "no quiet corner to talk")
        }
        let result =
            try #require(
                try parseJSON(box.ok(["participant", "withdraw", "TC-001", "--yes", "--format", "json"]).stdout)
                    as? [String: Any])
        let erased = try #require(result["erased"] as? [String: Int])
        #expect(erased["transcripts"] == 1 && erased["segments"] == 4 && erased["codings"] == 1)
        #expect(try box.count("SELECT count(*) FROM segment") == 0)
        #expect(try box.count("SELECT count(*) FROM segment_search WHERE segment_search MATCH 'grandmother'") == 0)
        for suffix in ["", "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: box.studyPath + suffix) else { continue }
            for phrase in ["no quiet corner to talk", "grandmother", "seven of us"] {
                #expect(
                    bytes.range(of: Data(phrase.utf8)) == nil,
                    "'\(phrase)' still in \(suffix.isEmpty ? "the study" : "the log")")
            }
        }
    }
}
