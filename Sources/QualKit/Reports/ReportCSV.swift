/// The report as CSV: one table per file (`--out` a folder), each guarded against formula injection.
extension FindingsReport {
    /// (file name, CSV text) for every table.
    public var csvFiles: [(String, String)] {
        var files: [(String, String)] = []
        if options.smallNumbers.showSmall {
            files.append(("NOT-FOR-PUBLICATION.txt", SmallNumbers.banner + "\n"))
        }
        let small = options.smallNumbers
        func cells(_ theme: Tally.Theme) -> [String] {
            let hidden = small.suppresses(theme.participants)
            return [
                small.count(theme.participants), hidden ? "" : String(format: "%.1f", theme.percent),
            ]
        }
        files.append(
            (
                "themes.csv",
                CSVWriter.document(
                    header: ["code", "kind", "name", "excerpts", "participants", "percent", "transcripts"],
                    rows: themes.map { theme in
                        let hidden = small.suppresses(theme.participants)
                        return [theme.code, theme.kind, theme.name, hidden ? "" : String(theme.excerpts)] + cells(theme)
                            + [hidden ? "" : String(theme.transcripts)]
                    })
            ))
        for table in published {
            var rows: [[String]] = []
            for group in table.groups {
                for theme in group.themes.sorted(by: { $0.code < $1.code }) {
                    rows.append(
                        [
                            table.by, group.value, small.count(group.participantsTotal), group.small ? "yes" : "no",
                            theme.code,
                        ]
                            + cells(theme))
                }
            }
            files.append(
                (
                    "by-\(table.by).csv",
                    CSVWriter.document(
                        header: ["by", "value", "participants_total", "small", "code", "participants", "percent"],
                        rows: rows)
                ))
        }
        files.append(
            (
                "quotes.csv",
                CSVWriter.document(
                    header: ["code", "participant", "attribution", "text"],
                    rows: themes.flatMap { quotes[$0.code] ?? [] }.map {
                        [$0.code, $0.participant, $0.attribution, $0.text]
                    })
            ))
        let action = FindingsViews.action
        files.append(("actions.csv", CSVWriter.document(header: action.dataKeys, rows: actions.map(action.dataCells))))
        let outcome = FindingsViews.outcome
        files.append(
            (
                "outcomes.csv",
                CSVWriter.document(
                    header: outcome.dataKeys, rows: outcomes.flatMap { $0.points.map(outcome.dataCells) })
            ))
        files.append(
            (
                "saturation.csv",
                CSVWriter.document(
                    header: ["position", "interview", "new_codes", "cumulative"],
                    rows: saturation.interviews.enumerated().map {
                        [String($0 + 1), $1.interview, String($1.firstSeen.count), String($1.cumulative)]
                    })
            ))
        if let agreement { files.append(("agreement.csv", AnalysisViews.agreement(agreement).text(.csv))) }
        return files
    }
}
