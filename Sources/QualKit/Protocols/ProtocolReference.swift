/// `ID[@VERSION]` as typed on the command line.
public struct ProtocolReference: Sendable, Equatable {
    public let id: String
    public let version: Int?

    /// Parses `talking-change` or `talking-change@2`; nil when the text is not of that shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, Identifiers.isSlug(String(first)) else { return nil }
        id = String(first)
        if parts.count == 2 {
            guard let number = Int(parts[1]), number > 0 else { return nil }
            version = number
        } else {
            version = nil
        }
    }

    /// The stored text this reference names: the given or latest version, in `language` or the base.
    public func resolve(in study: Study, language: String? = nil) throws -> StoredProtocol {
        let store = ProtocolStore(study)
        let ids = try store.ids()
        guard ids.contains(id) else { throw ProtocolError.unknownProtocol(Unknown(id, among: ids)) }
        let versions = try store.versions(of: id)
        let chosen = version ?? versions.last!
        guard versions.contains(chosen) else {
            throw ProtocolError.unknownVersion(Unknown("\(id)@\(chosen)", among: versions.map { "\(id)@\($0)" }))
        }
        let languages = try store.languages(id: id, version: chosen)
        let wanted = language ?? languages[0]
        guard let stored = try store.stored(id: id, version: chosen, language: wanted) else {
            throw ProtocolError.unknownLanguage(Unknown(wanted, among: languages), protocolVersion: "\(id)@\(chosen)")
        }
        return stored
    }
}
