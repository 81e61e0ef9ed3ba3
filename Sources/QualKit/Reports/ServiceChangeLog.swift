import Foundation

/// Recording actions and outcomes, and keeping the redaction list: each call one transaction.
public struct ServiceChangeLog {
    let study: Study
    let store: FindingsStore

    public init(_ study: Study) {
        self.study = study
        self.store = FindingsStore(study)
    }

    /// Fields of an action a command sets; nil leaves a field as it is.
    public struct ActionChanges: Sendable {
        public var themes: [String]?
        public var change: String?
        public var owner: String?
        public var due: CalendarDate?
        public var status: ServiceAction.Status?
        public var doneOn: CalendarDate?
        public var note: String?
        public init(
            themes: [String]? = nil, change: String? = nil, owner: String? = nil, due: CalendarDate? = nil,
            status: ServiceAction.Status? = nil, doneOn: CalendarDate? = nil, note: String? = nil
        ) {
            self.themes = themes
            self.change = change
            self.owner = owner
            self.due = due
            self.status = status
            self.doneOn = doneOn
            self.note = note
        }
    }

    private func apply(_ changes: ActionChanges, to action: inout ServiceAction) throws {
        if let themes = changes.themes {
            let known = try CodeStore(study).paths()
            for theme in themes where !known.contains(theme) {
                throw CodingError.unknownCode(Unknown(theme, among: known))
            }
            action.themes = themes
        }
        if let change = changes.change { action.change = change }
        if let owner = changes.owner { action.owner = owner }
        if let due = changes.due { action.due = due }
        if let status = changes.status { action.status = status }
        if let doneOn = changes.doneOn { action.doneOn = doneOn }
        if let note = changes.note { action.note = note }
        // Before/after comparisons need the date a change took effect.
        if action.status == .done && action.doneOn == nil { action.doneOn = CalendarDate(Clock.today()) }
    }

    public func addAction(_ changes: ActionChanges) throws -> ServiceAction {
        var action = ServiceAction(id: 0, themes: [], change: "", status: .planned)
        try apply(changes, to: &action)
        guard !action.themes.isEmpty else {
            throw FindingsError.actionWithoutTheme
        }
        return try study.db.transaction {
            action.id = try store.insert(action)
            return action
        }
    }

    public func updateAction(_ id: Int, _ changes: ActionChanges) throws -> ServiceAction {
        var action = try store.action(id)
        try apply(changes, to: &action)
        try study.db.transaction { try store.update(action) }
        return action
    }

    public func addOutcome(_ outcome: Outcome) throws {
        guard Outcome.valueRange.contains(outcome.value) else {
            throw FindingsError.outcomeOutOfRange(outcome.value)
        }
        if let action = outcome.action { _ = try store.action(action) }
        try study.db.transaction { try store.insert(outcome) }
    }

    /// `outcome import FILE.csv`: columns measure, period, value and optionally n, group, unit, date, action, better.
    public func importOutcomes(path: String) throws -> Int {
        let csv = try HeadedCSV(path: path, expected: "a header row with measure, period and value columns")
        let columns = csv.columns
        let known = ["measure", "period", "value", "n", "group", "unit", "date", "action", "better"]
        var problems = csv.unknownColumns(known)
        for column in ["measure", "period", "value"] where !columns.contains(column) {
            problems.append(csv.headerProblem("no '\(column)' column"))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        let actions = Set(try store.actions().map(\.id))
        var outcomes: [Outcome] = []
        while let record = try csv.next({ problems.append($0) }) {
            var fields: [String: String] = [:]
            for (index, column) in columns.enumerated() {
                fields[column] = record.fields[index].trimmingSpaces()
            }
            func bad(_ message: String) { problems.append(Diagnostic(file: path, line: record.line, message)) }
            guard let measure = fields["measure"], !measure.isEmpty, let period = fields["period"], !period.isEmpty
            else {
                bad("measure and period are required")
                continue
            }
            guard let value = Double(fields["value"] ?? ""), !value.isNaN else {
                bad("bad value '\(fields["value"] ?? "")': expected a number"); continue
            }
            guard Outcome.valueRange.contains(value) else {
                bad("value '\(fields["value"] ?? "")' is \(Outcome.rangeProblem)"); continue
            }
            let nText = fields["n"] ?? ""
            let n = Int(nText)
            if !nText.isEmpty && (n == nil || n! < 0) { bad("bad n '\(nText)': expected a whole number"); continue }
            let unitText = fields["unit"] ?? ""
            let unit = Outcome.Unit(rawValue: unitText)
            if !unitText.isEmpty && unit == nil { bad("bad unit '\(unitText)': expected %, count or rate"); continue }
            let dateText = fields["date"] ?? ""
            let date = CalendarDate(dateText)
            if !dateText.isEmpty && date == nil {
                bad("bad date '\(dateText)': expected \(CalendarDate.formats)"); continue
            }
            let actionText = fields["action"] ?? ""
            let action = Int(actionText)
            if !actionText.isEmpty && (action == nil || !actions.contains(action!)) {
                bad("unknown action '\(actionText)'"); continue
            }
            let betterText = fields["better"] ?? ""
            let better = XmR.Better(rawValue: betterText)
            if !betterText.isEmpty && better == nil {
                bad("bad better '\(betterText)': expected higher, lower or neither"); continue
            }
            outcomes.append(
                Outcome(
                    id: 0, measure: measure, period: period, value: value, n: n,
                    group: (fields["group"] ?? "").isEmpty ? nil : fields["group"], unit: unit, date: date,
                    action: action, better: better))
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        try study.db.transaction { for outcome in outcomes { try store.insert(outcome) } }
        return outcomes.count
    }
}
