import Foundation

/// An Office Open XML spreadsheet (.xlsx) written with the toolchain only: a zip (``ZipWriter``) of
/// SpreadsheetML parts (ECMA-376 Part 1, §18).
///
/// Each sheet is a table: one bold header row, frozen so it stays in view, then rows of typed
/// cells. Numbers are written as numbers, dates as date serials with a date format, text as shared
/// strings; no formulas are ever written, so a cell can never compute anything when opened (text
/// starting with `=` stays text). Column widths are set from the longest value in each column.
///
/// ```swift
/// var book = Workbook()
/// book.add("Themes", header: ["Theme", "Participants"], rows: [[.text("Cost"), .number(12)]])
/// try book.write(to: "findings.xlsx")
/// ```
public struct Workbook: Sendable {
    /// One cell's value.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case date(CalendarDate)
        case empty

        /// An integer as a number cell.
        public static func integer(_ value: Int) -> Cell { .number(Double(value)) }
        /// Text, or an empty cell for nil.
        public static func optional(_ value: String?) -> Cell { value.map(Cell.text) ?? .empty }
    }

    public struct Sheet: Sendable, Equatable {
        /// The name shown on the tab: at most 31 characters, none of `[]:*?/\`, unique in the book.
        public let name: String
        public let header: [String]
        public let rows: [[Cell]]
    }

    public private(set) var sheets: [Sheet] = []

    /// Excel's limit on a sheet name's length.
    public static let nameLimit = 31
    /// Characters a sheet name may not hold.
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    public init() {}

    /// Adds a sheet and returns the name it was given (see ``sheetName(_:taken:)``).
    @discardableResult
    public mutating func add(_ name: String, header: [String], rows: [[Cell]]) -> String {
        let safe = Self.sheetName(name, taken: Set(sheets.map { $0.name.lowercased() }))
        sheets.append(Sheet(name: safe, header: header, rows: rows))
        return safe
    }

    /// A sheet name Excel accepts: forbidden characters replaced by `-`, no leading or trailing
    /// apostrophe, at most 31 characters, not blank, and unique among `taken` (lower-cased names;
    /// Excel compares them ignoring case) by a " (2)" suffix.
    public static func sheetName(_ proposed: String, taken: Set<String>) -> String {
        var name = String(
            proposed.map { forbidden.contains($0) || $0.isNewline || $0 == "\t" ? "-" : $0 }
        ).trimmingSpaces()
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty { name = "Sheet" }
        name = String(name.prefix(nameLimit))
        var candidate = name
        var number = 2
        while taken.contains(candidate.lowercased()) || candidate.lowercased() == "history" {
            let suffix = " (\(number))"
            candidate = String(name.prefix(nameLimit - suffix.count)) + suffix
            number += 1
        }
        return candidate
    }

    /// The column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var index = index + 1
        var letters = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            index = (index - 1) / 26
        }
        return letters
    }

    /// Days since 1899-12-30, the serial Excel (1900 date system) stores a date as.
    static func serial(_ date: CalendarDate) -> Int {
        // Days from the civil date, by Howard Hinnant's days_from_civil, relative to 1970-01-01.
        func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
            let year = m <= 2 ? y - 1 : y
            let era = (year >= 0 ? year : year - 399) / 400
            let yoe = year - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146097 + doe - 719468
        }
        return days(date.year, date.month, date.day) - days(1899, 12, 30)
    }

    /// The style index of each kind of cell, as listed in ``styles``.
    enum Style: Int {
        case plain = 0, header, date, wrapped
    }

    /// The parts of the package, in the order they are zipped: (path, XML).
    public var parts: [(String, String)] {
        var strings: [String] = []
        var index: [String: Int] = [:]
        func shared(_ text: String) -> Int {
            if let known = index[text] { return known }
            index[text] = strings.count
            strings.append(text)
            return strings.count - 1
        }
        var result: [(String, String)] = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelationships)]
        result.append(("xl/workbook.xml", workbookXML))
        result.append(("xl/_rels/workbook.xml.rels", workbookRelationships))
        result.append(("xl/styles.xml", Self.styles))
        for (number, sheet) in sheets.enumerated() {
            result.append(("xl/worksheets/sheet\(number + 1).xml", sheetXML(sheet, shared: shared)))
        }
        var writer = XMLWriter()
        writer.start(
            "sst", [("xmlns", Self.main), ("count", String(strings.count)), ("uniqueCount", String(strings.count))])
        for text in strings {
            writer.start("si")
            writer.element("t", text, [("xml:space", "preserve")])
            writer.end()
        }
        writer.end()
        result.append(("xl/sharedStrings.xml", writer.text))
        return result
    }

    /// The workbook's bytes: the parts zipped, deflated.
    public func data() throws -> Data {
        var zip = ZipWriter()
        for (path, xml) in parts { try zip.add(path, Data(xml.utf8)) }
        return zip.data
    }

    /// Writes the workbook to `path` whole or not at all, mode 0600 (see ``OutputFile``).
    public func write(to path: String, replacing: Bool = true) throws {
        try OutputFile.write(try data(), to: path, replacing: replacing)
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    var contentTypes: String {
        var writer = XMLWriter()
        writer.start("Types", [("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")])
        writer.start(
            "Default",
            [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")],
            empty: true)
        writer.start("Default", [("Extension", "xml"), ("ContentType", "application/xml")], empty: true)
        let spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var overrides = [
            ("/xl/workbook.xml", "\(spreadsheet).sheet.main+xml"),
            ("/xl/styles.xml", "\(spreadsheet).styles+xml"),
            ("/xl/sharedStrings.xml", "\(spreadsheet).sharedStrings+xml"),
        ]
        for number in sheets.indices {
            overrides.append(("/xl/worksheets/sheet\(number + 1).xml", "\(spreadsheet).worksheet+xml"))
        }
        for (part, type) in overrides {
            writer.start("Override", [("PartName", part), ("ContentType", type)], empty: true)
        }
        writer.end()
        return writer.text
    }

    var rootRelationships: String {
        var writer = XMLWriter()
        writer.start("Relationships", [("xmlns", Self.packageRelationships)])
        writer.start(
            "Relationship",
            [("Id", "rId1"), ("Type", "\(Self.officeRelationships)/officeDocument"), ("Target", "xl/workbook.xml")],
            empty: true)
        writer.end()
        return writer.text
    }

    var workbookXML: String {
        var writer = XMLWriter()
        writer.start("workbook", [("xmlns", Self.main), ("xmlns:r", Self.officeRelationships)])
        writer.start("sheets")
        for (number, sheet) in sheets.enumerated() {
            writer.start(
                "sheet", [("name", sheet.name), ("sheetId", String(number + 1)), ("r:id", "rId\(number + 1)")],
                empty: true)
        }
        writer.end()
        writer.end()
        return writer.text
    }

    var workbookRelationships: String {
        var writer = XMLWriter()
        writer.start("Relationships", [("xmlns", Self.packageRelationships)])
        for number in sheets.indices {
            writer.start(
                "Relationship",
                [
                    ("Id", "rId\(number + 1)"), ("Type", "\(Self.officeRelationships)/worksheet"),
                    ("Target", "worksheets/sheet\(number + 1).xml"),
                ], empty: true)
        }
        let next = sheets.count + 1
        for (offset, (type, target)) in [("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml")].enumerated()
        {
            writer.start(
                "Relationship",
                [("Id", "rId\(next + offset)"), ("Type", "\(Self.officeRelationships)/\(type)"), ("Target", target)],
                empty: true)
        }
        writer.end()
        return writer.text
    }

    /// Fonts (regular, bold), a `yyyy-mm-dd` date format, and the cell formats of ``Style``.
    static let styles: String = {
        var writer = XMLWriter()
        writer.start("styleSheet", [("xmlns", main)])
        writer.start("numFmts", [("count", "1")])
        writer.start("numFmt", [("numFmtId", "164"), ("formatCode", "yyyy-mm-dd")], empty: true)
        writer.end()
        writer.start("fonts", [("count", "2")])
        for bold in [false, true] {
            writer.start("font")
            if bold { writer.start("b", empty: true) }
            writer.start("sz", [("val", "11")], empty: true)
            writer.start("name", [("val", "Calibri")], empty: true)
            writer.end()
        }
        writer.end()
        writer.start("fills", [("count", "2")])
        for pattern in ["none", "gray125"] {
            writer.start("fill")
            writer.start("patternFill", [("patternType", pattern)], empty: true)
            writer.end()
        }
        writer.end()
        writer.start("borders", [("count", "1")])
        writer.start("border")
        for side in ["left", "right", "top", "bottom", "diagonal"] { writer.start(side, empty: true) }
        writer.end()
        writer.end()
        writer.start("cellStyleXfs", [("count", "1")])
        writer.start("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0")], empty: true)
        writer.end()
        writer.start("cellXfs", [("count", "4")])
        // Style.plain, .header, .date, .wrapped, in that order.
        writer.start(
            "xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0")], empty: true)
        writer.start(
            "xf",
            [
                ("numFmtId", "0"), ("fontId", "1"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"),
                ("applyFont", "1"),
            ],
            empty: true)
        writer.start(
            "xf",
            [
                ("numFmtId", "164"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"),
                ("applyNumberFormat", "1"),
            ], empty: true)
        writer.start(
            "xf",
            [
                ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"),
                ("applyAlignment", "1"),
            ])
        writer.start("alignment", [("wrapText", "1"), ("vertical", "top")], empty: true)
        writer.end()
        writer.end()
        writer.start("cellStyles", [("count", "1")])
        writer.start("cellStyle", [("name", "Normal"), ("xfId", "0"), ("builtinId", "0")], empty: true)
        writer.end()
        writer.end()
        return writer.text
    }()

    /// The longest text a column shows, in characters, as Excel measures widths; long text wraps.
    static let widest = 60.0

    /// A column's width: its longest value (or header), between 8 and ``widest`` characters.
    static func width(_ texts: [String]) -> Double {
        let longest = texts.map { $0.split(separator: "\n").map(\.count).max() ?? 0 }.max() ?? 0
        return min(max(Double(longest) + 2, 8), widest)
    }

    static func display(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .number(let value): JSON.format(value)
        case .date: "yyyy-mm-dd"
        case .empty: ""
        }
    }

    func sheetXML(_ sheet: Sheet, shared: (String) -> Int) -> String {
        let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let widths = (0..<columns).map { column in
            Self.width(
                [column < sheet.header.count ? sheet.header[column] : ""]
                    + sheet.rows.map { column < $0.count ? Self.display($0[column]) : "" })
        }
        var writer = XMLWriter()
        writer.start("worksheet", [("xmlns", Self.main), ("xmlns:r", Self.officeRelationships)])
        let lastRow = sheet.rows.count + 1
        writer.start(
            "dimension", [("ref", columns == 0 ? "A1" : "A1:\(Self.column(columns - 1))\(lastRow)")], empty: true)
        writer.start("sheetViews")
        writer.start("sheetView", [("workbookViewId", "0")])
        // The header row stays in view as the rows scroll.
        writer.start(
            "pane", [("ySplit", "1"), ("topLeftCell", "A2"), ("activePane", "bottomLeft"), ("state", "frozen")],
            empty: true)
        writer.start("selection", [("pane", "bottomLeft"), ("activeCell", "A2"), ("sqref", "A2")], empty: true)
        writer.end()
        writer.end()
        writer.start("sheetFormatPr", [("defaultRowHeight", "15")], empty: true)
        if columns > 0 {
            writer.start("cols")
            for (index, width) in widths.enumerated() {
                writer.start(
                    "col",
                    [
                        ("min", String(index + 1)), ("max", String(index + 1)), ("width", JSON.format(width)),
                        ("customWidth", "1"),
                    ], empty: true)
            }
            writer.end()
        }
        writer.start("sheetData")
        let rows = [sheet.header.map(Cell.text)] + sheet.rows
        for (rowIndex, row) in rows.enumerated() {
            let number = rowIndex + 1
            writer.start("row", [("r", String(number))])
            for (column, cell) in row.enumerated() {
                let reference = "\(Self.column(column))\(number)"
                switch cell {
                case .empty: continue
                case .text(let text):
                    let style: Style =
                        rowIndex == 0
                        ? .header : (text.count > Int(Self.widest) || text.contains("\n") ? .wrapped : .plain)
                    writer.element(
                        "c", markup: "<v>\(shared(text))</v>",
                        [("r", reference), ("s", style == .plain ? nil : String(style.rawValue)), ("t", "s")])
                case .number(let value):
                    // A value JSON cannot write (not finite) is left empty rather than written as text.
                    guard value.isFinite else { continue }
                    writer.element("c", markup: "<v>\(JSON.format(value))</v>", [("r", reference)])
                case .date(let date):
                    writer.element(
                        "c", markup: "<v>\(Self.serial(date))</v>",
                        [("r", reference), ("s", String(Style.date.rawValue))])
                }
            }
            writer.end()
        }
        writer.end()
        writer.start(
            "pageMargins",
            [
                ("left", "0.7"), ("right", "0.7"), ("top", "0.75"), ("bottom", "0.75"), ("header", "0.3"),
                ("footer", "0.3"),
            ],
            empty: true)
        writer.end()
        return writer.text
    }
}
