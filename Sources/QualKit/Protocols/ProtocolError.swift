/// Why a stored interview protocol could not be found.
public enum ProtocolError: Error, Sendable, Equatable {
    case unknownProtocol(Unknown)
    /// `name` is `ID@VERSION`; the known names are written the same way.
    case unknownVersion(Unknown)
    /// A language the protocol version has no text in.
    case unknownLanguage(Unknown, protocolVersion: String)
}
