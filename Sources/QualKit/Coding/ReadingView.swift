/// A coder's reading view of one transcript: one self-contained HTML page with each turn, its
/// coded spans highlighted in their code's colour (overlaps as stripes), the code names in the
/// margin, memos beside their turn and the codebook as a legend.
///
/// No scripts and no external requests (the page's Content Security Policy forbids both). Turn
/// text and memos are redacted unless the ``Disclosure`` says otherwise, which is then logged.
public enum ReadingView {
    /// Colours for codes without a valid `#rgb` / `#rrggbb` colour of their own.
    static let palette = [
        "#f6c85f", "#6fb1e7", "#9dd39b", "#f49a9a", "#c5a5e8", "#f7b267", "#8fd6d0", "#e8a5c9", "#b8c96b", "#a0a8e8",
    ]

    /// The page for `transcript`, with the codings and memos of `coder` (everyone's when nil).
    public static func html(_ study: Study, transcript: String, coder: String?, disclosure: Disclosure) throws
        -> String
    {
        let transcripts = TranscriptStore(study)
        try transcripts.require(transcript)
        if let coder { try CodeStore(study).requireCoder(coder) }
        let redactor = try disclosure.redactor(for: study)
        let segments = try transcripts.segments(of: transcript)
        let codings = try CodingStore(study).codings(.init(coder: coder, transcript: transcript))
        let memos = try CodingStore(study).memos(.init(transcript: transcript, coder: coder))
        let codebook = try CodeStore(study).codes()
        let used = Set(codings.map(\.code))
        let codeMemos = try CodingStore(study).memos(.init(coder: coder)).filter {
            $0.transcript == nil && $0.code.map(used.contains) == true
        }
        var colours: [String: String] = [:]
        for (index, code) in codebook.enumerated() {
            colours[code.path] = validColour(code.color) ?? palette[index % palette.count]
        }
        func colour(_ path: String) -> String { colours[path] ?? palette[abs(path.hashValue) % palette.count] }
        func clean(_ text: String) -> String { HTML.escape(redactor?.redact(text) ?? text) }

        var body = "<header>\n<h1>Transcript \(HTML.escape(transcript))</h1>\n<p class=\"sub\">"
        body += coder.map { "Codings and memos by \(HTML.escape($0))" } ?? "Codings and memos by every coder"
        body += " · \(codings.count) coding\(codings.count == 1 ? "" : "s")"
        body += redactor == nil ? " · <strong>unredacted</strong>" : " · identifiers redacted"
        body += "</p>\n"
        for memo in memos where memo.segment == nil {
            body += memoHTML(memo, clean)
        }
        body += "</header>\n<div class=\"page\">\n<main>\n"
        for segment in segments {
            let own = codings.filter { $0.segment == segment.number }
            body += "<article class=\"turn \(segment.role.rawValue)\" id=\"s\(segment.number)\">\n"
            body += "<div class=\"who\"><span class=\"n\">\(segment.number)</span> "
            body += "<span class=\"speaker\">\(clean(segment.speaker))</span>"
            if let start = segment.startMilliseconds { body += " <time>\(clock(start))</time>" }
            body += "</div>\n<p class=\"text\">"
            body += highlighted(segment.text, codings: own, redactor: redactor, colour: colour)
            body += "</p>\n<div class=\"margin\">"
            var seen = Set<String>()
            for coding in own where seen.insert(coding.code + "\u{0}" + coding.coder).inserted {
                body += "<span class=\"tag\"><span class=\"swatch\" style=\"background:\(colour(coding.code))\"></span>"
                body += HTML.escape(coding.code)
                if coder == nil { body += " <small>\(HTML.escape(coding.coder))</small>" }
                body += "</span>"
                if let memo = coding.memo, !memo.isEmpty {
                    body += "<span class=\"memo\">\(clean(memo))</span>"
                }
            }
            for memo in memos where memo.segment == segment.number { body += memoHTML(memo, clean) }
            body += "</div>\n</article>\n"
        }
        body += "</main>\n<aside class=\"legend\">\n<h2>Codebook</h2>\n<ul>\n"
        for code in codebook {
            let count = codings.filter { $0.code == code.path }.count
            body +=
                "<li class=\"\(count == 0 ? "unused" : "used")\"><span class=\"swatch\" style=\"background:\(colour(code.path))\"></span>"
            body += "<b>\(HTML.escape(code.path))</b> \(HTML.escape(code.displayName))"
            if count > 0 { body += " <small>(\(count))</small>" }
            if let definition = code.definition, !definition.isEmpty {
                body += "<br><span class=\"def\">\(HTML.escape(definition))</span>"
            }
            for memo in codeMemos where memo.code == code.path { body += memoHTML(memo, clean) }
            body += "</li>\n"
        }
        body += "</ul>\n</aside>\n</div>\n"
        return HTML.document(title: "Transcript \(transcript)", language: "en", css: css, body: body)
    }

    /// The turn's text with every coded span in a `mark`, coloured by its codes: one code a flat
    /// colour, several codes stripes. Pieces are cut at every coding boundary and every
    /// identifier, so a placeholder is written once and never split.
    static func highlighted(
        _ text: String, codings: [Coding], redactor: Redactor?, colour: (String) -> String
    ) -> String {
        let scalars = Array(text.unicodeScalars)
        let found = redactor?.scalarMatches(in: text) ?? []
        var cuts = Set([0, scalars.count])
        for coding in codings {
            cuts.insert(max(0, min(coding.start, scalars.count)))
            cuts.insert(max(0, min(coding.end, scalars.count)))
        }
        for match in found {
            cuts.insert(match.start)
            cuts.insert(match.end)
        }
        let points = cuts.sorted()
        var out = ""
        for (from, to) in zip(points, points.dropFirst()) where from < to {
            var piece: String
            if let match = found.first(where: { $0.start <= from && to <= $0.end }) {
                // Only the piece where the identifier starts writes its placeholder.
                guard match.start == from else { continue }
                piece = HTML.escape(match.label)
                let active = codes(covering: match.start, match.end, codings)
                out += mark(piece, active, colour)
                continue
            }
            piece = HTML.escape(String(String.UnicodeScalarView(scalars[from..<to])))
            out += mark(piece, codes(covering: from, to, codings), colour)
        }
        return out
    }

    static func codes(covering from: Int, _ to: Int, _ codings: [Coding]) -> [String] {
        var codes: [String] = []
        for coding in codings where coding.start < to && from < coding.end && !codes.contains(coding.code) {
            codes.append(coding.code)
        }
        return codes.sorted()
    }

    static func mark(_ piece: String, _ codes: [String], _ code: (String) -> String) -> String {
        guard !codes.isEmpty else { return piece }
        // A tint of the code's colour, so that dark codebook colours keep the text readable.
        func colour(_ path: String) -> String { "color-mix(in srgb, \(code(path)) 40%, white)" }
        let background: String
        if codes.count == 1 {
            background = colour(codes[0])
        } else {
            // Stripes, as coders know overlapping codes from NVivo's coding stripes.
            var stops: [String] = []
            for (index, path) in codes.enumerated() {
                stops.append("\(colour(path)) \(index * 6)px \((index + 1) * 6)px")
            }
            background = "repeating-linear-gradient(135deg, \(stops.joined(separator: ", ")))"
        }
        return
            "<mark class=\"c\(codes.count > 1 ? " overlap" : "")\" style=\"background:\(background)\" title=\"\(HTML.escape(codes.joined(separator: ", ")))\">\(piece)</mark>"
    }

    static func memoHTML(_ memo: Memo, _ clean: (String) -> String) -> String {
        var html = "<div class=\"memo\"><span class=\"label\">Memo \(memo.id)"
        if let coder = memo.coder { html += " · \(HTML.escape(coder))" }
        if let code = memo.code { html += " · \(HTML.escape(code))" }
        return html + "</span> \(clean(memo.text))</div>"
    }

    /// `#rgb` or `#rrggbb`, else nil: a code's colour goes into a style attribute, so nothing else may.
    static func validColour(_ text: String?) -> String? {
        guard let text, text.hasPrefix("#"), [4, 7].contains(text.count),
            text.dropFirst().allSatisfy({ $0.isHexDigit })
        else { return nil }
        return text
    }

    static func clock(_ milliseconds: Int) -> String {
        let seconds = milliseconds / 1000
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    static let css = """
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
        header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #ddd; }
        h1 { font-size: 20px; margin: 0 0 4px; } .sub { margin: 0; color: #555; }
        .page { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 24px; padding: 16px 24px; }
        .turn { display: grid; grid-template-columns: 120px minmax(0, 1fr) 220px; gap: 12px;
          padding: 8px 0; border-bottom: 1px solid #eee; }
        .turn.interviewer .text { color: #555; font-style: italic; }
        .who { font-size: 13px; color: #444; } .who .n { color: #999; } .who time { display: block; color: #888; }
        .speaker { font-weight: 600; }
        .text { margin: 0; }
        mark.c { color: inherit; padding: 1px 0; border-radius: 2px; }
        mark.overlap { outline: 1px solid #888; }
        .margin { font-size: 12px; display: flex; flex-direction: column; gap: 4px; }
        .tag { display: flex; align-items: center; gap: 4px; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; flex: none;
          border: 1px solid rgba(0,0,0,.2); }
        .memo { background: #fff8d6; border-left: 3px solid #e0c34a; padding: 4px 6px; font-size: 12px; margin: 4px 0; }
        .memo .label { font-weight: 600; display: block; color: #6b5900; }
        .legend { font-size: 13px; } .legend ul { list-style: none; padding: 0; margin: 0; }
        .legend li { padding: 4px 0; border-bottom: 1px solid #eee; } .legend li.unused { color: #999; }
        .legend .def { color: #555; font-size: 12px; }
        h2 { font-size: 16px; margin: 0 0 8px; }
        @media print { .page { display: block; } .legend { page-break-before: always; } }
        """
}
