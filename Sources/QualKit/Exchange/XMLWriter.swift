/// Writes XML text: escaped content and attributes, two-space indentation, UTF-8 declaration.
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    /// Opens `name` with `attributes` in the given order; nil values are left out.
    mutating func start(_ name: String, _ attributes: [(String, String?)] = [], empty: Bool = false) {
        text += String(repeating: "  ", count: open.count) + "<" + name
        for (key, value) in attributes {
            if let value { text += " \(key)=\"\(Self.escape(value, attribute: true))\"" }
        }
        if empty {
            text += "/>\n"
        } else {
            text += ">\n"
            open.append(name)
        }
    }

    /// An element holding only `content`.
    mutating func element(_ name: String, _ content: String, _ attributes: [(String, String?)] = []) {
        text += String(repeating: "  ", count: open.count) + "<" + name
        for (key, value) in attributes {
            if let value { text += " \(key)=\"\(Self.escape(value, attribute: true))\"" }
        }
        text += ">" + Self.escape(content, attribute: false) + "</\(name)>\n"
    }

    /// An element holding `markup`, which the caller has made well-formed (escaped) already.
    mutating func element(_ name: String, markup: String, _ attributes: [(String, String?)] = []) {
        text += String(repeating: "  ", count: open.count) + "<" + name
        for (key, value) in attributes {
            if let value { text += " \(key)=\"\(Self.escape(value, attribute: true))\"" }
        }
        text += ">" + markup + "</\(name)>\n"
    }

    mutating func end() {
        let name = open.removeLast()
        text += String(repeating: "  ", count: open.count) + "</\(name)>\n"
    }

    /// `&`, `<`, `>` always; quotes, tabs and line breaks too in attributes, so they read back as
    /// written. Characters XML 1.0 forbids (most controls) are dropped.
    static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
