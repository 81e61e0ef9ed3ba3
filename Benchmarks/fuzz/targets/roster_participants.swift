// Participant roster CSV: the pure part of `Roster.importParticipants` (header and row checks in
// `RosterCSV`, then every field through `Participant.set`), without the study.
@testable import QualKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Fuzz.writeScratch(Fuzz.bytes(data, size))
    do {
        let csv = try RosterCSV(path: path, recognised: Participant.columns, allowed: [])
        for row in csv.rows {
            var member = Participant(blank: row.id)
            for field in row.fields {
                do { try member.set(field.key, field.value) } catch {
                    _ = RosterCSV.diagnostic(error, file: path, line: row.line, value: field.value)
                }
            }
            _ = member.missing
        }
    } catch {
        Fuzz.expectInputError(error, file: path)
    }
    return 0
}
