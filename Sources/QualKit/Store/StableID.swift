import Foundation

/// The stable identity every code, coder, transcript, participant, coding and memo carries in its
/// `uuid` column (migration 8): exchange formats use it as the record's GUID.
public enum StableID {
    /// A new random UUID in the stored form: lower case with hyphens.
    public static func make() -> String { UUID().uuidString.lowercased() }
}
