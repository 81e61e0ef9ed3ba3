import Foundation

/// Zip and XML refusals as located ``Diagnostic``s naming the file (and the entry inside it), so an
/// importer of another tool's file reports them like any other bad input.
enum ExchangeDiagnostics {
    /// `error` as a diagnostic on `file`, or nil when it is neither a ``ZipError`` nor an ``XMLError``.
    static func diagnostic(for error: any Error, file: String) -> Diagnostic? {
        if let error = error as? XMLError {
            switch error {
            case .doctype(let document):
                return Diagnostic(
                    file: file, line: nil,
                    "\(document): refused: it declares a DTD or entity (<!DOCTYPE or <!ENTITY), which can read other files or expand without end; these files never need one"
                )
            case .notUTF8(let document):
                return Diagnostic(file: file, line: nil, "\(document): not UTF-8 text")
            case .malformed(let document, let line, let reason):
                return Diagnostic(file: file, line: line, "\(document): not well-formed XML: \(reason)")
            case .tooDeep(let document, let limit):
                return Diagnostic(file: file, line: nil, "\(document): elements nested more than \(limit) deep")
            }
        }
        guard let error = error as? ZipError else { return nil }
        let reason: String
        switch error {
        case .notAZip: reason = "not a zip archive (or cut short)"
        case .corrupt(let entry, let why): reason = "damaged archive\(entry.map { " at entry '\($0)'" } ?? ""): \(why)"
        case .zip64(let entry): reason = "ZIP64 archive\(entry.map { " (entry '\($0)')" } ?? "") is not read"
        case .encrypted(let entry): reason = "entry '\(entry)' is encrypted"
        case .unsupportedMethod(let entry, let method): reason = "entry '\(entry)' uses compression method \(method)"
        case .unsafePath(let entry, let why):
            reason = "refused: entry '\(entry)' has \(why.rawValue) and could be written outside its folder"
        case .notARegularFile(let entry, let kind): reason = "refused: entry '\(entry)' is a \(kind), not a file"
        case .duplicateEntry(let entry): reason = "entry '\(entry)' appears twice"
        case .tooManyEntries(let count, let limit): reason = "refused: \(count) entries (the limit is \(limit))"
        case .entryTooLarge(let entry, let limit):
            reason = "refused: entry '\(entry)' unpacks to more than \(limit) bytes (a zip bomb?)"
        case .archiveTooLarge(let declared, let limit):
            reason = "refused: entries declare \(declared) bytes in all (the limit is \(limit))"
        case .crcMismatch(let entry, _, _): reason = "entry '\(entry)' fails its checksum (damaged or altered)"
        case .inflateFailed(let entry, let why): reason = "entry '\(entry)' cannot be unpacked: \(why)"
        case .invalidEntryPath(let path): reason = "bad entry path '\(path)'"
        }
        return Diagnostic(file: file, line: nil, reason)
    }

    /// Runs `body`, turning zip and XML refusals into ``InvalidInput`` on `file`.
    static func located<T>(file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            if let diagnostic = diagnostic(for: error, file: file) { throw InvalidInput([diagnostic]) }
            throw error
        }
    }
}
