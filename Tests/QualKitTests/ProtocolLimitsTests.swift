import Foundation
import Testing

@testable import QualKit

/// Numbers in a protocol stay in their documented ranges, and what `check` passes `load` stores.
@Suite struct ProtocolLimitsTests {
    func errors(_ text: String) -> [String] {
        ProtocolParser.parse(text: text, file: "p.md").errors.map(\.description)
    }

    func guide(version: String = "1", duration: String = "30", body: String) -> String {
        "---\nid: x\ntitle: T\nversion: \(version)\nlanguage: en\nduration: \(duration)\n---\n# S\n" + body
    }

    @Test func timesThatWouldOverflowTheirSumAreOutOfRange() {
        let big = String(Int.max)
        let found = errors(guide(body: "## A {#a}\nTime: \(big)\n## B {#b}\nTime: \(big)\n"))
        #expect(
            found == [
                "p.md:10:7: Time '\(big)' is out of range: expected 1 to 1440 minutes",
                "p.md:12:7: Time '\(big)' is out of range: expected 1 to 1440 minutes",
            ])
        // Digits beyond what an Int holds are out of range too, not "not a number".
        #expect(
            errors(guide(body: "## A {#a}\nTime: 99999999999999999999999\n")).first?.contains("out of range") == true)
        #expect(errors(guide(body: "## A {#a}\nTime: 1440\n## B {#b}\nTime: 1\n")).isEmpty)
        #expect(
            errors(guide(body: "## A {#a}\nTime: 1441\n")) == [
                "p.md:10:7: Time '1441' is out of range: expected 1 to 1440 minutes"
            ])
    }

    @Test func versionAndDurationHaveRanges() {
        #expect(
            errors(guide(version: "9223372036854775807", body: "## A {#a}\n"))
                == ["p.md:4:10: version '9223372036854775807' is out of range: expected 1 to 999999"])
        #expect(errors(guide(version: "999999", body: "## A {#a}\n")).isEmpty)
        #expect(
            errors(guide(duration: "1441", body: "## A {#a}\n"))
                == ["p.md:6:11: duration '1441' is out of range: expected 1 to 1440 minutes"])
        #expect(
            errors(guide(version: "+3", body: "## A {#a}\n")).first?.hasPrefix("p.md:4:10: bad version '+3'") == true)
    }

    @Test func aStoredVersionAtTheLimitIsADataErrorNotATrap() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qk-limits-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let study = try Study.create(at: path, title: nil)
        // A study written before versions had a limit may hold any version: here 5 and Int.max.
        let store = ProtocolStore(db: study.db)
        let five = guide(version: "5", body: "## A {#a}\n")
        try store.insert(
            try #require(ProtocolParser.parse(text: five, file: "five.md").protocol), source: five, file: "five.md")
        let huge = guide(version: "9", body: "## A {#a}\n")
        var hugeGuide = try #require(ProtocolParser.parse(text: huge, file: "huge.md").protocol)
        hugeGuide.version = Int.max
        try store.insert(hugeGuide, source: huge, file: "huge.md")

        // New content under the stored version 5: the advice would be 'version: latest + 1'.
        let text = guide(version: "5", body: "## A {#a}\nTime: 5\n")
        do {
            _ = try ProtocolLoader.load([.init(path: "new.md", bytes: Array(text.utf8))], into: study)
            Issue.record("expected the new text to be refused")
        } catch let error as InvalidInput {
            let messages = error.diagnostics.map(\.description)
            #expect(
                messages.count == 1 && messages[0].hasPrefix("new.md:4: x@5 (en) is already stored")
                    && messages[0].contains(
                        "the study already holds version \(Int.max), and no later version is allowed"),
                "\(messages)")
        }
        #expect(try study.db.value("SELECT count(*) FROM protocol_version").intValue == 2)
    }

    @Test func aThemeGivenTwiceForOneQuestionIsALocatedError() {
        let found = errors(guide(body: "## A {#a}\nThemes: barrier.cost, barrier.time\nThemes: barrier.cost\n"))
        #expect(found == ["p.md:11:9: theme 'barrier.cost' is given twice for this question (first on line 10)"])
        let sameLine = errors(guide(body: "## A {#a}\nThemes: barrier.cost, barrier.cost\n"))
        #expect(
            sameLine == [
                "p.md:10:23: theme 'barrier.cost' is given twice for this question (first earlier on this line)"
            ])
        // The same theme under two questions is fine.
        #expect(errors(guide(body: "## A {#a}\nThemes: barrier.cost\n## B {#b}\nThemes: barrier.cost\n")).isEmpty)
    }

    @Test func aGuideThatPassesCheckLoads() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qk-limits-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let study = try Study.create(at: path, title: nil)
        let file = ProtocolLoader.File(
            path: "g.md", bytes: Array(guide(body: "## A {#a}\nThemes: barrier.cost\nThemes: barrier.time\n").utf8))
        _ = try ProtocolLoader.check([file], study: study)
        _ = try ProtocolLoader.load([file], into: study)
        #expect(try study.db.value("SELECT count(*) FROM protocol_version").intValue == 1)
    }
}
