/// Writes RFC 4180 CSV, guarded against spreadsheet formula injection.
///
/// A cell that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage
/// return) is prefixed with `'`, as OWASP advises for CSV that will be opened in Excel. Plain
/// numbers such as `-0.25` are left as they are: they cannot run anything and analysts need them.
public enum CSVWriter {
    /// One CSV document: a header row, then the rows; lines end with `\n`.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// One CSV record with its line ending.
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\n"
    }

    /// One cell, guarded and quoted as needed.
    public static func field(_ value: String) -> String {
        let guarded = guardFormula(value)
        let needsQuotes =
            guarded.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || guarded.hasPrefix(" ") || guarded.hasSuffix(" ")
        guard needsQuotes else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `value` with a leading `'` if a spreadsheet would treat it as a formula.
    public static func guardFormula(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "-", "@", "\t", "\r":
            if first == "-" && isPlainNumber(value) { return value }
            return "'" + value
        default:
            return value
        }
    }

    private static func isPlainNumber(_ value: String) -> Bool {
        var body = Substring(value)
        if body.first == "-" { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        var seenDot = false
        for character in body {
            if character == "." && !seenDot { seenDot = true; continue }
            guard character.isASCII, character.isNumber else { return false }
        }
        return true
    }
}
