// Protocol Markdown (`ProtocolParser.parse`): a protocol, or errors; never a crash. A parsed
// protocol is also rendered, since rendering is what a loaded protocol goes through next.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let result = ProtocolParser.parse(Fuzz.bytes(data, size), file: "fuzz.md")
    if let guide = result.protocol {
        _ = ProtocolRenderer.markdown(guide)
    } else if result.errors.isEmpty {
        fatalError("no protocol and no error")
    }
    return 0
}
