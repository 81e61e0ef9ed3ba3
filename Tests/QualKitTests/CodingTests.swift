import Foundation
import Testing

@testable import QualKit

/// Coding: tag and untag by whole segment, quote or span; coverage; memos; CSV import.
@Suite struct CodingTests {
    /// The shared fixture (`codingStudy()`): segment 2 of P1 is `We never talk about it at home, never.`
    func study() throws -> TemporaryStudy { try codingStudy() }

    func tag(_ fixture: TemporaryStudy, _ selection: CodingLog.Selection, code: String = "a.x", memo: String? = nil)
        throws -> (Coding, Bool)
    {
        try CodingLog(fixture.study).tag(
            transcript: "P1", segment: 2, code: code, coder: "AB", selection: selection, memo: memo)
    }

    @Test func wholeQuoteAndSpanGiveTheirOffsetsAndText() throws {
        let fixture = try study()
        let (whole, added) = try tag(fixture, .whole)
        #expect(added)
        #expect((whole.start, whole.end, whole.text) == (0, 38, "We never talk about it at home, never."))
        let (quote, _) = try tag(fixture, .quote("talk about it"), memo: "avoidance")
        #expect((quote.start, quote.end, quote.text, quote.memo) == (9, 22, "talk about it", "avoidance"))
        let (span, _) = try tag(fixture, .span(32, 37), code: "a.z")
        #expect((span.start, span.end, span.text) == (32, 37, "never"))
        #expect(span.participant == "P1" && span.coder == "AB" && span.segment == 2)
        // Offsets into the whole transcript slice the same words.
        let full: String = try #require(try fixture.study.db.row("SELECT text FROM transcript_text"))["text"]
        for coding in try CodingStore(fixture.study).codings() {
            #expect(ScalarText.slice(full, coding.transcriptStart, coding.transcriptEnd) == coding.text)
        }
        #expect(try CodingStore(fixture.study).codings().map(\.code) == ["a.x", "a.x", "a.z"])
    }

    @Test func taggingTwiceIsANoOp() throws {
        let fixture = try study()
        #expect(try tag(fixture, .quote("talk about it")).1)
        #expect(try !tag(fixture, .span(9, 22)).1)
        #expect(try fixture.count("SELECT count(*) FROM coding") == 1)
    }

    @Test func quotesMustOccurExactlyOnce() throws {
        let fixture = try study()
        let twice = try #require(throws: CodingError.self) { try tag(fixture, .quote("never")) }
        #expect(twice == .quoteAmbiguous("never", segment: 2, transcript: "P1", at: [3..<8, 32..<37]))
        let missing = try #require(throws: CodingError.self) { try tag(fixture, .quote("never ever")) }
        #expect(missing == .quoteNotFound("never ever", segment: 2, transcript: "P1", caseFolded: []))
        let capitals = try #require(throws: CodingError.self) { try tag(fixture, .quote("WE NEVER")) }
        #expect(capitals == .quoteNotFound("WE NEVER", segment: 2, transcript: "P1", caseFolded: [0..<8]))
        #expect(try fixture.count("SELECT count(*) FROM coding") == 0)
    }

    @Test func spansAreParsedAndChecked() throws {
        #expect(CodingLog.span("9:22") == .span(9, 22))
        #expect(CodingLog.span("ten") == nil)
        #expect(CodingLog.span("1:2:3") == nil)
        let fixture = try study()
        for (start, end) in [(10, 39), (5, 5), (-1, 4), (8, 3)] {
            let error = try #require(throws: CodingError.self) { try tag(fixture, .span(start, end)) }
            #expect(error == .spanOutside(start: start, end: end, segment: 2, transcript: "P1", length: 38))
        }
        #expect(try tag(fixture, .span(0, 38)).0.text == "We never talk about it at home, never.")
    }

    @Test func unknownTranscriptSegmentCodeOrCoderIsRefused() throws {
        let fixture = try study()
        let log = CodingLog(fixture.study)
        func refusal(_ transcript: String, _ segment: Int, _ code: String, _ coder: String) -> String? {
            do {
                _ = try log.tag(
                    transcript: transcript, segment: segment, code: code, coder: coder, selection: .whole, memo: nil)
                return "accepted"
            } catch {
                return unknown(error)
            }
        }
        #expect(refusal("P9", 2, "a.x", "AB") == "transcript P9")
        #expect(refusal("P1", 3, "a.x", "AB") == "segment P1 3")
        #expect(refusal("P1", 2, "a.y", "AB") == "code a.y")
        #expect(refusal("P1", 2, "a.x", "ZZ") == "coder ZZ")
        #expect(try fixture.count("SELECT count(*) FROM coding") == 0)
        #expect(try fixture.count("SELECT count(*) FROM coverage") == 0)
    }

    @Test func untagRemovesOnlyTheCodingWithThatSpan() throws {
        let fixture = try study()
        _ = try tag(fixture, .whole)
        _ = try tag(fixture, .quote("talk about it"))
        let log = CodingLog(fixture.study)
        #expect(
            try log.untag(transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .span(9, 22)) == 1)
        #expect(try CodingStore(fixture.study).codings().map { [$0.start, $0.end] } == [[0, 38]])
        #expect(
            throws: CodingError.noSuchCoding(coder: "CD", code: "a.x", start: 0, end: 38, segment: 2, transcript: "P1")
        ) {
            try log.untag(transcript: "P1", segment: 2, code: "a.x", coder: "CD", selection: .whole)
        }
        #expect(try fixture.count("SELECT count(*) FROM coding") == 1)
    }

    @Test func taggingCoversAndDoneMarksCoverage() throws {
        let fixture = try study()
        _ = try tag(fixture, .whole)
        try CodingLog(fixture.study).markDone(transcript: "P1", coder: "CD")
        let coverage = try CodingStore(fixture.study).coverage().map { "\($0.transcript) \($0.coder) \($0.done)" }
        #expect(coverage == ["P1 AB false", "P1 CD true"])
        // Done again, or after tagging, changes nothing more.
        try CodingLog(fixture.study).markDone(transcript: "P1", coder: "CD")
        #expect(try fixture.count("SELECT count(*) FROM coverage") == 2)
        let noTranscript = try #require(throws: TranscriptError.self) {
            try CodingLog(fixture.study).markDone(transcript: "P9", coder: "CD")
        }
        #expect(unknown(noTranscript) == "transcript P9")
        let noCoder = try #require(throws: CodingError.self) {
            try CodingLog(fixture.study).markDone(transcript: "P1", coder: "ZZ")
        }
        #expect(unknown(noCoder) == "coder ZZ")
    }

    @Test func untaggingTheLastCodingEndsCoverageUnlessDone() throws {
        let fixture = try study()
        let log = CodingLog(fixture.study)
        _ = try tag(fixture, .whole)
        _ = try tag(fixture, .quote("talk about it"))
        _ = try log.untag(transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .whole)
        #expect(try fixture.count("SELECT count(*) FROM coverage") == 1, "a coding is left: still covered")
        _ = try log.untag(transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .quote("talk about it"))
        #expect(try fixture.count("SELECT count(*) FROM coverage") == 0)

        _ = try tag(fixture, .whole)
        try log.markDone(transcript: "P1", coder: "AB")
        _ = try log.untag(transcript: "P1", segment: 2, code: "a.x", coder: "AB", selection: .whole)
        #expect(try CodingStore(fixture.study).coverage().map { "\($0.coder) \($0.done)" } == ["AB true"])
    }

    @Test func memosAreStoredOnlyForThingsThatExist() throws {
        let fixture = try study()
        let log = CodingLog(fixture.study)
        try log.addMemo(transcript: "P1", segment: 2, code: "a.x", coder: "AB", text: "Privacy at home")
        try log.addMemo(transcript: "P1", segment: nil, code: nil, coder: nil, text: "Whole interview")
        let rows = try fixture.study.db.rows(
            "SELECT transcript, segment_number, code, coder, text FROM memo ORDER BY id")
        #expect(rows.count == 2)
        #expect(try rows[0]["segment_number"] as Int == 2)
        #expect(try rows[0]["code"] as String == "a.x")
        #expect(try rows[0]["coder"] as String == "AB")
        #expect(try rows[0]["text"] as String == "Privacy at home")
        #expect(try rows[1].value("segment_number") == .null)
        let badSegment = try #require(throws: TranscriptError.self) {
            try log.addMemo(transcript: "P1", segment: 9, code: nil, coder: nil, text: "x")
        }
        #expect(badSegment == .unknownSegment(transcript: "P1", number: 9, count: 2))
        let badCode = try #require(throws: CodingError.self) {
            try log.addMemo(transcript: "P1", segment: nil, code: "a.nope", coder: nil, text: "x")
        }
        #expect(unknown(badCode) == "code a.nope")
        let badTranscript = try #require(throws: TranscriptError.self) {
            try log.addMemo(transcript: "P7", segment: nil, code: nil, coder: nil, text: "x")
        }
        #expect(unknown(badTranscript) == "transcript P7")
        #expect(try fixture.count("SELECT count(*) FROM memo") == 2)
    }

    @Test func csvImportLocatesEveryBadRowByLineAndKeepsNothing() throws {
        let fixture = try study()
        // Line 4's memo runs onto line 5, so the rows after it start one line later.
        let path = try fixture.write(
            "bad.csv",
            """
            transcript,segment,code,coder,start,end,memo
            P1,2,a.x,AB,,,
            P9,2,a.x,AB,,,
            P1,2,a.z,AB,,,"a memo
            over two lines"
            P1,7,a.x,AB,,,
            P1,2,a.q,AB,,,
            P1,2,a.x,XY,,,
            P1,2,a.x,AB,30,40,
            P1,x,a.x,AB,,,

            """)
        let error = try #require(throws: InvalidInput.self) {
            try CodingImport.run(path: path, defaultCoder: nil, createCodes: false, study: fixture.study)
        }
        #expect(error.diagnostics.map(\.line) == [3, 6, 7, 8, 9, 10])
        #expect(error.diagnostics.allSatisfy { $0.file == path })
        let messages = error.diagnostics.map(\.message)
        #expect(messages[0] == "unknown transcript 'P9' (did you mean 'P1'?)")
        #expect(messages[1] == "P1 has no segment 7 (it has 1 to 2)")
        #expect(messages[2].hasPrefix("unknown code 'a.q'"))
        #expect(messages[3].hasPrefix("unknown coder 'XY'"))
        #expect(messages[4] == "bad span '30:40': segment 2 of P1 spans 0:38")
        #expect(messages[5].hasPrefix("bad segment 'x'"))
        #expect(try fixture.count("SELECT count(*) FROM coding") == 0)
        #expect(try fixture.count("SELECT count(*) FROM coverage") == 0)
    }

    @Test func csvImportReportsWhatItDidAndIsIdempotent() throws {
        let fixture = try study()
        let path = try fixture.write(
            "good.csv",
            """
            transcript,segment,code,coder,start,end,memo
            P1,2,a.x,AB,,,
            P1,2,a.x,AB,9,22,quoted
            P1,2,a.new,AB,,,
            P1,1,,CD,,,

            """)
        let refused = try #require(throws: InvalidInput.self) {
            try CodingImport.run(path: path, defaultCoder: nil, createCodes: false, study: fixture.study)
        }
        #expect(refused.diagnostics.map(\.line) == [4])
        let first = try CodingImport.run(path: path, defaultCoder: nil, createCodes: true, study: fixture.study)
        #expect(first.rows == 4 && first.added == 3 && first.duplicates == 0 && first.emptyRows == 1)
        #expect(first.codesCreated == ["a.new"])
        let second = try CodingImport.run(path: path, defaultCoder: nil, createCodes: false, study: fixture.study)
        #expect(second.added == 0 && second.duplicates == 3 && second.codesCreated.isEmpty)
        let codings = try CodingStore(fixture.study).codings()
        #expect(codings.map { "\($0.code) \($0.start):\($0.end)" } == ["a.new 0:38", "a.x 0:38", "a.x 9:22"])
        #expect(codings.last?.text == "talk about it" && codings.last?.memo == "quoted")
        #expect(try CodingStore(fixture.study).coverage().map(\.coder) == ["AB", "CD"])
    }

    @Test func csvImportTakesTheCoderFromTheCallerWhenTheFileHasNone() throws {
        let fixture = try study()
        let path = try fixture.write("nocoder.csv", "transcript,segment,code\nP1,2,a.z\n")
        let missing = try #require(throws: InvalidInput.self) {
            try CodingImport.run(path: path, defaultCoder: nil, createCodes: false, study: fixture.study)
        }
        #expect(missing.diagnostics.map(\.line) == [1])
        #expect(missing.diagnostics.first?.message == "no 'coder' column (read as UTF-8, comma-separated)")
        #expect(missing.diagnostics.first?.remedy == .nameDefaultCoder)
        let report = try CodingImport.run(path: path, defaultCoder: "CD", createCodes: false, study: fixture.study)
        #expect(report.added == 1)
        #expect(try CodingStore(fixture.study).codings().map(\.coder) == ["CD"])
    }
}
