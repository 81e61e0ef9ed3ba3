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

    private init(db: Database, path: String) {
        self.db = db
        self.path = path
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
            try db.executeScript("PRAGMA application_id = \(Schema.applicationID)")
            try Schema.migrator.migrate(db)
            try db.transaction {
                try db.execute(
                    "INSERT INTO study_setting(key, value) VALUES ('title', ?), ('created_at', ?)",
                    [title ?? "Untitled study", Clock.nowTimestamp()])
            }
        } catch {
            // A half-made study is worse than none: remove it so that `init` can be run again.
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + "-wal")
            try? FileManager.default.removeItem(atPath: path + "-shm")
            throw error
        }
        return Study(db: db, path: path)
    }

    /// Opens an existing study, migrating it to this build's schema if it is older.
    public static func open(at path: String, readOnly: Bool = false) throws -> Study {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StudyError.noStudy(path: path)
        }
        let db: Database
        do {
            db = try Database(path: path, mode: readOnly ? .readOnly : .readWrite)
        } catch let error as StoreError {
            throw StudyError.notAStudy(path: path, reason: error.message)
        }
        let applicationID: Int
        let version: Int
        do {
            applicationID = try db.value("PRAGMA application_id").intValue ?? 0
            version = try Schema.migrator.currentVersion(of: db)
        } catch let error as StoreError {
            throw StudyError.notAStudy(path: path, reason: error.message)
        }
        guard applicationID == Int(Schema.applicationID) else {
            throw StudyError.notAStudy(path: path, reason: "it is not a qualkit study file")
        }
        guard version <= Schema.migrator.latestVersion else {
            throw StudyError.newerSchema(path: path, found: version, supported: Schema.migrator.latestVersion)
        }
        if version < Schema.migrator.latestVersion && !readOnly {
            try Schema.migrator.migrate(db)
        }
        return Study(db: db, path: path)
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
