// Codebook CSV (`CodebookFile.parseCSV`): entries or located errors.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.writeScratch(Fuzz.bytes(data, size))
    do { _ = try CodebookFile.parseCSV(path: path) } catch { Fuzz.expectInputError(error, file: path) }
    return 0
}
