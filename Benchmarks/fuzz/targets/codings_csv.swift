// Codings CSV (`CodingImport.run`). Its row checks need the study (transcripts, segments, coders,
// codes), so this runs the whole importer against the demo study, rolling back each import.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let study = Fuzz.demo
    let path = Fuzz.writeScratch(bytes)
    // The input's length picks the options, so both paths of --coder and --create-codes are reached.
    Fuzz.inRolledBackTransaction(study) {
        _ = try CodingImport.run(
            path: path, defaultCoder: size % 2 == 0 ? nil : "AB", createCodes: size % 3 == 0, study: study)
    }
    return 0
}
