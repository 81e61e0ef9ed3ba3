import Foundation
import Testing

/// `tally`, `cooccur`, `saturation`, `agreement` on a study small enough to count by hand.
///
/// P1..P5 each have one transcript: segments 1 and 3 are the interviewer, 2 and 4 the participant.
/// AB: P1 s2 stigma.family, P1 s4 times; P2 s2 stigma and stigma.family, P2 s4 friend; P3 s4 times;
///     P4 covered with nothing tagged; P5 s2 stigma.family (P5 then withdraws).
/// CD: P1 s2 stigma.family; P2 s2 stigma; P3 s2 stigma, P3 s4 times; P4 not covered.
@Suite struct AnalysisCommandTests {
    func study() throws -> Sandbox {
        let box = try Sandbox()
        try box.initStudy()
        let households = ["P1": "multi", "P2": "multi", "P3": "alone", "P5": "multi"]
        let files = try ["P1", "P2", "P3", "P4", "P5"].map { id in
            try box.write(
                "\(id).txt",
                "Interviewer: First question?\n\(id): First answer of \(id).\nInterviewer: Second question?\n\(id): Second answer of \(id).\n"
            )
        }
        try box.build { study in
            try study.addCodes([
                "barrier.stigma", "barrier.stigma.family", "barrier.times", "barrier.unused", "facilitator.friend",
            ])
            try study.addCoder("AB")
            try study.addCoder("CD")
            for id in ["P1", "P2", "P3", "P4", "P5"] {
                try study.addParticipant(id, households[id].map { [("household", $0)] } ?? [])
            }
            try study.importTranscripts(files)
            let tags: [(String, Int, String, String)] = [
                ("P1", 2, "barrier.stigma.family", "AB"), ("P1", 4, "barrier.times", "AB"),
                ("P2", 2, "barrier.stigma", "AB"),
                ("P2", 2, "barrier.stigma.family", "AB"), ("P2", 4, "facilitator.friend", "AB"),
                ("P3", 4, "barrier.times", "AB"),
                ("P5", 2, "barrier.stigma.family", "AB"),
                ("P1", 2, "barrier.stigma.family", "CD"), ("P2", 2, "barrier.stigma", "CD"),
                ("P3", 2, "barrier.stigma", "CD"),
                ("P3", 4, "barrier.times", "CD"),
            ]
            for (transcript, segment, code, coder) in tags {
                try study.tag(transcript, segment, code, coder: coder)
            }
            try study.markDone("P4", coder: "AB")
        }
        return box
    }

    /// The study above once P5 has withdrawn.
    func studyAfterWithdrawal() throws -> Sandbox {
        let box = try study()
        try box.build { try $0.withdraw("P5") }
        return box
    }

    func themes(_ json: [String: Any]) throws -> [String: [String: Any]] {
        try Dictionary(
            uniqueKeysWithValues: #require(json["themes"] as? [[String: Any]]).map {
                (try #require($0["code"] as? String), $0)
            })
    }

    @Test func tallyCountsPeopleWithRollupAndWithdrawalsVanish() throws {
        let box = try study()
        let before = try #require(try parseJSON(box.ok(["tally", "--format", "json"]).stdout) as? [String: Any])
        #expect(before["participants_total"] as? Int == 5)
        #expect(try themes(before)["barrier.stigma.family"]?["participants"] as? Int == 3)

        try box.build { try $0.withdraw("P5") }
        let json = try #require(try parseJSON(box.ok(["tally", "--format", "json"]).stdout) as? [String: Any])
        #expect(json["participants_total"] as? Int == 4)
        #expect(json["coders"] as? [String] == ["AB", "CD"])
        let order = try #require(json["themes"] as? [[String: Any]]).map { try #require($0["code"] as? String) }
        #expect(
            order == [
                "barrier", "barrier.stigma", "barrier.stigma.family", "barrier.times", "facilitator",
                "facilitator.friend", "barrier.unused",
            ])
        let t = try themes(json)
        #expect(t["barrier"]?["participants"] as? Int == 3)
        #expect(t["barrier"]?["percent"] as? Double == 75.0)
        #expect(t["barrier"]?["excerpts"] as? Int == 5)
        #expect(t["barrier"]?["transcripts"] as? Int == 3)
        #expect(t["barrier.stigma"]?["participants"] as? Int == 3)
        #expect(t["barrier.stigma"]?["excerpts"] as? Int == 3)
        #expect(t["barrier.stigma.family"]?["participants"] as? Int == 2)
        #expect(t["barrier.stigma.family"]?["percent"] as? Double == 50.0)
        #expect(t["barrier.times"]?["excerpts"] as? Int == 2)
        #expect(t["facilitator.friend"]?["percent"] as? Double == 25.0)
        #expect(t["barrier.unused"]?["participants"] as? Int == 0)
        #expect(t["barrier"]?["kind"] as? String == "barrier")
        #expect(t["barrier.stigma"]?["name"] as? String == "stigma")
    }

    @Test func tallySelectsCodersKindsAndSubtrees() throws {
        let box = try studyAfterWithdrawal()
        let cd = try #require(
            try parseJSON(box.ok(["tally", "--coder", "CD", "--format", "json"]).stdout) as? [String: Any])
        #expect(cd["participants_total"] as? Int == 3)
        #expect(try themes(cd)["barrier.stigma"]?["percent"] as? Double == 100.0)
        #expect(try themes(cd)["barrier.times"]?["percent"] as? Double == 33.3)
        let kind =
            try #require(
                try parseJSON(box.ok(["tally", "--kind", "facilitator", "--format", "json"]).stdout) as? [String: Any])
        #expect(Set(try themes(kind).keys) == ["facilitator", "facilitator.friend"])
        let subtree =
            try #require(
                try parseJSON(box.ok(["tally", "--code", "barrier.stigma", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(Set(try themes(subtree).keys) == ["barrier.stigma", "barrier.stigma.family"])
        let csv = try box.ok(["tally", "--format", "csv", "--code", "barrier.times"]).stdout
        #expect(
            csv
                == "code,kind,name,excerpts,participants,percent,transcripts,participants_total\nbarrier.times,barrier,times,2,2,50.0,2,4\n"
        )
        // N is in every row of the whole tally too.
        let whole = try box.ok(["tally", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(whole.count > 2)
        #expect(whole.dropFirst().allSatisfy { $0.hasSuffix(",4") })
    }

    @Test func tallyByAttributeWithMissingValuesAndSmallGroups() throws {
        let box = try studyAfterWithdrawal()
        let json =
            try #require(
                try parseJSON(
                    box.ok(["tally", "--by", "household", "--code", "barrier.times", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(json["by"] as? String == "household")
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { $0["value"] as? String } == ["alone", "multi", "(not recorded)"])
        #expect(groups.map { $0["participants_total"] as? Int } == [1, 2, 1])
        #expect(groups.allSatisfy { $0["small"] as? Bool == true })
        let times = try groups.map { group in
            let themes = try #require(group["themes"] as? [[String: Any]])
            return try #require(themes.first { $0["code"] as? String == "barrier.times" })
        }
        #expect(times.map { $0["participants"] as? Int } == [1, 1, 0])
        #expect(times.map { $0["percent"] as? Double } == [100.0, 50.0, 0.0])
        let table = try box.ok(["tally", "--by", "household", "--code", "barrier.times"]).stdout
        #expect(table.contains("MULTI (N=2, SMALL)"))
        #expect(table.contains("do not publish them"))
        let typo = try box.run(["tally", "--by", "housefold"])
        #expect(typo.status == 65)
        #expect(typo.stderr.contains("Did you mean 'household'?"))
    }

    @Test func agreementMatchesHandComputedKappas() throws {
        let box = try studyAfterWithdrawal()
        let json = try #require(try parseJSON(box.ok(["agreement", "--format", "json"]).stdout) as? [String: Any])
        #expect(json["coders"] as? [String] == ["AB", "CD"])
        #expect(json["unit"] as? String == "segment")
        let codes = try Dictionary(
            uniqueKeysWithValues: #require(json["codes"] as? [[String: Any]]).map {
                (try #require($0["code"] as? String), $0)
            })
        let family = try #require(codes["barrier.stigma.family"])
        let stigma = try #require(codes["barrier.stigma"])
        let times = try #require(codes["barrier.times"])
        let friend = try #require(codes["facilitator.friend"])
        let unused = try #require(codes["barrier.unused"])
        #expect(family["units"] as? Int == 6)
        #expect(abs(try #require(family["percent_agreement"] as? Double) - 500.0 / 6) < 1e-9)
        #expect(abs(try #require(family["kappa"] as? Double) - 4.0 / 7) < 1e-12)
        #expect(abs(try #require(stigma["kappa"] as? Double) - 2.0 / 3) < 1e-12)
        #expect(abs(try #require(times["kappa"] as? Double) - 4.0 / 7) < 1e-12)
        #expect(friend["kappa"] as? Double == 0)
        #expect(unused["kappa"] is NSNull)
        #expect(unused["alpha"] is NSNull)
        #expect((unused["note"] as? String)?.hasPrefix("no variation") == true)
        #expect(family["fleiss_kappa"] is NSNull)
        let overall = try #require(json["overall"] as? [String: Any])
        // Leaf codes with a kappa: family 4/7, times 4/7, friend 0 (unused is null).
        #expect(abs(try #require(overall["mean_kappa"] as? Double) - (8.0 / 7) / 3) < 1e-12)
        #expect(overall["alpha"] as? Double != nil)
        let table = try box.ok(["agreement"]).stdout
        #expect(table.contains("below 0.667"))
    }

    @Test func agreementErrors() throws {
        let box = try study()
        let one = try box.run(["agreement", "--coders", "AB"])
        #expect(one.status == 65)
        #expect(one.stderr.contains("at least two coders"))
        #expect(try box.run(["agreement", "--coders", "AB,ZZ"]).stderr.contains("unknown coder 'ZZ'"))
        #expect(try box.run(["agreement", "--code", "barrier.nothing"]).status == 65)
    }

    @Test func saturationReportsThePaperNotation() throws {
        let box = try studyAfterWithdrawal()
        let json =
            try #require(
                try parseJSON(
                    box.ok([
                        "saturation", "--base", "1", "--run", "1", "--threshold", "0", "--order", "id", "--format",
                        "json",
                    ]).stdout) as? [String: Any])
        #expect(json["base_unique"] as? Int == 2)
        let interviews = try #require(json["interviews"] as? [[String: Any]])
        #expect(interviews.map { $0["interview"] as? String } == ["P1", "P2", "P3", "P4"])
        #expect(interviews.map { $0["cumulative"] as? Int } == [2, 4, 4, 4])
        #expect(try #require(json["runs"] as? [[String: Any]]).map { $0["new_codes"] as? Int } == [2, 0, 0])
        #expect(json["saturation_at"] as? Int == 2)
        #expect(json["notation"] as? String == "2+1")
        #expect((json["citation"] as? String)?.contains("PLOS ONE") == true)
        let never =
            try #require(
                try parseJSON(box.ok(["saturation", "--base", "4", "--run", "2", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(never["saturation_at"] is NSNull)
        #expect((never["reason"] as? String)?.hasPrefix("needs at least 6") == true)
        #expect(try box.run(["saturation", "--threshold", "150"]).status == 64)
    }

    @Test func cooccurrenceWithinSegmentsAndParticipants() throws {
        let box = try studyAfterWithdrawal()
        let segment = try #require(try parseJSON(box.ok(["cooccur", "--format", "json"]).stdout) as? [String: Any])
        let pairs = try #require(segment["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        #expect(pairs[0]["a"] as? String == "barrier.stigma" && pairs[0]["b"] as? String == "barrier.stigma.family")
        #expect(abs(try #require(pairs[0]["jaccard"] as? Double) - 1.0 / 3) < 1e-12)
        let people =
            try #require(
                try parseJSON(box.ok(["cooccur", "--within", "participant", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(try #require(people["pairs"] as? [[String: Any]]).count == 5)
        let none =
            try #require(
                try parseJSON(box.ok(["cooccur", "--within", "participant", "--min", "2", "--format", "json"]).stdout)
                    as? [String: Any])
        #expect(try #require(none["pairs"] as? [[String: Any]]).isEmpty)
        let matrix = try box.ok(["cooccur", "--matrix"]).stdout
        #expect(matrix.contains("1 barrier.stigma"))
    }

    @Test func demoPrintsTheFindings() throws {
        let result = try SharedDemo.command.get().run
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Barrier themes by participant prevalence"))
        #expect(result.stdout.contains("By household"))
        #expect(result.stdout.contains("Inter-coder agreement (qualkit agreement): AB and CD, overall alpha"))
    }
}
