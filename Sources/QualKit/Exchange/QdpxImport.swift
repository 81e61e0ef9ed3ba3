import Foundation

/// `qdpx import`: a REFI-QDA project into a study, planned in full first, then applied in one
/// transaction (or not at all, for a dry run). The plan is also what `merge FILE.qdpx` will show.
///
/// Identity, so that importing the same file twice changes nothing the second time:
/// - a source is the transcript whose source file is named like it (then its text is not
///   imported again; selections are placed by position when the texts agree, else by their text
///   where it occurs once);
/// - a user is the coder `--coder-map` names, else the coder with the user's GUID, else the coder
///   whose id is the user's `id` attribute when that is a valid id, else the user's name made an id;
/// - a code is the code with its GUID, else the code at its path;
/// - a case is the participant with its GUID, else with its name made an id;
/// - a coding is (segment, code, coder, start, end): the exact range, so the exact text;
/// - a note is the memo with its GUID, else the memo with its text on the same subject.
public enum QdpxImport {
    public struct Options: Sendable {
        /// `USER=CODER`: USER is a user's name or GUID in the file.
        public var coderMap: [String: String]
        public var dryRun: Bool
        /// The redactor this study's exports apply, when it is not the importing study's own (a
        /// merge reads the project onto a scratch copy of the study): a source that is the study's
        /// redacted export is recognised by it and its positions mapped back through the redactions.
        var exportRedactor: Redactor?
        public init(coderMap: [String: String] = [:], dryRun: Bool = false) {
            self.coderMap = coderMap
            self.dryRun = dryRun
        }
    }

    /// Added, unchanged and changed counts of one kind of record.
    public struct Tally: Sendable, Equatable {
        public var added = 0
        public var unchanged = 0
        public var changed = 0
    }

    /// What an import did, or would do on a dry run.
    public struct Report: Sendable {
        public var rule: QdpxText.Rule = .codePoints
        /// Why that rule: the origin, the evidence of the selection names, or the standard.
        public var ruleReason = ""
        public var coders = Tally()
        public var codes = Tally()
        public var participants = Tally()
        public var transcripts = Tally()
        public var codings = Tally()
        public var memos = Tally()
        /// What the file holds that was not imported, one line each.
        public var leftOut: [String] = []
        public var warnings: [String] = []
        public var dryRun = false
    }

    /// Reads, plans and (unless a dry run) applies `archive`, the bytes of a `.qdpx` file.
    ///
    /// - Throws: ``ZipError``, ``XMLError`` or ``QdpxError`` naming the entry and element; nothing
    ///   is written then.
    public static func run(_ archive: Data, file: String, options: Options, study: Study) throws -> Report {
        let project = try QdpxProject.read(ZipReader.entries(of: archive, limits: .standard))
        return try study.db.transaction {
            var planner = Planner(project: project, file: file, options: options, study: study)
            try planner.plan()
            if !options.dryRun { try planner.apply() }
            planner.report.dryRun = options.dryRun
            return planner.report
        }
    }
}

private struct Planner {
    let project: QdpxProject
    let file: String
    let options: QdpxImport.Options
    let study: Study
    var db: Database { study.db }
    var report = QdpxImport.Report()

    // Decisions, by the file's GUIDs.
    var coderOf: [String: String] = [:]
    var newCoders: [(id: String, name: String, uuid: String)] = []
    var codeOf: [String: String] = [:]
    var newCodes: [(code: Code, uuid: String)] = []
    var participantOf: [String: String] = [:]
    var newParticipants: [(id: String, uuid: String?, fields: [String: String], attributes: [String: String])] = []
    var attributeUpdates: [(participant: String, key: String, value: String)] = []
    /// Gender, community or languages of an existing participant to set: (participant, column, value).
    var fieldUpdates: [(participant: String, column: String, value: String)] = []
    var newTranscripts: [NewTranscript] = []
    var codings: [PlannedCoding] = []
    var memos: [(transcript: String?, segment: Int?, code: String?, coder: String?, text: String, uuid: String)] = []

    struct NewTranscript {
        var id: String
        /// The source's GUID, kept as the transcript's UUID unless the study already uses it.
        var uuid: String
        var participant: String
        var name: String
        var text: String
        var segments: [(number: Int, speaker: String, role: Segment.Role, text: String, range: Range<Int>)]
    }

    struct PlannedCoding: Hashable {
        var transcript: String
        var segment: Int
        var code: String
        var coder: String
        var start: Int
        var end: Int
        var transcriptStart: Int
        var transcriptEnd: Int
        var selection: String
        /// The selection's `Description`, stored as the coding's memo.
        var memo: String?
    }

    init(project: QdpxProject, file: String, options: QdpxImport.Options, study: Study) {
        self.project = project
        self.file = file
        self.options = options
        self.study = study
        report.leftOut = project.leftOut
        report.warnings = project.warnings
    }

    mutating func plan() throws {
        try planCoders()
        try planCodes()
        try planCases()
        try planSources()
        try planMemos()
    }

    // MARK: users → coders

    mutating func planCoders() throws {
        var map: [String: String] = [:]
        for (user, coder) in options.coderMap {
            guard
                let found = project.users.first(where: {
                    $0.name.lowercased() == user.lowercased() || $0.guid == QdpxProject.normalizedGUID(user)
                })
            else { throw QdpxError.coderMapUnknownUser(user, users: project.users.map(\.name)) }
            guard Identifiers.isPersonID(coder) else { throw QdpxError.invalidCoderID(user: user, id: coder) }
            map[found.guid] = coder
        }
        let existing = Set(try CodeStore(study).coderIDs())
        var byUUID: [String: String] = [:]
        for row in try db.rows("SELECT id, uuid FROM coder WHERE uuid IS NOT NULL") {
            byUUID[try row["uuid"]] = try row["id"]
        }
        for user in project.users {
            let id: String
            if let mapped = map[user.guid] {
                id = mapped
            } else if let known = byUUID[user.guid] {
                id = known
            } else if let given = user.id, Identifiers.isPersonID(given) {
                // The user's `id` attribute: the coder's id in qualkit's own exports.
                id = given
            } else {
                id = Self.personID(user.name)
                guard Identifiers.isPersonID(id) else { throw QdpxError.invalidCoderID(user: user.name, id: id) }
            }
            coderOf[user.guid] = id
        }
        // Only users who coded become coders; the others are listed.
        var coding = Set<String>()
        for source in project.sources {
            for selection in source.selections {
                if let user = selection.creatingUser { coding.insert(user) }
                for each in selection.codings { if let user = each.creatingUser { coding.insert(user) } }
            }
        }
        for user in project.users {
            let id = coderOf[user.guid]!
            if existing.contains(id) || newCoders.contains(where: { $0.id == id }) {
                if existing.contains(id) { report.coders.unchanged += 1 }
                continue
            }
            if coding.contains(user.guid) || user.guid == project.creatingUser {
                let uuidTaken = try db.value("SELECT 1 FROM coder WHERE uuid = ?", [user.guid]) != .null
                newCoders.append((id, user.name, uuidTaken ? StableID.make() : user.guid))
                report.coders.added += 1
            }
        }
    }

    /// A name as an id (letters, digits, `.`, `_`, `-`): accents dropped, other runs become `-`.
    static func personID(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en"))
        var out = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
            {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(64))
    }

    /// A name as one part of a code path: lower case, accents dropped, other runs become `-`.
    static func slug(_ name: String) -> String {
        let id = personID(name).lowercased()
        var out = ""
        for character in id {
            if character.isLetter || character.isNumber || character == "-" {
                out.append(character)
            } else if !out.hasSuffix("-") {
                out.append("-")
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "code" : trimmed
    }

    // MARK: codes

    mutating func planCodes() throws {
        var byUUID: [String: String] = [:]
        for row in try db.rows("SELECT path, uuid FROM code WHERE uuid IS NOT NULL") {
            byUUID[try row["uuid"]] = try row["path"]
        }
        let existing = Set(try CodeStore(study).paths())
        let used = Set(project.sources.flatMap { $0.selections.flatMap { $0.codings.map(\.code) } })
        var taken = existing
        for code in project.codes {
            if let known = byUUID[code.guid] {
                codeOf[code.guid] = known
                report.codes.unchanged += 1
                continue
            }
            let fields = Self.descriptionFields(code.description)
            let path: String
            if let written = fields["Path"], Identifiers.isCodePath(written),
                code.parents.isEmpty == !written.contains(".")
            {
                path = written
            } else {
                let parent = code.parents.last.flatMap { codeOf[$0] }
                let base = (parent.map { $0 + "." } ?? "") + Self.slug(code.name)
                var candidate = base
                var number = 2
                // Two codes of one name under one parent stay two codes.
                while taken.contains(candidate) && !existing.contains(candidate)
                    || newCodes.contains(where: { $0.code.path == candidate })
                {
                    candidate = "\(base)-\(number)"
                    number += 1
                }
                path = candidate
            }
            codeOf[code.guid] = path
            if existing.contains(path) {
                report.codes.unchanged += 1
                continue
            }
            taken.insert(path)
            // A code nobody can code with is a heading: its path is implied by its children.
            guard code.isCodable || used.contains(code.guid) else { continue }
            let name = code.name == path.split(separator: ".").last.map(String.init) ? nil : code.name
            let color = code.color.flatMap { Code.isColor($0) ? $0.uppercased() : nil }
            if let raw = code.color, color == nil {
                report.warnings.append("code '\(code.name)': colour '\(raw)' is not #RRGGBB; left out")
            }
            var description = fields
            if fields.isEmpty, !code.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                description["Definition"] = code.description.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let kind = description["Kind"].flatMap { Code.isKind($0) ? $0 : nil }
            let uuidTaken = try db.value("SELECT 1 FROM code WHERE uuid = ?", [code.guid]) != .null
            newCodes.append(
                (
                    Code(
                        path: path, name: name, kind: kind, definition: description["Definition"],
                        useWhen: description["Use when"], doNotUseWhen: description["Do not use when"],
                        example: description["Example"], color: color), uuidTaken ? StableID.make() : code.guid
                ))
            report.codes.added += 1
        }
    }

    /// The `Label: value` lines qualkit writes into a code's description (see ``RefiCodebook``);
    /// empty unless every line has a known label.
    static func descriptionFields(_ text: String) -> [String: String] {
        let labels = ["Definition", "Use when", "Do not use when", "Example", "Kind", "Path"]
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.trimmingSpaces().isEmpty {
            guard let colon = line.range(of: ": "), labels.contains(String(line[..<colon.lowerBound])) else {
                return [:]
            }
            fields[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
        }
        return fields
    }

    // MARK: cases → participants

    mutating func planCases() throws {
        let people = PeopleStore(study)
        // Values of variables named like direct identifiers, counted by name: never stored.
        var identifiers: [(name: String, count: Int)] = []
        for element in project.cases {
            var id = try db.value("SELECT id FROM participant WHERE uuid = ?", [element.guid]).stringValue
            if id == nil {
                id = Self.personID(element.name)
                if id!.isEmpty { id = "case-\(element.guid.prefix(8))" }
                if id != element.name { report.warnings.append("case '\(element.name)' is participant \(id!)") }
            }
            let participant = id!
            for source in element.sources where participantOf[source] == nil { participantOf[source] = participant }
            var attributes: [String: String] = [:]
            var fields: [String: String] = [:]
            for (key, value) in element.variables where !key.isEmpty {
                if PersonFields.isDirectIdentifier(key) {
                    if let index = identifiers.firstIndex(where: { $0.name == key }) {
                        identifiers[index].count += 1
                    } else {
                        identifiers.append((key, 1))
                    }
                    continue
                }
                guard let field = Self.participantField(key) else {
                    attributes[key] = value
                    continue
                }
                if let canonical = Self.fieldValue(field, value) {
                    fields[field] = canonical
                } else {
                    report.leftOut.append(
                        "case '\(element.name)': its \(key) '\(value)' is not a list of language tags (such as ur, en-GB)"
                    )
                }
            }
            if try people.participantExists(participant) {
                let person = try people.participant(participant)
                let have = person.attributes
                let haveFields = [
                    "gender": person.gender ?? "", "community": person.community ?? "",
                    "languages": person.languages.joined(separator: ","),
                ]
                var changed = false
                for (key, value) in attributes.sorted(by: { $0.key < $1.key }) where have[key] != value {
                    attributeUpdates.append((participant, key, value))
                    changed = true
                }
                for (column, value) in fields.sorted(by: { $0.key < $1.key }) where haveFields[column] != value {
                    fieldUpdates.append((participant, column, value))
                    changed = true
                }
                if changed { report.participants.changed += 1 } else { report.participants.unchanged += 1 }
            } else if let index = newParticipants.firstIndex(where: { $0.id == participant }) {
                newParticipants[index].attributes.merge(attributes) { a, _ in a }
                newParticipants[index].fields.merge(fields) { a, _ in a }
            } else {
                let uuidTaken = try db.value("SELECT 1 FROM participant WHERE uuid = ?", [element.guid]) != .null
                newParticipants.append((participant, uuidTaken ? nil : element.guid, fields, attributes))
                report.participants.added += 1
            }
        }
        for (name, count) in identifiers {
            let concept = PersonFields.identifierConcept(of: name).map { " (\($0.concept))" } ?? ""
            report.leftOut.append(
                "variable '\(name)': \(count) value(s) not imported: it looks like a direct identifier\(concept), and the study keeps pseudonymous ids only"
            )
        }
    }

    /// The participant field a case's variable sets (`gender`, `community`, `languages`, the
    /// names qualkit exports them under, in any case or spacing), or nil for a free attribute.
    static func participantField(_ name: String) -> String? {
        let key = PersonFields.normalizedKey(name)
        return ["gender", "community", "languages"].contains(key) ? key : nil
    }

    /// A field's value as stored: gender lower case, languages as normalised tags joined by `,`;
    /// nil when the languages are not tags.
    static func fieldValue(_ field: String, _ value: String) -> String? {
        switch field {
        case "gender": return PersonFields.gender(value) ?? ""
        case "languages": return (try? PersonFields.languages(value))?.joined(separator: ",")
        default: return PersonFields.optionalText(value) ?? ""
        }
    }

    // MARK: sources → transcripts, selections → codings

    /// The study's redactor, once: a source that is this study's redacted export is recognised by it.
    mutating func redactor() throws -> Redactor? {
        if let cachedRedactor { return cachedRedactor }
        cachedRedactor = try options.exportRedactor ?? Disclosure.redacted.redactor(for: study)
        return cachedRedactor
    }
    var cachedRedactor: Redactor?

    mutating func planSources() throws {
        var byName: [String: String] = [:]
        for row in try db.rows("SELECT id, source_file FROM transcript ORDER BY id") {
            let id: String = try row["id"]
            let source: String = try row["source_file"]
            for key in Self.nameKeys(source) where byName[key] == nil { byName[key] = id }
            byName[id.lowercased()] = byName[id.lowercased()] ?? id
        }
        var rules: [QdpxText.Rule: Int] = [:]
        let decided = decideRule()
        report.rule = decided.rule
        report.ruleReason = decided.reason
        var takenIDs = Set<String>()
        for source in project.sources {
            let content = QdpxText(source.text)
            if content.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                report.leftOut.append("source '\(source.name)': it has no text")
                continue
            }
            // The transcript it becomes, or already is.
            let transcript: String
            var segments: [(number: Int, id: Int64?, range: Range<Int>)]
            var sameText = true
            var existingText = ""
            // This study's own redacted export: positions map back through the redactions.
            var redactedExport: ExportedText?
            if let known = Self.nameKeys(source.name).lazy.compactMap({ byName[$0] }).first {
                transcript = known
                existingText = try TranscriptStore(study).text(of: known)
                sameText = existingText == content.text
                if !sameText, let redactor = try redactor() {
                    let exported = ExportedText(existingText, redactor: redactor)
                    if exported.text == content.text {
                        redactedExport = exported
                        sameText = true
                    }
                }
                segments = try TranscriptStore(study).segmentOutlines(of: known).map {
                    ($0.number, $0.id, $0.textStart..<$0.textEnd)
                }
                report.transcripts.unchanged += 1
                if !sameText {
                    report.warnings.append(
                        "source '\(source.name)' matches transcript \(known), whose text differs: its text was not imported, and its selections are placed by their text"
                    )
                }
            } else {
                let participant: String
                if let owner = participantOf[source.guid] {
                    participant = owner
                } else {
                    participant =
                        Self.personID(Self.stem(source.name)).isEmpty ? "source" : Self.personID(Self.stem(source.name))
                    if !(try PeopleStore(study).participantExists(participant))
                        && !newParticipants.contains(where: { $0.id == participant })
                    {
                        newParticipants.append((participant, nil, [:], [:]))
                        report.participants.added += 1
                    }
                    report.warnings.append(
                        "source '\(source.name)' has no case: it is the transcript of participant \(participant)")
                }
                var id = participant
                var number = 2
                while try db.value("SELECT 1 FROM interview WHERE id = ?", [id]) != .null || takenIDs.contains(id) {
                    id = "\(participant)-\(number)"
                    number += 1
                }
                takenIDs.insert(id)
                let planned = try segment(content, name: source.name, participant: participant)
                newTranscripts.append(
                    NewTranscript(
                        id: id, uuid: source.guid, participant: participant, name: source.name, text: content.text,
                        segments: planned))
                segments = planned.map { ($0.number, nil, $0.range) }
                transcript = id
                report.transcripts.added += 1
            }
            var seen = Set<PlannedCoding>()
            for selection in source.selections {
                let label = "selection \(selection.guid) in '\(source.name)'"
                var rule = decided.rule
                var range = content.range(selection.start, selection.end, rule: rule)
                if range == nil {
                    let length = content.length(rule: rule)
                    if selection.start < length, selection.end > length {
                        range = content.range(selection.start, length, rule: rule)
                        report.warnings.append(
                            "\(label) ends at \(selection.end), past the text's \(length): cut at the end")
                    } else if rule == .utf16,
                        let other = content.range(selection.start, selection.end, rule: .codePoints)
                    {
                        range = other
                        rule = .codePoints
                    }
                }
                guard var placed = range else {
                    report.leftOut.append(
                        "\(label): positions \(selection.start)–\(selection.end) lie outside its text")
                    continue
                }
                let covered = content.slice(placed)
                if let name = selection.name, !QdpxText.nameMatches(name, covered: covered) {
                    report.warnings.append(
                        "\(label): its name '\(Self.short(name))' differs from the text it covers '\(Self.short(covered))'"
                    )
                }
                rules[rule, default: 0] += 1
                if let redactedExport {
                    placed =
                        redactedExport.stored(
                            placed.lowerBound, roundingUp: false)..<redactedExport.stored(
                            placed.upperBound, roundingUp: true)
                } else if !sameText {
                    let found = QdpxText(existingText).occurrences(of: covered)
                    guard found.count == 1 else {
                        report.leftOut.append(
                            "\(label): its text '\(Self.short(covered))' occurs \(found.count) times in transcript \(transcript)"
                        )
                        continue
                    }
                    placed = found[0]..<(found[0] + covered.unicodeScalars.count)
                }
                let parts = segments.compactMap { segment -> (Int, Range<Int>, Int)? in
                    let lower = max(placed.lowerBound, segment.range.lowerBound)
                    let upper = min(placed.upperBound, segment.range.upperBound)
                    return lower < upper ? (segment.number, lower..<upper, segment.range.lowerBound) : nil
                }
                if parts.isEmpty {
                    report.leftOut.append("\(label): it covers only speaker labels or blank lines")
                    continue
                }
                // A selection holding only notes is an annotation: its notes become memos on the segment.
                if selection.codings.isEmpty && selection.notes.isEmpty {
                    report.leftOut.append("\(label): it has no coding")
                }
                for coding in selection.codings {
                    guard let code = codeOf[coding.code],
                        let coder = try coderFor(coding, selection: selection, label: label)
                    else { continue }
                    for (number, part, base) in parts {
                        let planned = PlannedCoding(
                            transcript: transcript, segment: number, code: code, coder: coder,
                            start: part.lowerBound - base, end: part.upperBound - base,
                            transcriptStart: part.lowerBound, transcriptEnd: part.upperBound, selection: selection.guid,
                            memo: selection.description)
                        guard seen.insert(planned).inserted else { continue }
                        let exists =
                            try db.value(
                                """
                                SELECT 1 FROM coding c JOIN segment s ON s.id = c.segment
                                WHERE s.transcript = ? AND s.number = ? AND c.code = ? AND c.coder = ? AND c.start = ? AND c.end = ?
                                """, [transcript, number, code, coder, planned.start, planned.end]) != .null
                        if exists {
                            report.codings.unchanged += 1
                        } else {
                            codings.append(planned)
                            report.codings.added += 1
                        }
                    }
                }
            }
            sourceTranscript[source.guid] = (transcript, segments.map { ($0.number, $0.range) })
        }
        if rules.count > 1 {
            report.warnings.append(
                "\(rules[.codePoints] ?? 0) selection(s) fit only as code points; they were read so")
        }
    }

    var sourceTranscript: [String: (String, [(Int, Range<Int>)])] = [:]

    /// The rule for reading positions: UTF-16 for NVivo (its `origin`), or where the selection names
    /// fit UTF-16 better; else the standard's code points.
    func decideRule() -> (rule: QdpxText.Rule, reason: String) {
        var fits: [QdpxText.Rule: Int] = [.codePoints: 0, .utf16: 0]
        var named = 0
        var astral = false
        for source in project.sources {
            let content = QdpxText(source.text)
            guard content.hasAstral else { continue }
            astral = true
            for selection in source.selections {
                for rule in [QdpxText.Rule.codePoints, .utf16] {
                    guard let range = content.range(selection.start, selection.end, rule: rule) else { continue }
                    if let name = selection.name {
                        if rule == .codePoints { named += 1 }
                        if QdpxText.nameMatches(name, covered: content.slice(range)) { fits[rule]! += 1 }
                    }
                }
            }
        }
        let origin = project.origin ?? ""
        if origin.lowercased().contains("nvivo") {
            return (.utf16, "the file's origin is '\(origin)', which counts positions in UTF-16 code units")
        }
        if astral && fits[.utf16]! > fits[.codePoints]! {
            return (
                .utf16,
                "\(fits[.utf16]!) of \(named) selection names match their text in UTF-16 code units, \(fits[.codePoints]!) in code points"
            )
        }
        if !astral {
            return (.codePoints, "the standard's rule (no character outside the BMP, so UTF-16 counts the same)")
        }
        return (.codePoints, "the standard's rule")
    }

    /// The coder of a coding: its creating user, else its selection's, else the project's.
    mutating func coderFor(_ coding: QdpxProject.Coding, selection: QdpxProject.Selection, label: String) throws
        -> String?
    {
        if let user = coding.creatingUser, let coder = coderOf[user] {
            if let other = selection.creatingUser, other != user, coderOf[other] != nil, !warnedDiffer.contains(label) {
                warnedDiffer.insert(label)
                report.warnings.append("\(label): the coding's user differs from the selection's; the coding's is used")
            }
            return coder
        }
        if let user = selection.creatingUser, let coder = coderOf[user] {
            report.warnings.append("\(label): its coding names no known user; the selection's creator \(coder) is used")
            return coder
        }
        if let user = project.creatingUser, let coder = coderOf[user] {
            report.warnings.append(
                "\(label): neither the coding nor the selection names a known user; the project's creator \(coder) is used"
            )
            return coder
        }
        report.leftOut.append("\(label): no user to be its coder (give the file a user, or a creatingUser)")
        return nil
    }

    var warnedDiffer = Set<String>()

    /// Speaker turns when the text has labels, else paragraphs, each a range of the stored text.
    func segment(_ content: QdpxText, name: String, participant: String) throws
        -> [(number: Int, speaker: String, role: Segment.Role, text: String, range: Range<Int>)]
    {
        var turns: [Turn] = []
        if let parsed = try? TranscriptParser.parse(Array(content.text.utf8), format: .txt, file: name) {
            turns = parsed.turns
        }
        guard !turns.isEmpty, let ranges = content.locate(turns) else {
            let whole = 0..<content.text.unicodeScalars.count
            return [(1, "", .unknown, content.text, whole)]
        }
        var labels: [String] = []
        for turn in turns where turn.hasSpeaker && !labels.contains(turn.speaker) { labels.append(turn.speaker) }
        let roles = SpeakerRoles.assign(labels, facts: .init(participant: participant))
        let terms = try RedactionList(study).terms().map(\.term)
        var stored: [String: String] = [:]
        var taken = Set(labels)
        for (index, label) in labels.enumerated() {
            stored[label] = label
            // The study is pseudonymous: a label that looks like a name is stored as its role.
            if SpeakerRoles.looksLikeName(label, redactionTerms: terms) {
                taken.remove(label)
                let replacement = SpeakerRoles.replacement(
                    role: roles[label] ?? .unknown, position: index + 1, taken: taken)
                taken.insert(replacement)
                stored[label] = replacement
            }
        }
        return zip(turns, ranges).enumerated().map { index, pair in
            let (turn, range) = pair
            return (
                index + 1, turn.hasSpeaker ? stored[turn.speaker] ?? turn.speaker : "",
                turn.hasSpeaker ? roles[turn.speaker] ?? .unknown : .unknown, content.slice(range), range
            )
        }
    }

    // MARK: notes → memos

    mutating func planMemos() throws {
        // A note's transcript and segment come from the source or selection that refers to it, its
        // code from the code that does (qualkit refers to a memo on a coding from both), else from
        // the selection's first coding.
        var subject: [String: (transcript: String?, segment: Int?, code: String?)] = [:]
        var codeOfNote: [String: String] = [:]
        for (code, notes) in project.codeNotes {
            for note in notes {
                subject[note] = (nil, nil, codeOf[code])
                if let path = codeOf[code], codeOfNote[note] == nil { codeOfNote[note] = path }
            }
        }
        for source in project.sources {
            guard let placed = sourceTranscript[source.guid] else { continue }
            let (transcript, segments) = placed
            for note in source.notes { subject[note] = (transcript, nil, codeOfNote[note]) }
            let content = QdpxText(source.text)
            for selection in source.selections where !selection.notes.isEmpty {
                let range = content.range(selection.start, selection.end, rule: report.rule)
                let number = range.flatMap { r in segments.first { $0.1.upperBound > r.lowerBound }?.0 }
                let code = selection.codings.first.flatMap { codeOf[$0.code] }
                for note in selection.notes {
                    subject[note] = (transcript, number, codeOfNote[note] ?? (number == nil ? nil : code))
                }
            }
        }
        for note in project.notes {
            let about = subject[note.guid] ?? (nil, nil, nil)
            var coder = note.creatingUser.flatMap { coderOf[$0] }
            if let id = coder, try db.value("SELECT 1 FROM coder WHERE id = ?", [id]) == .null,
                !newCoders.contains(where: { $0.id == id })
            {
                coder = nil
            }
            let text = note.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                report.leftOut.append("note '\(note.name ?? note.guid)': it has no text")
                continue
            }
            let known =
                try db.value("SELECT 1 FROM memo WHERE uuid = ?", [note.guid]) != .null
                || db.value(
                    "SELECT 1 FROM memo WHERE text = ? AND transcript IS ? AND segment_number IS ? AND code IS ?",
                    [text, about.transcript, about.segment, about.code]) != .null
            if known {
                report.memos.unchanged += 1
            } else {
                memos.append((about.transcript, about.segment, about.code, coder, text, note.guid))
                report.memos.added += 1
            }
        }
    }

    // MARK: apply

    mutating func apply() throws {
        let now = Clock.nowTimestamp()
        for coder in newCoders {
            try db.execute(
                "INSERT INTO coder(id, name, created_at, uuid) VALUES (?, ?, ?, ?)",
                [coder.id, coder.name == coder.id ? nil : coder.name, now, coder.uuid])
        }
        let codes = CodeStore(study)
        for (code, uuid) in newCodes {
            try codes.save(code, isNew: true)
            try db.execute("UPDATE code SET uuid = ? WHERE path = ?", [uuid, code.path])
        }
        let people = PeopleStore(study)
        for person in newParticipants {
            let fields = person.fields
            try people.save(
                Participant(
                    id: person.id, languages: PersonFields.list(fields["languages"] ?? ""),
                    gender: fields["gender"].flatMap { $0.isEmpty ? nil : $0 },
                    community: fields["community"].flatMap { $0.isEmpty ? nil : $0 }, attributes: person.attributes),
                isNew: true)
            if let uuid = person.uuid {
                try db.execute("UPDATE participant SET uuid = ? WHERE id = ?", [uuid, person.id])
            }
        }
        for update in fieldUpdates {
            // The column is one of three fixed names (``participantField``), never the file's text.
            let value: SQLValue = update.value.isEmpty && update.column != "languages" ? .null : .text(update.value)
            try db.execute("UPDATE participant SET \(update.column) = ? WHERE id = ?", [value, update.participant])
        }
        for update in attributeUpdates {
            try db.execute(
                """
                INSERT INTO participant_attribute(participant, key, value) VALUES (?, ?, ?)
                ON CONFLICT (participant, key) DO UPDATE SET value = excluded.value
                """, [update.participant, update.key, update.value])
        }
        let transcripts = TranscriptStore(study)
        for transcript in newTranscripts {
            try InterviewStore(study).insert(
                Interview(id: transcript.id, participant: transcript.participant, status: .done))
            try transcripts.write(
                id: transcript.id, interview: transcript.id, format: "txt", file: "\(file)#\(transcript.name)",
                header: "",
                text: transcript.text,
                segments: transcript.segments.map {
                    ($0.number, $0.speaker, $0.role, nil, nil, $0.text, $0.range.lowerBound, $0.range.upperBound)
                })
            if try db.value("SELECT 1 FROM transcript WHERE uuid = ?", [transcript.uuid]) == .null {
                try db.execute("UPDATE transcript SET uuid = ? WHERE id = ?", [transcript.uuid, transcript.id])
            }
        }
        let insert = try db.prepare(
            """
            INSERT OR IGNORE INTO coding(segment, code, coder, start, end, transcript_start, transcript_end, created_at, uuid, selection, memo)
            SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM segment WHERE transcript = ? AND number = ?
            """)
        let store = CodingStore(study)
        for coding in codings {
            try insert.run([
                coding.code, coding.coder, coding.start, coding.end, coding.transcriptStart, coding.transcriptEnd, now,
                StableID.make(), coding.selection, coding.memo, coding.transcript, coding.segment,
            ])
            try store.cover(transcript: coding.transcript, coder: coding.coder)
        }
        for memo in memos {
            let id = try store.addMemo(
                transcript: memo.transcript, segment: memo.segment, code: memo.code, coder: memo.coder, text: memo.text)
            if try db.value("SELECT 1 FROM memo WHERE uuid = ?", [memo.uuid]) == .null {
                try db.execute("UPDATE memo SET uuid = ? WHERE id = ?", [memo.uuid, id])
            }
        }
    }

    // MARK: names

    /// The keys a source or transcript file is known by: its name, its last path part and that
    /// part's stem, lower case (a transcript's source file is `FILE.qdpx#NAME`).
    static func nameKeys(_ name: String) -> [String] {
        var last = name
        if let hash = last.lastIndex(of: "#") { last = String(last[last.index(after: hash)...]) }
        last = String(last.split(separator: "/").last ?? Substring(last))
        return Array(Set([last.lowercased(), stem(last).lowercased()]))
    }

    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        let ext = name[name.index(after: dot)...]
        return ext.count <= 4 && ext.allSatisfy(\.isLetter) ? String(name[..<dot]) : name
    }

    static func short(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 40 ? String(flat.prefix(40)) + "…" : flat
    }
}
