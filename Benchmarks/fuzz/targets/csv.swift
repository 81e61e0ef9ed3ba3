// The CSV reader every importer shares (`CSVReader`), read from a file as the importers do.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.writeScratch(Fuzz.bytes(data, size))
    do {
        let reader = try CSVReader(path: path)
        var previous = 0
        while let record = try reader.next() {
            if record.line <= previous { fatalError("record lines go backwards: \(record.line) after \(previous)") }
            previous = record.line
        }
    } catch {
        Fuzz.expectInputError(error, file: path)
    }
    return 0
}
