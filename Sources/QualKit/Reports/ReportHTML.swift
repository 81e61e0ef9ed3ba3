import Foundation

/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external
/// requests, semantic headings and tables, charts with titles and text alternatives, the Okabe–Ito
/// colour-blind-safe palette, and an A4 print stylesheet. Every piece of study text is escaped.
extension FindingsReport {
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    public var html: String {
        let e = HTML.escape
        // A heading, its intro and its first table or figure print as one block (see layoutCSS).
        func keep(_ parts: String...) -> String { "<div class=\"keep\">" + parts.joined() + "</div>\n" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "—" }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
        let small = options.smallNumbers
        let count = small.count
        var body = "<header>"
        if small.showSmall { body += "<p class=\"banner\" role=\"alert\">\(e(SmallNumbers.banner))</p>" }
        body +=
            "<h1>\(e(summary.title)): findings</h1><p class=\"meta\">Generated \(e(String(generatedAt.prefix(10)))) by \(e(options.author.map { "\($0), with qualkit" } ?? "qualkit")) · quotes from consenting participants, redacted, attributed by pseudonym</p></header>\n<main>\n"

        let label = labels.label

        // 1. Summary.
        body += "<section>" + keep("<h2>Summary</h2>\n", executiveSummary.map { "<p>\(e($0))</p>\n" }.joined())
        body += "</section>\n"

        // 2. Who we heard from.
        var heard = "<h2>Who we heard from</h2>\n"
        heard +=
            "<p>How many people reached each step of the study\(audience.withdrawn > 0 ? "; \(count(audience.withdrawn)) withdrew and their data was erased" : "; nobody withdrew").</p>\n"
        heard +=
            "<ol class=\"flow\">"
            + audience.flow.map {
                "<li><span class=\"step\">\(e($0.stage))</span> <strong>\(count($0.participants))</strong></li>"
            }
            .joined(separator: "<li class=\"arrow\" aria-hidden=\"true\">→</li>") + "</ol>\n"
        body += "<section>" + keep(heard)
        body += "<table class=\"facts\"><tbody>\n"
        for (name, value) in audienceFacts {
            body += "<tr><th scope=\"row\">\(e(name))</th><td>\(e(value))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        for table in audience.makeUp {
            var block = "<h3>Participants by \(e(label(table.by)))</h3>\n"
            block +=
                "<div class=\"scroll\"><table class=\"narrow\"><thead><tr><th scope=\"col\">\(e(label(table.by)))</th><th scope=\"col\" class=\"n\">Participants</th></tr></thead><tbody>\n"
            for group in table.groups {
                block += "<tr><td>\(e(group.value))</td><td class=\"n\">\(count(group.participantsTotal))</td></tr>\n"
            }
            body += keep(block, "</tbody></table></div>\n")
            let note = small.note(table)
            if !note.isEmpty { body += "<p class=\"warn\">\(e(note))</p>\n" }
        }
        if let reach = audience.reach {
            var block =
                "<h3>Reach: who we heard from against the area's population</h3>\n<p>Participants interviewed in each group, their share of the sample (with a 95% interval) and the group's share of the population. A group is under-represented when its population share lies above the interval.</p>\n"
            block +=
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\" class=\"n\">Participants</th><th scope=\"col\" class=\"n\">Sample share</th><th scope=\"col\" class=\"n\">Population share</th><th scope=\"col\">Representation</th><th scope=\"col\" class=\"n\">More needed</th></tr></thead><tbody>\n"
            for row in reachRows(reach) {
                block +=
                    "<tr><td>\(e(row.group))</td><td class=\"n\">\(e(row.participants))</td><td class=\"n\">\(e(row.sample))</td><td class=\"n\">\(e(row.population))</td><td>\(e(row.status))</td><td class=\"n\">\(e(row.needed))</td></tr>\n"
            }
            body += keep(block, "</tbody></table></div>\n")
        }
        if !audience.belowTarget.isEmpty {
            body += "<p class=\"warn\">\(e(belowTargetSentence))</p>\n"
        }
        body += "</section>\n"

        // 3. Themes.
        body +=
            "<section>"
            + keep(
                "<h2>Themes</h2>\n<p>N = \(e(people(tally.participantsTotal))) with a coded transcript. Each bar is the share of participants who raised a theme; themes within a theme are indented under it in the table and counted within it, not ranked against it.</p>\n",
                barChart())
        body +=
            "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Theme</th><th scope=\"col\">Code</th><th scope=\"col\" class=\"n\">Participants</th><th scope=\"col\" class=\"n\">%</th><th scope=\"col\" class=\"n\">Excerpts</th></tr></thead><tbody>\n"
        for theme in themes {
            let hidden = small.suppresses(theme.participants)
            let level = ThemeHierarchy.level(theme.code, among: themes)
            body +=
                "<tr class=\"level\(level)\"><td style=\"padding-left: \(0.5 + Double(level) * 1.5)em\">\(level > 0 ? "└ " : "")\(e(theme.name))</td><td><code>\(e(theme.code))</code></td><td class=\"n\">\(count(theme.participants))</td><td class=\"n\">\(hidden ? "" : percent(theme.percent))</td><td class=\"n\">\(hidden ? "" : String(theme.excerpts))</td></tr>\n"
        }
        body += "</tbody></table></div></section>\n"

        // 4. Subgroups.
        body += "<section>"
        // The section's heading goes into its first block, so that it is never left on its own.
        var lead = "<h2>Themes by subgroup</h2>\n"
        if published.isEmpty {
            body += keep(
                lead,
                "<p>No subgroup tables were asked for; add them with <code>qualkit report --by ATTRIBUTE</code>.</p>\n")
        }
        for group in published {
            body += "<div class=\"keep\">" + lead
            lead = ""
            body +=
                "<h3>By \(e(label(group.by)))</h3>\n<p>Participants in each group who raised each theme; darker cells are higher shares.</p>\n"
            body += "<div class=\"scroll\"><table class=\"heat\"><thead><tr><th scope=\"col\">Theme</th>"
            for g in group.groups {
                body +=
                    "<th scope=\"col\" class=\"n\">\(e(g.value))<br><span class=\"sub\">n=\(count(g.participantsTotal))\(g.small ? " · small" : "")</span></th>"
            }
            body += "</tr></thead><tbody>\n"
            for theme in themes {
                let level = ThemeHierarchy.level(theme.code, among: themes)
                body +=
                    "<tr><th scope=\"row\" style=\"padding-left: \(0.5 + Double(level) * 1.5)em\">\(level > 0 ? "└ " : "")\(e(theme.name))</th>"
                for g in group.groups {
                    let t = g.themes.first { $0.code == theme.code }
                    let people = t?.participants ?? 0
                    let share = small.suppresses(people) ? 0 : (t?.percent ?? 0) / 100
                    // Black passes AA (4.8:1 or better) on every shade of the blue; white never does.
                    let ink = "#000000"
                    body +=
                        "<td class=\"n\" style=\"background: rgba(0,114,178,\(String(format: "%.2f", share * 0.9))); color: \(ink)\">\(e(small.countAndPercent(people, t?.percent ?? 0)))</td>"
                }
                body += "</tr>\n"
            }
            body += "</tbody></table></div></div>\n"
            let note = small.note(group)
            if !note.isEmpty { body += "<p class=\"warn\">\(e(note))</p>\n" }
        }
        body += "</section>\n"

        // 5. Quotes.
        body += "<section>"
        lead = "<h2>In participants' words</h2>\n"
        if quotes.values.allSatisfy(\.isEmpty) { body += keep(lead, "<p>\(e(Self.noQuotes))</p>\n") }
        for theme in themes where !(quotes[theme.code] ?? []).isEmpty {
            let figures = quotes[theme.code]!.map {
                "<figure class=\"quote\"><blockquote><p>\(e($0.text))</p></blockquote><figcaption>\(e($0.attribution))</figcaption></figure>\n"
            }
            body += keep(lead, "<h3>\(e(theme.name))</h3>\n", figures[0]) + figures.dropFirst().joined()
            lead = ""
        }
        body += "</section>\n"

        // 6. You said, we did.
        body += "<section><div class=\"keep\"><h2>You said, we did</h2>\n"
        if actions.isEmpty {
            body +=
                "<p>No service change has been recorded yet (<code>qualkit action add</code>); the themes below are waiting for one.</p>\n"
        }
        body +=
            "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">You said</th><th scope=\"col\" class=\"n\">Participants</th><th scope=\"col\">We did</th><th scope=\"col\">Owner</th><th scope=\"col\">Status</th><th scope=\"col\">Due / done</th></tr></thead><tbody>\n"
        for theme in themes {
            let answering = actions.filter { $0.themes.contains(theme.code) }
            let said =
                "<td>\(e(theme.name))</td><td class=\"n\">\(e(small.countAndPercent(theme.participants, theme.percent)))</td>"
            if answering.isEmpty { body += "<tr>\(said)<td colspan=\"4\"><em>No action yet</em></td></tr>\n" }
            for action in answering {
                body +=
                    "<tr>\(said)<td>\(e(action.change))</td><td>\(e(action.owner ?? ""))</td><td>\(e(action.status.rawValue))</td><td class=\"date\">\(e(action.doneOn?.description ?? action.due.map { "due \($0)" } ?? ""))</td></tr>\n"
            }
        }
        body += "</tbody></table></div></div></section>\n"

        // 7. Outcomes.
        body += "<section>"
        lead = "<h2>Outcomes</h2>\n"
        if outcomes.isEmpty {
            body +=
                keep(
                    lead,
                    "<p>No outcome measure has been recorded yet (<code>qualkit outcome import</code>), so no change can be read.</p>\n"
                )
        } else {
            lead +=
                "<p>Each measure is drawn as a statistical process control chart (XmR), as NHS England's Making Data Count advises: the baseline is the points before the action, its mean and process limits (mean ± 2.66 × the mean moving range) are drawn across the series, and points after the action are judged against them. A signal shows that the process changed, not what changed it.</p>\n"
            for series in outcomes {
                var block = lead + "<h3>\(e(series.title))</h3>\n"
                lead = ""
                if let action = series.action {
                    block +=
                        "<p>Read against “\(e(action.change))”\(action.doneOn.map { " (done \(e($0.description)))" } ?? " (not done yet)").</p>\n"
                }
                body += keep(block, Self.lineChart(series))
                body +=
                    "<div class=\"scroll\"><table class=\"narrow\"><thead><tr><th scope=\"col\">Period</th><th scope=\"col\" class=\"n\">Value</th><th scope=\"col\" class=\"n\">n</th></tr></thead><tbody>\n"
                for point in series.points {
                    body +=
                        "<tr><td>\(e(point.period))</td><td class=\"n\">\(e(JSON.format(point.value)))</td><td class=\"n\">\(point.n.map(String.init) ?? "")</td></tr>\n"
                }
                body += "</tbody></table></div>\n"
            }
        }
        body += "</section>\n"

        // 8. Methods and limitations, with saturation and agreement.
        body +=
            "<section>"
            + keep("<h2>Methods and limitations</h2><ul>\n", methods.map { "<li>\(e($0))</li>\n" }.joined(), "</ul>\n")
        body +=
            "<div class=\"keep\"><h3>Saturation</h3>\n<p>"
            + (saturation.notation.map {
                "Saturation reached at <strong>\(e($0))</strong>: after \(saturation.saturationAt!) interviews, a run of \(saturation.run) added no more than \(e(JSON.format(saturation.threshold)))% new codes (Guest, Namey &amp; Chen 2020)."
            } ?? "Saturation not reached: \(e(saturation.reason ?? "")).") + "</p>\n" + saturationChart() + "</div>\n"
        if let agreement {
            body +=
                "<div class=\"keep\"><h3>Agreement between coders</h3>\n<p>Coders \(e(agreement.coders.joined(separator: ", "))); overall Krippendorff's alpha \(number(agreement.overall.alpha)), mean Cohen's kappa \(number(agreement.overall.meanKappa)). Alpha below 0.80 is flagged. Reproduce with <code>\(e(agreementCommand))</code>.</p>\n"
            body +=
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Code</th><th scope=\"col\" class=\"n\">Units</th><th scope=\"col\" class=\"n\">% agreement</th><th scope=\"col\" class=\"n\">Kappa</th><th scope=\"col\" class=\"n\">Alpha</th></tr></thead><tbody>\n"
            for code in agreement.codes {
                let low = (code.alpha ?? 1) < Agreement.acceptable
                body +=
                    "<tr\(low ? " class=\"low\"" : "")><td><code>\(e(code.code))</code></td><td class=\"n\">\(code.units)</td><td class=\"n\">\(percent(code.percentAgreement))</td><td class=\"n\">\(number(code.kappa))</td><td class=\"n\">\(number(code.alpha))\(low ? " ⚑" : "")</td></tr>\n"
            }
            body += "</tbody></table></div></div>\n"
        }
        body += "</section>\n"

        // 9. Appendix: the codebook.
        body += "<section><div class=\"keep\"><h2>Appendix: the codebook</h2>\n"
        if codebook.isEmpty {
            body += "<p>The codebook holds no \(e(options.kind ?? "")) codes.</p>\n"
        } else {
            body +=
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Name</th><th scope=\"col\">Definition</th></tr></thead><tbody>\n"
            for code in codebook {
                body +=
                    "<tr><td><code>\(e(code.path))</code></td><td>\(e(code.name ?? code.path))</td><td>\(e(code.definition ?? "No definition written."))</td></tr>\n"
            }
            body += "</tbody></table></div>\n"
        }
        body += "</div></section>\n</main>\n"
        return HTML.document(
            title: "\(summary.title): findings", language: "en",
            css: """
                body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1a1a1a; max-width: 60em; margin: 2em auto; padding: 0 1.2em; }
                h1 { font-size: 1.7em; margin-bottom: .2em; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2em; margin-top: 2em; }
                .meta, .sub { color: #4c4c4c; font-size: .9em; }
                table { border-collapse: collapse; width: 100%; margin: .8em 0; } th, td { text-align: left; padding: .3em .5em; border-bottom: 1px solid #d0d5d8; vertical-align: top; }
                thead th { border-bottom: 2px solid #4c4c4c; } .n { text-align: right; font-variant-numeric: tabular-nums; }
                table.facts th { width: 22em; font-weight: 600; } tr.low td { background: #fdf0e6; }
                .quote { margin: 1em 0; border-left: 4px solid #E69F00; padding: .2em 1em; } .quote blockquote { margin: 0; font-size: 1.05em; }
                .quote figcaption { color: #4c4c4c; font-size: .9em; } .warn { color: #8a3b00; }
                .banner { background: #8a0000; color: #ffffff; font-weight: 700; padding: .5em 1em; font-size: 1.1em; }
                .scroll { overflow-x: auto; max-width: 100%; }
                @media (max-width: 600px) { table.facts th { width: auto; } }
                ol.flow { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em; align-items: center; } ol.flow li { padding: .3em .6em; background: #eef4f8; border-radius: 4px; } ol.flow li.arrow { background: none; padding: 0; color: #4c4c4c; } ol.flow .step { color: #4c4c4c; }
                svg { max-width: 100%; height: auto; } svg text { font: 11px system-ui, Arial, sans-serif; fill: #1a1a1a; }
                svg text.label { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
                @media print { body { margin: 0; max-width: none; font-size: 10pt; } tr, figure, svg { break-inside: avoid; } h2, h3 { break-after: avoid; } thead { display: table-header-group; } }
                """ + "\n" + Self.layoutCSS,
            body: body)
    }

    /// Horizontal bars: the share of participants per theme.
    func barChart() -> String {
        let e = HTML.escape
        let rowHeight = 24
        let labelWidth = 260
        let barWidth = 380
        // Top-level themes only: a theme within another is part of it, not a rival to it.
        let themes = themes.filter { ThemeHierarchy.level($0.code, among: self.themes) == 0 }
        let height = themes.count * rowHeight + 30
        var svg =
            "<figure><svg role=\"img\" aria-labelledby=\"bars-title bars-desc\" viewBox=\"0 0 \(labelWidth + barWidth + 70) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg +=
            "<title id=\"bars-title\">\(e(options.kind.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "All")) themes by share of participants</title>\n"
        svg +=
            "<desc id=\"bars-desc\">"
            + e(
                themes.map {
                    options.smallNumbers.suppresses($0.participants)
                        ? "\($0.name): \(options.smallNumbers.fewer)"
                        : "\($0.name): \($0.participants) of \(options.smallNumbers.count(tally.participantsTotal)) (\(String(format: "%.1f", $0.percent))%)"
                }.joined(separator: "; ")) + "</desc>\n"
        for (index, theme) in themes.enumerated() {
            let y = 10 + index * rowHeight
            let hidden = options.smallNumbers.suppresses(theme.participants)
            let width = hidden ? 0 : Int((theme.percent / 100 * Double(barWidth)).rounded())
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(e(theme.name))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" fill=\"#0072B2\"></rect>"
            svg +=
                "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(e(options.smallNumbers.countAndPercent(theme.participants, theme.percent)))</text>\n"
        }
        return svg
            + "</svg><figcaption class=\"meta\">Share of the \(options.smallNumbers.count(tally.participantsTotal)) participants who raised each theme.</figcaption></figure>\n"
    }

    /// The cumulative number of unique codes per interview.
    func saturationChart() -> String {
        let points = saturation.interviews
        guard points.count >= 2, let top = points.map(\.cumulative).max(), top > 0 else { return "" }
        let width = 600.0
        let height = 180.0
        let step = (width - 60) / Double(points.count - 1)
        let coordinates = points.enumerated().map { index, point in
            (40 + Double(index) * step, height - 25 - Double(point.cumulative) / Double(top) * (height - 45))
        }
        var svg =
            "<figure><svg role=\"img\" aria-labelledby=\"sat-title sat-desc\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"sat-title\">Cumulative unique codes by interview</title>\n"
        svg +=
            "<desc id=\"sat-desc\">"
            + HTML.escape(points.enumerated().map { "interview \($0 + 1): \($1.cumulative)" }.joined(separator: "; "))
            + "</desc>\n"
        svg +=
            "<line x1=\"40\" y1=\"\(Int(height - 25))\" x2=\"\(Int(width - 20))\" y2=\"\(Int(height - 25))\" stroke=\"#4c4c4c\"></line>"
        svg +=
            "<polyline fill=\"none\" stroke=\"#009E73\" stroke-width=\"2\" points=\""
            + coordinates.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ") + "\"></polyline>\n"
        for (x, y) in coordinates {
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#009E73\"></circle>", x, y)
        }
        svg +=
            "<text x=\"40\" y=\"\(Int(height - 6))\">interview 1</text><text x=\"\(Int(width - 20))\" y=\"\(Int(height - 6))\" text-anchor=\"end\">interview \(points.count)</text>"
        svg += "<text x=\"4\" y=\"14\">\(top) codes</text>"
        return svg
            + "</svg><figcaption class=\"meta\">Cumulative unique codes as interviews were added.</figcaption></figure>\n"
    }

    /// An outcome as an XmR chart: values, mean and process limits per period (or the median for a
    /// run chart), a y axis with labels, the action's done date, and signal points coloured by
    /// improvement (blue) or concern (vermilion, which keeps 3:1 contrast on white where Making
    /// Data Count's lighter orange does not) as Making Data Count colours them; common-cause
    /// points grey. The text alternative holds every number.
    static func lineChart(_ series: OutcomeSeries) -> String {
        let e = HTML.escape
        let values = series.points.map(\.value)
        guard !values.isEmpty else { return "" }
        let analysis = series.analysis
        let width = 640.0
        let height = 260.0
        let left = 56.0
        let right = 20.0
        let top = 24.0
        let bottom = 48.0
        let step = (width - left - right) / Double(max(1, values.count - 1))
        let limitValues = analysis.periods.flatMap { [$0.mean, $0.lowerLimit, $0.upperLimit].compactMap { $0 } }
        let scale = ChartScale(values + limitValues, fromZero: false)
        func x(_ index: Int) -> Double { left + Double(index) * step }
        func y(_ value: Double) -> Double { height - bottom - scale.fraction(value) * (height - top - bottom) }
        // A study written before the import bound may hold values whose mean or limits overflow:
        // those are left undrawn rather than written into the SVG as nan or inf.
        func f(_ value: Double) -> String { value.isFinite ? String(format: "%.1f", value) : "—" }
        let unit = series.unit.map { " \($0)" } ?? ""
        var desc = "\(series.title)\(unit), \(values.count) points: "
        desc += series.points.map { "\($0.period) \(JSON.format($0.value))" }.joined(separator: ", ") + ". "
        for (order, p) in analysis.periods.enumerated() {
            let span = "\(series.points[p.from].period) to \(series.points[p.to].period)"
            if let lower = p.lowerLimit, let upper = p.upperLimit {
                desc +=
                    "\(order == 0 ? "Baseline mean" : "Rebased mean") \(f(p.mean)), process limits \(f(lower)) to \(f(upper)) (\(span)). "
            } else {
                desc += "Median \(f(p.mean)) (\(span)). "
            }
        }
        desc += series.verdict
        var svg =
            "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"\(e(series.id))-t \(e(series.id))-d\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg +=
            "<title id=\"\(e(series.id))-t\">\(e(series.title)): \(analysis.limits ? "XmR chart" : "run chart")</title><desc id=\"\(e(series.id))-d\">\(e(desc))</desc>\n"
        // Y axis with five labelled ticks.
        svg +=
            "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"#4c4c4c\"></line>"
        for tick in 0...4 {
            let value = scale.low + scale.span * Double(tick) / 4
            guard value.isFinite else { continue }
            let ty = y(value)
            svg +=
                "<line x1=\"\(f(left - 4))\" y1=\"\(f(ty))\" x2=\"\(f(width - right))\" y2=\"\(f(ty))\" stroke=\"#e3e6e8\"></line>"
            svg +=
                "<text x=\"\(f(left - 7))\" y=\"\(f(ty + 4))\" text-anchor=\"end\">\(e(JSON.format((value * 10).rounded() / 10)))</text>"
        }
        if let unitLabel = series.unit {
            svg += "<text x=\"4\" y=\"14\">\(e(unitLabel))</text>"
        }
        // The action's done date.
        if let split = analysis.split, let done = series.action?.doneOn {
            let ax = x(split) - step / 2
            svg +=
                "<line x1=\"\(f(ax))\" y1=\"\(f(top - 6))\" x2=\"\(f(ax))\" y2=\"\(f(height - bottom))\" stroke=\"#4c4c4c\" stroke-dasharray=\"2 3\"></line>"
            svg +=
                "<text x=\"\(f(ax + 4))\" y=\"\(f(top - 10))\">action done \(e(done.description))</text>"
        }
        // Mean (or median) and limits, per period.
        // The baseline (first period) spans the whole series, labelled at its left end; a rebased
        // period is drawn over it in green from the action on, labelled at its right end. Labels are
        // drawn after the points, on a white halo, so that no point hides them.
        var labels = ""
        for (order, p) in analysis.periods.enumerated()
        where [p.mean, p.lowerLimit ?? 0, p.upperLimit ?? 0].allSatisfy(\.isFinite) {
            let rebased = order > 0
            let x1 = x(p.from) - (p.from == 0 ? 0 : step / 2)
            let x2 = x(p.to)
            let ink = rebased ? "#007A5A" : "#1a1a1a"
            let (labelX, anchor) = rebased ? (x2 - 2, "end") : (x1 + 4, "start")
            let prefix = rebased ? "rebased " : ""
            svg +=
                "<line x1=\"\(f(x1))\" y1=\"\(f(y(p.mean)))\" x2=\"\(f(x2))\" y2=\"\(f(y(p.mean)))\" stroke=\"\(ink)\" stroke-width=\"1.5\"></line>"
            labels +=
                "<text class=\"label\" x=\"\(f(labelX))\" y=\"\(f(y(p.mean) - 4))\" text-anchor=\"\(anchor)\">\(prefix)\(analysis.limits ? "mean" : "median") \(f(p.mean))</text>"
            for (limit, name) in [(p.upperLimit, "upper limit"), (p.lowerLimit, "lower limit")] {
                guard let limit else { continue }
                svg +=
                    "<line x1=\"\(f(x1))\" y1=\"\(f(y(limit)))\" x2=\"\(f(x2))\" y2=\"\(f(y(limit)))\" stroke=\"\(rebased ? ink : "#4c4c4c")\" stroke-dasharray=\"6 4\"></line>"
                labels +=
                    "<text class=\"label\" x=\"\(f(labelX))\" y=\"\(f(y(limit) + (name == "upper limit" ? -4 : 12)))\" text-anchor=\"\(anchor)\">\(prefix)\(name) \(f(limit))</text>"
            }
        }
        svg +=
            "<polyline fill=\"none\" stroke=\"#7f7f7f\" stroke-width=\"1.5\" points=\""
            + values.indices.map { "\(f(x($0))),\(f(y(values[$0])))" }.joined(separator: " ") + "\"></polyline>\n"
        let labelEvery = max(1, Int((Double(values.count) / 10).rounded(.up)))
        for index in values.indices {
            let signal = analysis.signals.last { $0.from <= index && index <= $0.to }
            let colour =
                switch signal?.direction {
                case .improvement: "#0072B2"
                case .concern: "#D55E00"
                case .neutral: "#CC79A7"
                case nil: "#7f7f7f"
                }
            svg +=
                "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(values[index])))\" r=\"\(signal == nil ? 3 : 4.5)\" fill=\"\(colour)\"></circle>"
            // Every k-th period is labelled, so labels never crowd each other.
            if index % labelEvery == 0 {
                svg +=
                    "<text x=\"\(f(x(index)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(e(series.points[index].period))</text>"
            }
        }
        svg += labels
        svg +=
            "<text x=\"\(f(left))\" y=\"\(f(height - 8))\">● grey: common cause · blue: improvement · orange: concern · dashed: limits\(analysis.periods.count > 1 ? " · green: rebased" : "")</text>"
        return svg + "</svg><figcaption>\(e(series.verdict))</figcaption></figure>\n"
    }
}

/// Where a value sits between a chart's bottom (0) and top (1); always a finite number in 0...1.
///
/// Outcome values are refused at import outside ``Outcome/valueRange``, but a study written before
/// that bound may hold any finite double, and the span of two such values can overflow to infinity:
/// such a value is drawn on the baseline rather than written into the SVG as `nan`.
struct ChartScale {
    let low: Double
    let span: Double

    init(_ values: [Double], fromZero: Bool = true) {
        let finite = values.filter(\.isFinite)
        var low = fromZero ? Swift.min(0, finite.min() ?? 0) : (finite.min() ?? 0)
        if !fromZero, let high = finite.max(), high > low {
            // A margin below and above, and a round bottom, so the axis labels read well.
            low = (low - (high - low) * 0.08)
        }
        let top = finite.max() ?? 0
        let high = Swift.max(fromZero ? top : top + (top - low) * 0.06, low + 1)
        self.low = low
        self.span = high - low
    }

    func fraction(_ value: Double) -> Double {
        let share = (value - low) / span
        return share.isFinite ? Swift.min(Swift.max(share, 0), 1) : 0
    }
}
