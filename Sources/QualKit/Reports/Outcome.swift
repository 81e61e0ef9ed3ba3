/// One value of an outcome measure for one period (completion rate in 2023-Q1, ...).
public struct Outcome: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable {
        case percent = "%"
        case count, rate
    }

    /// The values an outcome may take: any rate, percentage or count a service reports, and far
    /// enough from `Double`'s limits that a chart's scale (a difference of two values) stays finite.
    public static let valueRange: ClosedRange<Double> = -1e12...1e12

    /// What a value outside ``valueRange`` (or not finite) is told.
    public static let rangeProblem = "out of range: expected a number from -1e12 to 1e12"

    public var id: Int
    public var measure: String
    public var period: String
    public var value: Double
    public var n: Int?
    public var group: String?
    public var unit: Unit?
    public var date: CalendarDate?
    /// The action this outcome is read against (before and after its done date).
    public var action: Int?
    /// Whether a higher or a lower value is better (nil: not said, read as neither).
    public var better: XmR.Better?

    public init(
        id: Int, measure: String, period: String, value: Double, n: Int? = nil, group: String? = nil,
        unit: Unit? = nil, date: CalendarDate? = nil, action: Int? = nil, better: XmR.Better? = nil
    ) {
        self.better = better
        self.id = id
        self.measure = measure
        self.period = period
        self.value = value
        self.n = n
        self.group = group
        self.unit = unit
        self.date = date
        self.action = action
    }
}
