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
        // Bytes, not Characters: a CSV reader splits on the byte, and as Characters a CR LF pair
        // or a comma followed by a combining mark is neither "\n" nor ",", so such a field was
        // written unquoted and split in two.
        let needsQuotes =
            guarded.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || guarded.utf8.first == 0x20 || guarded.utf8.last == 0x20
        guard needsQuotes else { return guarded }
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(guarded.utf8.count + 8)
        for byte in guarded.utf8 {
            quoted.append(byte)
            if byte == 0x22 { quoted.append(0x22) }
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
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
