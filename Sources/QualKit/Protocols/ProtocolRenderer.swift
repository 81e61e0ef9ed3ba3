/// A printable interviewer's guide: `protocol render --format md|html`.
///
/// Sections and questions in order, probes as tick boxes, notes set apart, planned minutes beside
/// each question, and the version and ethics reference in a footer so a printed copy is traceable.
public enum ProtocolRenderer {
    /// The guide as Markdown. Every text from the file is escaped (``MarkdownText/escape(_:)``), so
    /// a title or ethics reference holding `<script>` shows as text wherever the Markdown is rendered.
    public static func markdown(_ guide: InterviewProtocol) -> String {
        var out = "# \(MarkdownText.escape(guide.title))\n\n"
        out +=
            "_Interviewer's guide · \(MarkdownText.escape(guide.reference)) · language \(MarkdownText.escape(guide.language))"
        if let minutes = guide.durationMinutes { out += " · \(minutes) minutes" }
        out += "_\n\n"
        for paragraph in guide.introduction { out += MarkdownText.escape(paragraph) + "\n\n" }
        var number = 0
        for section in guide.sections {
            out += "## \(MarkdownText.escape(section.title))\n\n"
            for paragraph in section.paragraphs { out += MarkdownText.escape(paragraph) + "\n\n" }
            for question in section.questions {
                number += 1
                out += "### \(number). \(MarkdownText.escape(question.text))"
                if let minutes = question.minutes { out += " _(\(minutes) min)_" }
                out += "\n\n"
                for paragraph in question.paragraphs { out += MarkdownText.escape(paragraph) + "\n\n" }
                for note in question.notes { out += "> **Note:** \(MarkdownText.escape(note))\n\n" }
                for probe in question.probes { out += "- [ ] \(MarkdownText.escape(probe))\n" }
                if !question.probes.isEmpty { out += "\n" }
            }
        }
        out += "---\n\n" + MarkdownText.escape(footer(guide)) + "\n"
        return out
    }

    /// The guide as one self-contained HTML page: inline CSS, no scripts, no external requests.
    public static func html(_ guide: InterviewProtocol) -> String {
        let e = HTML.escape
        var body = ""
        body +=
            "<header><h1>\(e(guide.title))</h1>\n<p class=\"meta\">Interviewer's guide · \(e(guide.reference)) · language \(e(guide.language))"
        if let minutes = guide.durationMinutes { body += " · \(minutes) minutes" }
        body += "</p></header>\n<main>\n"
        for paragraph in guide.introduction { body += "<p>\(e(paragraph))</p>\n" }
        var number = 0
        for section in guide.sections {
            body += "<section>\n<h2>\(e(section.title))</h2>\n"
            for paragraph in section.paragraphs { body += "<p>\(e(paragraph))</p>\n" }
            for question in section.questions {
                number += 1
                body +=
                    "<article class=\"question\" id=\"q-\(e(question.id))\">\n<h3><span class=\"n\">\(number).</span> \(e(question.text))"
                if let minutes = question.minutes { body += " <span class=\"time\">\(minutes) min</span>" }
                body += "</h3>\n"
                for paragraph in question.paragraphs { body += "<p>\(e(paragraph))</p>\n" }
                for note in question.notes { body += "<p class=\"note\"><strong>Note:</strong> \(e(note))</p>\n" }
                if !question.probes.isEmpty {
                    body += "<ul class=\"probes\">\n"
                    for probe in question.probes {
                        body += "<li><span class=\"box\" aria-hidden=\"true\">☐</span> \(e(probe))</li>\n"
                    }
                    body += "</ul>\n"
                }
                body += "</article>\n"
            }
            body += "</section>\n"
        }
        body += "</main>\n<footer>\(e(footer(guide)))</footer>\n"
        return HTML.document(
            title: "\(guide.title) — \(guide.reference)", language: guide.language,
            css: """
                body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #1a1a1a; }
                h1 { font-size: 1.6em; margin-bottom: .2em; }
                h2 { border-bottom: 2px solid #005eb8; padding-bottom: .2em; margin-top: 1.6em; }
                h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
                .meta, footer { color: #4c4c4c; font-size: .9em; }
                .time { font-weight: normal; color: #4c4c4c; font-size: .9em; white-space: nowrap; }
                .note { background: #f0f4f5; border-left: 4px solid #768692; padding: .4em .7em; }
                .probes { list-style: none; padding-left: 1em; }
                .box { font-size: 1.1em; margin-right: .3em; }
                footer { border-top: 1px solid #aeb7bd; margin-top: 2em; padding-top: .5em; }
                @page { size: A4; margin: 18mm 16mm; }
                @media print { body { margin: 0; max-width: none; } .question { break-inside: avoid; } h2 { break-after: avoid; } }
                """,
            body: body)
    }

    static func footer(_ guide: InterviewProtocol) -> String {
        var parts = ["\(guide.title), version \(guide.version)", "language \(guide.language)"]
        if let base = guide.translationOf { parts.append("translation of the \(base) text") }
        if let ethics = guide.ethics { parts.append("ethics approval \(ethics)") }
        return parts.joined(separator: " · ")
    }
}
