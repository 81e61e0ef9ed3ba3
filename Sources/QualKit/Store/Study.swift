import CSQLite
import Foundation

/// An open study: one SQLite file holding everything about one qualitative study.
///
/// ```swift
/// let study = try Study.create(at: "study.sqlite", title: "Talking Change")
/// let again = try Study.open(at: "study.sqlite")
/// ```
///
/// Opening migrates an older file forward; a file from a newer qualkit is refused before anything
/// is written, so an old laptop can never damage a study that a colleague upgraded.
public final class Study {
    /// The connection; every capability's queries run on it.
    public let db: Database
    /// The path the study was opened from.
    public let path: String
    /// Who makes the changes, for the codebook and coding history: the operating-system account
    /// unless the caller says otherwise (the command line sets the one its audit rows name).
    public var user: String = Study.operatingSystemUser
    /// Set by a report for the length of its build: its analyses share one segment map and one
    /// codings scan per coder selection (``CodedSegments/load(_:withCoder:)``).
    var sharedScan: CodedSegments.SharedScan?

    private init(db: Database, path: String) {
        self.db = db
        self.path = path
    }

    /// The operating-system account running this process.
    public static var operatingSystemUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
    }

    /// The default study path when neither `--db` nor `QUALKIT_DB` is given.
    public static let defaultPath = "study.sqlite"

    /// Creates a new study file (mode 0600) and applies the whole schema.
    public static func create(at path: String, title: String?) throws -> Study {
        if FileManager.default.fileExists(atPath: path) { throw StudyError.alreadyExists(path: path) }
        let db: Database
        do {
            db = try Database(path: path, mode: .createNew)
        } catch let error as StoreError {
            throw StudyError.cannotCreate(path: path, reason: error.message)
        }
        do {
            try setUp(db, title: title)
        } catch {
            // A half-made study is worse than none: remove it so that `init` can be run again.
            removeFiles(at: path)
            throw error
        }
        return Study(db: db, path: path)
    }

    /// Marks `db` as a study, applies the whole schema and records its title and creation time.
    private static func setUp(_ db: Database, title: String?) throws {
        try db.executeScript("PRAGMA application_id = \(Schema.applicationID)")
        try Schema.migrator.migrate(db)
        try db.transaction {
            try db.execute(
                "INSERT INTO study_setting(key, value) VALUES ('title', ?), ('created_at', ?)",
                [title ?? "Untitled study", Clock.nowTimestamp()])
        }
    }

    /// Removes the study file at `path` with its journal, WAL and shared-memory files: a study made
    /// by a command that then failed is not left behind.
    public static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A study in memory that is never written to disk: scratch space for reading another tool's
    /// project onto a copy of this study's transcripts, or for planning a dry run into a study that
    /// does not exist yet, so no personal data lands in a temporary file.
    public static func scratch(title: String?) throws -> Study {
        let db = try Database(path: ":memory:", mode: .memory)
        try setUp(db, title: title)
        return Study(db: db, path: ":memory:")
    }

    /// How long a command waits for another one writing to the same study before it gives up:
    /// 5 seconds, or `QUALKIT_BUSY_TIMEOUT_MS` (0 to 600000) for a slow shared drive or a test.
    public static var busyTimeoutMilliseconds: Int32 {
        guard let text = ProcessInfo.processInfo.environment["QUALKIT_BUSY_TIMEOUT_MS"], let value = Int32(text),
            (0...600_000).contains(value)
        else { return 5000 }
        return value
    }

    /// Opens an existing study.
    ///
    /// Opened for writing, an older file is migrated forward, all pending migrations in one
    /// transaction, after checking that its tables are what its version says; any failure leaves
    /// the file exactly as it was. Opened read-only, an older file is refused
    /// (``StudyError/olderSchema(path:found:supported:)``): reading never changes a study.
    public static func open(at path: String, readOnly: Bool = false) throws -> Study {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StudyError.noStudy(path: path)
        }
        let db: Database
        do {
            db = try Database(
                path: path, mode: readOnly ? .readOnly : .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as StoreError {
            throw openingError(error, path: path)
        }
        let applicationID: Int
        let version: Int
        do {
            applicationID = try db.value("PRAGMA application_id").intValue ?? 0
            version = try Schema.migrator.currentVersion(of: db)
        } catch let error as StoreError {
            throw openingError(error, path: path)
        }
        guard applicationID == Int(Schema.applicationID) else {
            throw StudyError.notAStudy(path: path, reason: "it is not a qualkit study file")
        }
        guard version <= Schema.migrator.latestVersion else {
            throw StudyError.newerSchema(path: path, found: version, supported: Schema.migrator.latestVersion)
        }
        if version < Schema.migrator.latestVersion {
            let differences = try Schema.migrator.differences(of: db, from: version)
            guard differences.isEmpty else {
                throw StudyError.schemaMismatch(path: path, version: version, differences: differences)
            }
            if readOnly {
                throw StudyError.olderSchema(path: path, found: version, supported: Schema.migrator.latestVersion)
            }
            try Schema.migrator.migrate(db)
        }
        return Study(db: db, path: path)
    }

    /// What an error while opening means: the environment's problems (a lock, permissions, a full
    /// disk) stay ``StoreError``s for the caller to explain; anything else means the file is not a study.
    private static func openingError(_ error: StoreError, path: String) -> Error {
        if access(path, R_OK) != 0 && (errno == EACCES || errno == EPERM) {
            return StudyError.permissionDenied(path: path)
        }
        switch error.primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_PERM, SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN:
            return error
        default:
            return StudyError.notAStudy(path: path, reason: error.message)
        }
    }

    /// The study's title, as given to `init`.
    public func title() throws -> String {
        try setting("title") ?? "Untitled study"
    }

    /// A study-wide setting, or nil.
    public func setting(_ key: String) throws -> String? {
        try db.value("SELECT value FROM study_setting WHERE key = ?", [key]).stringValue
    }

    /// The schema version of the open file.
    public func schemaVersion() throws -> Int {
        try Schema.migrator.currentVersion(of: db)
    }
}
