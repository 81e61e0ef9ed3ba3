import Foundation

/// A coder's copy of the study: a new study file holding the codebook, the chosen transcripts
/// (speaker turns and roles, the text) and only that coder's own codings and memos, so coding
/// stays blind; no participant attributes, consent, contact or interviewer data (participants are
/// reduced to their pseudonymous ids, which the transcripts' interviews refer to).
///
/// Every code, coder, transcript, participant, coding and memo keeps its stable UUID, so
/// ``CodingMerge`` can follow them back into the master. The copy records whose it is and the
/// SHA-256 of each transcript's text as the master had it, so a merge can tell which transcripts
/// changed in the master since.
public enum Handout {
    /// What a handout wrote.
    public struct Made: Sendable, Equatable {
        public let path: String
        public let coder: String
        public let transcripts: [String]
        public let codes: Int
        public let codings: Int
        public let memos: Int
    }

    /// Writes the copy (mode 0600) at `path` for `coder`, with `transcripts` (all when empty).
    ///
    /// The transcripts leave the study unredacted (the coder needs the text), so the handout is
    /// logged in the master's disclosure log in the same call.
    /// - Parameter replacing: replace a file already at `path` (never the study itself).
    public static func make(
        from master: Study, coder: String, transcripts requested: [String], to path: String, replacing: Bool
    ) throws -> Made {
        try CodeStore(master).requireCoder(coder)
        let store = TranscriptStore(master)
        for id in requested { try store.require(id) }
        var transcripts: [String] = []
        for id in requested.isEmpty ? try store.ids() : requested where !transcripts.contains(id) {
            transcripts.append(id)
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            guard replacing else { throw CoderCopyError.copyExists(path: path) }
            guard !sameFile(path, master.path) else { throw CoderCopyError.copyIsTheStudy(path: path) }
            Study.removeFiles(at: path)
        }
        let hashes = try transcripts.map { ($0, SHA256.hex(try store.text(of: $0))) }
        let copy = try Study.create(at: path, title: try master.title())
        do {
            let made = try fill(copy, from: master, coder: coder, transcripts: hashes)
            _ = try Disclosure.unredacted(request: "handout --coder \(coder) (\(transcripts.count) transcripts)")
                .redactor(for: master)
            return made
        } catch {
            Study.removeFiles(at: path)
            throw error
        }
    }

    /// True when the two paths name one file (a link or another spelling of the same path).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// `file:` URI for a read-only ATTACH: `%`, `?` and `#` would otherwise end the path.
    static func readOnlyURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?mode=ro"
    }

    /// Copies the master's codebook and the handed transcripts (`temp.handed`) with their
    /// participants, interviews, text and turns into `db`, which has the master attached as `master`:
    /// the frame a coder's work is placed on, with the master's own ids, UUIDs and turn numbers.
    static func copyFrame(into db: Database) throws {
        try db.executeScript(
            """
            INSERT INTO main.code(path, name, kind, definition, use_when, do_not_use_when, example, color, created_at, uuid, proposed)
                SELECT path, name, kind, definition, use_when, do_not_use_when, example, color, created_at, uuid, proposed
                FROM master.code;
            INSERT INTO main.participant(id, created_at, uuid)
                SELECT p.id, p.created_at, p.uuid FROM master.participant p
                WHERE p.id IN (SELECT i.participant FROM master.interview i JOIN master.transcript t ON t.interview = i.id
                               WHERE t.id IN (SELECT transcript FROM temp.handed));
            INSERT INTO main.interview(id, participant, status, language, created_at)
                SELECT i.id, i.participant, i.status, i.language, i.created_at FROM master.interview i
                WHERE i.id IN (SELECT interview FROM master.transcript WHERE id IN (SELECT transcript FROM temp.handed));
            INSERT INTO main.transcript(id, interview, format, source_file, header, imported_at, uuid)
                SELECT id, interview, format, source_file, header, imported_at, uuid FROM master.transcript
                WHERE id IN (SELECT transcript FROM temp.handed);
            INSERT INTO main.transcript_text(transcript, text)
                SELECT transcript, text FROM master.transcript_text WHERE transcript IN (SELECT transcript FROM temp.handed);
            INSERT INTO main.segment(id, transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end)
                SELECT id, transcript, number, speaker, role, start_ms, end_ms, text, text_start, text_end FROM master.segment
                WHERE transcript IN (SELECT transcript FROM temp.handed);
            """)
    }

    private static func fill(_ copy: Study, from master: Study, coder: String, transcripts: [(String, String)])
        throws -> Made
    {
        let db = copy.db
        try db.execute("ATTACH DATABASE ? AS master", [readOnlyURI(master.path)])
        defer { try? db.executeScript("DETACH DATABASE master") }
        try db.executeScript("CREATE TEMP TABLE handed(transcript TEXT PRIMARY KEY)")
        return try db.transaction {
            for (id, _) in transcripts { try db.execute("INSERT INTO temp.handed(transcript) VALUES (?)", [id]) }
            try copyFrame(into: db)
            try db.execute(
                "INSERT INTO main.coder(id, name, created_at, uuid) SELECT id, name, created_at, uuid FROM master.coder WHERE id = ?",
                [coder])
            try db.execute(
                """
                INSERT INTO main.coding(id, segment, code, coder, start, end, transcript_start, transcript_end, memo, created_at, uuid, selection)
                    SELECT id, segment, code, coder, start, end, transcript_start, transcript_end, memo, created_at, uuid, selection
                    FROM master.coding WHERE coder = ? AND segment IN (SELECT id FROM main.segment)
                """, [coder])
            try db.execute(
                """
                INSERT INTO main.coverage(transcript, coder, done)
                    SELECT transcript, coder, done FROM master.coverage
                    WHERE coder = ? AND transcript IN (SELECT transcript FROM temp.handed)
                """, [coder])
            try db.execute(
                """
                INSERT INTO main.memo(transcript, segment_number, code, coder, text, created_at, uuid)
                    SELECT transcript, segment_number, code, coder, text, created_at, uuid FROM master.memo
                    WHERE coder = ? AND (transcript IS NULL OR transcript IN (SELECT transcript FROM temp.handed))
                """, [coder])
            try db.execute(
                "INSERT INTO handout(id, coder, made_at, made_by) VALUES (1, ?, ?, ?)",
                [coder, Clock.nowTimestamp(), master.user])
            for (id, hash) in transcripts {
                try db.execute("INSERT INTO handout_transcript(transcript, text_sha256) VALUES (?, ?)", [id, hash])
            }
            func count(_ table: String) throws -> Int {
                try db.value("SELECT count(*) FROM main.\(table)").intValue ?? 0
            }
            return Made(
                path: copy.path, coder: coder, transcripts: transcripts.map(\.0), codes: try count("code"),
                codings: try count("coding"), memos: try count("memo"))
        }
    }

    /// What a coder copy says about itself: whose it is and each transcript's master-text SHA-256.
    public struct Record: Sendable, Equatable {
        public let coder: String
        public let madeAt: String
        public let transcriptHashes: [String: String]
    }

    /// The copy's handout record, or nil for a study that was not made by `handout`.
    public static func record(of copy: Study) throws -> Record? {
        guard let row = try copy.db.row("SELECT coder, made_at FROM handout WHERE id = 1") else { return nil }
        var hashes: [String: String] = [:]
        for row in try copy.db.rows("SELECT transcript, text_sha256 FROM handout_transcript") {
            hashes[try row["transcript"]] = try row["text_sha256"]
        }
        return Record(coder: try row["coder"], madeAt: try row["made_at"], transcriptHashes: hashes)
    }
}
