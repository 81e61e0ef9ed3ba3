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
        files.append(
            (
                "actions.csv",
                CSVWriter.document(
                    header: ["id", "themes", "change", "owner", "due", "status", "done_on", "note"],
                    rows: actions.map {
                        [
                            String($0.id), $0.themes.joined(separator: ";"), $0.change, $0.owner ?? "",
                            $0.due?.description ?? "",
                            $0.status.rawValue, $0.doneOn?.description ?? "", $0.note ?? "",
                        ]
                    })
            ))
        files.append(
            (
                "outcomes.csv",
                CSVWriter.document(
                    header: ["measure", "group", "period", "value", "n", "unit", "date", "action"],
                    rows: outcomes.flatMap { series in
                        series.points.map {
                            [
                                $0.measure, $0.group ?? "", $0.period, JSON.format($0.value),
                                $0.n.map(String.init) ?? "", $0.unit?.rawValue ?? "",
                                $0.date?.description ?? "", $0.action.map(String.init) ?? "",
                            ]
                        }
                    })
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
