import Foundation
import Testing

/// Listings and filters not covered elsewhere, in every format, and the remaining error paths.
@Suite struct ListingTests {
    /// A sandbox to run in; the commands read the demo study, built once in-process and shared,
    /// which no test here changes.
    func demo() throws -> Sandbox {
        _ = try SharedDemo.studyPath.get()
        return try Sandbox()
    }

    func run(_ box: Sandbox, _ words: [String], environment: [String: String?] = [:]) throws -> Run {
        try box.run(words + ["--db", SharedDemo.studyPath.get()], environment: environment)
    }

    @Test func filteredListingsInEveryFormat() throws {
        let box = try demo()
        let coders = try #require(
            try parseJSON(run(box, ["coder", "list", "--format", "json"]).stdout) as? [[String: Any]])
        #expect(coders.map { $0["id"] as? String } == ["AB", "CD"])
        #expect(try run(box, ["coder", "list", "--format", "csv"]).stdout.hasPrefix("id,name\nAB,Coder A\n"))
        let planned =
            try #require(
                try parseJSON(run(box, ["interview", "list", "--status", "planned", "--format", "json"]).stdout)
                    as? [[String: Any]])
        #expect(!planned.isEmpty && planned.allSatisfy { $0["status"] as? String == "planned" })
        let iv01 =
            try #require(
                try parseJSON(run(box, ["interview", "list", "--interviewer", "IV01", "--format", "json"]).stdout)
                    as? [[String: Any]])
        #expect(!iv01.isEmpty && iv01.allSatisfy { $0["interviewer"] as? String == "IV01" })
        #expect(try run(box, ["interview", "list", "--interviewer", "IV99"]).status == 65)
        let theirs =
            try #require(
                try parseJSON(
                    run(box, ["codings", "list", "--participant", "TC-003", "--coder", "CD", "--format", "json"]).stdout
                ) as? [[String: Any]])
        #expect(
            !theirs.isEmpty
                && theirs.allSatisfy { $0["participant"] as? String == "TC-003" && $0["coder"] as? String == "CD" })
        #expect(try run(box, ["codings", "list", "--participant", "TC-999"]).status == 65)
        #expect(try run(box, ["codings", "list", "--code", "barrier.nothing"]).status == 65)
        let outcomes = try run(box, ["outcome", "list", "--format", "csv"]).stdout
        #expect(outcomes.hasPrefix("measure,group,period,value,n,unit,date,action,better\n"))
        let status = try #require(try parseJSON(run(box, ["status", "--format", "json"]).stdout) as? [String: Any])
        #expect((status["counts"] as? [String: Int])?["codings"] == 265)
        let interviewer =
            try #require(
                try parseJSON(run(box, ["interviewer", "show", "IV01", "--format", "json"]).stdout) as? [String: Any])
        #expect((interviewer["interviews"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func studyPathErrors() throws {
        let box = try Sandbox()
        let folder = box.directory.path
        let onFolder = try box.run(["status", "--db", folder])
        #expect(onFolder.status == 66)
        #expect(onFolder.stderr.contains("no study at \(folder)"))
        let emptyEnv = try box.run(["status"], environment: ["QUALKIT_DB": box.directory.path + "/none.sqlite"])
        #expect(emptyEnv.status == 66)
        #expect(emptyEnv.stderr.contains("none.sqlite (run: qualkit init)"))
    }

    /// Run without `NO_COLOR` (which the harness otherwise sets) and with a colour-capable `TERM`,
    /// so only the missing terminal keeps the output plain.
    @Test func outputIsPlainWithoutATerminal() throws {
        let box = try demo()
        let table = try run(box, ["code", "list"], environment: ["NO_COLOR": nil, "TERM": "xterm-256color"]).stdout
        #expect(!table.contains("\u{1B}["))
        #expect(table.hasPrefix("CODE "))
    }

    /// Tables fit `COLUMNS`: the transcript's long turns wrap, other long cells are cut with '…';
    /// `--wide` and pipes (no COLUMNS, not a terminal) print whole rows.
    @Test func tablesFitTheTerminalWidth() throws {
        let box = try demo()
        let piped = try run(box, ["transcript", "show", "TC-001"]).stdout
        #expect(piped.split(separator: "\n").contains { $0.count > 100 })
        let fitted = try run(box, ["transcript", "show", "TC-001"], environment: ["COLUMNS": "80"]).stdout
        let lines = fitted.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        // Wrapped, not lost: every word of the whole rows is still there.
        // (The header rule is as wide as its column, so it is left out.)
        let words = { (text: String) in
            text.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { !$0.allSatisfy { $0 == "-" } }.sorted()
        }
        #expect(words(fitted) == words(piped))
        let wide = try run(box, ["transcript", "show", "TC-001", "--wide"], environment: ["COLUMNS": "80"]).stdout
        #expect(wide == piped)
        let codes = try run(box, ["code", "list"], environment: ["COLUMNS": "60"]).stdout
        #expect(codes.split(separator: "\n").allSatisfy { $0.count <= 60 })
        // CSV and JSON are never cut.
        let csv = try run(box, ["code", "list", "--format", "csv"], environment: ["COLUMNS": "60"]).stdout
        #expect(csv == (try run(box, ["code", "list", "--format", "csv"]).stdout))
    }

    /// Errors that help: each names what exists or the nearest match, and options naming attributes
    /// are checked against the study.
    @Test func unknownNamesListWhatExists() throws {
        let box = try demo()
        let household = try run(box, ["tally", "--by", "househld"])
        #expect(household.status == 65)
        #expect(household.stderr.contains("unknown participant attribute 'househld'. Did you mean 'household'?"))
        let byAge = try run(box, ["tally", "--by", "age"])
        #expect(byAge.status == 65)
        #expect(
            byAge.stderr.contains("unknown participant attribute 'age' (the study has gender, community, language,"))
        #expect(byAge.stderr.contains("age_band"))
        let out = box.directory.appendingPathComponent("report.html").path
        let reportAge = try run(box, ["report", "--attribute", "age", "--out", out])
        #expect(reportAge.status == 65)
        #expect(reportAge.stderr.contains("unknown participant attribute 'age'"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let reportBy = try run(box, ["report", "--by", "household,borogh", "--out", out])
        #expect(reportBy.status == 65)
        #expect(reportBy.stderr.contains("unknown participant attribute 'borogh'. Did you mean 'borough'?"))
        let theme = try run(box, ["action", "add", "--theme", "barrier.phone", "--change", "x"])
        #expect(theme.status == 65)
        #expect(theme.stderr.contains("unknown code 'barrier.phone' (the study has barrier, barrier.appointment-times"))
        let themeTypo = try run(box, ["action", "add", "--theme", "barrier.langauge", "--change", "x"])
        #expect(themeTypo.stderr.contains("Did you mean 'barrier.language'?"))
    }

    @Test func reportOnANewStudySaysNothingIsCodedYet() throws {
        let box = try Sandbox()
        try box.initStudy()
        let report = try box.run(["report", "--format", "md"])
        #expect(report.status == 65)
        #expect(report.stderr.contains("nothing is coded yet: import transcripts and codings first"))
        let tally = try box.run(["tally"])
        #expect(tally.status == 65)
        #expect(tally.stderr.contains("nothing is coded yet"))
    }
}
