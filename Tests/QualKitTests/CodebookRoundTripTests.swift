import Foundation
import Testing

@testable import QualKit

/// `codebook export --format md` then import gives back exactly the codes exported, whatever their
/// free text holds.
@Suite struct CodebookRoundTripTests {
    func roundTrip(_ codes: [Code]) throws -> [Code] {
        let text = CodebookFile.markdown(codes, title: "Study\n## title.injected — Nope")
        return try CodebookFile.parseMarkdown(Array(text.utf8), file: "cb.md").map { entry in
            var code = Code(path: entry.path)
            for field in entry.fields { try CodeFields.set(field.column, field.value, on: &code) }
            return code
        }
    }

    static let hostile: [Code] = {
        var injected = Code(path: "barrier.cost")
        injected.name = "Cost — of travel - and time"
        injected.definition = "Money.\n## barrier.injected — Injected\nKind: facilitator\n# Not a section"
        injected.useWhen = "Use when: the text says so\nColour: #FFFFFF\nDo not use when : spaced label"
        injected.doNotUseWhen = "First paragraph\n\nSecond paragraph, after a blank line\n\n\nand two"
        injected.example =
            "\"C:\\Users\\pat\" \\# not an escape \\\\ two\nends with a backslash \\\n  indented line  \nlast"
        injected.color = "#D55E00"
        var named = Code(path: "barrier.cost.bus", kind: "context")
        named.name = "Bus\\fare\nsecond line"
        named.definition = "#hashtag first\n#hashtag second\n- a list item\n* another\n> quoted\n\\"
        var plain = Code(path: "facilitator.peer")
        plain.name = "Peer support"
        plain.definition = "Someone who has been through it: a neighbour, a friend."
        return [injected, named, plain]
    }()

    @Test func hostileFreeTextComesBackExactly() throws {
        let back = try roundTrip(Self.hostile)
        #expect(back.map(\.path) == Self.hostile.map(\.path))
        for (original, read) in zip(Self.hostile, back) {
            #expect(read == original)
        }
    }

    @Test func exportedTextHasNoInjectedHeadingOrField() {
        let text = CodebookFile.markdown(Self.hostile, title: "T")
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("## ") }.count == 3)
        #expect(lines.filter { $0.hasPrefix("Kind:") }.count == 3)
        #expect(!lines.contains { $0.hasPrefix("# Not") || $0.hasPrefix("Colour: #FFFFFF") })
        // A plain code reads as before: no escapes where none are needed.
        #expect(
            text.contains(
                "## facilitator.peer — Peer support\nKind: facilitator\nDefinition: Someone who has been through it: a neighbour, a friend.\n"
            ))
    }

    @Test func handWrittenParagraphsStillJoinAsBefore() throws {
        let text = """
            ## barrier.stigma — Stigma
            Kind: barrier
            Definition: Fear of being
            judged by others.

            A free paragraph joins the definition.
            Use when: C:\\Users stays as written
            """
        let entries = try CodebookFile.parseMarkdown(Array(text.utf8), file: "cb.md")
        let fields = Dictionary(uniqueKeysWithValues: entries[0].fields.map { ($0.column, $0.value) })
        #expect(fields["definition"] == "Fear of being judged by others.\n\nA free paragraph joins the definition.")
        #expect(fields["use_when"] == "C:\\Users stays as written")
    }
}
