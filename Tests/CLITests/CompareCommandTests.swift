import Foundation
import QualKit
import Testing

/// `compare` and `consensus` on ``AnalysisCommandTests``' study after P5's withdrawal: P1..P3
/// covered by both AB and CD, P4 by AB only.
@Suite struct CompareCommandTests {
    func study() throws -> Sandbox { try AnalysisCommandTests().studyAfterWithdrawal() }

    func object(_ text: String) throws -> [String: Any] { try #require(try parseJSON(text) as? [String: Any]) }

    @Test func disagreementsAreWhatAgreementImplies() throws {
        let box = try study()
        let agreement = try object(box.ok(["agreement", "--coders", "AB,CD", "--format", "json"]).stdout)
        let compare = try object(box.ok(["compare", "--coders", "AB,CD", "--format", "json"]).stdout)
        var listed: [String: Int] = [:]
        for group in try #require(compare["codes"] as? [[String: Any]]) {
            listed[try #require(group["code"] as? String)] = try #require(group["disagreements"] as? Int)
            #expect((group["units"] as? [Any])?.count == group["disagreements"] as? Int)
        }
        var total = 0
        for code in try #require(agreement["codes"] as? [[String: Any]]) {
            let units = try #require(code["units"] as? Int)
            let percent = code["percent_agreement"] as? Double ?? 100
            let implied = Int((Double(units) * (1 - percent / 100)).rounded())
            total += implied
            #expect(listed[code["code"] as! String] ?? 0 == implied, "\(code["code"]!)")
        }
        // Worked by hand: family P2/2, stigma P3/2, barrier P3/2 and P1/4, times P1/4, friend and facilitator P2/4.
        #expect(total == 7)
        #expect(compare["disagreements"] as? Int == 7)
        #expect(compare["transcripts"] as? Int == 3)
        let table = try box.ok(["compare", "--coders", "AB,CD"]).stdout
        #expect(table.contains("AB: barrier.stigma.family 0:"))
        #expect(table.contains("CD: not tagged"))
        #expect(table.contains("7 disagreements between AB and CD over 3 transcripts"))
        let one = try object(
            box.ok(["compare", "--coders", "AB,CD", "--code", "barrier.times", "--format", "json"]).stdout)
        #expect(one["disagreements"] as? Int == 1)
        let p3 = try object(box.ok(["compare", "--coders", "AB,CD", "--transcript", "P3", "--format", "json"]).stdout)
        #expect(p3["disagreements"] as? Int == 2)
    }

    @Test func roundTripThroughTheResolveFile() throws {
        let box = try study()
        let written = try box.ok(["compare", "--coders", "AB,CD", "--format", "csv", "--out", "resolve.csv"])
        #expect(written.stderr.contains("wrote resolve.csv"))
        let path = box.directory.appendingPathComponent("resolve.csv").path
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "transcript,segment,code,coder_a,coder_b,text,decision")
        #expect(lines.count == 9)  // header, 7 units, final newline
        // Decide as a meeting would, in a spreadsheet that upper-cases a word.
        for (index, line) in lines.enumerated() where index > 0 && !line.isEmpty {
            if line.hasPrefix("P2,2,barrier.stigma.family,") { lines[index] = line + "Keep" }
            if line.hasPrefix("P1,4,barrier.times,") { lines[index] = line + "drop" }
            if line.hasPrefix("P3,2,barrier.stigma,") { lines[index] = line + "keep" }
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let dry = try object(
            box.ok([
                "consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", path, "--dry-run", "--format", "json",
            ])
            .stdout)
        #expect(dry["dry_run"] as? Bool == true)
        #expect(dry["agreed"] as? Int == 3)
        #expect(try box.build { try $0.db.value("SELECT count(*) FROM coder WHERE id = 'AGREED'").intValue } == 0)

        let run = try object(
            box.ok(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", path, "--format", "json"]).stdout)
        #expect(run["created_coder"] as? Bool == true)
        #expect(run["agreed"] as? Int == 3)  // P1/2 family, P2/2 stigma, P3/4 times
        #expect(run["kept"] as? Int == 2)  // P2/2 family (AB), P3/2 stigma (CD)
        #expect(run["dropped"] as? Int == 1)
        #expect(run["decisions_recorded"] as? Int == 3)
        let open = try #require(run["open"] as? [[String: Any]])
        #expect(open.count == 1)
        #expect(open.first?["code"] as? String == "facilitator.friend")
        let codings = try box.build { study in
            try study.db.rows(
                "SELECT s.transcript || '/' || s.number || ' ' || c.code AS k FROM coding c JOIN segment s ON s.id = c.segment WHERE c.coder = 'AGREED' ORDER BY k"
            )
            .map { try $0["k"] as String }
        }
        #expect(
            codings == [
                "P1/2 barrier.stigma.family", "P2/2 barrier.stigma", "P2/2 barrier.stigma.family",
                "P3/2 barrier.stigma",
                "P3/4 barrier.times",
            ])
        let audit = try box.build {
            try $0.db.value("SELECT count(*) FROM audit WHERE words LIKE 'consensus decision %'").intValue
        }
        #expect(audit == 3)

        // Rerunning changes nothing.
        let again = try object(
            box.ok(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", path, "--format", "json"]).stdout)
        #expect(again["agreed"] as? Int == 0)
        #expect(again["kept"] as? Int == 0)
        #expect(again["decisions_recorded"] as? Int == 0)
        let table = try box.ok(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", path]).stdout
        #expect(table.contains("1 disagreement is open"))

        // AGREED is an ordinary coder: agreement with each source coder runs.
        for coder in ["AB", "CD"] {
            let result = try object(
                box.ok(["agreement", "--coders", "AGREED,\(coder)", "--format", "json"]).stdout)
            #expect(result["coders"] as? [String] == ["AGREED", coder])
        }
        let report = try box.ok(["report", "--format", "md"]).stdout
        #expect(report.contains("AGREED, the consensus of AB and CD"))
    }

    @Test func meetingPageIsSelfContained() throws {
        let box = try study()
        try box.build { try RedactionList($0).add("Second answer", label: nil) }
        let page = try box.ok(["compare", "--coders", "AB,CD", "--format", "html"]).stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.lowercased().contains("<script"))
        #expect(page.contains("<th class=\"decision\">Decision</th>"))
        #expect(page.contains("<h2>barrier.stigma.family <span class=\"n\">1</span></h2>"))
        #expect(!page.contains("Second answer"))
    }

    @Test func errors() throws {
        let box = try study()
        let same = try box.run(["compare", "--coders", "AB,AB"])
        #expect(same.status == 64)
        #expect(same.stderr.contains("both coders are AB"))
        let unknown = try box.run(["compare", "--coders", "AB,ZZ"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("unknown coder 'ZZ'"))
        #expect(try box.run(["compare", "--coders", "AB"]).stderr.contains("exactly two coders"))
        let source = try box.run(["consensus", "--from", "AB,CD", "--as", "AB"])
        #expect(source.status == 64)
        let header = "transcript,segment,code,coder_a,coder_b,text,decision\n"
        let bad = try box.write("bad.csv", header + "P1,4,barrier.times,x,y,z,maybe\n")
        let word = try box.run(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", bad])
        #expect(word.status == 65)
        #expect(word.stderr.contains("bad.csv:2:7"))
        #expect(word.stderr.contains("expected keep or drop"))
        let segment = try box.write("segment.csv", header + "P1,9,barrier.times,x,y,z,keep\n")
        let noSegment = try box.run(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", segment])
        #expect(noSegment.status == 65)
        #expect(noSegment.stderr.contains("has no segment 9"))
        let code = try box.write("code.csv", header + "P1,4,barrier.time,x,y,z,keep\n")
        #expect(
            try box.run(["consensus", "--from", "AB,CD", "--as", "AGREED", "--resolve", code]).stderr.contains(
                "unknown code 'barrier.time'"))
        // Nothing was written by any failed run.
        #expect(try box.build { try $0.db.value("SELECT count(*) FROM coder WHERE id = 'AGREED'").intValue } == 0)
    }
}
