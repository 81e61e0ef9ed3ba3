import Foundation

/// A calendar date as the study stores it: `YYYY-MM-DD`, checked to be a real day.
///
/// Read as ISO `YYYY-MM-DD` or as UK `DD/MM/YYYY` (what Excel writes when it re-saves an ISO date
/// on a UK machine; `D/M/YYYY` too). `MM/DD/YYYY` is never guessed: `02/13/2024` has no month 13
/// and is refused, and `01/02/2024` is 1 February. Always written as `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The accepted forms, for messages.
    public static let formats = "YYYY-MM-DD or DD/MM/YYYY"

    /// Nil unless `text` is `YYYY-MM-DD` or `DD/MM/YYYY` naming a day that exists (no 31 February).
    public init?(_ text: String) {
        let isDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        let slashed = text.split(separator: "/", omittingEmptySubsequences: false)
        let parts: (year: Substring, month: Substring, day: Substring)
        if dashed.count == 3, dashed[0].count == 4, dashed[1].count == 2, dashed[2].count == 2 {
            parts = (dashed[0], dashed[1], dashed[2])
        } else if slashed.count == 3, (1...2).contains(slashed[0].count), (1...2).contains(slashed[1].count),
            slashed[2].count == 4
        {
            parts = (slashed[2], slashed[1], slashed[0])
        } else {
            return nil
        }
        guard isDigits(parts.year), isDigits(parts.month), isDigits(parts.day),
            let year = Int(parts.year), let month = Int(parts.month), let day = Int(parts.day),
            (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
