// Participant roster CSV: the pure part of `Roster.importParticipants`, without the study.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzz.roster(Participant.self, data, size)
    return 0
}
