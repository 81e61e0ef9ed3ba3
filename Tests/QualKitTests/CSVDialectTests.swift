import Foundation
import Testing

@testable import QualKit

/// Separators and encodings as Excel writes them, sniffed from the header row.
@Suite struct CSVDialectTests {
    func reader(_ bytes: [UInt8]) throws -> CSVReader {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dialect-\(UUID()).csv").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return try CSVReader(path: path)
    }

    @Test func separatorIsSniffedFromTheHeaderRow() throws {
        let semicolon = CSVReader(text: "id;note;\"a;b\"\nTC-1;\"x, y\";2\n", file: "t")
        #expect(try semicolon.readAll().map(\.fields) == [["id", "note", "a;b"], ["TC-1", "x, y", "2"]])
        #expect(semicolon.dialect == "UTF-8, semicolon-separated")
        let tab = CSVReader(text: "id\tnote\nTC-1\ta, b; c\n", file: "t")
        #expect(try tab.readAll().map(\.fields) == [["id", "note"], ["TC-1", "a, b; c"]])
        #expect(tab.separatorName == "tab")
        // One column, or a tie: comma.
        #expect(CSVReader(text: "id\nTC-1\n", file: "t").separatorName == "comma")
        #expect(CSVReader(text: "a,b;c\n", file: "t").separatorName == "comma")
        // Separators inside a quoted header name do not count.
        #expect(CSVReader(text: "\"a;b;c\",d\n", file: "t").separatorName == "comma")
    }

    @Test func encodingsAreReportedAsFound() throws {
        let bom = try reader([0xEF, 0xBB, 0xBF] + Array("id;x\r\nA;é\r\n".utf8))
        #expect(try bom.readAll().map(\.fields) == [["id", "x"], ["A", "é"]])
        #expect(bom.dialect == "UTF-8 with BOM, semicolon-separated")
        var big: [UInt8] = [0xFE, 0xFF]
        for unit in "id\tx\nA\tñ\n".utf16 { big += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let utf16 = try reader(big)
        #expect(try utf16.readAll().map(\.fields) == [["id", "x"], ["A", "ñ"]])
        #expect(utf16.dialect == "UTF-16 BE with BOM, tab-separated")
        let bad = try reader(Array("id,x\nA,".utf8) + [0xE9, 0x0A])
        #expect(throws: InvalidInput.self) { try bad.readAll() }
        do {
            _ = try reader(Array("id,x\nA,".utf8) + [0xE9, 0x0A]).readAll()
        } catch let error as InvalidInput {
            #expect(error.description.contains("(read as UTF-8, comma-separated)"))
        }
    }

    @Test func datesAreISOOrUK() {
        #expect(CalendarDate("2024-02-01")?.description == "2024-02-01")
        #expect(CalendarDate("01/02/2024")?.description == "2024-02-01")
        #expect(CalendarDate("31/12/2024")?.description == "2024-12-31")
        #expect(CalendarDate("31/02/2024") == nil)
        #expect(CalendarDate("12/31/2024") == nil)
        #expect(CalendarDate("01/02/24") == nil)
        #expect(CalendarDate("2024/02/01") == nil)
        #expect(CalendarDate("01-02-2024") == nil)
        #expect(CalendarDate("/02/2024") == nil)
    }
}

@Suite struct ReachFileDialectTests {
    /// Population and target figures saved by Excel as "Unicode text": UTF-16 LE with a BOM, tabs.
    @Test func figuresAreReadFromUTF16WithABOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "# illustrative; invented\r\nattribute\tvalue\tcount\r\nhousehold\tmulti\t12\r\n".utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("population-\(UUID()).csv").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let population = try ReachFiles.population(text: ReachFiles.read(path), file: path)
        #expect(population.entries.map { "\($0.attribute)=\($0.value):\($0.count ?? -1)" } == ["household=multi:12"])
        let broken = path + "-utf8"
        FileManager.default.createFile(atPath: broken, contents: Data(Array("attribute,value,count\nx,".utf8) + [0xE9]))
        defer { try? FileManager.default.removeItem(atPath: broken) }
        #expect(throws: InvalidInput.self) { try ReachFiles.read(broken) }
    }
}

@Suite struct CSVCommentSniffTests {
    @Test func leadingCommentLinesDoNotDecideTheSeparator() {
        let bytes = Array("# invented figures; do not cite; really\nattribute,value,count\n".utf8)
        #expect(CSVReader.sniffSeparator(bytes) == UInt8(ascii: ","))
        let bom = [0xEF, 0xBB, 0xBF] + Array("# a;b;c\nx;y\n".utf8)
        #expect(CSVReader.sniffSeparator(bom) == UInt8(ascii: ";"))
    }
}
