import Foundation

/// The `coding` table's secondary indexes, dropped for a bulk import and built again after it.
///
/// The definitions are read back from the study's own schema (`sqlite_master`) rather than written
/// here, so the rebuilt indexes are exactly those the migrations made and cannot drift from them.
/// The UNIQUE constraint's index belongs to the table and is never dropped: it is what makes
/// `INSERT OR IGNORE` skip a coding already stored, during the import as before.
enum CodingIndexes {
    /// One index as the schema defines it.
    struct Definition: Equatable {
        let name: String
        let sql: String
    }

    /// Drops every index on `coding` that has a definition (not the constraint's automatic one)
    /// and returns the definitions, for ``create(_:_:)``. Call inside the import's transaction.
    static func drop(_ db: Database) throws -> [Definition] {
        let definitions = try db.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'coding' AND sql IS NOT NULL ORDER BY name"
        ).map { Definition(name: try $0["name"], sql: try $0["sql"]) }
        for definition in definitions {
            // An index name cannot be bound; it comes from the schema, quoted as an identifier.
            try db.executeScript("DROP INDEX \"\(definition.name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return definitions
    }

    /// Builds the dropped indexes again from their definitions.
    static func create(_ definitions: [Definition], _ db: Database) throws {
        for definition in definitions { try db.executeScript(definition.sql) }
    }

    /// An upper bound on the codings stored, read from the rowid's end without a scan.
    static func storedUpperBound(_ db: Database) throws -> Int {
        try db.value("SELECT max(id) FROM coding").intValue ?? 0
    }
}
