import Foundation
import Testing

@testable import QualKit

/// ``Workbook``: the SpreadsheetML parts, read back through ``ZipReader`` and ``SafeXML``.
@Suite struct WorkbookTests {
    func entries(_ book: Workbook) throws -> [String: String] {
        let entries = try ZipReader.entries(of: try book.data())
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
    }

    @Test func sheetNamesAreShortLegalAndUnique() {
        #expect(Workbook.sheetName("By [age]: band/*?\\", taken: []) == "By -age-- band----")
        #expect(Workbook.sheetName(String(repeating: "x", count: 40), taken: []).count == 31)
        #expect(Workbook.sheetName("Themes", taken: ["themes"]) == "Themes (2)")
        #expect(Workbook.sheetName("Themes", taken: ["themes", "themes (2)"]) == "Themes (3)")
        let long = String(repeating: "y", count: 31)
        let second = Workbook.sheetName(long, taken: [long])
        #expect(second.count == 31 && second.hasSuffix(" (2)"))
        #expect(Workbook.sheetName("'", taken: []) == "Sheet")
        #expect(Workbook.sheetName("History", taken: []) == "History (2)")
        var book = Workbook()
        #expect(book.add("Quotes", header: [], rows: []) == "Quotes")
        #expect(book.add("QUOTES", header: [], rows: []) == "QUOTES (2)")
    }

    @Test func columnLettersAndDateSerials() {
        #expect(Workbook.column(0) == "A" && Workbook.column(25) == "Z")
        #expect(Workbook.column(26) == "AA" && Workbook.column(701) == "ZZ" && Workbook.column(702) == "AAA")
        // Excel's serials: 1899-12-31 is 1; 1900-03-01 is 61 (after Excel's phantom 1900-02-29);
        // 2023-01-01 is 44927, and 2023-06-01 is 151 days later.
        #expect(Workbook.serial(CalendarDate("1899-12-31")!) == 1)
        #expect(Workbook.serial(CalendarDate("1900-03-01")!) == 61)
        #expect(Workbook.serial(CalendarDate("2023-01-01")!) == 44927)
        #expect(Workbook.serial(CalendarDate("2023-06-01")!) == 45078)
    }

    @Test func partsAreWellFormedAndCellsTyped() throws {
        var book = Workbook()
        book.add(
            "Themes", header: ["Theme", "Participants", "Done"],
            rows: [
                [.text("=HYPERLINK(\"http://x\") & <b>"), .integer(12), .date(CalendarDate("2023-06-01")!)],
                [.text("Cost"), .text("fewer than 5"), .empty],
            ])
        let parts = try entries(book)
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
            ])
        for (path, xml) in parts { _ = try SafeXML.parse(Data(xml.utf8), document: path) }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\""))
        // A number is a number, a date a serial with the date style, text a shared string.
        #expect(sheet.contains("<c r=\"B2\"><v>12.0</v></c>"))
        #expect(sheet.contains("<c r=\"C2\" s=\"2\"><v>45078</v></c>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>"))
        #expect(sheet.contains("<c r=\"B3\" t=\"s\">"))
        #expect(!sheet.contains("r=\"C3\""))
        // No formula, ever: text starting with = is a shared string.
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        let strings = try #require(parts["xl/sharedStrings.xml"])
        #expect(strings.contains("=HYPERLINK(\"http://x\") &amp; &lt;b&gt;"))
        let styles = try #require(parts["xl/styles.xml"])
        #expect(styles.contains("formatCode=\"yyyy-mm-dd\"") && styles.contains("<b/>"))
        let workbook = try #require(parts["xl/workbook.xml"])
        #expect(workbook.contains("<sheet name=\"Themes\" sheetId=\"1\" r:id=\"rId1\"/>"))
        let types = try #require(parts["[Content_Types].xml"])
        #expect(types.contains("PartName=\"/xl/worksheets/sheet1.xml\""))
    }

    @Test func widthsFollowTheLongestValue() throws {
        var book = Workbook()
        book.add("S", header: ["A", "Quote"], rows: [[.integer(1), .text(String(repeating: "w", count: 200))]])
        let sheet = try #require(try entries(book)["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"8.0\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<col min=\"2\" max=\"2\" width=\"60.0\" customWidth=\"1\"/>"))
        // Text wider than the column wraps.
        #expect(sheet.contains("<c r=\"B2\" s=\"3\" t=\"s\">"))
    }
}
