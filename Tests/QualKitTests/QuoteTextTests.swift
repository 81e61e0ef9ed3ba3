import Foundation
import Testing

@testable import QualKit

/// ``QuoteText``: a coded span becomes whole sentences of its redacted turn.
@Suite struct QuoteTextTests {
    let redactor = Redactor(terms: [])

    func quote(_ turn: String, _ span: String, max: Int = QuoteText.maxLength) throws -> String {
        let range = try #require(turn.range(of: span))
        let start = turn.unicodeScalars.distance(from: turn.unicodeScalars.startIndex, to: range.lowerBound)
        return QuoteText.quote(
            turn: turn, from: start, to: start + span.unicodeScalars.count, redactor: redactor, maxLength: max)
    }

    @Test func aSpanIsWidenedToTheSentencesItTouches() throws {
        let turn = "I rang twice. Nobody came back to me, not once! Then Dr. Shah wrote. Was that fair?"
        #expect(try quote(turn, "came back") == "Nobody came back to me, not once!")
        #expect(try quote(turn, "once! Then") == "Nobody came back to me, not once! Then Dr. Shah wrote.")
        // "Dr." does not end a sentence.
        #expect(try quote(turn, "Shah") == "Then Dr. Shah wrote.")
        #expect(try quote(turn, "fair") == "Was that fair?")
        #expect(try quote("no stop at all here", "stop") == "no stop at all here")
    }

    @Test func aLongSentenceIsCutAtWordsWithAnEllipsis() throws {
        let turn =
            "First one. The waiting room was always full and loud and nobody could tell you anything at all about when. Last."
        let cut = try quote(turn, "always full", max: 30)
        #expect(cut == "… always full and loud and …")
        // The cut never starts or ends mid-word.
        #expect(try quote(turn, "ways ful", max: 30) == "… always full and loud and …")
    }

    @Test func theTurnIsRedactedBeforeItIsCut() throws {
        let turn = "Call me. My number is 07700 900123 if you need it. Thanks."
        #expect(try quote(turn, "number is 07700 9") == "My number is [phone] if you need it.")
    }
}
