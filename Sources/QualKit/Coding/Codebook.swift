/// Changes to the codebook: add, update, rename, merge, delete, import. Each is one transaction.
public struct Codebook {
    let study: Study
    let store: CodeStore

    public init(_ study: Study) {
        self.study = study
        self.store = CodeStore(study)
    }

    public func add(_ path: String, fields: [(String, String)]) throws -> Code {
        let path = try checkedPath(path)
        if try store.code(path) != nil { throw CodingError.codeExists(path) }
        var code = Code(path: path)
        try apply(fields, to: &code)
        try study.db.transaction { try store.save(code, isNew: true) }
        return code
    }

    public func update(_ path: String, fields: [(String, String)]) throws -> Code {
        var code = try store.require(path)
        try apply(fields, to: &code)
        try study.db.transaction { try store.save(code, isNew: false) }
        return code
    }

    private func apply(_ fields: [(String, String)], to code: inout Code) throws {
        for (column, text) in fields {
            do { try CodeFields.set(column, text, on: &code) } catch {
                throw CodingError.invalidField(error, value: text)
            }
        }
    }

    private func checkedPath(_ path: String) throws -> String {
        guard Identifiers.isCodePath(path) else { throw CodingError.invalidCodePath(path) }
        return path
    }

    /// What a rename, merge or delete did.
    public struct Change: Sendable, Equatable {
        public let codes: Int
        public let codingsMoved: Int
        public let codingsRemoved: Int
    }

    /// Renames a code and every code under it; codings and memos follow.
    public func rename(_ old: String, to new: String) throws -> Change {
        let new = try checkedPath(new)
        let affected = try store.subtree(old)
        guard !affected.isEmpty else { throw CodingError.unknownCode(Unknown(old, among: try store.paths())) }
        guard new != old else { return Change(codes: 0, codingsMoved: 0, codingsRemoved: 0) }
        let renames = affected.map { ($0, new + $0.dropFirst(old.count)) }
        let moving = Set(affected)
        for (_, target) in renames where !moving.contains(target) {
            if try store.code(target) != nil { throw CodingError.renameTargetExists(target) }
        }
        return try study.db.transaction {
            var moved = 0
            // Deepest first, so a renamed parent never collides with a child's new path.
            for (from, to) in renames.sorted(by: { $0.0.count > $1.0.count }) {
                moved += try store.codingCount(from)
                try store.rename(from, to: to)
            }
            return Change(codes: renames.count, codingsMoved: moved, codingsRemoved: 0)
        }
    }

    /// Moves FROM's codings to INTO (a coding INTO already has is collapsed) and removes FROM.
    public func merge(_ from: String, into: String) throws -> Change {
        _ = try store.require(from)
        _ = try store.require(into)
        guard from != into else { throw CodingError.mergeIntoItself(from) }
        let children = try store.subtree(from).filter { $0 != from }
        guard children.isEmpty else { throw CodingError.hasSubcodes(from, subcodes: children, refused: .merge) }
        return try study.db.transaction {
            let total = try store.codingCount(from)
            try study.db.execute("UPDATE OR IGNORE coding SET code = ? WHERE code = ?", [into, from])
            let collapsed = try store.codingCount(from)
            try study.db.execute("DELETE FROM coding WHERE code = ?", [from])
            try study.db.execute("UPDATE memo SET code = ? WHERE code = ?", [into, from])
            try store.delete(from, mergedInto: into)
            return Change(codes: 1, codingsMoved: total - collapsed, codingsRemoved: collapsed)
        }
    }

    /// Deletes a code; refused while codings use it unless `force`, which deletes them too.
    public func delete(_ path: String, force: Bool) throws -> Change {
        _ = try store.require(path)
        let children = try store.subtree(path).filter { $0 != path }
        guard children.isEmpty else { throw CodingError.hasSubcodes(path, subcodes: children, refused: .delete) }
        let count = try store.codingCount(path)
        if count > 0 && !force { throw CodingError.inUse(path, codings: count) }
        return try study.db.transaction {
            try study.db.execute("DELETE FROM coding WHERE code = ?", [path])
            try store.delete(path)
            return Change(codes: 1, codingsMoved: 0, codingsRemoved: count)
        }
    }

    /// What an import did.
    public struct ImportReport: Sendable, Equatable {
        public let added: Int
        public let updated: Int
        public let unchanged: Int
    }

    /// Adds new codes and updates existing ones from a file's entries; never deletes.
    public func importEntries(_ entries: [CodebookFile.Entry], file: String) throws -> ImportReport {
        var plans: [(Code, Bool)] = []
        var unchanged = 0
        var problems: [Diagnostic] = []
        for entry in entries {
            let existing = try store.code(entry.path)
            var code = existing ?? Code(path: entry.path)
            for field in entry.fields {
                do { try CodeFields.set(field.column, field.value, on: &code) } catch {
                    problems.append(Diagnostic(file: file, line: entry.line, error.message))
                }
            }
            if code == existing { unchanged += 1 } else { plans.append((code, existing == nil)) }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        try study.db.transaction {
            for (code, isNew) in plans { try store.save(code, isNew: isNew) }
        }
        return ImportReport(added: plans.filter(\.1).count, updated: plans.filter { !$0.1 }.count, unchanged: unchanged)
    }

    /// Accepts a code a merge proposed, so it is an ordinary code of the codebook.
    /// - Returns: false when the code was not proposed (nothing changes).
    public func accept(_ path: String) throws -> Bool {
        _ = try store.require(path)
        return try study.db.transaction { try store.accept(path) }
    }

    public func addCoder(_ id: String, name: String?) throws {
        guard Identifiers.isPersonID(id) else { throw CodingError.invalidCoderID(id) }
        if try store.coderIDs().contains(id) { throw CodingError.coderExists(id) }
        try study.db.transaction { try store.addCoder(id, name: name) }
    }
}
