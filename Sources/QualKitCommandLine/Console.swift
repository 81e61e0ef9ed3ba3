import Foundation

/// Standard output for results, standard error for diagnostics.
///
/// Colour (bold table headers) only when standard output is a terminal and `NO_COLOR` is unset
/// (https://no-color.org), so pipes and files receive plain text. On a terminal, control
/// characters in the text (a stored value holding an escape sequence) are shown escaped, so data
/// can never drive the terminal.
///
/// Output is written with `write(2)`: a failed write (a full disk, a closed descriptor, a reader
/// that went away) is remembered in ``outputFailure`` instead of stopping the process, and the
/// rest of the output is dropped.
package final class Console {
    package let useColor: Bool
    /// True when standard output is a terminal.
    package let isTerminal: Bool
    private var outBuffer = ""
    /// The `errno` of the first failed write to standard output, if any.
    package private(set) var outputFailure: Int32?

    /// - Parameter terminal: whether standard output is a terminal; nil to ask the system.
    package init(environment: [String: String], terminal: Bool? = nil) {
        isTerminal = terminal ?? (isatty(STDOUT_FILENO) == 1)
        useColor = isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    package func out(_ text: String, tableHeader: Bool = false) {
        var text = isTerminal ? Self.escapingControlCharacters(text) : text
        if tableHeader && useColor, let end = text.firstIndex(of: "\n") {
            text = "\u{1B}[1m" + text[..<end] + "\u{1B}[0m" + text[end...]
        }
        outBuffer += text
        if outBuffer.utf8.count > 1 << 16 { flush() }
    }

    package func line(_ text: String = "") { out(text + "\n") }

    package func err(_ text: String) {
        flush()
        var text = text.hasSuffix("\n") ? text : text + "\n"
        if isatty(STDERR_FILENO) == 1 { text = Self.escapingControlCharacters(text) }
        // Nothing more can be done when standard error itself cannot be written.
        _ = Self.writeAll(text, to: STDERR_FILENO)
    }

    /// A question on standard error, without a line break, for the answer to follow.
    package func prompt(_ text: String) {
        flush()
        _ = Self.writeAll(Self.escapingControlCharacters(text), to: STDERR_FILENO)
    }

    package func flush() {
        guard !outBuffer.isEmpty else { return }
        defer { outBuffer = "" }
        guard outputFailure == nil else { return }
        outputFailure = Self.writeAll(outBuffer, to: STDOUT_FILENO)
    }

    /// Writes all of `text`; the `errno` of a failure, else nil.
    static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return count == 0 ? EIO : errno }
                offset += count
            }
            return nil
        }
    }

    /// `text` with every control character except line feed and tab written as `\x1B` (C0 and
    /// DEL) or `\u{9B}` (C1), so that it shows rather than acts on a terminal.
    package static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let form = scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
                escaped.append(contentsOf: form.unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x0A || value == 0x09 { return false }
        return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
    }
}

/// Standard output could not be written (exit 74, or quietly for a reader that went away).
package struct StandardOutputFailure: Error, Sendable {
    /// The `errno` of the failed `write(2)`.
    package let code: Int32
}
