/// One weekly window when someone can take part: `sat 10:00-13:00`.
public struct WeeklyWindow: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// 0 = Monday ... 6 = Sunday.
    public let day: Int
    /// Minutes after midnight, start inclusive.
    public let start: Int
    /// Minutes after midnight, end exclusive; at most 24:00.
    public let end: Int

    public init(day: Int, start: Int, end: Int) {
        self.day = day
        self.start = start
        self.end = end
    }

    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public var description: String {
        "\(WeeklyWindow.dayNames[day]) \(WeeklyWindow.clock(start))-\(WeeklyWindow.clock(end))"
    }

    static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    public static func < (a: WeeklyWindow, b: WeeklyWindow) -> Bool {
        (a.day, a.start, a.end) < (b.day, b.start, b.end)
    }

    /// Minutes this window shares with `other` (0 when on different days or apart).
    public func overlap(with other: WeeklyWindow) -> Int {
        guard day == other.day else { return 0 }
        return max(0, min(end, other.end) - max(start, other.start))
    }
}

/// A person's weekly availability: `mon 18:00-21:00; sat 10:00-13:00`.
///
/// Grammar (documented in `docs/people.md`):
///
/// ```
/// availability := "" | window ((";" | ",") window)*
/// window       := day " " time "-" time
/// day          := mon | tue | wed | thu | fri | sat | sun   (or the full English name, any case)
/// time         := H:MM or HH:MM, 24-hour, 00:00 to 24:00; the end is after the start
/// ```
///
/// Several windows on one day are allowed; overlapping ones are merged.
public struct Availability: Sendable, Equatable, CustomStringConvertible {
    public let windows: [WeeklyWindow]

    public init(windows: [WeeklyWindow]) {
        self.windows = Availability.merged(windows)
    }

    public static let none = Availability(windows: [])

    /// A problem in an availability text, with the 1-based column where it starts.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let column: Int
        public let message: String
        public var description: String { "column \(column): \(message)" }
    }

    /// Parses the grammar above, or throws the first ``Problem``.
    public static func parse(_ text: String) throws(Problem) -> Availability {
        var windows: [WeeklyWindow] = []
        let scalars = Array(text.unicodeScalars)
        var position = 0
        func skipSpaces() {
            while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" { position += 1 }
        }
        func word() -> (String, Int) {
            skipSpaces()
            let start = position
            while position < scalars.count, !" \t;,-".unicodeScalars.contains(scalars[position]) { position += 1 }
            return (String(String.UnicodeScalarView(scalars[start..<position])), start + 1)
        }
        skipSpaces()
        if position == scalars.count { return .none }
        while true {
            let (dayText, dayColumn) = word()
            guard let day = dayIndex(dayText) else {
                throw Problem(
                    column: dayColumn,
                    message: dayText.isEmpty
                        ? "expected a day (mon..sun)"
                        : "bad day '\(dayText)': expected mon, tue, wed, thu, fri, sat or sun")
            }
            let (startText, startColumn) = word()
            guard let start = minutes(startText), start < 24 * 60 else {
                throw Problem(
                    column: startColumn, message: "bad start time '\(startText)': expected HH:MM from 00:00 to 23:59")
            }
            skipSpaces()
            guard position < scalars.count, scalars[position] == "-" else {
                throw Problem(column: position + 1, message: "expected '-' between the start and end times")
            }
            position += 1
            let (endText, endColumn) = word()
            guard let end = minutes(endText) else {
                throw Problem(
                    column: endColumn, message: "bad end time '\(endText)': expected HH:MM from 00:00 to 24:00")
            }
            guard end > start else {
                throw Problem(column: endColumn, message: "end time \(endText) is not after start time \(startText)")
            }
            windows.append(WeeklyWindow(day: day, start: start, end: end))
            skipSpaces()
            if position == scalars.count { break }
            guard scalars[position] == ";" || scalars[position] == "," else {
                throw Problem(column: position + 1, message: "expected ';' or ',' between windows")
            }
            position += 1
            skipSpaces()
            if position == scalars.count { break }
        }
        return Availability(windows: windows)
    }

    static let fullDayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    static func dayIndex(_ text: String) -> Int? {
        let lower = text.lowercased()
        return WeeklyWindow.dayNames.firstIndex(of: lower) ?? fullDayNames.firstIndex(of: lower)
    }

    /// `H:MM` or `HH:MM` as minutes after midnight, up to 24:00.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), let mins = Int(parts[1]), hours <= 24, mins < 60, hours * 60 + mins <= 24 * 60
        else { return nil }
        return hours * 60 + mins
    }

    private static func merged(_ windows: [WeeklyWindow]) -> [WeeklyWindow] {
        var result: [WeeklyWindow] = []
        for window in windows.sorted() {
            if let last = result.last, last.day == window.day, window.start <= last.end {
                result[result.count - 1] = WeeklyWindow(
                    day: last.day, start: last.start, end: max(last.end, window.end))
            } else {
                result.append(window)
            }
        }
        return result
    }

    /// The canonical text: `mon 18:00-21:00; sat 10:00-13:00`.
    public var description: String { windows.map(\.description).joined(separator: "; ") }

    public var isEmpty: Bool { windows.isEmpty }

    /// Minutes of the week both are free.
    public func sharedMinutes(with other: Availability) -> Int {
        windows.reduce(0) { total, mine in total + other.windows.reduce(0) { $0 + mine.overlap(with: $1) } }
    }

    /// The earliest slot of `minutes` that both can make, in week order, or nil.
    public func firstSharedSlot(with other: Availability, minutes: Int) -> WeeklyWindow? {
        for mine in windows {
            for theirs in other.windows where theirs.day == mine.day {
                let start = max(mine.start, theirs.start)
                if min(mine.end, theirs.end) - start >= minutes {
                    return WeeklyWindow(day: mine.day, start: start, end: start + minutes)
                }
            }
        }
        return nil
    }
}
