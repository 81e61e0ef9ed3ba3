import Foundation

/// One file inside a zip archive: its path (always with `/` separators) and its bytes.
public struct ZipEntry: Sendable, Equatable {
    public let path: String
    public let data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}
