/// A service change that answers one or more barrier themes: "you said, we did".
public struct ServiceAction: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case planned
        case inProgress = "in-progress"
        case done, dropped
    }

    public var id: Int
    public var themes: [String]
    public var change: String
    public var owner: String?
    public var due: CalendarDate?
    public var status: Status
    public var doneOn: CalendarDate?
    public var note: String?
}
