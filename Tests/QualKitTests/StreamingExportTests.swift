import Foundation
import Testing

@testable import QualKit

/// `codings export` writes its rows as it reads them, and the pieces add up to exactly the text the
/// whole-document views produce.
@Suite struct StreamingExportTests {
    @Test func streamedJSONIsTheDocumentedDocument() throws {
        let fixture = try analysisStudy()
        let store = CodingStore(fixture.study)
        let whole =
            CodingViews.export(try store.codings().map { $0.redacted(by: nil) }, coverage: try store.coverage())
            .serialized() + "\n"
        #expect(try CodingExport.json(fixture.study, disclosure: .unredacted(request: "test")) == whole)
        let redacted = try CodingExport.json(fixture.study, disclosure: .redacted)
        #expect((try? JSONSerialization.jsonObject(with: Data(redacted.utf8))) != nil)
    }

    @Test func anEmptyStudyStreamsAnEmptyList() throws {
        let fixture = try TemporaryStudy()
        let whole = CodingViews.export([], coverage: []).serialized() + "\n"
        #expect(try CodingExport.json(fixture.study, disclosure: .redacted) == whole)
    }

    @Test func manyCodingsArriveInBoundedPieces() throws {
        let fixture = try TemporaryStudy()
        try fixture.codes(["a"])
        try fixture.coders(["AB"])
        try fixture.participant("P1")
        try fixture.transcript("P1", turns: (0..<3000).map { "Turn \($0) with enough words to code." })
        let rows = (1...3000).map { "P1,\($0),a,AB,0,30\n" }.joined()
        let csv = try fixture.write("codings.csv", "transcript,segment,code,coder,start,end\n" + rows)
        _ = try CodingImport.run(path: csv, defaultCoder: nil, createCodes: false, study: fixture.study)
        for format in ["csv", "json"] {
            var pieces: [Int] = []
            var text = ""
            let write: (String) throws -> Void = {
                pieces.append($0.utf8.count); text += $0
            }
            if format == "csv" {
                try CodingExport.csv(fixture.study, disclosure: .redacted, write: write)
            } else {
                try CodingExport.json(fixture.study, disclosure: .redacted, write: write)
            }
            #expect(pieces.count > 2, "\(format) came in \(pieces.count) pieces")
            #expect(pieces.allSatisfy { $0 < CodingExport.chunkBytes + 4096 })
            let whole =
                format == "csv"
                ? try CodingExport.csv(fixture.study, disclosure: .redacted)
                : try CodingExport.json(fixture.study, disclosure: .redacted)
            #expect(text == whole)
        }
        #expect(try CodingExport.csv(fixture.study, disclosure: .redacted).split(separator: "\n").count == 3001)
    }
}
