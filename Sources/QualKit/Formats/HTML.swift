/// Escaping for text placed in HTML, so study text (codes, quotes, titles) can never become markup.
public enum HTML {
    /// `text` safe for element content and double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension HTML {
    /// A whole self-contained page: UTF-8, a Content Security Policy that forbids scripts and every
    /// external request, inline CSS. `title` is escaped here; `body` must already be safe HTML.
    public static func document(title: String, language: String, css: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

/// Escaping for text placed in Markdown tables and paragraphs.
public enum MarkdownText {
    /// `text` with Markdown's active characters escaped, and on one line (table cells).
    ///
    /// Inline markup, raw HTML and autolinks (`<`) and links (`[`) are escaped everywhere; a leading
    /// `-`, `+`, `=`, `~` or `1.` is escaped too, so a paragraph never turns into a list, a rule or a
    /// heading (https://spec.commonmark.org/0.31.2/#backslash-escapes).
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#":
                out.append("\\")
                out.append(character)
            case "\n", "\r": out.append(" ")
            default: out.append(character)
            }
        }
        if let first = out.first, "-+=~".contains(first) {
            out.insert("\\", at: out.startIndex)
        } else if let marker = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), marker != out.startIndex,
            out[marker] == "." || out[marker] == ")"
        {
            out.insert("\\", at: marker)
        }
        return out
    }
}
