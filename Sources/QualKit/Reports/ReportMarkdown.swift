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
            "_Generated \(generatedAt.prefix(10)) by \(options.author.map { "\(e($0)), with qualkit" } ?? "qualkit"). Quotes are from consenting participants, redacted and attributed by pseudonym._\n\n"
        let label = labels.label
        out += "## Summary\n\n" + executiveSummary.map(e).joined(separator: " ") + "\n\n"

        out += "## Who we heard from\n\n"
        out +=
            audience.flow.map { "\($0.stage) \(count($0.participants))" }.joined(separator: " → ")
            + (audience.withdrawn > 0
                ? "; \(count(audience.withdrawn)) withdrew and their data was erased." : "; nobody withdrew.")
            + "\n\n"
        out += "| | |\n|---|---|\n"
        for (name, value) in audienceFacts { out += "| \(e(name)) | \(e(value)) |\n" }
        for table in audience.makeUp {
            out +=
                "\n### Participants by \(e(label(table.by)))\n\n| \(e(label(table.by))) | Participants |\n|---|--:|\n"
            for group in table.groups { out += "| \(e(group.value)) | \(count(group.participantsTotal)) |\n" }
            let note = small.note(table)
            if !note.isEmpty { out += "\n\(e(note))\n" }
        }
        if let reach = audience.reach {
            out += "\n### Reach: who we heard from against the area's population\n\n"
            out +=
                "| Group | Participants | Sample share (95% interval) | Population share | Representation | More needed |\n|---|--:|--:|--:|---|--:|\n"
            for row in reachRows(reach) {
                out +=
                    "| \(e(row.group)) | \(row.participants) | \(row.sample) | \(row.population) | \(row.status) | \(row.needed) |\n"
            }
        }
        if !audience.belowTarget.isEmpty { out += "\n\(e(belowTargetSentence))\n" }

        out += "\n## Themes\n\n"
        out +=
            "N = \(e(people(tally.participantsTotal))) with a coded transcript. Themes within a theme are indented under it and counted within it.\n\n"
        out += "| Theme | Code | Participants | % | Excerpts |\n|---|---|--:|--:|--:|\n"
        for theme in themes {
            let hidden = small.suppresses(theme.participants)
            let level = ThemeHierarchy.level(theme.code, among: themes)
            let indent = String(repeating: "&emsp;", count: level) + (level > 0 ? "└ " : "")
            out +=
                "| \(indent)\(e(theme.name)) | `\(theme.code)` | \(count(theme.participants)) | \(hidden ? "" : percent(theme.percent)) | \(hidden ? "" : String(theme.excerpts)) |\n"
        }
        out += "\n## Themes by subgroup\n"
        if published.isEmpty {
            out += "\nNo subgroup tables were asked for; add them with `qualkit report --by ATTRIBUTE`.\n"
        }
        for group in published {
            out += "\n### By \(e(label(group.by)))\n\n"
            out +=
                "| Theme | "
                + group.groups.map { "\(e($0.value)) (n=\(count($0.participantsTotal))\($0.small ? ", small" : ""))" }
                .joined(separator: " | ") + " |\n"
            out += "|---|" + group.groups.map { _ in "--:|" }.joined() + "\n"
            for theme in themes {
                let level = ThemeHierarchy.level(theme.code, among: themes)
                out +=
                    "| \(String(repeating: "&emsp;", count: level) + (level > 0 ? "└ " : ""))\(e(theme.name)) | "
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
        out += "\n## You said, we did\n\n"
        if actions.isEmpty {
            out +=
                "No service change has been recorded yet (`qualkit action add`); the themes below are waiting for one.\n\n"
        }
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
        out += "\n## Outcomes\n"
        if outcomes.isEmpty {
            out += "\nNo outcome measure has been recorded yet (`qualkit outcome import`), so no change can be read.\n"
        }
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
        out += "\n## Methods and limitations\n\n" + methods.map { "- " + e($0) }.joined(separator: "\n") + "\n"
        out += "\n### Saturation\n\n"
        out +=
            (saturation.notation.map { "Saturation reached at \($0) (Guest, Namey & Chen 2020)." }
                ?? "Saturation not reached: \(e(saturation.reason ?? "")).") + "\n\n"
        if !saturation.interviews.isEmpty {
            out += "| Interview | New codes | Cumulative |\n|---|--:|--:|\n"
            for row in saturation.interviews {
                out += "| \(e(row.interview)) | \(row.firstSeen.count) | \(row.cumulative) |\n"
            }
        }
        if let agreement {
            out += "\n### Agreement between coders\n\n"
            out +=
                "Coders \(e(agreement.coders.joined(separator: ", "))); overall alpha \(number(agreement.overall.alpha)), mean kappa \(number(agreement.overall.meanKappa)). Reproduce with `\(agreementCommand)`.\n\n"
            out += "| Code | Units | % agreement | Kappa | Alpha |\n|---|--:|--:|--:|--:|\n"
            for code in agreement.codes {
                out +=
                    "| `\(code.code)` | \(code.units) | \(percent(code.percentAgreement)) | \(number(code.kappa)) | \(number(code.alpha)) |\n"
            }
        }
        out += "\n## Appendix: the codebook\n\n"
        if codebook.isEmpty {
            out += "The codebook holds no \(e(options.kind ?? "")) codes.\n"
        } else {
            out += "| Code | Name | Definition |\n|---|---|---|\n"
            for code in codebook {
                out +=
                    "| `\(code.path)` | \(e(code.name ?? code.path)) | \(e(code.definition ?? "No definition written.")) |\n"
            }
        }
        return out
    }
}
