import Foundation

/// The report as Markdown: the same content, with tables; charts as tables.
extension FindingsReport {
    public var markdown: String {
        let e = MarkdownText.escape
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "—" }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
        let small = options.smallNumbers
        let count = small.count
        var out = ""
        if small.showSmall { out += "**\(SmallNumbers.banner)**\n\n" }
        out += "# \(e(summary.title)): findings\n\n"
        out +=
            "_Generated \(generatedAt.prefix(10)) by qualkit. Quotes are from consenting participants, redacted and attributed by pseudonym._\n\n"
        out += "## Study summary\n\n"
        out += "| | |\n|---|---|\n"
        out += "| Protocol versions | \(e(summary.protocolVersions.joined(separator: ", "))) |\n"
        out += "| Interviews | \(count(summary.interviews)) with \(count(summary.participants)) participants |\n"
        out += "| Dates | \(e(summary.dateRange)) |\n"
        out +=
            "| Languages of interview | \(e(summary.languages.map { "\($0.0) (\(count($0.1)))" }.joined(separator: ", "))) |\n"
        out +=
            "| Interviewer shared the participant's language | \(count(summary.sharedLanguage)) of \(count(summary.withInterviewer)) |\n"
        out +=
            "| Interviewer from the participant's community | \(count(summary.sameCommunity)) of \(count(summary.withInterviewer)) |\n\n"
        out += "## Barrier themes by prevalence\n\n"
        out += "N = \(count(tally.participantsTotal)) participants with a coded transcript.\n\n"
        out += "| Theme | Code | Participants | % | Excerpts |\n|---|---|--:|--:|--:|\n"
        for theme in themes {
            let hidden = small.suppresses(theme.participants)
            out +=
                "| \(e(theme.name)) | `\(theme.code)` | \(count(theme.participants)) | \(hidden ? "" : percent(theme.percent)) | \(hidden ? "" : String(theme.excerpts)) |\n"
        }
        for group in published {
            out += "\n## By \(e(group.by))\n\n"
            out +=
                "| Theme | "
                + group.groups.map { "\(e($0.value)) (n=\(count($0.participantsTotal))\($0.small ? ", small" : ""))" }
                .joined(separator: " | ") + " |\n"
            out += "|---|" + group.groups.map { _ in "--:|" }.joined() + "\n"
            for theme in themes {
                out +=
                    "| \(e(theme.name)) | "
                    + group.groups.map { g in
                        let t = g.themes.first { $0.code == theme.code }
                        return small.countAndPercent(t?.participants ?? 0, t?.percent ?? 0)
                    }.joined(separator: " | ") + " |\n"
            }
            let note = small.note(group)
            if !note.isEmpty { out += "\n\(e(note))\n" }
        }
        out += "\n## In participants' words\n"
        if quotes.values.allSatisfy(\.isEmpty) { out += "\n\(e(Self.noQuotes))\n" }
        for theme in themes where !(quotes[theme.code] ?? []).isEmpty {
            out += "\n### \(e(theme.name))\n\n"
            for quote in quotes[theme.code]! { out += "> \(e(quote.text))\n>\n> — \(e(quote.attribution))\n\n" }
        }
        out += "\n## Saturation\n\n"
        out +=
            (saturation.notation.map { "Saturation reached at \($0) (Guest, Namey & Chen 2020)." }
                ?? "Saturation not reached: \(e(saturation.reason ?? "")).") + "\n\n"
        out += "| Interview | New codes | Cumulative |\n|---|--:|--:|\n"
        for row in saturation.interviews {
            out += "| \(e(row.interview)) | \(row.firstSeen.count) | \(row.cumulative) |\n"
        }
        if let agreement {
            out += "\n## Agreement between coders\n\n"
            out +=
                "Coders \(e(agreement.coders.joined(separator: ", "))); overall alpha \(number(agreement.overall.alpha)), mean kappa \(number(agreement.overall.meanKappa)).\n\n"
            out += "| Code | Units | % agreement | Kappa | Alpha |\n|---|--:|--:|--:|--:|\n"
            for code in agreement.codes {
                out +=
                    "| `\(code.code)` | \(code.units) | \(percent(code.percentAgreement)) | \(number(code.kappa)) | \(number(code.alpha)) |\n"
            }
        }
        out += "\n## You said, we did\n\n"
        out += "| Theme | Participants | What we did | Owner | Status | Done |\n|---|--:|---|---|---|---|\n"
        for theme in themes {
            let answering = actions.filter { $0.themes.contains(theme.code) }
            let said = small.countAndPercent(theme.participants, theme.percent)
            if answering.isEmpty { out += "| \(e(theme.name)) | \(said) | _no action yet_ | | | |\n" }
            for action in answering {
                out +=
                    "| \(e(theme.name)) | \(said) | \(e(action.change)) | \(e(action.owner ?? "")) | \(action.status.rawValue) | \(action.doneOn?.description ?? "") |\n"
            }
        }
        if !outcomes.isEmpty {
            out += "\n## Outcomes\n"
            for series in outcomes {
                out += "\n### \(e(series.title))\n\n"
                out += e(series.verdict) + "\n\n"
                for p in series.analysis.periods {
                    let span = "\(series.points[p.from].period) to \(series.points[p.to].period)"
                    if let lower = p.lowerLimit, let upper = p.upperLimit {
                        out +=
                            "- \(e(span)): mean \(number(p.mean)), process limits \(number(lower)) to \(number(upper))\n"
                    } else {
                        out += "- \(e(span)): median \(number(p.mean)) (run chart)\n"
                    }
                }
                out += "\n"
                out += "| Period | Value | n |\n|---|--:|--:|\n"
                for point in series.points {
                    out += "| \(e(point.period)) | \(JSON.format(point.value)) | \(point.n.map(String.init) ?? "") |\n"
                }
            }
        }
        out += "\n## Methods\n\n" + methods.map { "- " + e($0) }.joined(separator: "\n") + "\n"
        return out
    }
}
