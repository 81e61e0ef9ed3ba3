import Foundation
import Testing

@testable import QualKit

/// RFC 4180 reading with the quirks real exports have.
@Suite struct CSVReaderTests {
    func read(_ text: String) throws -> [CSVRecord] {
        try CSVReader(text: text, file: "t.csv").readAll()
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let records = try read("id,note\nTC-1,\"a, b\"\nTC-2,\"she said \"\"no\"\"\"\nTC-3,\"two\nlines\"\nTC-4,last\n")
        #expect(
            records.map(\.fields) == [
                ["id", "note"], ["TC-1", "a, b"], ["TC-2", "she said \"no\""], ["TC-3", "two\nlines"],
                ["TC-4", "last"],
            ])
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func crlfBomBlankLinesAndNoFinalNewline() throws {
        let text = "\u{FEFF}id,x\r\n\r\nA,1\r\nB,\"q\r\nr\"\r\nC,"
        let records = try read(text)
        #expect(records.map(\.fields) == [["id", "x"], ["A", "1"], ["B", "q\nr"], ["C", ""]])
        #expect(records.map(\.line) == [1, 3, 4, 6])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        #expect(try read("a,,c,\n").first?.fields == ["a", "", "c", ""])
        #expect(try read("\"\"\n").first?.fields == [""])
    }

    @Test func unterminatedQuoteNamesWhereItOpened() throws {
        do {
            _ = try read("id,x\nA,\"never closed\nB,2\n")
            Issue.record("expected an error")
        } catch let error as InvalidInput {
            #expect(
                error.description
                    == "t.csv:2:3: a quoted field is never closed: add the closing quote (read as UTF-8, comma-separated)"
            )
        }
    }

    @Test func strayQuotesAreLocated() throws {
        #expect(throws: InvalidInput.self) { try read("id,x\nA,ab\"c\n") }
        do {
            _ = try read("id,x\nA,\"ab\"c\n")
        } catch let error as InvalidInput {
            #expect(
                error.description
                    == "t.csv:2:7: text after a closing quote: expected a separator or the end of the line (read as UTF-8, comma-separated)"
            )
        }
    }

    @Test func invalidUTF8IsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).csv")
        try Data([0x69, 0x64, 0x0A, 0x41, 0xFF, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: InvalidInput.self) { try CSVReader(path: url.path).readAll() }
    }

    @Test func utf16FilesAreDecoded() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("u16-\(UUID()).csv")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "id,é\r\nA,1\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try CSVReader(path: url.path).readAll().map(\.fields) == [["id", "é"], ["A", "1"]])
    }

    @Test func streamsAcrossBlockBoundaries() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID()).csv")
        var text = "id,text\n"
        for n in 0..<40_000 { text += "P\(n),\"some, quoted \"\"text\"\" number \(n)\"\n" }
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path)
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(count == 40_001)
        #expect(last?.fields == ["P39999", "some, quoted \"text\" number 39999"])
        #expect(last?.line == 40_001)
    }

    @Test func writerOutputReadsBack() throws {
        let rows = [["a,b", "c\"d", "line\nbreak", "=1+1", "plain"]]
        let text = CSVWriter.document(header: ["1", "2", "3", "4", "5"], rows: rows)
        #expect(try read(text).last?.fields == ["a,b", "c\"d", "line\nbreak", "'=1+1", "plain"])
    }
}
