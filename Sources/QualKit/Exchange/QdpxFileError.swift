/// A refusal while reading a `.qdpx` file (its zip, its XML or the project in it), with the file's
/// path, so the message can name the file as well as the entry and element.
public struct QdpxFileError: Error, Sendable {
    public enum Reason: Sendable {
        case zip(ZipError)
        case xml(XMLError)
        case project(QdpxError)
    }

    /// The file as the user named it.
    public let file: String
    public let reason: Reason

    /// Runs `body`, naming `file` on the zip, XML and REFI-QDA refusals it throws.
    public static func naming<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ZipError {
            throw QdpxFileError(file: file, reason: .zip(error))
        } catch let error as XMLError {
            throw QdpxFileError(file: file, reason: .xml(error))
        } catch let error as QdpxError {
            throw QdpxFileError(file: file, reason: .project(error))
        }
    }
}
