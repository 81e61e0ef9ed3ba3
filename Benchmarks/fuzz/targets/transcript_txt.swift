// Transcripts in .txt (`TranscriptParser.parse`): turns or located errors.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    do {
        _ = try TranscriptParser.parse(Fuzz.bytes(data, size), format: .txt, file: "fuzz.txt")
    } catch {
        Fuzz.expectInputError(error, file: "fuzz.txt")
    }
    return 0
}
