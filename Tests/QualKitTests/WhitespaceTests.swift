import Foundation
import Testing

@testable import QualKit

/// `trimmingSpaces()` replaces Foundation's `trimmingCharacters(in: .whitespaces)` in the parsers,
/// so it must agree with it everywhere.
@Suite struct WhitespaceTests {
    @Test func everyScalarOfTheBasicPlaneTrimsAsFoundationDoes() {
        var differing: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "a b" + String(scalar)
            if text.trimmingSpaces() != text.trimmingCharacters(in: .whitespaces) {
                differing.append(String(value, radix: 16))
            }
        }
        #expect(differing.isEmpty)
    }

    @Test(arguments: [
        "", " ", "\t", " \t ", "word", "  two words  ", "\u{00A0}nbsp\u{00A0}", "\u{3000}ideographic\u{3000}",
        "\u{200B}zero width\u{200B}", " \u{301}combining after a space", "e\u{301} ", "\n line \n",
        "\u{1F600} emoji \u{1F600}", "\u{2029}paragraph separator", "trailing\t\t",
    ])
    func agreesWithFoundation(_ text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        let inner = ("[" + text + "]").dropFirst().dropLast()
        #expect(inner.trimmingSpaces() == inner.trimmingCharacters(in: .whitespaces))
    }
}
