// Transcripts in .vtt (`TranscriptParser.parse`): turns or located errors.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    do {
        _ = try TranscriptParser.parse(Fuzz.bytes(data, size), format: .vtt, file: "fuzz.vtt")
    } catch {
        Fuzz.expectInputError(error, file: "fuzz.vtt")
    }
    return 0
}
