/// A JSON value with object members kept in the order they were written.
///
/// qualkit's JSON output is a contract (see `docs/json.md`): field order is stable, numbers keep
/// full double precision, integers print without a fraction and a missing statistic is `null`,
/// never `NaN`.
///
/// ```swift
/// let theme: JSON = .object([("code", "barrier.stigma"), ("participants", 61), ("percent", 56.5)])
/// print(theme.serialized())
/// ```
public indirect enum JSON: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([Member])

    /// One `"name": value` pair of an object.
    public struct Member: Sendable, Equatable {
        public let name: String
        public let value: JSON
        public init(_ name: String, _ value: JSON) {
            self.name = name
            self.value = value
        }
    }

    /// An object from `(name, value)` pairs, in order.
    public static func object(_ pairs: [(String, JSON)]) -> JSON {
        .object(pairs.map { Member($0.0, $0.1) })
    }

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    /// A string, or `null` for nil.
    public static func string(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
    /// An integer, or `null` for nil.
    public static func int(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }
    /// A number, or `null` for nil or a non-finite value.
    public static func number(_ value: Double?) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .double(value)
    }
    /// An array of strings.
    public static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

    /// The member named `name` of an object.
    public subscript(_ name: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name == name }?.value
    }

    /// The text of the value: pretty-printed with two-space indents, or compact on one line.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : nil)
        return out
    }

    /// Pretty-printed as it appears nested `indent` levels deep (its first line not indented):
    /// for writers that stream a long array one item at a time.
    public func serialized(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? JSON.format(value) : "null"
        case .string(let value): JSON.writeString(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                JSON.newline(&out, indent.map { $0 + 1 })
                item.write(to: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSON.newline(&out, indent.map { $0 + 1 })
                JSON.writeString(member.name, to: &out)
                out += indent == nil ? ":" : ": "
                member.value.write(to: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    /// Shortest text that reads back as the same double; whole numbers keep a `.0`.
    public static func format(_ value: Double) -> String {
        let text = "\(value)"
        // Swift writes 1e-05 and 1e+20; JSON accepts exponents but not a leading '+' in them.
        return text.replacingOccurrences(of: "e+", with: "e")
    }

    private static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
