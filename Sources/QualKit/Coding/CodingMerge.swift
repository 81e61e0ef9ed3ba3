import Foundation

/// Brings a coder's work back into the master study: from a copy made by ``Handout`` or from any
/// qualkit study. One transaction adds codings, coverage, memos and new codes (as proposed), and
/// settles each conflict the same way every time, so merging the same file twice adds nothing:
///
/// - a code renamed, moved or merged in the master is followed by its UUID;
/// - a transcript whose text differs from the master's has its codings re-anchored by the text
///   they cover where it occurs exactly once (within one turn), else they are not merged;
/// - a coding already present (same place, or same UUID at the same place) is unchanged;
/// - a coding by the same coder with the same code whose boundaries differ from one in the master
///   (the same UUID, or overlapping in the same turn) is changed: the incoming one is kept and the
///   old one goes to the coding history.
///
/// Merge never removes a coding the file lacks: a coder's untagging in their copy is not merged.
public struct CodingMerge {
    let master: Study

    public init(_ master: Study) { self.master = master }

    /// Merges `path`, with coders renamed by `coderMap` (the file's id to the master's); with
    /// `dryRun` the same report is made and everything is rolled back.
    ///
    /// A `.qdpx` project is first read by ``QdpxImport`` onto an in-memory copy of the master's
    /// codebook, coders and transcripts, so its selections land on the master's own turns; that copy
    /// is then merged like a coder's. For a project, `coderMap` maps its users (name or GUID) to
    /// coders, as `qdpx import` does, and a user who is not yet a coder becomes one.
    public func merge(_ path: String, coderMap: [String: String] = [:], dryRun: Bool = false) throws -> MergeReport {
        try SourceText.requireFile(path)
        // What the file is, by its first bytes: a renamed .qdpx (a .zip) is still a project.
        let head = try Self.firstBytes(of: path, count: 16)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || path.lowercased().hasSuffix(".qdpx") {
            return try mergeProject(path, userMap: coderMap, dryRun: dryRun)
        }
        guard head.starts(with: Array("SQLite format 3".utf8)) else { throw CoderCopyError.notACopy(path: path) }
        if Handout.sameFile(path, master.path) { throw CoderCopyError.mergeIntoItself(path: path) }
        let copy = try Study.open(at: path, readOnly: true)
        return try merge(copy, source: path, coderMap: coderMap, addingCoders: false, dryRun: dryRun)
    }

    static func firstBytes(of path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MissingInputFile(path: path, reason: "cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    /// Places a REFI-QDA project's work on a scratch copy of the master, then merges that.
    private func mergeProject(_ path: String, userMap: [String: String], dryRun: Bool) throws -> MergeReport {
        let bytes = Data(try SourceText.readBytes(path))
        let scratch = try Study.scratch(title: try master.title())
        let db = scratch.db
        try db.execute("ATTACH DATABASE ? AS master", [Handout.readOnlyURI(master.path)])
        try db.executeScript(
            """
            CREATE TEMP TABLE handed(transcript TEXT PRIMARY KEY);
            INSERT INTO temp.handed(transcript) SELECT id FROM master.transcript;
            """)
        try db.transaction {
            try Handout.copyFrame(into: db)
            try db.executeScript(
                "INSERT INTO main.coder(id, name, created_at, uuid) SELECT id, name, created_at, uuid FROM master.coder"
            )
        }
        try db.executeScript("DETACH DATABASE master")
        var options = QdpxImport.Options(coderMap: userMap)
        options.exportRedactor = try Disclosure.redacted.redactor(for: master)
        let placed = try QdpxImport.run(
            bytes, file: URL(fileURLWithPath: path).lastPathComponent, options: options, study: scratch)
        var report = try merge(scratch, source: path, coderMap: [:], addingCoders: true, dryRun: dryRun)
        report.leftOut = placed.leftOut
        report.warnings = placed.warnings + report.warnings
        return report
    }

    /// Merges an open study's codes, codings, coverage and memos into the master.
    private func merge(
        _ copy: Study, source: String, coderMap: [String: String], addingCoders: Bool, dryRun: Bool
    ) throws -> MergeReport {
        let knownCoders = try CodeStore(master).coderIDs()
        for (_, target) in coderMap.sorted(by: { $0.key < $1.key }) where !knownCoders.contains(target) {
            throw CoderCopyError.unknownMappedCoder(Unknown(target, among: knownCoders))
        }
        let incomingCoders = try copy.db.rows(
            "SELECT coder FROM coding UNION SELECT coder FROM coverage UNION SELECT coder FROM memo WHERE coder IS NOT NULL"
        ).compactMap { $0[0].stringValue }
        let fileCoders = Set(
            incomingCoders + (try copy.db.rows("SELECT id FROM coder").compactMap { $0[0].stringValue }))
        for source in coderMap.keys.sorted() where !fileCoders.contains(source) {
            throw CoderCopyError.mappedCoderNotInFile(source, inFile: fileCoders.sorted())
        }
        let missing = Set(incomingCoders.map { coderMap[$0] ?? $0 }).subtracting(knownCoders).sorted()
        guard missing.isEmpty || addingCoders else { throw CoderCopyError.unknownCoders(missing, known: knownCoders) }

        var run = Run(
            master: master, copy: copy, coderMap: coderMap, report: MergeReport(source: source, dryRun: dryRun))
        do {
            try master.db.transaction {
                try run.coders(missing)
                try run.codes()
                try run.codings()
                try run.coverage()
                try run.memos()
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {}
        return run.report
    }

    /// Rolls the dry run's transaction back.
    private struct DryRun: Error {}

    /// Where a code of the file lands in the master.
    enum CodeTarget {
        /// `followed` is set when the master's path differs from the file's.
        case existing(path: String, followed: Bool)
        case deleted
    }

    /// Where a transcript of the file lands in the master, and whether its text is the same.
    struct TranscriptTarget {
        let id: String
        let sameText: Bool
        let text: String
        let note: String
    }

    /// One merge's state: what the file's codes and transcripts map to, and the report so far.
    struct Run {
        let master: Study
        let copy: Study
        let coderMap: [String: String]
        var report: MergeReport
        var codeTargets: [String: CodeTarget] = [:]
        var transcriptTargets: [String: TranscriptTarget?] = [:]
        let source: String

        init(master: Study, copy: Study, coderMap: [String: String], report: MergeReport) {
            self.master = master
            self.copy = copy
            self.coderMap = coderMap
            self.report = report
            self.source = URL(fileURLWithPath: report.source).lastPathComponent
        }

        var db: Database { master.db }

        func coder(_ id: String) -> String { coderMap[id] ?? id }

        /// Adds the file's coders the master lacks (a project's new users), with their names.
        mutating func coders(_ ids: [String]) throws {
            for id in ids {
                let row = try copy.db.row("SELECT name, uuid FROM coder WHERE id = ?", [id])
                let uuid = try row.flatMap { try $0["uuid"] as String? }
                let uuidTaken =
                    try uuid.map { try db.value("SELECT 1 FROM coder WHERE uuid = ?", [$0]) != .null } ?? true
                try db.execute(
                    "INSERT INTO coder(id, name, created_at, uuid) VALUES (?, ?, ?, ?)",
                    [
                        id, try row.flatMap { try $0["name"] as String? }, Clock.nowTimestamp(),
                        uuidTaken ? StableID.make() : uuid,
                    ])
                report.codersAdded.append(id)
            }
        }

        /// Follows each code of the file by UUID (through merges), else by path; adds new ones as proposed.
        mutating func codes() throws {
            let store = CodeStore(master)
            for row in try copy.db.rows("SELECT * FROM code ORDER BY path") {
                let code = try CodeStore.code(row)
                let uuid: String = try row["uuid"]
                if let path = try db.value("SELECT path FROM code WHERE uuid = ?", [uuid]).stringValue {
                    codeTargets[code.path] = .existing(path: path, followed: path != code.path)
                } else if let target = try CodeHistory.mergedTarget(of: uuid, in: db),
                    let path = try db.value("SELECT path FROM code WHERE uuid = ?", [target]).stringValue
                {
                    codeTargets[code.path] = .existing(path: path, followed: path != code.path)
                } else if let ours = try store.code(code.path) {
                    codeTargets[code.path] = .existing(path: code.path, followed: false)
                    // Two coders who each added a code of one path: one code, and the other's words are said.
                    let differing = [
                        ("definition", ours.definition, code.definition), ("use when", ours.useWhen, code.useWhen),
                        ("do not use when", ours.doNotUseWhen, code.doNotUseWhen),
                        ("example", ours.example, code.example),
                    ].filter { $0.2 != nil && $0.1 != $0.2 }
                    for (field, _, theirs) in differing {
                        report.warnings.append(
                            "code \(code.path): the file's \(field) '\(theirs ?? "")' differs from this study's, which is kept"
                        )
                    }
                } else if try db.value(
                    "SELECT 1 FROM code_history WHERE code_uuid = ? AND change = 'deleted'", [uuid]) != .null
                {
                    codeTargets[code.path] = .deleted
                } else {
                    var proposed = code
                    proposed.proposed = true
                    try store.save(proposed, isNew: true, uuid: uuid)
                    report.codesProposed.append(code.path)
                    codeTargets[code.path] = .existing(path: code.path, followed: false)
                }
            }
        }

        /// The master's transcript for one of the file's, by UUID then id; nil when it has none.
        mutating func transcript(_ id: String) throws -> TranscriptTarget? {
            if let known = transcriptTargets[id] { return known }
            let uuid = try copy.db.value("SELECT uuid FROM transcript WHERE id = ?", [id]).stringValue
            let found =
                try db.value("SELECT id FROM transcript WHERE uuid = ?", [uuid]).stringValue
                ?? db.value("SELECT id FROM transcript WHERE id = ?", [id]).stringValue
            var target: TranscriptTarget?
            if let found {
                let theirs = try TranscriptStore(copy).text(of: id)
                let ours = try TranscriptStore(master).text(of: found)
                var note = ""
                if theirs != ours {
                    let handedOut = try Handout.record(of: copy)?.transcriptHashes[id]
                    note =
                        handedOut.map {
                            $0 == SHA256.hex(ours)
                                ? "text differs from the master" : "changed in the master since the handout"
                        }
                        ?? "text differs from the master"
                }
                target = TranscriptTarget(id: found, sameText: theirs == ours, text: ours, note: note)
            }
            transcriptTargets[id] = .some(target)
            return target
        }

        mutating func codings() throws {
            let incoming = try copy.db.rows(
                """
                SELECT s.transcript, s.number, s.text AS turn, c.code, c.coder, c.start, c.end, c.memo, c.created_at,
                       c.uuid, c.selection
                FROM coding c JOIN segment s ON s.id = c.segment
                ORDER BY s.transcript, s.number, c.start, c.end, c.code, c.coder
                """)
            let incomingUUIDs = Set(try incoming.compactMap { try $0["uuid"] as String? })
            for row in incoming {
                try merge(row, incomingUUIDs: incomingUUIDs)
            }
        }

        private mutating func merge(_ row: Row, incomingUUIDs: Set<String>) throws {
            let transcriptID: String = try row["transcript"]
            let number: Int = try row["number"]
            let fileCode: String = try row["code"]
            let coder = coder(try row["coder"])
            let (fileStart, fileEnd): (Int, Int) = (try row["start"], try row["end"])
            let uuid: String? = try row["uuid"]
            let covered = ScalarText.slice(try row["turn"], fileStart, fileEnd) ?? ""
            var conflicts: [MergeReport.Conflict] = []
            var notes: [String] = []
            func notMerged(_ conflict: MergeReport.Conflict, _ note: String, code: String) {
                report.record(
                    .init(
                        outcome: .notMerged,
                        conflicts: conflicts.contains(conflict) ? conflicts : conflicts + [conflict],
                        transcript: transcriptID,
                        segment: number, code: code, coder: coder, start: fileStart, end: fileEnd,
                        note: (notes + [note]).joined(separator: "; ")))
            }
            let code: String
            switch codeTargets[fileCode] {
            case .existing(let path, let followed):
                code = path
                if followed {
                    conflicts.append(.codeFollowed)
                    notes.append("was \(fileCode) in the file")
                }
            case .deleted, nil:
                return notMerged(.codeDeleted, "code \(fileCode) was deleted in the master", code: fileCode)
            }
            guard let target = try transcript(transcriptID) else {
                return notMerged(.transcriptMissing, "transcript not in the master", code: code)
            }
            let segment: Segment
            let start: Int
            let end: Int
            if target.sameText {
                segment = try TranscriptStore(master).segment(target.id, number)
                (start, end) = (fileStart, fileEnd)
            } else {
                conflicts.append(.transcriptChanged)
                let found = ScalarText.occurrences(of: covered, in: target.text)
                guard found.count == 1 else {
                    return notMerged(
                        .transcriptChanged,
                        "\(target.note); covered text found \(found.count) times", code: code)
                }
                let length = ScalarText.count(covered)
                guard
                    let placed = try db.row(
                        "SELECT number, text_start FROM segment WHERE transcript = ? AND text_start <= ? AND text_end >= ?",
                        [target.id, found[0], found[0] + length])
                else {
                    return notMerged(.transcriptChanged, "\(target.note); covered text spans two turns", code: code)
                }
                segment = try TranscriptStore(master).segment(target.id, try placed["number"])
                start = found[0] - (try placed["text_start"] as Int)
                end = start + length
                notes.append("\(target.note); re-anchored by its text")
            }
            func entry(_ outcome: MergeReport.Outcome) -> MergeReport.Entry {
                .init(
                    outcome: outcome, conflicts: conflicts, transcript: target.id, segment: segment.number, code: code,
                    coder: coder, start: start, end: end, note: notes.joined(separator: "; "))
            }
            if try db.value(
                "SELECT 1 FROM coding WHERE segment = ? AND code = ? AND coder = ? AND start = ? AND end = ?",
                [segment.id, code, coder, start, end]) != .null
            {
                return report.record(entry(.unchanged))
            }
            // The coding this one replaces: the same UUID, else the same coder's overlapping coding
            // with the same code in the same turn that no other incoming coding names.
            var old = try uuid.flatMap {
                try db.row(
                    "SELECT id, uuid, start, end FROM coding WHERE uuid = ? AND segment = ? AND code = ? AND coder = ?",
                    [$0, segment.id, code, coder])
            }
            if old == nil {
                old = try db.rows(
                    """
                    SELECT id, uuid, start, end FROM coding
                    WHERE segment = ? AND code = ? AND coder = ? AND start < ? AND end > ? ORDER BY start, end
                    """, [segment.id, code, coder, end, start]
                ).first { !incomingUUIDs.contains((try $0["uuid"] as String?) ?? "") }
            }
            if let old {
                let oldUUID: String = try old["uuid"]
                let (oldStart, oldEnd): (Int, Int) = (try old["start"], try old["end"])
                // An older file must not undo a later merge: this span was replaced by the one here.
                if let later = try db.row(
                    """
                    SELECT at, source FROM coding_history
                    WHERE transcript = ? AND segment = ? AND code = ? AND coder = ? AND old_start = ? AND old_end = ?
                      AND new_start = ? AND new_end = ?
                    ORDER BY id DESC LIMIT 1
                    """, [target.id, segment.number, code, coder, start, end, oldStart, oldEnd])
                {
                    let when: String = try later["at"]
                    let from: String = try later["source"]
                    return notMerged(
                        .superseded,
                        "an older version: the merge of \(from) at \(when) replaced it with \(oldStart):\(oldEnd); tag it again here to restore it",
                        code: code)
                }
                try db.execute(
                    """
                    INSERT INTO coding_history(at, user, change, transcript, segment, code, coder, old_uuid, old_start,
                        old_end, new_uuid, new_start, new_end, source)
                    VALUES (?, ?, 'boundaries changed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        Clock.nowTimestamp(), master.user, target.id, segment.number, code, coder, oldUUID, oldStart,
                        oldEnd, uuid ?? oldUUID, start, end, source,
                    ])
                try db.execute("DELETE FROM coding WHERE id = ?", [old["id"] as Int])
                conflicts.append(.boundariesChanged)
                notes.append("was \(oldStart):\(oldEnd) in the master")
            }
            let keepUUID = try uuid.map { try db.value("SELECT 1 FROM coding WHERE uuid = ?", [$0]) == .null } ?? false
            try db.execute(
                """
                INSERT INTO coding(segment, code, coder, start, end, transcript_start, transcript_end, memo, created_at, uuid, selection)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    segment.id, code, coder, start, end, segment.textStart + start, segment.textStart + end,
                    try row["memo"] as String?, try row["created_at"] as String,
                    keepUUID ? uuid : StableID.make(), try row["selection"] as String?,
                ])
            try CodingStore(master).cover(transcript: target.id, coder: coder)
            report.record(entry(old == nil ? .added : .changed))
        }

        /// The file's coverage: a transcript the coder covered, or marked done, is so in the master.
        mutating func coverage() throws {
            for row in try copy.db.rows("SELECT transcript, coder, done FROM coverage") {
                guard let target = try transcript(try row["transcript"]) else { continue }
                let coder = coder(try row["coder"])
                let before = db.totalChanges
                try db.execute(
                    "INSERT OR IGNORE INTO coverage(transcript, coder, done) VALUES (?, ?, 0)", [target.id, coder])
                if try row["done"] as Bool {
                    try db.execute(
                        "UPDATE coverage SET done = 1 WHERE transcript = ? AND coder = ? AND done = 0",
                        [target.id, coder])
                }
                if db.totalChanges > before { report.coverageAdded += 1 }
            }
        }

        /// The file's memos the master lacks (by UUID), about the same transcripts, codes and coders.
        mutating func memos() throws {
            for row in try copy.db.rows("SELECT * FROM memo ORDER BY id") {
                let uuid: String? = try row["uuid"]
                if let uuid, try db.value("SELECT 1 FROM memo WHERE uuid = ?", [uuid]) != .null {
                    report.memosUnchanged += 1
                    continue
                }
                var transcriptID: String?
                if let id: String = try row["transcript"] {
                    guard let target = try transcript(id) else { continue }
                    transcriptID = target.id
                }
                var code: String?
                if let fileCode: String = try row["code"], case .existing(let path, _) = codeTargets[fileCode] {
                    code = path
                }
                guard transcriptID != nil || code != nil else { continue }
                try db.execute(
                    "INSERT INTO memo(transcript, segment_number, code, coder, text, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        transcriptID, transcriptID == nil ? nil : try row["segment_number"] as Int?, code,
                        (try row["coder"] as String?).map(coder), try row["text"] as String,
                        try row["created_at"] as String, uuid ?? StableID.make(),
                    ])
                report.memosAdded += 1
            }
        }
    }
}
