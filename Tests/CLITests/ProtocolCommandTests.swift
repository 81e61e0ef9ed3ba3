import Foundation
import QualKit
import Testing

/// `qualkit protocol ...` end to end.
@Suite struct ProtocolCommandTests {
    static let base = Sandbox.shipped.appendingPathComponent("talking-change.md").path
    static let urdu = Sandbox.shipped.appendingPathComponent("talking-change.ur.md").path
    static let pilot = Sandbox.shipped.appendingPathComponent("demo/talking-change.v1.md").path

    static let small = """
        ---
        id: mini
        title: Mini guide
        version: 1
        language: en
        ---
        # Start {#start}
        ## How are you? {#how}
        - Probe: Really?
        """

    @Test func checkAcceptsTheShippedGuideWithoutAStudy() throws {
        let box = try Sandbox()
        let result = try box.ok(["protocol", "check", Self.base, Self.urdu])
        #expect(result.stdout.contains("ok: protocol talking-change@2 (en), 14 questions"))
        #expect(result.stdout.contains("ok: translation talking-change@2 (ur), 14 questions"))
        #expect(!FileManager.default.fileExists(atPath: box.studyPath))
    }

    @Test func checkReportsEveryErrorWithItsLine() throws {
        let box = try Sandbox()
        let path = try box.write(
            "bad.md",
            """
            ---
            id: Bad_ID
            title: A guide
            version: two
            colour: blue
            ---
            ## Question before any section {#early}
            # Section
            ## No id here
            ## Repeated {#dup}
            ## Again {#dup}
            Time: soon
            """)
        let result = try box.run(["protocol", "check", path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(path):2:5: id 'Bad_ID'") })
        #expect(lines.contains { $0.hasPrefix("\(path):4:10: bad version 'two'") })
        #expect(lines.contains { $0.hasPrefix("\(path):5:1: unknown key 'colour'") })
        #expect(lines.contains { $0.hasPrefix("\(path):7: question outside a section") })
        #expect(lines.contains { $0.hasPrefix("\(path):9: question has no id") })
        #expect(lines.contains { $0.hasPrefix("\(path):11: duplicate id 'dup' (first used on line 10)") })
        #expect(lines.contains { $0.hasPrefix("\(path):12:7: bad Time 'soon'") })
        #expect(result.stdout.isEmpty)
    }

    @Test func checkOfAMissingFileExits66() throws {
        let result = try Sandbox().run(["protocol", "check", "nowhere.md"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("nowhere.md: no such file"))
    }

    @Test func loadStoresBaseAndTranslationInAnyOrder() throws {
        let box = try Sandbox()
        try box.initStudy()
        let result = try box.ok(["protocol", "load", Self.urdu, Self.base])
        #expect(result.stdout.contains("stored: protocol talking-change@2 (en), 14 questions"))
        #expect(result.stdout.contains("stored: translation talking-change@2 (ur), 14 questions"))
        #expect(try box.count("SELECT count(*) FROM protocol_version") == 2)
        #expect(try box.count("SELECT count(*) FROM protocol_question") == 28)
        #expect(try box.count("SELECT count(*) FROM protocol_theme WHERE code = 'barrier.appointment-times'") == 4)
    }

    @Test func loadingTheSameTextAgainIsANoOp() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.base]) }
        let again = try box.ok(["protocol", "load", Self.base])
        #expect(
            again.stdout.contains("unchanged: protocol talking-change@2 (en) is already stored with identical text"))
        #expect(try box.count("SELECT count(*) FROM protocol_version") == 1)
    }

    @Test func changedTextUnderTheSameVersionIsRefused() throws {
        let box = try Sandbox()
        try box.initStudy()
        let first = try box.write("mini.md", Self.small)
        try box.build { try $0.loadProtocols([first]) }
        let changed = try box.write(
            "mini-changed.md", Self.small.replacingOccurrences(of: "How are you?", with: "How are you today?"))
        let result = try box.run(["protocol", "load", changed])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(changed):4: mini@1 (en) is already stored with different content"))
        #expect(result.stderr.contains("set 'version: 2'"))
        let stored = try box.rows("SELECT source FROM protocol_version").map { try $0["source"] as String }
        #expect(stored.count == 1 && stored[0].contains("How are you?\u{20}{#how}"))
    }

    @Test func aNewVersionIsStoredBesideTheOld() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.ok(["protocol", "load", Self.pilot, Self.base])
        #expect(try box.count("SELECT count(*) FROM protocol_version WHERE protocol = 'talking-change'") == 2)
        let json = try #require(
            try parseJSON(box.ok(["protocol", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(json.map { $0["version"] as? Int } == [1, 2])
    }

    @Test func oneBadFileInABatchStoresNothing() throws {
        let box = try Sandbox()
        try box.initStudy()
        let bad = try box.write("bad.md", Self.small.replacingOccurrences(of: "version: 1", with: "version: 0"))
        let result = try box.run(["protocol", "load", Self.base, bad])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(bad):4:10: bad version '0'"))
        #expect(try box.count("SELECT count(*) FROM protocol_version") == 0)
    }

    @Test func severalErrorsGiveOneLineEachAndChangeNothing() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.pilot]) }
        let bad = try box.write(
            "several.md",
            """
            ---
            id: several
            version: 1
            language: english
            ---
            # Only section
            ## {#empty}
            Themes: Barrier.Stigma
            """)
        let result = try box.run(["protocol", "load", bad])
        #expect(result.status == 65)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix(bad) }
        #expect(errors.count == 4)
        #expect(errors.contains { $0.hasPrefix("\(bad):1: missing required key 'title'") })
        #expect(errors.contains { $0.hasPrefix("\(bad):4:11: bad language tag 'english'") })
        #expect(errors.contains { $0.hasPrefix("\(bad):7: question has no text") })
        #expect(errors.contains { $0.hasPrefix("\(bad):8:9: bad theme 'Barrier.Stigma'") })
        #expect(result.stderr.contains("4 errors; nothing was changed."))
        #expect(try box.count("SELECT count(*) FROM protocol_version") == 1)
    }

    @Test func translationOfAnUnknownVersionIsRefused() throws {
        let box = try Sandbox()
        try box.initStudy()
        let result = try box.run(["protocol", "load", Self.urdu])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "\(Self.urdu):6: translation of an unknown protocol version: talking-change@2 in 'en'"))
        #expect(try box.count("SELECT count(*) FROM protocol_version") == 0)
    }

    @Test func translationWithMissingAndUnknownQuestionsIsReported() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.base]) }
        var text = try String(contentsOfFile: Self.urdu, encoding: .utf8)
        text = text.replacingOccurrences(of: "{#outreach}", with: "{#outreach-places}")
        let file = try box.write("talking-change.ur.md", text)
        let result = try box.run(["protocol", "check", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("question 'outreach' of talking-change@2 is missing from the ur translation"))
        #expect(result.stderr.contains("question 'outreach-places' is not in talking-change@2 (en)"))
    }

    @Test func invalidUTF8IsReportedWithItsOffset() throws {
        let box = try Sandbox()
        var bytes = Array(Self.small.utf8)
        bytes.insert(0xFF, at: Self.small.utf8.count - 3)
        let file = try box.write("latin.md", bytes: bytes)
        let result = try box.run(["protocol", "check", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file):9: invalid UTF-8 at byte offset \(bytes.count - 4)"))
    }

    @Test func listPrintsTableJSONAndCSV() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.base, Self.urdu]) }
        let table = try box.ok(["protocol", "list"]).stdout
        #expect(
            table.contains(
                "talking-change        2  Talking Change: barriers to mental health support  en,ur             14"))
        let json = try #require(
            try parseJSON(box.ok(["protocol", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(json.count == 1)
        #expect(json[0]["id"] as? String == "talking-change")
        #expect(json[0]["version"] as? Int == 2)
        #expect(json[0]["language"] as? String == "en")
        #expect(json[0]["languages"] as? [String] == ["en", "ur"])
        #expect(json[0]["questions"] as? Int == 14)
        let csv = try box.ok(["protocol", "list", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("id,version,title,languages,questions,loaded\n"))
        // Loaded in this process, whose clock is not the binary's fixed QUALKIT_NOW: read once per process.
        let loaded = Clock.today()
        #expect(
            csv.contains("talking-change,2,Talking Change: barriers to mental health support,\"en,ur\",14,\(loaded)"))
    }

    @Test func showPicksLatestVersionAndLanguage() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.pilot, Self.base, Self.urdu]) }
        let latest = try box.ok(["protocol", "show", "talking-change"]).stdout
        #expect(latest.contains("appointment-times"))
        let pilot = try box.ok(["protocol", "show", "talking-change@1"]).stdout
        #expect(!pilot.contains("appointment-times"))
        let urdu =
            try #require(
                try parseJSON(
                    box.ok(["protocol", "show", "talking-change@2", "--lang", "ur", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(urdu["language"] as? String == "ur")
        #expect(urdu["translation_of"] as? String == "en")
    }

    @Test func showOfUnknownThingsNamesTheNearest() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.base]) }
        let id = try box.run(["protocol", "show", "talking-chnage"])
        #expect(id.status == 65)
        #expect(id.stderr.contains("unknown protocol 'talking-chnage'. Did you mean 'talking-change'?"))
        let version = try box.run(["protocol", "show", "talking-change@3"])
        #expect(version.status == 65)
        #expect(
            version.stderr.contains("unknown protocol version 'talking-change@3'. Did you mean 'talking-change@2'?"))
        let language = try box.run(["protocol", "show", "talking-change", "--lang", "pa"])
        #expect(language.status == 65)
        #expect(language.stderr.contains("unknown language of talking-change@2 'pa'"))
        let malformed = try box.run(["protocol", "show", "Talking Change"])
        #expect(malformed.status == 64)
    }

    @Test func diffListsChangesByQuestion() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.pilot, Self.base]) }
        let json =
            try #require(
                try parseJSON(box.ok(["protocol", "diff", "talking-change", "1", "2", "--format", "json"]).stdout)
                    as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(
            changes.contains { $0["question"] as? String == "appointment-times" && $0["change"] as? String == "added" })
        #expect(
            changes.contains { $0["question"] as? String == "services-known" && $0["change"] as? String == "reworded" })
        #expect(
            changes.contains { $0["question"] as? String == "what-stops" && $0["change"] as? String == "time changed" })
        let bad = try box.run(["protocol", "diff", "talking-change", "one", "2"])
        #expect(bad.status == 64)
        let missing = try box.run(["protocol", "diff", "talking-change", "1", "9"])
        #expect(missing.status == 65)
    }

    @Test func renderWritesMarkdownAndSelfContainedHTML() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.base]) }
        let markdown = try box.ok(["protocol", "render", "talking-change"]).stdout
        #expect(markdown.contains("- [ ] Who else lives at home?"))
        #expect(markdown.contains("ethics approval REC 23/SC/0123"))
        let out = box.directory.appendingPathComponent("guide.html").path
        try box.ok(["protocol", "render", "talking-change@2", "--format", "html", "--out", out])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<footer>Talking Change: barriers to mental health support, version 2"))
    }

    @Test func renderEscapesHostileText() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "hostile.md",
            """
            ---
            id: hostile
            title: "<script>alert('x')</script> & co"
            version: 1
            language: en
            ---
            # <b>Section</b>
            ## Is "this" <i>safe</i>? {#safe}
            - Probe: <img src=x onerror=alert(1)>
            """)
        try box.build { try $0.loadProtocols([file]) }
        let html = try box.ok(["protocol", "render", "hostile", "--format", "html"]).stdout
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        #expect(html.contains("Is &quot;this&quot; &lt;i&gt;safe&lt;/i&gt;?"))
        #expect(!html.contains("<img"))
    }

    @Test func renderToAMissingFolderCannotCreate() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.loadProtocols([Self.base]) }
        let result = try box.run(["protocol", "render", "talking-change", "--out", "/nonexistent/dir/guide.md"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot write /nonexistent/dir/guide.md"))
    }
}
