import Foundation

/// The study as a REFI-QDA project (`.qdpx`): a zip holding `project.qde` (namespace
/// `urn:QDA-XML:project:1.0`) and one `sources/GUID.txt` per transcript.
///
/// What maps to what: coders are `User`s, the codebook is the `.qdc` export's `CodeBook`
/// (``RefiCodebook``), participants are `Case`s whose gender, community, languages and free
/// attributes are text `Variable`s and whose transcripts are `SourceRef`s, transcripts are
/// `TextSource`s, each coding is a `PlainTextSelection` holding one `Coding`, and memos are
/// `Note`s referred to from the code and the source they are about, or, for a memo on a segment,
/// from a `PlainTextSelection` of that segment holding no coding. GUIDs are the stored UUIDs
/// (``StableID``); a selection that spans several turns (parts sharing `coding.selection`) is one
/// selection whose GUID is that shared value. Positions are code points of the whole text as
/// written into the archive, which is redacted unless the ``Disclosure`` says otherwise
/// (``ExportedText`` maps them). Only stored dates are written, so two exports of one study are
/// byte-identical. What the standard cannot carry is counted in ``Report/leftOut``.
public enum QdpxExport {
    /// What an export wrote and what it left out.
    public struct Report: Sendable, Equatable {
        public var users = 0
        public var codes = 0
        public var variables = 0
        public var cases = 0
        public var sources = 0
        /// `PlainTextSelection`s: one per coding, one per multi-turn selection, one per memo on a
        /// segment.
        public var selections = 0
        /// Stored codings (parts) the selections hold.
        public var codings = 0
        public var notes = 0
        /// Whether the text was redacted.
        public var redacted = true
        /// qualkit-only records the standard has no place for: (what, how many), in a fixed order.
        public var leftOut: [LeftOut] = []
    }

    /// One kind of record left out, counted.
    public struct LeftOut: Sendable, Equatable {
        public let what: String
        public let count: Int
    }

    /// The archive's bytes and what it holds. An unredacted export is logged by
    /// ``Disclosure/redactor(for:)`` before anything is built.
    public static func archive(_ study: Study, disclosure: Disclosure) throws -> (data: Data, report: Report) {
        let redactor = try disclosure.redactor(for: study)
        let store = QdpxStore(study: study)
        var report = Report()
        report.redacted = redactor != nil
        func clean(_ text: String) -> String { redactor?.redact(text) ?? text }

        let users = try store.users()
        let codes = try CodeStore(study).codes()
        let codeUUIDs = try CodeStore(study).uuids()
        let cases = try store.cases()
        let sources = try store.sources()
        let memos = try store.memos()
        let exported = Set(sources.map(\.id))
        // A memo about a transcript goes with it; one about a code alone always goes.
        func isExported(_ memo: QdpxStore.Memo) -> Bool { memo.transcript.map { exported.contains($0) } ?? true }

        let title = try study.title()
        let created = dateTime(try study.setting("created_at"))
        var writer = XMLWriter()
        writer.start(
            "Project",
            [
                ("xmlns", "urn:QDA-XML:project:1.0"), ("name", title), ("origin", "qualkit"),
                ("creationDateTime", created),
            ])
        if !users.isEmpty {
            writer.start("Users")
            for user in users {
                writer.start(
                    "User", [("guid", user.uuid), ("name", user.name ?? user.id), ("id", user.id)], empty: true)
            }
            writer.end()
            report.users = users.count
        }
        if !codes.isEmpty {
            var notesByCode: [String: [String]] = [:]
            for memo in memos where isExported(memo) {
                if let code = memo.code { notesByCode[code, default: []].append(memo.uuid) }
            }
            writer.start("CodeBook")
            RefiCodebook.writeCodes(codes, uuids: codeUUIDs, notes: notesByCode, into: &writer)
            writer.end()
            report.codes = codes.count
        }
        // One variable per name any case has, by name.
        let variableNames = Set(cases.flatMap { $0.values.map(\.name) }).sorted()
        if !variableNames.isEmpty {
            writer.start("Variables")
            for name in variableNames {
                writer.start(
                    "Variable", [("guid", variableGUID(name)), ("name", name), ("typeOfVariable", "Text")], empty: true)
            }
            writer.end()
            report.variables = variableNames.count
        }
        if !cases.isEmpty {
            writer.start("Cases")
            for person in cases {
                writer.start("Case", [("guid", person.uuid), ("name", person.id)])
                for (name, value) in person.values {
                    writer.start("VariableValue")
                    writer.start("VariableRef", [("targetGUID", variableGUID(name))], empty: true)
                    writer.element("TextValue", clean(value))
                    writer.end()
                }
                for source in person.sources { writer.start("SourceRef", [("targetGUID", source)], empty: true) }
                writer.end()
            }
            writer.end()
            report.cases = cases.count
        }
        var texts: [(String, Data)] = []
        if !sources.isEmpty {
            writer.start("Sources")
            for source in sources {
                let text = ExportedText(source.text, redactor: redactor)
                texts.append((RefiGUID.sourceEntry(source.uuid), Data(text.text.utf8)))
                writer.start(
                    "TextSource",
                    [
                        ("guid", source.uuid), ("name", source.id),
                        ("plainTextPath", RefiGUID.plainTextPath(source.uuid)),
                        ("creationDateTime", dateTime(source.importedAt)),
                    ])
                let selections = QdpxSelection.group(try store.parts(of: source.id))
                for selection in selections {
                    let span = text.span(from: selection.start, to: selection.end)
                    writer.start(
                        "PlainTextSelection",
                        [
                            ("guid", selection.guid), ("name", text.slice(from: span.start, to: span.end)),
                            ("startPosition", String(span.start)), ("endPosition", String(span.end)),
                            ("creatingUser", selection.codings.first?.coderUUID),
                            ("creationDateTime", dateTime(selection.createdAt)),
                        ])
                    if let memo = selection.memo { writer.element("Description", clean(memo)) }
                    for coding in selection.codings {
                        writer.start(
                            "Coding",
                            [
                                ("guid", coding.guid), ("creatingUser", coding.coderUUID),
                                ("creationDateTime", dateTime(coding.createdAt)),
                            ])
                        writer.start("CodeRef", [("targetGUID", codeUUIDs[coding.code] ?? "")], empty: true)
                        writer.end()
                    }
                    writer.end()
                    report.selections += 1
                    report.codings += selection.parts
                }
                // A memo on a segment is a selection of the whole segment that holds no coding,
                // only the note (what other tools call an annotation), so it keeps its segment.
                let segmentMemos = memos.filter { $0.transcript == source.id && $0.segment != nil }
                if !segmentMemos.isEmpty {
                    var ranges: [Int: (start: Int, end: Int)] = [:]
                    for segment in try TranscriptStore(study).segmentOutlines(of: source.id) {
                        ranges[segment.number] = (segment.textStart, segment.textEnd)
                    }
                    for memo in segmentMemos {
                        guard let segment = memo.segment, let range = ranges[segment], range.start < range.end
                        else { continue }
                        let span = text.span(from: range.start, to: range.end)
                        writer.start(
                            "PlainTextSelection",
                            [
                                ("guid", memoSelectionGUID(memo.uuid)),
                                ("name", text.slice(from: span.start, to: span.end)),
                                ("startPosition", String(span.start)), ("endPosition", String(span.end)),
                                ("creatingUser", memo.coderUUID), ("creationDateTime", dateTime(memo.createdAt)),
                            ])
                        writer.start("NoteRef", [("targetGUID", memo.uuid)], empty: true)
                        writer.end()
                        report.selections += 1
                    }
                }
                for memo in memos where memo.transcript == source.id && memo.segment == nil {
                    writer.start("NoteRef", [("targetGUID", memo.uuid)], empty: true)
                }
                writer.end()
            }
            writer.end()
            report.sources = sources.count
        }
        let notes = memos.filter(isExported)
        if !notes.isEmpty {
            writer.start("Notes")
            for memo in notes {
                let about = [memo.transcript, memo.code].compactMap { $0 }.joined(separator: ", ")
                writer.start(
                    "Note",
                    [
                        ("guid", memo.uuid), ("name", about.isEmpty ? "Memo" : "Memo on \(about)"),
                        ("creatingUser", memo.coderUUID), ("creationDateTime", dateTime(memo.createdAt)),
                    ])
                writer.element("PlainTextContent", clean(memo.text))
                writer.end()
            }
            writer.end()
            report.notes = notes.count
        }
        writer.end()

        var zip = ZipWriter()
        try zip.add("project.qde", Data(writer.text.utf8))
        for (path, data) in texts { try zip.add(path, data) }
        report.leftOut = try store.leftOut().map { LeftOut(what: $0.0, count: $0.1) }
        return (zip.data, report)
    }

    /// Writes the archive to `path` whole or not at all, mode 0600 (see ``OutputFile``). The
    /// target is checked first, so an unredacted export that could not be written is not logged.
    public static func write(_ study: Study, disclosure: Disclosure, to path: String, replacing: Bool) throws -> Report
    {
        try OutputFile.checkTarget(path, replacing: replacing)
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder),
            isFolder.boolValue
        else { throw CannotCreateOutput(path: path, reason: "folder \(folder) does not exist") }
        let (data, report) = try archive(study, disclosure: disclosure)
        try OutputFile.write(data, to: path, replacing: replacing)
        return report
    }

    /// The GUID of the selection that carries a memo on a segment, derived from the memo's UUID.
    public static func memoSelectionGUID(_ memo: String) -> String { RefiGUID.derived(from: "memo-selection:" + memo) }

    /// A variable's GUID, derived from its name (variables have no stored UUID).
    public static func variableGUID(_ name: String) -> String { RefiGUID.derived(from: "variable:" + name) }

    /// `value` when it is an `xsd:dateTime` as qualkit stores them (`2026-11-22T10:00:00Z`), else
    /// nil, so a hand-edited date never makes the file invalid.
    static func dateTime(_ value: String?) -> String? {
        guard let value else { return nil }
        let pattern = #"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$"#
        return value.range(of: pattern, options: .regularExpression) != nil ? value : nil
    }
}
