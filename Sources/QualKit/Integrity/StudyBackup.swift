import CSQLite
import Foundation

/// `qualkit backup`: a consistent copy of a study made with SQLite's online backup API
/// (https://sqlite.org/backup.html), while other commands may be writing to it.
///
/// The copy is written to a new private file (mode 0600) beside the target and moved into place
/// only when complete, with the same rules as ``OutputFile``: the target must be absent, or a
/// regular file when `replacing`.
public enum StudyBackup {
    /// Copies `study` to `path`; returns the number of database pages copied.
    @discardableResult
    public static func copy(_ study: Study, to path: String, replacing: Bool) throws -> Int {
        try OutputFile.checkTarget(path, replacing: replacing)
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw CannotCreateOutput(path: path, reason: "folder \(folder) does not exist")
        }
        let (descriptor, temporary) = try OutputFile.createTemporary(
            in: folder, for: (path as NSString).lastPathComponent, target: path)
        close(descriptor)
        var pages = 0
        do {
            pages = try copyPages(from: study.db, toFileAt: temporary)
            try OutputFile.moveIntoPlace(temporary, at: path, replacing: replacing)
        } catch {
            unlink(temporary)
            unlink(temporary + "-journal")
            throw error
        }
        return pages
    }

    /// 20 ms each: give up after a minute of being locked out (the error is SQLITE_BUSY, exit 75).
    static let maximumWaits = 3000

    private static func copyPages(from source: Database, toFileAt path: String) throws -> Int {
        var destination: OpaquePointer?
        let opened = sqlite3_open_v2(path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nil)
        defer { sqlite3_close_v2(destination) }
        guard opened == SQLITE_OK, let destination else {
            throw StoreError(code: opened, message: "cannot open the backup file")
        }
        guard let backup = sqlite3_backup_init(destination, "main", source.handle, "main") else {
            throw StoreError(
                code: sqlite3_extended_errcode(destination), message: String(cString: sqlite3_errmsg(destination)))
        }
        var code: Int32
        var waits = 0
        repeat {
            // A few pages at a time, so writers are held up for moments only; a write by another
            // connection restarts the copy, so the result is always one consistent state.
            code = sqlite3_backup_step(backup, 256)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED {
                waits += 1
                sqlite3_sleep(20)
            }
        } while code == SQLITE_OK || ((code == SQLITE_BUSY || code == SQLITE_LOCKED) && waits < maximumWaits)
        let pages = Int(sqlite3_backup_pagecount(backup))
        sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else {
            throw StoreError(code: code, message: String(cString: sqlite3_errstr(code)))
        }
        // The copy is a standalone file: no write-ahead log beside it.
        sqlite3_exec(destination, "PRAGMA journal_mode = DELETE", nil, nil, nil)
        return pages
    }
}
