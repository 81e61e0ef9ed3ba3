import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element read by ``SafeXML``: its local name (prefix dropped), attributes by local name,
/// child elements in order and the text directly inside it.
public struct XMLTree: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLTree]
    public var text: String
    /// The line its start tag ends on (0 when built in code), for errors that name where.
    public var line: Int

    public init(
        name: String, attributes: [String: String] = [:], children: [XMLTree] = [], text: String = "", line: Int = 0
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    /// Every child named `name`.
    public func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
}

/// Why an XML document was refused.
public enum XMLError: Error, Sendable, Equatable {
    /// The document declares a DTD (`<!DOCTYPE`) or an entity (`<!ENTITY`). Refused outright: DTDs
    /// are how external entities (file theft) and billion-laughs expansions get in, and no REFI-QDA
    /// file needs one.
    case doctype(document: String)
    /// Not UTF-8 (REFI-QDA requires UTF-8).
    case notUTF8(document: String)
    /// The parser's own refusal, with its line.
    case malformed(document: String, line: Int, reason: String)
    /// Elements nested deeper than ``SafeXML/maxDepth``.
    case tooDeep(document: String, limit: Int)
}

/// Parses XML without ever loading a DTD or an external entity.
///
/// Any `<!DOCTYPE` or `<!ENTITY` in the bytes refuses the document before the parser sees it, and
/// the parser is also told not to resolve external entities, so neither a `SYSTEM "file:///etc/passwd"`
/// entity nor a billion-laughs expansion can run.
public enum SafeXML {
    /// The deepest nesting accepted.
    public static let maxDepth = 256

    /// The root element of `data`. `document` names the file in errors.
    public static func parse(_ data: Data, document: String) throws -> XMLTree {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw XMLError.notUTF8(document: document)
        }
        guard let text = String(data: bytes, encoding: .utf8) else { throw XMLError.notUTF8(document: document) }
        let upper = text.uppercased()
        if upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY") { throw XMLError.doctype(document: document) }
        let parser = XMLParser(data: bytes)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder()
        parser.delegate = builder
        let finished = parser.parse()
        if builder.depthExceeded { throw XMLError.tooDeep(document: document, limit: maxDepth) }
        guard finished, let root = builder.root else {
            // Foundation's own message names only its error domain and number, and its codes differ
            // between platforms, so the position is what is said.
            let reason =
                parser.parserError == nil
                ? "it ends before every element is closed" : "near column \(parser.columnNumber)"
            throw XMLError.malformed(document: document, line: parser.lineNumber, reason: reason)
        }
        return root
    }
}

/// Builds ``XMLTree`` values from the parser's events, with a stack instead of recursion.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?
    var depthExceeded = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard stack.count < SafeXML.maxDepth else {
            depthExceeded = true
            parser.abortParsing()
            return
        }
        var plain: [String: String] = [:]
        for (key, value) in attributes { plain[localName(key)] = value }
        stack.append(XMLTree(name: localName(elementName), attributes: plain, line: parser.lineNumber))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        guard let finished = stack.popLast() else { return }
        if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    private func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}
