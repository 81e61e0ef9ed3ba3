// Codebook Markdown (`CodebookFile.parseMarkdown`): entries or located errors.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    do {
        _ = try CodebookFile.parseMarkdown(Fuzz.bytes(data, size), file: "fuzz.codebook.md")
    } catch {
        Fuzz.expectInputError(error, file: "fuzz.codebook.md")
    }
    return 0
}
