import Foundation
import Testing

/// `report --format json` from the built binary, on the demo study: every figure equals the one the
/// command named in the report's `reproduce` (and Methods) prints, and the JSON has every member
/// docs/json.md documents for it (their order is checked in-process by JSONContractTests).
@Suite struct ReportFiguresCommandTests {
    /// The demo study written by `qualkit demo` (two coders, actions, outcomes, a population file).
    func demoStudy() throws -> String {
        let demo = try SharedDemo.command.get()
        try #require(demo.run.status == 0, "\(demo.run.stderr)")
        return demo.folder + "/study.sqlite"
    }

    /// Runs `qualkit WORDS --db STUDY` and parses its JSON output.
    func json(_ words: [String], _ study: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let run = try Sandbox.launch(
            words + ["--db", study], in: FileManager.default.temporaryDirectory.path, environment: [:],
            studyPath: nil)
        try #require(
            run.status == 0, "qualkit \(words.joined(separator: " ")): \(run.stderr)", sourceLocation: sourceLocation)
        return try parseJSON(run.stdout)
    }

    /// The words of a reproduce line such as `qualkit tally --kind barrier`, without `qualkit`.
    func words(_ line: Any?) throws -> [String] {
        let line = try #require(line as? String)
        let words = line.split(separator: " ").map(String.init)
        try #require(words.first == "qualkit")
        return Array(words.dropFirst())
    }

    /// The JSON text of `value` with sorted keys, so that two values compare as JSON, not as bridged objects.
    func canonical(_ value: Any?) throws -> String {
        let value = try #require(value)
        return String(
            decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
            as: UTF8.self)
    }

    func object(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(value as? [String: Any], sourceLocation: sourceLocation)
    }

    func objects(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(value as? [[String: Any]], sourceLocation: sourceLocation)
    }

    /// `--min-cell 1`: nothing suppressed, so every count can be compared with the command's.
    @Test func everyFigureEqualsTheMatchingCommands() throws {
        let study = try demoStudy()
        let report = try object(
            json(["report", "--format", "json", "--by", "household,age_band", "--min-cell", "1"], study))
        let reproduce = try object(report["reproduce"])

        // Themes: `tally` with the same options.
        let tally = try object(json(try words(reproduce["tally"]) + ["--format", "json"], study))
        #expect(report["participants_total"] as? Int == tally["participants_total"] as? Int)
        #expect((report["coders"] as? [String]) == (tally["coders"] as? [String]))
        let tallied = Dictionary(
            uniqueKeysWithValues: try objects(tally["themes"]).map { ($0["code"] as? String ?? "", $0) })
        let themes = try objects(report["themes"])
        // The report leaves out only the kind's root code (`barrier`), which every coded person has.
        #expect(Set(tallied.keys).subtracting(themes.compactMap { $0["code"] as? String }) == ["barrier"])
        for theme in themes {
            let code = try #require(theme["code"] as? String)
            let other = try #require(tallied[code], "\(code) is not in tally")
            for key in ["participants", "percent", "excerpts", "transcripts"] {
                #expect((theme[key] as? NSNumber) == (other[key] as? NSNumber), "\(code) \(key)")
            }
        }

        // Subgroups: `tally --by` for each attribute.
        let byLines = try #require(reproduce["tally_by"] as? [String])
        let subgroups = try objects(report["subgroups"])
        #expect(byLines.count == 2 && subgroups.count == 2)
        for (line, subgroup) in zip(byLines, subgroups) {
            let byTally = try object(json(try words(line) + ["--format", "json"], study))
            #expect(subgroup["by"] as? String == byTally["by"] as? String)
            let groups = try objects(subgroup["groups"])
            let expected = try objects(byTally["groups"])
            #expect(groups.map { $0["value"] as? String } == expected.map { $0["value"] as? String }, "\(line)")
            for (group, other) in zip(groups, expected) {
                #expect((group["participants_total"] as? Int) == (other["participants_total"] as? Int))
                let counts = { (rows: [[String: Any]]) in
                    Dictionary(
                        uniqueKeysWithValues: rows.map { ($0["code"] as? String ?? "", $0["participants"] as? Int) })
                }
                #expect(try counts(objects(group["themes"])) == counts(objects(other["themes"])), "\(line)")
            }
        }

        // Agreement and saturation: the same objects as the commands print.
        let agreement = try object(json(try words(reproduce["agreement"]) + ["--format", "json"], study))
        #expect(try canonical(report["agreement"]) == canonical(agreement))
        let saturation = try object(json(try words(reproduce["saturation"]) + ["--format", "json"], study))
        #expect(try canonical(report["saturation"]) == canonical(saturation))
        #expect(!(try canonical(saturation)).contains("BASE"))

        // Fidelity: the guide's coverage as `qualkit fidelity` reads it.
        let fidelity = try object(json(["fidelity", "--format", "json"], study))
        let interviews = try objects(fidelity["interviews"])
        let coverage = try object(report["fidelity"])
        let asked = try interviews.reduce(0) { $0 + (try objects($1["asked"])).count }
        let of = try interviews.reduce(0) {
            $0 + (try objects($1["asked"])).count + (try #require($1["not_asked"] as? [String])).count
        }
        #expect(coverage["interviews"] as? Int == interviews.count)
        #expect(coverage["asked"] as? Int == asked && coverage["of"] as? Int == of)
        #expect(asked > 0 && asked < of)

        // Reach: `reach` with the attributes and stage Methods names.
        let methods = try #require(report["methods"] as? [String])
        let reachLine = try #require(methods.first { $0.hasPrefix("Reach compares") })
        let reachWords = try #require(reachLine.components(separatedBy: "Reproduce with: ").last)
        let reach = try object(
            json(
                try words(String(reachWords.dropLast(reachWords.hasSuffix(".") ? 1 : 0))) + ["--format", "json"], study)
        )
        let reported = try object(try object(report["who_we_heard_from"])["reach"])
        #expect(reported["by"] as? [String] == reach["by"] as? [String])
        #expect(try canonical(reported["groups"]) == canonical(reach["groups"]))

        // Outcomes: each chart is `outcome show` for its measure and group.
        let outcomes = try objects(report["outcomes"])
        #expect(!outcomes.isEmpty)
        for outcome in outcomes {
            let measure = try #require(outcome["measure"] as? String)
            let group = (outcome["group"] as? String).map { ["--group", $0] } ?? []
            let shown = try object(json(["outcome", "show", measure] + group + ["--format", "json"], study))
            #expect(try canonical(outcome["spc"]) == canonical(shown), "\(measure)")
        }
        let signals = try outcomes.flatMap { try objects(try object($0["spc"])["signals"]) }
        #expect(signals.contains { $0["rule"] as? String == "shift" && $0["direction"] as? String == "improvement" })
    }

    /// With the default `--min-cell 5`, a count under 5 in `tally` is the string "fewer than 5" in the
    /// report, never the number.
    @Test func suppressedCountsAreTheSmallCountsOfTally() throws {
        let study = try demoStudy()
        let report = try object(json(["report", "--format", "json", "--by", "household"], study))
        let byTally = try object(json(["tally", "--kind", "barrier", "--by", "household", "--format", "json"], study))
        let small = try objects(byTally["groups"]).filter { ($0["participants_total"] as? Int ?? 0) < 5 }
        #expect(!small.isEmpty)
        let reported = try objects(try objects(report["subgroups"]).first?["groups"]).compactMap {
            $0["value"] as? String
        }
        for group in small { #expect(!reported.contains(group["value"] as? String ?? ""), "\(group)") }
        for group in try objects(try objects(report["subgroups"]).first?["groups"]) {
            for theme in try objects(group["themes"]) {
                if let count = theme["participants"] as? Int {
                    #expect(count >= 5)
                } else {
                    #expect(theme["participants"] as? String == "fewer than 5")
                    #expect(theme["percent"] is NSNull)
                }
            }
        }
    }

    @Test func theJSONHasEveryDocumentedMember() throws {
        let schema = try DocumentedShape.report()
        // The documented shape is read from the doc, so a doc that stops parsing would check nothing.
        #expect(schema.members.count >= 20)
        let report = try json(["report", "--format", "json", "--by", "household,age_band"], try demoStudy())
        let problems = schema.problems(in: report)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // A documented member that goes missing is found, however deep.
        var broken = try object(report)
        var heard = try object(broken["who_we_heard_from"])
        heard["below_target"] = nil
        broken["who_we_heard_from"] = heard
        broken["codebook"] = nil
        #expect(
            schema.problems(in: broken) == [
                "$.who_we_heard_from: missing below_target", "$: missing codebook",
            ])
    }
}

/// The members of a JSON object as docs/json.md shows it: the example block under a command's
/// heading, read as JSON with `…` standing for anything; `{ "a", "b" }` lists members by name.
/// `{ …as saturation… }` (no member named) leaves that object's members to its own section.
struct DocumentedShape {
    /// Members in documented order; each with the shape of its value (object, or array of objects).
    var members: [(name: String, shape: DocumentedShape?)] = []

    /// Members whose value is a map keyed by study data (attribute names), not a fixed shape.
    static let maps: Set<String> = ["attributes"]

    static func report() throws -> DocumentedShape {
        let doc = try String(
            contentsOf: Sandbox.shipped.deletingLastPathComponent().appendingPathComponent("docs/json.md"),
            encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## `qualkit report --format json`").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```").dropFirst().first)
        var tokens = tokenise(block)[...].drop { $0 != "{" }  // after the fence's `json`
        try #require(tokens.first == "{")
        return parseObject(&tokens)
    }

    /// Strings (kept with their quotes) and the punctuation `{ } [ ] : ,`; anything else is one "…" token.
    static func tokenise(_ text: String) -> [String] {
        var tokens: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "\"" {
                let end = text[text.index(after: index)...].firstIndex(of: "\"") ?? text.endIndex
                tokens.append(String(text[index..<min(text.index(after: end), text.endIndex)]))
                index = min(text.index(after: end), text.endIndex)
                continue
            }
            if "{}[]:,".contains(c) {
                tokens.append(String(c))
            } else if !c.isWhitespace, tokens.last != "…" {
                tokens.append("…")
            }
            index = text.index(after: index)
        }
        return tokens
    }

    /// Reads from `{` to its `}`.
    static func parseObject(_ tokens: inout ArraySlice<String>) -> DocumentedShape {
        var shape = DocumentedShape()
        tokens.removeFirst()  // {
        while let token = tokens.first, token != "}" {
            tokens.removeFirst()
            guard token.hasPrefix("\""), token.count > 2 else { continue }
            let name = String(token.dropFirst().dropLast())
            guard name.allSatisfy({ $0.isLowercase || $0 == "_" }) else { continue }
            if tokens.first == ":" {
                tokens.removeFirst()
                shape.members.append((name, parseValue(&tokens)))
            } else {
                shape.members.append((name, nil))
            }
        }
        if !tokens.isEmpty { tokens.removeFirst() }  // }
        return shape
    }

    /// A member's value up to the `,` or `}` that ends it: the shape of an object, or of an array's
    /// first element when that is an object; nil for anything else.
    static func parseValue(_ tokens: inout ArraySlice<String>) -> DocumentedShape? {
        var shape: DocumentedShape?
        while let token = tokens.first, token != ",", token != "}" {
            if token == "{" {
                let object = parseObject(&tokens)
                if shape == nil, !object.members.isEmpty { shape = object }
            } else if token == "[" {
                tokens.removeFirst()
                var depth = 1
                if tokens.first == "{" {
                    let element = parseObject(&tokens)
                    if !element.members.isEmpty { shape = element }
                }
                while depth > 0, let next = tokens.first {
                    tokens.removeFirst()
                    if next == "[" || next == "{" { depth += 1 }
                    if next == "]" || next == "}" { depth -= 1 }
                }
            } else {
                tokens.removeFirst()
            }
        }
        return shape
    }

    /// Each documented member missing from `value` (and in every element of an
    /// array value), by JSON path; `null` values are not looked into.
    func problems(in value: Any, at path: String = "$") -> [String] {
        guard let object = value as? [String: Any] else {
            if let array = value as? [Any] {
                return array.enumerated().flatMap { problems(in: $1, at: "\(path)[\($0)]") }
            }
            return value is NSNull ? [] : ["\(path): not an object"]
        }
        var found: [String] = []
        for (name, shape) in members {
            guard let member = object[name] else {
                found.append("\(path): missing \(name)")
                continue
            }
            if let shape, !Self.maps.contains(name) { found += shape.problems(in: member, at: "\(path).\(name)") }
        }
        return found
    }
}
