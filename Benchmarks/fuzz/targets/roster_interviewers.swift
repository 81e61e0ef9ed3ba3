// Interviewer roster CSV: the pure part of `Roster.importInterviewers`, without the study.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Fuzz.roster(Interviewer.self, data, size)
    return 0
}
