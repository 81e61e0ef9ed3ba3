import Foundation

/// The report as an Excel workbook, for the people who act on findings in a spreadsheet.
///
/// Written from the same ``FindingsReport`` as every other format, so it carries the same numbers
/// with the same small-numbers rule and redaction: a suppressed count is the text "fewer than 5"
/// and its percentage, excerpts and transcripts are empty cells; groups under the threshold are
/// pooled or left out exactly as in the HTML; quotes and action text are the redacted ones.
extension FindingsReport {
    public typealias Cell = Workbook.Cell

    /// A count of people as a cell: the number, or the suppressed words as text.
    func peopleCell(_ count: Int) -> Cell {
        options.smallNumbers.suppresses(count) ? .text(options.smallNumbers.fewer) : .integer(count)
    }

    /// A value belonging to a count of people: empty when that count is suppressed.
    func shownWith(_ people: Int, _ cell: Cell) -> Cell { options.smallNumbers.suppresses(people) ? .empty : cell }

    func dateCell(_ text: String?) -> Cell { text.flatMap(CalendarDate.init).map(Cell.date) ?? .optional(text) }

    /// Sheets Summary, Themes, one per `--by` attribute, Quotes, Actions and Outcomes.
    public var workbook: Workbook {
        var book = Workbook()
        let small = options.smallNumbers
        var facts: [[Cell]] = []
        if small.showSmall { facts.append([.text("Warning"), .text(SmallNumbers.banner)]) }
        facts += [
            [.text("Study"), .text(summary.title)],
            [.text("Generated"), dateCell(String(generatedAt.prefix(10)))],
            [.text("Protocol versions"), .text(summary.protocolVersions.joined(separator: ", "))],
            [.text("Interviews"), peopleCell(summary.interviews)],
            [.text("Participants interviewed"), peopleCell(summary.participants)],
            [.text("Participants with a coded transcript (N)"), peopleCell(tally.participantsTotal)],
            [.text("First interview"), dateCell(summary.firstDate)],
            [.text("Last interview"), dateCell(summary.lastDate)],
            [.text("Interviews with a known interviewer"), peopleCell(summary.withInterviewer)],
            [.text("Interviewer shared the participant's language"), peopleCell(summary.sharedLanguage)],
            [.text("Interviewer from the participant's community"), peopleCell(summary.sameCommunity)],
        ]
        for (language, count) in summary.languages {
            facts.append([.text("Interviews in \(language)"), peopleCell(count)])
        }
        for table in published {
            let note = small.note(table)
            if !note.isEmpty { facts.append([.text("By \(table.by)"), .text(note)]) }
        }
        for (number, note) in methods.enumerated() { facts.append([.text("Method \(number + 1)"), .text(note)]) }
        book.add("Summary", header: ["Item", "Value"], rows: facts)

        book.add(
            "Themes", header: ["Theme", "Code", "Kind", "Participants", "Percent", "Excerpts", "Transcripts"],
            rows: themes.map { theme in
                [
                    .text(theme.name), .text(theme.code), .text(theme.kind), peopleCell(theme.participants),
                    shownWith(theme.participants, .number(theme.percent)),
                    shownWith(theme.participants, .integer(theme.excerpts)),
                    shownWith(theme.participants, .integer(theme.transcripts)),
                ]
            })

        for table in published {
            var rows: [[Cell]] = []
            for group in table.groups {
                for theme in themes {
                    let t = group.themes.first { $0.code == theme.code }
                    let people = t?.participants ?? 0
                    rows.append([
                        .text(group.value), peopleCell(group.participantsTotal), .text(theme.name), .text(theme.code),
                        peopleCell(people), shownWith(people, .number(t?.percent ?? 0)),
                    ])
                }
            }
            book.add(
                "By \(table.by)",
                header: ["Group", "Group participants", "Theme", "Code", "Participants", "Percent"], rows: rows)
        }

        let captionKeys = options.attributes ?? options.by.map(PersonFields.normalizedKey)
        var quoteRows: [[Cell]] = []
        for theme in themes {
            for quote in quotes[theme.code] ?? [] {
                let held = Dictionary(quote.attributes, uniquingKeysWith: { first, _ in first })
                quoteRows.append(
                    [.text(theme.name), .text(quote.participant)] + captionKeys.map { .optional(held[$0]) }
                        + [.text(quote.text)])
            }
        }
        book.add("Quotes", header: ["Theme", "Pseudonym"] + captionKeys + ["Quote"], rows: quoteRows)

        book.add(
            "Actions", header: ["Action", "Themes", "We did", "Owner", "Status", "Due", "Done", "Note"],
            rows: actions.map { action in
                [
                    .integer(action.id), .text(action.themes.joined(separator: ", ")), .text(action.change),
                    .optional(action.owner), .text(action.status.rawValue), action.due.map(Cell.date) ?? .empty,
                    action.doneOn.map(Cell.date) ?? .empty, .optional(action.note),
                ]
            })

        var outcomeRows: [[Cell]] = []
        for series in outcomes {
            let analysis = series.analysis
            let baseline = analysis.periods.first
            let rebased = analysis.periods.dropFirst().first
            for (index, point) in series.points.enumerated() {
                let signals = analysis.signals.filter { $0.from <= index && index <= $0.to }
                func limit(_ period: XmR.Period?, _ value: Double?) -> Cell {
                    guard let period, index >= period.from, index <= period.to, let value else { return .empty }
                    return .number(value)
                }
                outcomeRows.append([
                    .text(series.measure), .optional(series.group), .optional(series.unit),
                    .text(series.better.rawValue),
                    .text(point.period), point.date.map(Cell.date) ?? .empty, .number(point.value),
                    point.n.map(Cell.integer) ?? .empty,
                    analysis.limits ? limit(baseline, baseline?.mean) : .empty,
                    limit(baseline, baseline?.lowerLimit), limit(baseline, baseline?.upperLimit),
                    analysis.limits ? .empty : limit(baseline, baseline?.mean),
                    limit(rebased, rebased?.mean), limit(rebased, rebased?.lowerLimit),
                    limit(rebased, rebased?.upperLimit),
                    index == analysis.split ? .text("yes") : .empty,
                    .text(
                        signals.isEmpty
                            ? (analysis.limits ? "common cause" : "")
                            : signals.map { "\($0.rule.rawValue) (\($0.direction.rawValue))" }.joined(separator: ", ")),
                ])
            }
        }
        book.add(
            "Outcomes",
            header: [
                "Measure", "Group", "Unit", "Better", "Period", "Date", "Value", "n", "Mean", "Lower limit",
                "Upper limit", "Median (run chart)", "Rebased mean", "Rebased lower limit", "Rebased upper limit",
                "First after action", "Signal",
            ], rows: outcomeRows)
        return book
    }
}
