import Foundation
import QualKit
import Testing

/// `action`, `outcome`, `redact`, `report` and redacted exports, end to end.
@Suite struct FindingsCommandTests {
    /// Three participants; P1 and P3 consent to quotes, P2 does not. Hostile text in the title,
    /// a code name and a quote.
    func study() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy(title: "Study <script>alert('t')</script> & \"co\"")
        try box.write(
            "P1.txt",
            "Interviewer: Why?\nP1: People would say <script>alert(1)</script> I was mad, ring me on 07700 900123 or see Dr Patel.\nInterviewer: Times?\nP1: The afternoon calls never worked for me at home with everyone there.\n"
        )
        try box.write(
            "P2.txt",
            "Interviewer: Why?\nP2: My family would never forgive the shame of it, honestly never.\nInterviewer: Times?\nP2: Only daytime appointments were offered to me by anyone at all.\n"
        )
        try box.write(
            "P3.txt",
            "Interviewer: Why?\nP3: =HYPERLINK(\"http://x\") is what the gossip would be, everyone would know.\nInterviewer: Times?\nP3: They rang at two when I was in college every single week.\n"
        )
        try box.build { study in
            try study.addCodes(
                ["barrier.stigma", "barrier.times"],
                fields: [
                    "barrier.stigma": [("name", "<b>Stigma</b> & shame")],
                    "barrier.times": [("name", "Appointment times")],
                ])
            try study.addCoder("AB")
            let consent = ["P1": "yes", "P2": "no", "P3": "yes"]
            for (id, quotes) in consent.sorted(by: { $0.key < $1.key }) {
                try study.addParticipant(
                    id, [("consent_quotes", quotes), ("household", "multi"), ("age_band", "18-24")])
            }
            try study.importTranscripts(
                ["P1", "P2", "P3"].map { box.directory.appendingPathComponent("\($0).txt").path })
            for id in ["P1", "P2", "P3"] {
                try study.tag(id, 2, "barrier.stigma", coder: "AB")
                try study.tag(id, 4, "barrier.times", coder: "AB")
            }
            try RedactionList(study).add("Dr Patel", label: "GP")
        }
        return box
    }

    @Test func theOutFilesExtensionPicksTheFormatUnlessOneIsGiven() throws {
        let box = try study()
        func written(_ name: String) throws -> String {
            try String(contentsOfFile: box.directory.appendingPathComponent(name).path, encoding: .utf8)
        }
        try box.ok(["report", "--out", "r.md"])
        #expect(try written("r.md").hasPrefix("# "))
        try box.ok(["report", "--out", "r.json"])
        #expect(try parseJSON(written("r.json")) is [String: Any])
        try box.ok(["report", "--out", "r.markdown"])
        #expect(try written("r.markdown").hasPrefix("# "))
        // A name that is no format's, and an explicit --format, are as before.
        try box.ok(["report", "--out", "r.txt"])
        #expect(try written("r.txt").contains("<!DOCTYPE html>"))
        try box.ok(["report", "--format", "html", "--out", "r2.md"])
        #expect(try written("r2.md").contains("<!DOCTYPE html>"))
    }

    func reportJSON(_ box: Sandbox, _ extra: [String] = []) throws -> [String: Any] {
        try #require(try parseJSON(box.ok(["report", "--format", "json"] + extra).stdout) as? [String: Any])
    }

    @Test func quotesComeOnlyFromConsentingParticipantsAndAreRedacted() throws {
        let box = try study()
        // Three participants: --min-cell 1 shows their numbers (small-number tests are elsewhere).
        let json = try reportJSON(box, ["--by", "household", "--min-cell", "1"])
        let quotes = try #require(json["quotes"] as? [[String: Any]])
        #expect(!quotes.isEmpty)
        #expect(Set(try quotes.map { try #require($0["participant"] as? String) }).isSubset(of: ["P1", "P3"]))
        let texts = try quotes.map { try #require($0["text"] as? String) }
        #expect(texts.contains { $0.contains("[phone]") && $0.contains("[GP]") })
        #expect(!texts.contains { $0.contains("07700") || $0.contains("Patel") })
        #expect((quotes.first?["attributes"] as? [String: String])?["household"] == "multi")

        try box.build { try $0.withdraw("P1") }
        let after = try reportJSON(box, ["--min-cell", "1"])
        let quotesAfter = try #require(after["quotes"] as? [[String: Any]])
        #expect(Set(try quotesAfter.map { try #require($0["participant"] as? String) }) == ["P3"])
        #expect(after["participants_total"] as? Int == 2)
    }

    /// However they are coded, an interviewer's turn and a non-consenting participant's words are
    /// never quoted, in any format; a partial span becomes its whole sentence.
    @Test func interviewerTurnsAndNonConsentingParticipantsAreNeverQuoted() throws {
        let box = try study()
        try box.build { study in
            for id in ["P1", "P2", "P3"] {
                try study.tag(id, 1, "barrier.stigma", coder: "AB")
                try study.tag(id, 3, "barrier.times", coder: "AB")
            }
            try study.tag("P3", 4, "barrier.times", coder: "AB", quote: "at two when I was")
        }
        for format in ["json", "md", "html"] {
            let out = try box.ok(["report", "--format", format, "--quotes", "10", "--min-cell", "1"]).stdout
            #expect(!out.contains("Why?") && !out.contains("Times?"), "\(format) quotes the interviewer")
            #expect(!out.contains("forgive the shame") && !out.contains("daytime appointments"), "\(format) quotes P2")
        }
        let quotes = try #require(try reportJSON(box, ["--quotes", "10"])["quotes"] as? [[String: Any]])
        let texts = quotes.compactMap { $0["text"] as? String }
        #expect(texts.contains("They rang at two when I was in college every single week."))
        #expect(Set(quotes.compactMap { $0["participant"] as? String }) == ["P1", "P3"])
    }

    @Test func showSmallIsBannerAndLogged() throws {
        let box = try study()
        let hidden = try box.ok(["report", "--format", "md"])
        #expect(!hidden.stdout.contains("NOT FOR PUBLICATION"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log") == 0)
        let shown = try box.ok(["report", "--format", "md", "--show-small"])
        #expect(shown.stdout.hasPrefix("**NOT FOR PUBLICATION: contains small numbers**"))
        #expect(shown.stdout.contains("| Appointment times | `barrier.times` | 3 | 100.0% | 3 |"))
        #expect(shown.stderr.contains("recorded in the study's disclosure log"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log WHERE what LIKE 'report --show-small%'") == 1)
    }

    @Test func reportNumbersMatchTally() throws {
        let box = try study()
        let tally = try #require(
            try parseJSON(box.ok(["tally", "--kind", "barrier", "--format", "json"]).stdout) as? [String: Any])
        let report = try reportJSON(box, ["--min-cell", "1"])
        #expect(report["participants_total"] as? Int == tally["participants_total"] as? Int)
        let fromTally = try Dictionary(
            uniqueKeysWithValues: #require(tally["themes"] as? [[String: Any]]).map {
                (try #require($0["code"] as? String), try #require($0["participants"] as? Int))
            })
        for theme in try #require(report["themes"] as? [[String: Any]]) {
            #expect(fromTally[try #require(theme["code"] as? String)] == theme["participants"] as? Int)
        }
        let markdown = try box.ok(["report", "--format", "md", "--min-cell", "1"]).stdout
        #expect(markdown.contains("| Appointment times | `barrier.times` | 3 | 100.0% | 3 |"))
        // By default three people are a small number: no count, no percentage.
        let published = try box.ok(["report", "--format", "md"]).stdout
        #expect(published.contains("| Appointment times | `barrier.times` | fewer than 5 |  |  |"))
        #expect(!published.contains("100.0%"))
    }

    @Test func htmlIsSelfContainedAndEscapesHostileText() throws {
        let box = try study()
        let out = box.directory.appendingPathComponent("report.html").path
        try box.ok(["report", "--out", out, "--by", "household"])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: box.directory.path).allSatisfy {
                !$0.contains(".qualkit-")
            })
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
        #expect(html.contains("Study &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &quot;co&quot;"))
        #expect(html.contains("&lt;b&gt;Stigma&lt;/b&gt; &amp; shame"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<svg role=\"img\""))
        #expect(html.contains("<title id=\"bars-title\">"))
        #expect(html.contains("@media print"))
        #expect(html.contains("You said, we did"))
    }

    @Test func csvTablesAreGuardedAgainstFormulas() throws {
        let box = try study()
        let folder = box.directory.appendingPathComponent("findings").path
        try box.ok(["report", "--format", "csv", "--out", folder])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.contains("themes.csv") && files.contains("quotes.csv") && files.contains("actions.csv"))
        let quotes = try String(contentsOfFile: folder + "/quotes.csv", encoding: .utf8)
        #expect(quotes.contains("\"'=HYPERLINK(\"\"http://x\"\") is what the gossip would be"))
        #expect(!quotes.contains(",=HYPERLINK"))
    }

    @Test func xlsxWorkbookHasTheSheetsAndTheSameSuppression() throws {
        let box = try study()
        let out = box.directory.appendingPathComponent("findings.xlsx").path
        // A workbook is never written to the terminal.
        #expect(try box.run(["report", "--format", "xlsx"]).status == 64)
        #expect(try box.run(["report", "--format", "xlsx", "--out", "-"]).status == 64)
        try box.ok(["report", "--format", "xlsx", "--by", "household", "--out", out])
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let parts = Dictionary(
            uniqueKeysWithValues: try ZipReader.entries(of: Data(contentsOf: URL(fileURLWithPath: out))).map {
                ($0.path, String(decoding: $0.data, as: UTF8.self))
            })
        let workbook = try #require(parts["xl/workbook.xml"])
        let names = ["Summary", "Themes", "By household", "Quotes", "Actions", "Outcomes"]
        for (number, name) in names.enumerated() {
            #expect(workbook.contains("<sheet name=\"\(name)\" sheetId=\"\(number + 1)\""))
        }
        let strings = try #require(parts["xl/sharedStrings.xml"])
        // Three participants, under the default 5: the counts are suppressed as in every format,
        // the single household group is left out, and quotes are redacted.
        #expect(strings.contains("<t xml:space=\"preserve\">fewer than 5</t>"))
        #expect(strings.contains("[GP]") && !strings.contains("Dr Patel") && !strings.contains("07700"))
        #expect(!strings.contains("family would never forgive"))
        let themes = try #require(parts["xl/worksheets/sheet2.xml"])
        #expect(!themes.contains("<c r=\"E2\""))
        #expect(!parts.values.contains { $0.contains("<f>") })
        // The same, with small numbers shown: numbers become number cells.
        try box.ok(["report", "--format", "xlsx", "--out", out, "--force", "--min-cell", "1"])
        let shown = try ZipReader.entries(of: Data(contentsOf: URL(fileURLWithPath: out)))
        let sheet = try #require(shown.first { $0.path == "xl/worksheets/sheet2.xml" })
        #expect(String(decoding: sheet.data, as: UTF8.self).contains("<c r=\"D2\"><v>3.0</v></c>"))
    }

    @Test func actionsAndOutcomesShowBeforeAndAfter() throws {
        let box = try study()
        let added = try box.ok([
            "action", "add", "--theme", "barrier.times", "--change", "Evening appointments", "--owner", "Lead",
            "--status", "done", "--done-on", "2023-06-01",
        ])
        #expect(added.stdout == "recorded action 1: Evening appointments\n")
        #expect(
            try box.run(["action", "add", "--theme", "barrier.tiems", "--change", "x"]).stderr.contains(
                "Did you mean 'barrier.times'?"))
        #expect(try box.run(["action", "add", "--change", "x"]).status == 64)
        try box.ok([
            "action", "add", "--theme", "barrier.stigma", "--change", "Community sessions", "--due", "2024-01-31",
        ])
        try box.ok(["action", "update", "2", "--status", "in-progress"])
        let list = try #require(
            try parseJSON(box.ok(["action", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(list.map { $0["status"] as? String } == ["done", "in-progress"])
        #expect(try box.ok(["action", "list", "--theme", "barrier.times"]).stdout.contains("Evening appointments"))
        #expect(try box.run(["action", "show", "9"]).status == 65)

        let file = try box.write(
            "outcomes.csv",
            """
            measure,group,period,value,n,unit,date,action
            completion,all,2023-Q1,40,100,%,2023-02-15,1
            completion,all,2023-Q2,42,100,%,2023-05-15,1
            completion,all,2023-Q3,50,100,%,2023-08-15,1
            completion,all,2023-Q4,54,100,%,2023-11-15,1
            """)
        try box.ok(["outcome", "import", file])
        try box.ok([
            "outcome", "add", "--measure", "admissions", "--period", "2023-Q1", "--value", "12", "--unit", "count",
        ])
        #expect(try box.count("SELECT count(*) FROM outcome") == 5)
        let bad = try box.write("bad.csv", "measure,period,value,unit,action\nx,q1,abc,%,\nx,q2,1,kg,\nx,q3,1,%,7\n")
        let badResult = try box.run(["outcome", "import", bad])
        #expect(badResult.status == 65)
        #expect(badResult.stderr.contains("\(bad):2: bad value 'abc'"))
        #expect(badResult.stderr.contains("\(bad):3: bad unit 'kg'"))
        #expect(badResult.stderr.contains("\(bad):4: unknown action '7'"))
        #expect(try box.count("SELECT count(*) FROM outcome") == 5)

        let report = try reportJSON(box)
        let outcomes = try #require(report["outcomes"] as? [[String: Any]])
        let series = try #require(outcomes.first { $0["measure"] as? String == "completion" })
        #expect(series["before"] as? Double == 41)
        #expect(series["after"] as? Double == 52)
        let youSaid = try #require(report["you_said_we_did"] as? [[String: Any]])
        let said = try #require(youSaid.first { $0["code"] as? String == "barrier.times" })
        #expect(try #require(said["actions"] as? [[String: Any]]).first?["change"] as? String == "Evening appointments")
        let html = try box.ok(["report"]).stdout
        #expect(html.contains("action done 2023-06-01"))
    }

    @Test func redactionListAndScan() throws {
        let box = try study()
        try box.ok(["redact", "add", "Northside", "--as", "place"])
        #expect(try box.ok(["redact", "list"]).stdout.contains("Northside  [place]"))
        try box.ok(["redact", "remove", "northside"])
        #expect(try box.run(["redact", "remove", "Nowhere"]).status == 65)
        #expect(try box.run(["redact", "add", " "]).status == 65)
        let scan = try #require(
            try parseJSON(box.ok(["redact", "scan", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(scan.contains { $0["kind"] as? String == "phone" && $0["text"] as? String == "07700 900123" })
        #expect(
            scan.contains {
                $0["kind"] as? String == "name?" && $0["text"] as? String == "Patel" && $0["on_list"] as? Bool == true
            })
        #expect(try box.run(["redact", "scan", "--transcript", "P9"]).status == 65)
    }

    @Test func codingsExportIsRedactedUnlessAskedAndThatIsLogged() throws {
        let box = try study()
        let redacted = try box.ok(["codings", "export"]).stdout
        #expect(redacted.contains("[phone]") && !redacted.contains("07700"))
        let raw = try box.run(["codings", "export", "--no-redact"])
        #expect(raw.status == 0)
        #expect(raw.stdout.contains("07700 900123"))
        #expect(raw.stderr.contains("recorded in the study's disclosure log"))
        #expect(try box.count("SELECT count(*) FROM disclosure_log WHERE what LIKE 'codings export --no-redact%'") == 1)
    }

    @Test func reportErrors() throws {
        let box = try study()
        #expect(try box.run(["report", "--format", "pdf"]).status == 64)
        #expect(try box.run(["report", "--out", "/nonexistent/dir/r.html"]).status == 73)
        #expect(try box.run(["report", "--by", "houshold"]).stderr.contains("Did you mean 'household'?"))
    }

    @Test func demoWritesBothReports() throws {
        let demo = try SharedDemo.command.get()
        let (folder, result) = (demo.folder, demo.run)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Findings report: \(folder)/report.html and \(folder)/report.md"))
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(html.contains("Evening and Saturday appointments"))
        #expect(html.contains("programme completion"))
    }
}
