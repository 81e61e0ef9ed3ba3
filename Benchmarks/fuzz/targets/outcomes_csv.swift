// Outcomes CSV (`ServiceChangeLog.importOutcomes`). It checks action ids against the study, so
// this runs the whole importer against the demo study, rolling back each import.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let study = Fuzz.demo
    let path = Fuzz.writeScratch(Fuzz.bytes(data, size))
    Fuzz.inRolledBackTransaction(study) { _ = try ServiceChangeLog(study).importOutcomes(path: path) }
    return 0
}
