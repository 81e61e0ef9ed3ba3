/// What a merge did, or would do with `--dry-run`: one entry per incoming coding that was added,
/// changed, not merged, or met a conflict, with the counts of every outcome.
///
/// Independent of where the codings came from, so a merge from another tool's project (REFI-QDA)
/// reports in the same words.
public struct MergeReport: Sendable, Equatable {
    /// What happened to one incoming coding.
    public enum Outcome: String, Sendable, CaseIterable {
        case added, unchanged, changed
        case notMerged = "not_merged"
    }

    /// A conflict a coding met on its way in, and how it was settled.
    public enum Conflict: String, Sendable, CaseIterable {
        /// The transcript's text in the master differs from the file's: re-anchored by the coded text.
        case transcriptChanged = "transcript_changed"
        /// The code was renamed, moved or merged in the master: followed by its UUID.
        case codeFollowed = "code_followed"
        /// The same coder's coding with the same code had other boundaries: the incoming one is kept.
        case boundariesChanged = "boundaries_changed"
        /// The transcript is not in the master.
        case transcriptMissing = "transcript_missing"
        /// The code was deleted in the master.
        case codeDeleted = "code_deleted"
        /// The file's span is one a later merge replaced with the master's: the file is older.
        case superseded = "superseded"
    }

    /// One incoming coding worth reporting.
    public struct Entry: Sendable, Equatable {
        public let outcome: Outcome
        public let conflicts: [Conflict]
        public let transcript: String
        /// The master's segment (the file's when the coding was not merged); nil when not placed.
        public let segment: Int?
        /// The code in the master (after following renames), else the file's.
        public let code: String
        /// The master's coder, after `--coder-map`.
        public let coder: String
        public let start: Int?
        public let end: Int?
        /// Why, in a few words: `was barrier.old in the copy`, `covered text found 2 times`.
        public let note: String

        public init(
            outcome: Outcome, conflicts: [Conflict], transcript: String, segment: Int?, code: String, coder: String,
            start: Int?, end: Int?, note: String
        ) {
            self.outcome = outcome
            self.conflicts = conflicts
            self.transcript = transcript
            self.segment = segment
            self.code = code
            self.coder = coder
            self.start = start
            self.end = end
            self.note = note
        }
    }

    /// The file merged.
    public var source: String
    /// True when nothing was written.
    public var dryRun: Bool
    /// Added, changed, not merged and conflicting codings; plain unchanged ones are only counted.
    public var entries: [Entry] = []
    public var counts: [Outcome: Int] = [:]
    /// Codes new to the master, added as proposed.
    public var codesProposed: [String] = []
    public var memosAdded = 0
    public var memosUnchanged = 0
    /// Transcripts newly covered by a coder (or newly marked done).
    public var coverageAdded = 0
    /// Coders the master lacked and the merge added (a project's new users).
    public var codersAdded: [String] = []
    /// A project's selections that could not be placed on the master's transcripts, and why.
    public var leftOut: [String] = []
    /// What reading a project repaired or noticed (as `qdpx import` prints it).
    public var warnings: [String] = []

    public init(source: String, dryRun: Bool) {
        self.source = source
        self.dryRun = dryRun
    }

    public func count(_ outcome: Outcome) -> Int { counts[outcome] ?? 0 }

    /// Entries that met at least one conflict.
    public var conflicts: Int { entries.filter { !$0.conflicts.isEmpty }.count }

    mutating func record(_ entry: Entry) {
        counts[entry.outcome, default: 0] += 1
        if entry.outcome != .unchanged || !entry.conflicts.isEmpty { entries.append(entry) }
    }
}
