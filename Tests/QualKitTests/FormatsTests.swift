import Foundation
import Testing

@testable import QualKit

/// Shared formats: JSON, CSV writing, tables, text decoding, suggestions, dates.
@Suite struct FormatsTests {
    @Test func jsonKeepsOrderAndPrecision() throws {
        let value: JSON = .object([
            ("b", 1), ("a", .double(0.1 + 0.2)), ("c", .null), ("d", .number(.nan)), ("e", 55.0),
        ])
        #expect(value.serialized(pretty: false) == #"{"b":1,"a":0.30000000000000004,"c":null,"d":null,"e":55.0}"#)
    }

    @Test func jsonEscapesStrings() throws {
        let text = JSON.string("quote \" backslash \\ newline \n tab \t bell \u{07} é").serialized()
        #expect(text == #""quote \" backslash \\ newline \n tab \t bell \u0007 é""#)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? String
        #expect(parsed == "quote \" backslash \\ newline \n tab \t bell \u{07} é")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("@cmd", "'@cmd"), ("-2+3", "'-2+3"), ("\tx", "'\tx"),
        ("-0.25", "-0.25"), ("-12", "-12"), ("", ""),
        // As Characters these hold no line feed, comma, quote or space: a reader splits on the bytes.
        ("crlf\r\nline", "\"crlf\r\nline\""), ("a,\u{301}b", "\"a,\u{301}b\""), ("\"\u{301}", "\"\"\"\u{301}\""),
        (" \u{301}x", "\" \u{301}x\""),
    ])
    func csvFieldsAreQuotedAndGuarded(_ input: String, _ expected: String) {
        #expect(CSVWriter.field(input) == expected)
    }

    @Test func tableAlignsColumns() {
        let table = TextTable(columns: [.init("name"), .init("n", .right)], rows: [["a", "1"], ["longer", "100"]])
        #expect(table.rendered() == "NAME      N\n------  ---\na         1\nlonger  100\n")
    }

    @Test func suggestionsFindTyposIncludingSwaps() {
        #expect(Suggestion.nearest(to: "laod", in: ["check", "load", "list"]) == "load")
        #expect(Suggestion.nearest(to: "fromat", in: ["format", "db", "help"]) == "format")
        #expect(Suggestion.nearest(to: "xyz", in: ["format", "db"]) == nil)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }

    @Test func decodesBOMsAndNormalises() throws {
        #expect(try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb".utf8), file: "f") == "a\nb")
        let utf16LE: [UInt8] = [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00, 0x0D, 0x00, 0x0A, 0x00]
        #expect(try SourceText.decode(utf16LE, file: "f") == "hi\n")
        let utf16BE: [UInt8] = [0xFE, 0xFF, 0x00, 0x68, 0x00, 0xE9]
        #expect(try SourceText.decode(utf16BE, file: "f") == "hé")
        // e + combining acute becomes the single precomposed é (NFC).
        #expect(try SourceText.decode(Array("e\u{301}".utf8), file: "f").unicodeScalars.count == 1)
    }

    @Test func invalidUTF8NamesLineAndOffset() throws {
        let bytes = Array("ok\nstill ok\nbad ".utf8) + [0xC3, 0x28]
        do {
            _ = try SourceText.decode(bytes, file: "t.txt")
            Issue.record("expected invalid UTF-8")
        } catch let error as InvalidInput {
            #expect(error.description == "t.txt:3: invalid UTF-8 at byte offset 16: save the file as UTF-8")
        }
        #expect(SourceText.firstInvalidUTF8Offset([0xED, 0xA0, 0x80]) == 0)  // a UTF-16 surrogate
        #expect(SourceText.firstInvalidUTF8Offset([0xF0, 0x9F, 0x98, 0x80]) == nil)  // an emoji
    }

    @Test func calendarDatesMustExist() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2023-13-01") == nil)
        #expect(CalendarDate("2023-1-01") == nil)
        #expect(CalendarDate("2023-04-31") == nil)
        #expect(CalendarDate("2023-04-30")!.description == "2023-04-30")
    }

    @Test func identifiersFollowTheirRules() {
        #expect(Identifiers.isSlug("talking-change"))
        #expect(!Identifiers.isSlug("Talking"))
        #expect(Identifiers.isCodePath("barrier.stigma.family"))
        #expect(!Identifiers.isCodePath("barrier..stigma"))
        #expect(
            Identifiers.isLanguageTag("pa-Guru") && Identifiers.isLanguageTag("en-GB")
                && Identifiers.isLanguageTag("ur"))
        #expect(!Identifiers.isLanguageTag("english") && !Identifiers.isLanguageTag("e"))
        #expect(Identifiers.isPersonID("TC-001") && Identifiers.isPersonID("a.b_c"))
        #expect(!Identifiers.isPersonID("TC 001") && !Identifiers.isPersonID(String(repeating: "x", count: 65)))
    }

    @Test func htmlEscapesEverythingActive() {
        #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    @Test func tablesFitAWidthByWrappingTheLastColumnAndCuttingOthers() {
        let table = TextTable(
            columns: [.init("id"), .init("n", .right), .init("name"), .init("text")],
            rows: [["A1", "12", "a rather long name here", "one two three four five six seven eight nine ten"]])
        #expect(table.fitted(to: 200) == table)
        let fitted = table.fitted(to: 40)
        let lines = fitted.rendered().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(fitted.rows[0][1] == "12")
        #expect(fitted.rows.count > 1 && fitted.rows[1][0] == "")
        #expect(fitted.rows.map { $0[3] }.joined(separator: " ") == table.rows[0][3])
        #expect(fitted.rows[0][2].hasSuffix("…"))
        #expect(TextTable.wrap("abcdefghij kl", width: 4) == ["abcd", "efgh", "ij", "kl"])
    }
}
