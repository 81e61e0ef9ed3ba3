import Foundation

/// Standard output for results, standard error for diagnostics.
///
/// Colour (bold table headers) only when standard output is a terminal and `NO_COLOR` is unset
/// (https://no-color.org), so pipes and files receive plain text.
package final class Console {
    package let useColor: Bool
    private var outBuffer = ""

    package init(environment: [String: String]) {
        useColor = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    package func out(_ text: String, tableHeader: Bool = false) {
        var text = text
        if tableHeader && useColor, let end = text.firstIndex(of: "\n") {
            text = "\u{1B}[1m" + text[..<end] + "\u{1B}[0m" + text[end...]
        }
        outBuffer += text
        if outBuffer.utf8.count > 1 << 16 { flush() }
    }

    package func line(_ text: String = "") { out(text + "\n") }

    package func err(_ text: String) {
        flush()
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    package func flush() {
        guard !outBuffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(outBuffer.utf8))
        outBuffer = ""
    }
}
