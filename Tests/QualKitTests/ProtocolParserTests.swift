import Foundation
import Testing

@testable import QualKit

/// The protocol file format: every construct and every error kind, with line numbers.
@Suite struct ProtocolParserTests {
    static let valid = """
        ---
        id: talking-change            # comment after the value
        title: Talking Change: barriers   # a colon inside the title is fine
        version: 2
        language: en
        duration: 30
        ethics: REC 23/SC/0123
        ---
        Opening script paragraph
        over two lines.

        # Background {#background}
        Section intro.
        ## Who do you live with? {#household}
        Time: 5
        Note: Reassure about confidentiality.
        Themes: context.household, barrier.stigma
        - Probe: Who else lives at home?
        * Who do you turn to?
        Extra question text.

        ## Second question {#second}
        Time: 10
        """

    func parse(_ text: String) -> ProtocolParser.Result {
        ProtocolParser.parse(text: text, file: "p.md")
    }

    func errors(_ text: String) -> [String] {
        parse(text).errors.map(\.description)
    }

    func frontMatter(_ body: String) -> String {
        "---\n" + body + "\n---\n# S\n## Q {#q}\n"
    }

    @Test func aNoteBetweenQuestionsKeepsItsContinuationLines() throws {
        let result = parse(
            """
            ---
            id: p
            title: T
            version: 1
            language: en
            ---
            Note: not reviewed. It has not been
            checked by a translator.

            # Section

            ## Question? {#q}
            """)
        let guide = try #require(result.protocol)
        #expect(guide.introduction == ["Note: not reviewed. It has not been checked by a translator."])
    }

    @Test func readsEveryConstruct() throws {
        let result = parse(Self.valid)
        #expect(result.diagnostics.isEmpty)
        let guide = try #require(result.protocol)
        #expect(guide.id == "talking-change")
        #expect(guide.title == "Talking Change: barriers")
        #expect(guide.version == 2)
        #expect(guide.durationMinutes == 30)
        #expect(guide.ethics == "REC 23/SC/0123")
        #expect(guide.introduction == ["Opening script paragraph over two lines."])
        #expect(guide.sections.count == 1)
        #expect(guide.sections[0].id == "background")
        #expect(guide.sections[0].paragraphs == ["Section intro."])
        let question = guide.questions[0]
        #expect(question.id == "household")
        #expect(question.text == "Who do you live with?")
        #expect(question.minutes == 5)
        #expect(question.notes == ["Reassure about confidentiality."])
        #expect(question.themes == ["context.household", "barrier.stigma"])
        #expect(question.probes == ["Who else lives at home?", "Who do you turn to?"])
        #expect(question.paragraphs == ["Extra question text."])
        #expect(question.line == 14)
        #expect(guide.plannedMinutes == 15)
    }

    @Test func shippedProtocolsParseCleanly() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocols")
        for name in ["talking-change.md", "talking-change.ur.md", "demo/talking-change.v1.md"] {
            let path = folder.appendingPathComponent(name).path
            let result = ProtocolParser.parse(try SourceText.readBytes(path), file: path)
            #expect(result.diagnostics.isEmpty, "\(name): \(result.diagnostics)")
            #expect(result.protocol?.questions.count ?? 0 >= 13)
        }
    }

    @Test func missingFrontMatter() {
        #expect(errors("# Section\n## Q {#q}\n").first?.hasPrefix("p.md:1: expected front matter") == true)
    }

    @Test func unclosedFrontMatter() {
        #expect(
            errors("---\nid: x\n").first == "p.md:1: front matter is not closed: add a '---' line after the last key")
    }

    @Test func missingRequiredKeys() {
        let found = errors(frontMatter("id: x"))
        #expect(found.contains("p.md:1: missing required key 'title' in the front matter"))
        #expect(found.contains("p.md:1: missing required key 'version' in the front matter"))
        #expect(found.contains("p.md:1: missing required key 'language' in the front matter"))
    }

    @Test func unknownKeySuggestsTheKnownOne() {
        let found = errors(frontMatter("id: x\ntitle: T\nversion: 1\nlanguage: en\nverison: 2"))
        #expect(found == ["p.md:6:1: unknown key 'verison' in the front matter (did you mean 'version'?)"])
    }

    @Test func duplicateKey() {
        let found = errors(frontMatter("id: x\ntitle: T\nversion: 1\nlanguage: en\ntitle: U"))
        #expect(found == ["p.md:6:1: duplicate key 'title' (first given on line 3)"])
    }

    @Test(arguments: ["0", "-1", "two", "1.5", "٣"])
    func badVersion(_ version: String) {
        let found = errors(frontMatter("id: x\ntitle: T\nversion: \(version)\nlanguage: en"))
        #expect(found == ["p.md:4:10: bad version '\(version)': expected a positive whole number (1, 2, 3, ...)"])
    }

    @Test func badIdAndLanguageAndDuration() {
        let found = errors(frontMatter("id: Not_OK\ntitle: T\nversion: 1\nlanguage: 12\nduration: long"))
        #expect(found.count == 3)
        #expect(found[0].hasPrefix("p.md:2:5: id 'Not_OK'"))
        #expect(found[1].hasPrefix("p.md:5:11: bad language tag '12'"))
        #expect(found[2].hasPrefix("p.md:6:11: bad duration 'long'"))
    }

    @Test func quotedValuesKeepHashes() throws {
        let guide = try #require(
            parse(frontMatter("id: x\ntitle: \"Study #4 # not a comment\"\nversion: 1\nlanguage: en")).protocol)
        #expect(guide.title == "Study #4 # not a comment")
    }

    @Test func questionOutsideASection() {
        let text = "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n## Early {#early}\n# S\n## Q {#q}\n"
        #expect(errors(text) == ["p.md:7: question outside a section: add a '# Section title' heading above it"])
    }

    @Test func questionWithoutIdOrText() {
        let text = "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n# S\n## No id\n## {#empty}\n## Fine {#fine}\n"
        #expect(
            errors(text) == [
                "p.md:8: question has no id: end the heading with {#some-id}",
                "p.md:9: question has no text: write it before {#empty}",
            ])
    }

    @Test func duplicateIdsAcrossSectionsAndQuestions() {
        let text = "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n# S {#a}\n## Q {#a}\n## R {#r}\n## R2 {#r}\n"
        #expect(
            errors(text) == [
                "p.md:8: duplicate id 'a' (first used on line 7)",
                "p.md:10: duplicate id 'r' (first used on line 9)",
            ])
    }

    @Test func deeperHeadingsAreNotPartOfTheFormat() {
        let text = "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n# S\n## Q {#q}\n### Sub\n"
        #expect(errors(text).first?.hasPrefix("p.md:9: heading level 3 is not part of the format") == true)
    }

    @Test func labelsOutsideAQuestion() {
        let text =
            "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n# S\n- Probe: stray\nTime: 3\nThemes: a\n## Q {#q}\n"
        #expect(
            errors(text) == [
                "p.md:8: probe outside a question: list items belong under a '##' question",
                "p.md:9: 'Time:' outside a question",
                "p.md:10: 'Themes:' outside a question",
            ])
    }

    @Test func badThemesAndTime() {
        let text =
            "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n# S\n## Q {#q}\nThemes: ok.path, Bad Path,\nTime: 0\nTime: 3\nTime: 4\n"
        let found = errors(text)
        #expect(found.contains { $0.hasPrefix("p.md:9:18: bad theme 'Bad Path'") })
        #expect(found.contains { $0.hasPrefix("p.md:9: bad theme ''") })
        #expect(found.contains { $0.hasPrefix("p.md:10:7: bad Time '0'") })
        #expect(found.contains("p.md:12: 'Time:' given twice for this question"))
    }

    @Test func noQuestionsAtAll() {
        let text = "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\n---\n# Only a section\n"
        #expect(errors(text) == ["p.md:7: the protocol has no questions: add a '## Question text {#id}' heading"])
    }

    @Test func overlongPlanIsAWarningNotAnError() {
        let text =
            "---\nid: x\ntitle: T\nversion: 1\nlanguage: en\nduration: 5\n---\n# S\n## Q {#q}\nTime: 4\n## R {#r}\nTime: 4\n"
        let result = parse(text)
        #expect(result.protocol != nil)
        #expect(
            result.diagnostics.map(\.description) == [
                "p.md:6: warning: questions' Time adds up to 8 minutes, more than the duration of 5"
            ])
    }

    @Test func crlfAndBOMAreAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.valid.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let result = ProtocolParser.parse(bytes, file: "p.md")
        #expect(result.protocol?.questions.count == 2)
        #expect(result.text?.contains("\r") == false)
    }

    @Test func translationMustAskTheBaseQuestions() throws {
        let base = try #require(parse(Self.valid).protocol)
        var translation = base
        translation.language = "ur"
        translation.translationOf = "en"
        translation.sections[0].questions[1].id = "other"
        translation.sections[0].questions[1].line = 22
        let problems = TranslationCheck.compare(base: base, translation: translation, file: "t.md").map(\.description)
        #expect(
            problems == [
                "t.md: question 'second' of talking-change@2 is missing from the ur translation",
                "t.md:22: question 'other' is not in talking-change@2 (en): translations must use the base's question ids",
            ])
    }

    @Test func diffFindsEachKindOfChange() throws {
        let old = try #require(parse(Self.valid).protocol)
        var new = old
        new.sections[0].questions[0].text = "Who lives with you?"
        new.sections[0].questions[0].probes.append("Anyone else?")
        new.sections[0].questions[0].minutes = 6
        new.sections[0].questions.remove(at: 1)
        new.sections[0].questions.append(Question(id: "third", text: "New one"))
        let kinds = ProtocolDiff.compare(old, new).map { "\($0.question) \($0.kind.rawValue)" }
        #expect(
            kinds == [
                "household reworded", "household probes changed", "household time changed", "third added",
                "second removed",
            ])
    }
}
