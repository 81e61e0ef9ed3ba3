import Testing

@testable import QualKit

/// The byte writer of `codings export` gives exactly the text of ``CSVWriter`` and ``JSON`` on
/// the awkward cases: formula characters, quotes, CRLF, commas joined to combining marks.
@Suite struct ExportBytesTests {
    static let awkward: [String] = [
        "", "plain", "a,b", ",", ",a", "a,", "a\nb", "a\r\nb", "a\rb", "say \"no\"", "\"", " lead", "trail ",
        "=SUM(A1)", "+44", "-5", "-5.5", "-x", "@home", "\tx", "\rx", ",\u{301}", "a,\u{301}b", "a,\u{301},b",
        "\u{301},", "é,b", "x,é", "\u{600},", "Zoë, again", "“quoted”, yes", "line\u{2028}sep\u{2029}",
        "nul\u{1}ctl\u{1F}",
        "back\\slash", "tab\there", "\u{8}\u{C}", "emoji 😀,x", "👩‍👩‍👧", "🇬🇧,", "a\n", "\n", "a\u{85}b", "\u{7F}",
    ]

    @Test func csvFieldsAreCSVWriters() {
        for text in Self.awkward {
            var chunk = CodingExport.ByteChunk { _ in }
            Array(text.utf8).withUnsafeBufferPointer { chunk.csvField($0) }
            #expect(String(decoding: chunk.bytes, as: UTF8.self) == CSVWriter.field(text), "\(text.debugDescription)")
            #expect(chunk.bytes.elementsEqual(CSVWriter.field(text).utf8), "\(text.debugDescription)")
        }
    }

    @Test func jsonStringsAreJSONs() {
        for text in Self.awkward {
            var chunk = CodingExport.ByteChunk { _ in }
            Array(text.utf8).withUnsafeBufferPointer { chunk.jsonString($0) }
            #expect(chunk.bytes.elementsEqual(JSON.string(text).serialized().utf8), "\(text.debugDescription)")
        }
    }

    @Test func integersAreStrings() {
        for value in [0, 7, 10, 99, 12345, -1, -10, Int.max, Int.min] {
            var chunk = CodingExport.ByteChunk { _ in }
            chunk.int(value)
            #expect(String(decoding: chunk.bytes, as: UTF8.self) == String(value))
        }
    }
}
