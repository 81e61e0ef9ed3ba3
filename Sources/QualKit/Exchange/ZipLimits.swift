/// How much a zip archive may hold before it is refused as a zip bomb.
///
/// The defaults are documented in docs/exchange.md: a REFI-QDA project of a large interview study
/// (a few hundred transcripts, a few MB of XML) is far below them.
public struct ZipLimits: Sendable, Equatable {
    /// The most entries an archive may list.
    public var maxEntries: Int
    /// The most bytes one entry may declare or inflate to.
    public var maxEntryBytes: Int
    /// The most bytes all entries together may declare.
    public var maxTotalBytes: Int

    public init(maxEntries: Int = 10_000, maxEntryBytes: Int = 256 << 20, maxTotalBytes: Int = 1 << 30) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
    }

    /// 10,000 entries, 256 MiB per entry, 1 GiB in all.
    public static let standard = ZipLimits()
}
