import Foundation
import Testing

@testable import QualKit

/// The store core's failure paths: a failed commit, re-entrant queries, misspelt columns, and what
/// an error's text may reveal.
@Suite struct StoreCoreTests {
    func parentAndDeferredChild() throws -> Database {
        let db = try Database(path: "", mode: .memory)
        try db.executeScript(
            """
            CREATE TABLE parent(id INTEGER PRIMARY KEY);
            CREATE TABLE child(parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        return db
    }

    @Test func aFailedCommitRollsBackAndLeavesTheConnectionUsable() throws {
        let db = try parentAndDeferredChild()
        // The foreign key is checked only at COMMIT, so the body succeeds and the commit fails.
        do {
            try db.transaction {
                try db.execute("INSERT INTO parent(id) VALUES (1)")
                try db.execute("INSERT INTO child(parent) VALUES (99)")
            }
            Issue.record("the commit should have failed")
        } catch let error as StoreError {
            #expect(error.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        }
        #expect(!db.isInTransaction)
        #expect(db.openTransactionCount == 0)
        #expect(try db.value("SELECT count(*) FROM parent").intValue == 0)

        // A nested transaction afterwards uses savepoint qk_1 and commits as a whole.
        try db.transaction {
            try db.execute("INSERT INTO parent(id) VALUES (2)")
            try db.transaction { try db.execute("INSERT INTO child(parent) VALUES (2)") }
        }
        #expect(!db.isInTransaction)
        #expect(db.openTransactionCount == 0)
        #expect(try db.rows("SELECT id FROM parent").map { try $0["id"] as Int } == [2])
        #expect(try db.rows("SELECT parent FROM child").map { try $0["parent"] as Int } == [2])
    }

    @Test func aFailedCommitInsideANestedCallRollsBackOnlyAtTheTop() throws {
        let db = try parentAndDeferredChild()
        #expect(throws: StoreError.self) {
            try db.transaction {
                try db.transaction { try db.execute("INSERT INTO child(parent) VALUES (7)") }
                #expect(db.openTransactionCount == 1)
            }
        }
        #expect(db.openTransactionCount == 0)
        #expect(!db.isInTransaction)
        #expect(try db.value("SELECT count(*) FROM child").intValue == 0)
    }

    @Test func theSameQueryInsideItsOwnLoopGetsItsOwnStatement() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE n(v INTEGER)")
        for v in 1...3 { try db.execute("INSERT INTO n VALUES (?)", [v]) }
        let sql = "SELECT v FROM n WHERE v >= ? ORDER BY v"
        var outer: [Int] = []
        var pairs: [[Int]] = []
        try db.forEachRow(sql, [1]) { row in
            let v: Int = try row["v"]
            outer.append(v)
            pairs.append(try db.rows(sql, [v]).map { try $0["v"] })
            // `row` uses the cached statement too, and must not reset the outer loop either.
            #expect(try db.row(sql, [3]).map { try $0["v"] as Int } == 3)
        }
        #expect(outer == [1, 2, 3])
        #expect(pairs == [[1, 2, 3], [2, 3], [3]])
        // Once the loop is done the cached statement is free again and still correct.
        #expect(try db.rows(sql, [2]).map { try $0["v"] as Int } == [2, 3])
    }

    @Test func readingAnAbsentColumnNamesIt() throws {
        let db = try Database(path: "", mode: .memory)
        let row = try #require(try db.row("SELECT 1 AS n, 'x' AS name, NULL AS gone"))
        #expect(throws: RowError.columnNotFound(column: "nmae", available: ["n", "name", "gone"])) {
            _ = try row["nmae"] as String
        }
        #expect(throws: RowError.columnNotFound(column: "count", available: ["n", "name", "gone"])) {
            _ = try row["count"] as Int
        }
        #expect(throws: RowError.self) { _ = try row["N"] as Int? }
        #expect(throws: RowError.self) { _ = try row.value("missing") }
        #expect(throws: RowError.typeMismatch(column: "name", expected: "integer", found: "text")) {
            _ = try row["name"] as Int
        }
        #expect(try row["n"] as Int == 1)
        #expect(try row["gone"] as String? == nil)
        #expect(try row["gone"] as String == "")
        let message = RowError.columnNotFound(column: "nmae", available: ["n", "name"]).description
        #expect(message.contains("'nmae'") && message.contains("n, name"))
    }

    @Test func aRealTooLargeForAnIntegerIsAMismatchNotATrap() throws {
        let row = Row(columns: ["v"], values: [.real(1e300)])
        #expect(throws: RowError.self) { _ = try row["v"] as Int }
        #expect(try row["v"] as Double == 1e300)
    }

    @Test func errorTextLeavesOutArgumentsUnlessDebugging() throws {
        let db = try Database(path: "", mode: .memory)
        try db.execute("CREATE TABLE quote(text UNIQUE)")
        let words = "I never told my GP about the pain"
        try db.execute("INSERT INTO quote VALUES (?)", [words])
        do {
            try db.execute("INSERT INTO quote VALUES (?)", [words])
            Issue.record("expected a constraint error")
        } catch let error as StoreError {
            #expect(error.arguments == [.text(words)])
            let plain = error.description(includingArguments: false)
            #expect(!plain.contains(words))
            #expect(plain.contains("UNIQUE constraint failed"))
            #expect(plain.contains("INSERT INTO quote VALUES (?)"))
            #expect(error.description(includingArguments: true).contains(words))
            // The test runner is not started with QUALKIT_DEBUG=1, so the default hides them.
            if ProcessInfo.processInfo.environment["QUALKIT_DEBUG"] != "1" {
                #expect(!error.description.contains(words))
                #expect("\(error)" == plain)
            }
        }
        #expect(StoreError.debugEnabled(environment: ["QUALKIT_DEBUG": "1"]))
        #expect(!StoreError.debugEnabled(environment: ["QUALKIT_DEBUG": "0"]))
        #expect(!StoreError.debugEnabled(environment: ["QUALKIT_DEBUG": ""]))
        #expect(!StoreError.debugEnabled(environment: [:]))
    }
}
