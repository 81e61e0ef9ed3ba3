// The availability grammar (`Availability.parse`, e.g. `mon 09:00-12:00; sat 10:00-14:00`):
// windows or a problem with its column; a parsed value prints back to text that parses equal.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    do {
        let parsed = try Availability.parse(text)
        let again = try Availability.parse(parsed.description)
        if again != parsed { fatalError("'\(parsed)' reads back as '\(again)'") }
    } catch {
        if error.column < 1 { fatalError("problem without a column: \(error)") }
    }
    return 0
}
