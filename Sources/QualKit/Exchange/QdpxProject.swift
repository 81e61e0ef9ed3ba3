import Foundation

/// What a REFI-QDA project (`.qdpx`) holds that qualkit imports, read from the archive's entries.
///
/// Pure: entries in, a value or a ``QdpxError``/``XMLError`` naming the entry and element out.
/// Real tools' quirks are accepted (see docs/exchange.md): any `*.qde` name, `sources/` or
/// `Sources/`, `plainTextPath` with or without `internal://`, GUIDs in braces or any case, an empty
/// `<Sets/>`. What qualkit cannot hold is listed in ``leftOut``, never dropped silently.
public struct QdpxProject: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var guid: String
        public var name: String
        /// The user's `id` attribute (qualkit writes the coder's id there), when given.
        public var id: String? = nil
    }

    public struct Code: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var isCodable: Bool
        public var color: String?
        public var description: String
        /// GUIDs of the codes above it, outermost first.
        public var parents: [String]
    }

    public struct Case: Sendable, Equatable {
        public var guid: String
        public var name: String
        /// Variable name and value, in file order.
        public var variables: [(String, String)]
        public var sources: [String]

        public static func == (a: Case, b: Case) -> Bool {
            a.guid == b.guid && a.name == b.name && a.sources == b.sources
                && a.variables.map { "\($0.0)=\($0.1)" } == b.variables.map { "\($0.0)=\($0.1)" }
        }
    }

    public struct Coding: Sendable, Equatable {
        public var guid: String
        public var code: String
        public var creatingUser: String?
    }

    public struct Selection: Sendable, Equatable {
        public var guid: String
        public var name: String?
        public var start: Int
        public var end: Int
        public var creatingUser: String?
        public var codings: [Coding]
        public var notes: [String]
        /// The selection's `Description` (qualkit writes a coding's memo there), when not blank.
        public var description: String? = nil
    }

    public struct Source: Sendable, Equatable {
        public var guid: String
        public var name: String
        /// The text exactly as the file gives it, byte-order mark dropped.
        public var text: String
        /// Where the text came from: the archive entry, or `PlainTextContent`.
        public var textEntry: String
        public var creatingUser: String?
        public var selections: [Selection]
        public var notes: [String]
    }

    public struct Note: Sendable, Equatable {
        public var guid: String
        public var name: String?
        public var text: String
        public var creatingUser: String?
    }

    /// The `.qde` entry read.
    public var entry: String
    public var name: String?
    /// The `origin` attribute: the tool that wrote the file.
    public var origin: String?
    public var creatingUser: String?
    public var users: [User] = []
    public var codes: [Code] = []
    public var cases: [Case] = []
    public var sources: [Source] = []
    public var notes: [Note] = []
    /// Note GUIDs referenced from each code GUID.
    public var codeNotes: [String: [String]] = [:]
    /// What the file holds that qualkit does not import, one line each.
    public var leftOut: [String] = []
    /// What was repaired, one line each.
    public var warnings: [String] = []

    /// Reads the project from an archive's entries (as ``ZipReader/entries(of:limits:)`` returns them).
    public static func read(_ entries: [ZipEntry]) throws -> QdpxProject {
        let projects = entries.filter { !$0.path.contains("/") && $0.path.lowercased().hasSuffix(".qde") }
        guard let projectEntry = projects.first else {
            throw QdpxError.noProjectFile(entries: entries.map(\.path))
        }
        if projects.count > 1 { throw QdpxError.severalProjectFiles(projects.map(\.path)) }
        let root = try SafeXML.parse(projectEntry.data, document: projectEntry.path)
        guard root.name == "Project" else { throw QdpxError.notAProject(entry: projectEntry.path, root: root.name) }
        var reader = Reader(entry: projectEntry.path, entries: entries)
        return try reader.project(root)
    }

    /// GUIDs as qualkit stores them: lower case, dashed, no braces. Nil when not a GUID.
    public static func normalizedGUID(_ text: String) -> String? {
        var hex = text.trimmingSpaces()
        if hex.hasPrefix("{") && hex.hasSuffix("}") { hex = String(hex.dropFirst().dropLast()) }
        hex = hex.replacingOccurrences(of: "-", with: "").lowercased()
        guard hex.count == 32, hex.allSatisfy(\.isHexDigit) else { return nil }
        let cuts = [8, 4, 4, 4, 12]
        var parts: [String] = []
        var rest = Substring(hex)
        for cut in cuts {
            parts.append(String(rest.prefix(cut)))
            rest = rest.dropFirst(cut)
        }
        return parts.joined(separator: "-")
    }
}

/// The walk over one `.qde` document.
private struct Reader {
    let entry: String
    let entries: [ZipEntry]
    var result: QdpxProject

    init(entry: String, entries: [ZipEntry]) {
        self.entry = entry
        self.entries = entries
        result = QdpxProject(entry: entry)
    }

    func guid(_ element: XMLTree, _ attribute: String = "guid") throws -> String {
        guard let raw = element.attributes[attribute], !raw.isEmpty else {
            throw QdpxError.missingAttribute(entry: entry, element: element.name, attribute: attribute)
        }
        guard let value = QdpxProject.normalizedGUID(raw) else {
            throw QdpxError.badGUID(entry: entry, element: element.name, value: raw)
        }
        return value
    }

    func optionalGUID(_ element: XMLTree, _ attribute: String) throws -> String? {
        guard let raw = element.attributes[attribute], !raw.isEmpty else { return nil }
        return try guid(element, attribute)
    }

    func noteRefs(_ element: XMLTree) throws -> [String] {
        try element.children("NoteRef").map { try guid($0, "targetGUID") }
    }

    mutating func project(_ root: XMLTree) throws -> QdpxProject {
        result.name = root.attributes["name"]
        result.origin = root.attributes["origin"]
        result.creatingUser = try optionalGUID(root, "creatingUserGUID")
        var variables: [String: String] = [:]
        for child in root.children {
            switch child.name {
            case "Users":
                for user in child.children("User") {
                    let id = try guid(user)
                    let name = user.attributes["name"].flatMap { $0.isEmpty ? nil : $0 } ?? id
                    if result.users.contains(where: { $0.guid == id }) {
                        throw QdpxError.duplicateGUID(entry: entry, element: "User", guid: id)
                    }
                    let userID = user.attributes["id"].flatMap { $0.isEmpty ? nil : $0 }
                    result.users.append(.init(guid: id, name: name, id: userID))
                }
            case "CodeBook":
                for part in child.children {
                    switch part.name {
                    case "Codes": try codes(part.children("Code"), parents: [])
                    case "Sets":
                        if !part.children.isEmpty { result.leftOut.append("\(part.children.count) code set(s)") }
                    default: result.leftOut.append("codebook element <\(part.name)>")
                    }
                }
            case "Variables":
                for variable in child.children("Variable") {
                    variables[try guid(variable)] = variable.attributes["name"] ?? ""
                }
            case "Cases": break
            case "Sources": try sources(child)
            case "Notes":
                for note in child.children("Note") {
                    result.notes.append(
                        .init(
                            guid: try guid(note), name: note.attributes["name"],
                            text: try text(of: note, label: "Note \(note.attributes["name"] ?? "")"),
                            creatingUser: try optionalGUID(note, "creatingUser")))
                }
            case "Sets": if !child.children.isEmpty { result.leftOut.append("\(child.children.count) set(s)") }
            case "Links", "Graphs":
                if !child.children.isEmpty {
                    result.leftOut.append("\(child.children.count) \(child.name.lowercased())")
                }
            case "Description":
                if !child.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    result.leftOut.append("the project's description")
                }
            case "NoteRef": break
            default: result.leftOut.append("project element <\(child.name)>")
            }
        }
        // Cases after variables, wherever they come in the file.
        for casesElement in root.children("Cases") {
            for element in casesElement.children("Case") {
                var values: [(String, String)] = []
                for value in element.children("VariableValue") {
                    guard let ref = value.child("VariableRef") else { continue }
                    let id = try guid(ref, "targetGUID")
                    guard let name = variables[id] else {
                        throw QdpxError.unknownReference(entry: entry, element: "VariableRef", guid: id)
                    }
                    let content = value.children.first { $0.name != "VariableRef" }?.text ?? ""
                    values.append((name, content))
                }
                result.cases.append(
                    .init(
                        guid: try guid(element), name: element.attributes["name"] ?? "", variables: values,
                        sources: try element.children("SourceRef").map { try guid($0, "targetGUID") }))
            }
        }
        try checkReferences()
        return result
    }

    mutating func codes(_ elements: [XMLTree], parents: [String]) throws {
        for element in elements {
            let id = try guid(element)
            if result.codes.contains(where: { $0.guid == id }) {
                throw QdpxError.duplicateGUID(entry: entry, element: "Code", guid: id)
            }
            guard let name = element.attributes["name"], !name.isEmpty else {
                throw QdpxError.missingAttribute(entry: entry, element: "Code", attribute: "name")
            }
            result.codes.append(
                .init(
                    guid: id, name: name, isCodable: element.attributes["isCodable"] != "false",
                    color: element.attributes["color"], description: element.child("Description")?.text ?? "",
                    parents: parents))
            let notes = try noteRefs(element)
            if !notes.isEmpty { result.codeNotes[id] = notes }
            try codes(element.children("Code"), parents: parents + [id])
        }
    }

    mutating func sources(_ element: XMLTree) throws {
        for source in element.children {
            guard source.name == "TextSource" else {
                result.leftOut.append(
                    "\(source.name) '\(source.attributes["name"] ?? "")' (qualkit imports text sources only)")
                continue
            }
            let id = try guid(source)
            let name = source.attributes["name"].flatMap { $0.isEmpty ? nil : $0 } ?? id
            let (text, textEntry) = try sourceText(source, name: name)
            var selections: [QdpxProject.Selection] = []
            for child in source.children {
                switch child.name {
                case "PlainTextSelection": selections.append(try selection(child))
                case "PlainTextContent", "Description", "NoteRef": break
                case "VariableValue": result.leftOut.append("a variable value on source '\(name)'")
                default: result.leftOut.append("<\(child.name)> in source '\(name)'")
                }
            }
            if result.sources.contains(where: { $0.guid == id }) {
                throw QdpxError.duplicateGUID(entry: entry, element: "TextSource", guid: id)
            }
            result.sources.append(
                .init(
                    guid: id, name: name, text: text, textEntry: textEntry,
                    creatingUser: try optionalGUID(source, "creatingUser"), selections: selections,
                    notes: try noteRefs(source)))
        }
    }

    func selection(_ element: XMLTree) throws -> QdpxProject.Selection {
        let id = try guid(element)
        func position(_ attribute: String) throws -> Int {
            guard let raw = element.attributes[attribute] else {
                throw QdpxError.missingAttribute(entry: entry, element: "PlainTextSelection", attribute: attribute)
            }
            guard let value = Int(raw.trimmingSpaces()), value >= 0 else {
                throw QdpxError.badPosition(
                    entry: entry, selection: id, reason: "\(attribute) '\(raw)' is not a whole number")
            }
            return value
        }
        let start = try position("startPosition")
        let end = try position("endPosition")
        guard start < end else {
            throw QdpxError.badPosition(entry: entry, selection: id, reason: "starts at \(start) but ends at \(end)")
        }
        return .init(
            guid: id, name: element.attributes["name"], start: start, end: end,
            creatingUser: try optionalGUID(element, "creatingUser"),
            codings: try element.children("Coding").map { coding in
                guard let ref = coding.child("CodeRef") else {
                    throw QdpxError.missingAttribute(entry: entry, element: "Coding", attribute: "CodeRef")
                }
                return .init(
                    guid: try guid(coding), code: try guid(ref, "targetGUID"),
                    creatingUser: try optionalGUID(coding, "creatingUser"))
            }, notes: try noteRefs(element),
            description: element.child("Description").map(\.text).flatMap {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0
            })
    }

    /// A source's text: inline `PlainTextContent`, else the entry `plainTextPath` names, looked up
    /// as `internal://X`, `X`, `sources/X` or `Sources/X`.
    func sourceText(_ source: XMLTree, name: String) throws -> (String, String) {
        if let inline = source.child("PlainTextContent") { return (inline.text, "PlainTextContent") }
        guard let path = source.attributes["plainTextPath"], !path.isEmpty else {
            throw QdpxError.missingAttribute(entry: entry, element: "TextSource '\(name)'", attribute: "plainTextPath")
        }
        return try archiveText(path, label: "TextSource '\(name)'")
    }

    func archiveText(_ path: String, label: String) throws -> (String, String) {
        var bare = path
        for scheme in ["internal://", "relative://"] where bare.lowercased().hasPrefix(scheme) {
            bare = String(bare.dropFirst(scheme.count))
        }
        let candidates = [bare, "sources/" + bare, "Sources/" + bare]
        let found =
            entries.first { candidates.contains($0.path) }
            ?? entries.first { entry in candidates.contains { $0.lowercased() == entry.path.lowercased() } }
        guard let found else { throw QdpxError.missingSourceText(entry: entry, source: label, path: path) }
        var bytes = found.data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw QdpxError.sourceTextNotUTF8(entry: found.path)
        }
        return (text, found.path)
    }

    func text(of note: XMLTree, label: String) throws -> String {
        if let inline = note.child("PlainTextContent") { return inline.text }
        if let path = note.attributes["plainTextPath"], !path.isEmpty { return try archiveText(path, label: label).0 }
        return note.child("Description")?.text ?? ""
    }

    mutating func checkReferences() throws {
        let users = Set(result.users.map(\.guid))
        let codes = Set(result.codes.map(\.guid))
        let notes = Set(result.notes.map(\.guid))
        let sources = Set(result.sources.map(\.guid))
        // A user defined nowhere is repaired: the coding falls back as if none were named.
        var unknownUsers = Set<String>()
        func user(_ id: String?, _ element: String) throws {
            if let id, !users.contains(id), unknownUsers.insert(id).inserted {
                result.warnings.append("\(element) names user \(id), who is not among <Users>: treated as not given")
            }
        }
        try user(result.creatingUser, "Project creatingUserGUID")
        for source in result.sources {
            try user(source.creatingUser, "TextSource creatingUser")
            for note in source.notes where !notes.contains(note) {
                throw QdpxError.unknownReference(entry: entry, element: "NoteRef", guid: note)
            }
            for selection in source.selections {
                try user(selection.creatingUser, "PlainTextSelection creatingUser")
                for note in selection.notes where !notes.contains(note) {
                    throw QdpxError.unknownReference(entry: entry, element: "NoteRef", guid: note)
                }
                for coding in selection.codings {
                    try user(coding.creatingUser, "Coding creatingUser")
                    if !codes.contains(coding.code) {
                        throw QdpxError.unknownReference(entry: entry, element: "CodeRef", guid: coding.code)
                    }
                }
            }
        }
        for note in result.notes { try user(note.creatingUser, "Note creatingUser") }
        for refs in result.codeNotes.values {
            for note in refs where !notes.contains(note) {
                throw QdpxError.unknownReference(entry: entry, element: "NoteRef", guid: note)
            }
        }
        for element in result.cases {
            for source in element.sources where !sources.contains(source) {
                // A case may point at a PDF or picture source that is left out.
                result.warnings.append("case '\(element.name)' refers to a source that is not a text source")
                _ = source
            }
        }
    }
}
