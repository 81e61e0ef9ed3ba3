/// The report as CSV: one table per file (`--out` a folder), each guarded against formula injection.
extension FindingsReport {
    /// (file name, CSV text) for every table.
    public var csvFiles: [(String, String)] {
        var files: [(String, String)] = []
        files.append(
            (
                "themes.csv",
                AnalysisViews.tally(
                    Tally.Result(participantsTotal: tally.participantsTotal, coders: tally.coders, themes: themes)
                ).text(.csv)
            ))
        for group in groups { files.append(("by-\(group.by).csv", AnalysisViews.grouped(group).text(.csv))) }
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
