import CSQLite
import Foundation

/// A connection to one SQLite database file.
///
/// Opening sets the pragmas every study relies on: foreign keys enforced, write-ahead logging,
/// a busy timeout so two commands on one study wait for each other instead of failing, and
/// `secure_delete` so erased personal data is overwritten rather than left in free pages
/// (https://sqlite.org/pragma.html#pragma_secure_delete).
///
/// ```swift
/// let db = try Database(path: "study.sqlite", mode: .readWrite)
/// try db.transaction {
///     try db.execute("INSERT INTO coder(id) VALUES (?)", ["AB"])
/// }
/// ```
public final class Database {
    /// How to open the file.
    public enum OpenMode: Sendable {
        /// The file must exist.
        case readWrite
        /// The file must exist; nothing can be written.
        case readOnly
        /// Create the file; it must not exist yet. The file is made with mode 0600.
        case createNew
        /// An in-memory database, for tests.
        case memory
    }

    let handle: OpaquePointer
    /// The file path, or `:memory:`.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    private var transactionDepth = 0
    /// Called inside every outermost transaction just before it commits (the audit trail's hook):
    /// what it writes is committed with the change, and an error it throws rolls the change back.
    public var beforeCommit: ((Database) throws -> Void)?
    /// Changes counted by `sqlite3_total_changes` that a rollback then undid.
    private var rolledBackChanges = 0

    /// Opens (or creates) the database at `path` and applies qualkit's connection settings.
    public init(path: String, mode: OpenMode, busyTimeoutMilliseconds: Int32 = 5000) throws {
        // Multi-thread mode, not serialized: a `Database` is not `Sendable`, so Swift already keeps
        // each connection on one thread, and SQLite's per-call mutex cost about 8% of an analysis scan.
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch mode {
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .createNew:
            // Create the file ourselves so that it is never readable by others, not even for the
            // moment between SQLite creating it and a chmod. SQLite gives -wal and -shm the same mode.
            let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw StoreError(code: SQLITE_CANTOPEN, message: String(cString: strerror(errno)), sql: nil)
            }
            close(descriptor)
            flags |= SQLITE_OPEN_READWRITE
        case .memory: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(mode == .memory ? ":memory:" : path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(connection)
            throw StoreError(code: code, message: message)
        }
        self.handle = connection
        self.path = mode == .memory ? ":memory:" : path
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA secure_delete = ON")
        if mode == .readWrite || mode == .createNew {
            _ = try rows("PRAGMA journal_mode = WAL")
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Prepares a statement that the caller keeps, for loops over many rows.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A prepared statement for `sql` from the connection's cache.
    ///
    /// When the cached statement is in the middle of a query (a `forEachRow` over the same SQL is
    /// still stepping it), a fresh statement is prepared instead: resetting the shared one would
    /// restart the outer loop (https://sqlite.org/c3ref/stmt_busy.html).
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            if sqlite3_stmt_busy(statement.handle) == 0 { return statement }
            return try prepare(sql)
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs one statement with bound arguments.
    public func execute(_ sql: String, _ arguments: [any SQLBindable] = []) throws {
        try cachedStatement(sql).run(arguments)
    }

    /// Runs a script of several statements with no arguments (migrations).
    public func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(message)
            throw StoreError(code: code, message: text, sql: sql)
        }
    }

    /// Every row of a query.
    public func rows(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [Row] {
        try cachedStatement(sql).rows(arguments)
    }

    /// Calls `body` with each row of a query without collecting them.
    public func forEachRow(_ sql: String, _ arguments: [any SQLBindable] = [], _ body: (Row) throws -> Void) throws {
        try cachedStatement(sql).forEachRow(arguments, body)
    }

    /// The first row of a query, if any.
    public func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Row? {
        var first: Row?
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        if try statement.step() {
            first = Row(columns: statement.columnNames, values: statement.currentValues())
        }
        return first
    }

    /// The first column of the first row of a query, or `.null`.
    public func value(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLValue {
        try row(sql, arguments)?.values.first ?? .null
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows inserted, updated or deleted on this connection since it was opened, triggers included.
    public var totalChanges: Int { Int(sqlite3_total_changes(handle)) }

    /// ``totalChanges`` less those a rolled-back transaction or savepoint undid: the changes kept.
    public var keptChanges: Int { totalChanges - rolledBackChanges }

    /// Leaves `count` changes out of ``keptChanges``: rows a command wrote only to its own TEMP
    /// tables (a staging table), which never reach the study and must not count in its audit trail.
    public func discountChanges(_ count: Int) { rolledBackChanges += count }

    /// The number of rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// The outermost call takes the write lock at once (`BEGIN IMMEDIATE`) so that a command never
    /// fails half-way for want of a lock; nested calls become savepoints. When the `COMMIT` itself
    /// fails (a deferred foreign key, a full disk), the transaction is rolled back and the commit's
    /// error is thrown, so the connection is always left outside any transaction it opened.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "qk_\(depth)"
        try executeScript(depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT \(savepoint)")
        let changesAtStart = totalChanges
        let rolledBackAtStart = rolledBackChanges
        transactionDepth = depth + 1
        defer { transactionDepth = depth }
        do {
            let result = try body()
            if depth == 0, let beforeCommit { try beforeCommit(self) }
            try executeScript(depth == 0 ? "COMMIT" : "RELEASE \(savepoint)")
            return result
        } catch {
            // The first error is the one worth reporting; a failed rollback after it adds nothing.
            if depth == 0 {
                try? executeScript("ROLLBACK")
            } else {
                try? executeScript("ROLLBACK TO \(savepoint); RELEASE \(savepoint)")
            }
            rolledBackChanges = rolledBackAtStart + (totalChanges - changesAtStart)
            throw error
        }
    }

    /// Connection settings for a command that writes many rows (an import): a page cache of up to
    /// `cacheMiB` (SQLite's default 2 MiB cannot hold the indexes a large import updates, so each
    /// insert re-reads their pages), temporary b-trees in memory, and reads through a memory map.
    /// The cache grows only as pages are used; the settings last until the connection closes.
    public func useBulkSettings(cacheMiB: Int = 512) throws {
        // PRAGMA takes no bound parameters; the numbers are ours, not input.
        try executeScript(
            "PRAGMA cache_size = -\(cacheMiB * 1024); PRAGMA temp_store = MEMORY; PRAGMA mmap_size = \(cacheMiB * 1_048_576)"
        )
    }

    /// How many `transaction` calls are open on this connection (0 outside any).
    var openTransactionCount: Int { transactionDepth }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}

/// Facts about the SQLite library qualkit is linked with.
public enum SQLiteInfo {
    /// `3.40.1`
    public static var version: String { String(cString: sqlite3_libversion()) }
}
