/// What an analysis counts: whose codings, which codes.
///
/// `--coder C[,C2]` (default: every coder), `--kind barrier`, `--code PREFIX`. A segment counts as
/// tagged with a code if any selected coder tagged it with that code or one under it.
public struct AnalysisScope: Sendable {
    public var coders: [String]?
    public var kind: String?
    public var codePrefix: String?

    public init(coders: [String]? = nil, kind: String? = nil, codePrefix: String? = nil) {
        self.coders = coders
        self.kind = kind
        self.codePrefix = codePrefix
    }

    /// The selected coders, checked against the study.
    func resolveCoders(_ study: Study) throws -> [String] {
        let known = try CodeStore(study).coderIDs()
        guard let coders else { return known }
        for coder in coders where !known.contains(coder) {
            throw CodingError.unknownCoder(Unknown(coder, among: known))
        }
        return coders
    }

    /// The participant attributes an analysis may group by or show: gender, community, language
    /// and every attribute a participant has.
    public static func attributes(_ study: Study) throws -> [String] {
        ["gender", "community", "language"] + (try PeopleStore(study).participantAttributeKeys())
    }

    /// Throws ``AnalysisError/unknownAttribute(_:)`` for the first of `names` the study's
    /// participants do not have, listing those they do.
    public static func checkAttributes(_ names: [String], in study: Study) throws {
        let known = try attributes(study)
        for name in names where !known.contains(name) {
            throw AnalysisError.unknownAttribute(Unknown(name, among: known))
        }
    }

    /// Every code in scope, stored or implicit (a parent of a stored code), with its kind and name.
    func codes(_ study: Study) throws -> [Code] {
        let store = CodeStore(study)
        var byPath: [String: Code] = [:]
        for code in try store.codes() { byPath[code.path] = code }
        for code in Array(byPath.values) {
            for ancestor in Code.ancestors(of: code.path) where byPath[ancestor] == nil {
                byPath[ancestor] = Code(path: ancestor)
            }
        }
        if byPath.isEmpty { throw AnalysisError.nothingCoded }
        if let codePrefix, !byPath.keys.contains(where: { Code.path($0, isWithin: codePrefix) }) {
            throw CodingError.unknownCode(Unknown(codePrefix, among: byPath.keys.sorted()))
        }
        if let kind, !byPath.values.contains(where: { $0.kind == kind }) {
            // A codebook of other kinds and no codings: the study is not coded yet, the kind is fine.
            if try !store.hasCodings() { throw AnalysisError.nothingCoded }
            throw AnalysisError.unknownCodeKind(Unknown(kind, among: Set(byPath.values.map(\.kind)).sorted()))
        }
        return byPath.values
            .filter { code in codePrefix.map { Code.path(code.path, isWithin: $0) } ?? true }
            .filter { code in kind.map { code.kind == $0 } ?? true }
            .sorted { $0.path < $1.path }
    }
}

/// Every SQL statement the analyses run, for one selection of coders.
///
/// The selection is a value bound into each query as a JSON array (`json_each(?)`), so no query
/// is built from user input and no state is left in the connection between calls.
struct AnalysisStore {
    let db: Database
    /// The selected coders, as the JSON array every query binds.
    let selection: String

    /// The report's shared map and scans, when one is being built.
    let shared: CodedSegments.SharedScan?

    init(_ study: Study, coders: [String]) {
        db = study.db
        shared = study.sharedScan
        selection = JSON.array(coders.map { .string($0) }).serialized()
    }

    /// Transcripts covered by at least one selected coder, with their participant and interview.
    func coveredTranscripts() throws -> [(transcript: String, participant: String, interview: String, date: String?)] {
        try db.rows(
            """
            SELECT t.id, i.participant, i.id AS interview, i.date
            FROM transcript t JOIN interview i ON i.id = t.interview
            WHERE EXISTS (
                SELECT 1 FROM coverage v WHERE v.transcript = t.id AND v.coder IN (SELECT value FROM json_each(?)))
            ORDER BY t.id
            """, [selection]
        ).map { (try $0["id"], try $0["participant"], try $0["interview"], try $0["date"]) }
    }

    /// Each (transcript, coder) coverage for the selected coders.
    func coverage() throws -> [(transcript: String, coder: String)] {
        try db.rows(
            "SELECT v.transcript, v.coder FROM coverage v WHERE v.coder IN (SELECT value FROM json_each(?))",
            [selection]
        )
        .map { (try $0["transcript"], try $0["coder"]) }
    }

    /// The value of a grouping attribute for each participant: an attribute, or gender, community,
    /// or language (their first language).
    func groupValues(_ attribute: String) throws -> [String: String] {
        var values: [String: String] = [:]
        switch attribute {
        case "gender", "community":
            let sql =
                attribute == "gender"
                ? "SELECT id, gender AS value FROM participant" : "SELECT id, community AS value FROM participant"
            try db.forEachRow(sql) { row in if let value: String = try row["value"] { values[try row["id"]] = value } }
        case "language":
            try db.forEachRow("SELECT id, languages FROM participant") { row in
                let languages: String = try row["languages"]
                if let first = languages.split(separator: ",").first { values[try row["id"]] = String(first) }
            }
        default:
            try db.forEachRow("SELECT participant, value FROM participant_attribute WHERE key = ?", [attribute]) {
                row in
                values[try row["participant"]] = try row["value"]
            }
        }
        return values
    }
}
