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
}
