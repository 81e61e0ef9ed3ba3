import Foundation
import QualKit

/// Times the redactor on generated turns of growing length, to show that its cost per character
/// stays flat: the report redacts every quoted turn, so a quadratic redactor would show on long
/// interviews first.
enum RedactBenchmark {
    struct Figures {
        /// (characters in the turn, identifiers in it, seconds to redact it, nanoseconds per character)
        var rows: [(characters: Int, identifiers: Int, seconds: Double, nanosecondsPerCharacter: Double)] = []
    }

    static let filler = [
        "the", "clinic", "was", "busy", "and", "we", "waited", "for", "hours", "then", "nurse", "came", "back",
        "said", "call", "again", "tomorrow", "my", "son", "drove", "me", "letter", "proof",
    ]

    /// A turn of `words` words, about one in eight an identifier.
    static func turn(words: Int, _ random: inout SeededRandom) -> String {
        var text = ""
        for _ in 0..<words {
            switch random.int(0...15) {
            case 0: text += "07700 \(random.int(900_000...900_999)) "
            case 1: text += "943 476 5919, "
            case 2: text += "SW1A \(random.int(1...9))AA "
            case 3: text += "jo.\(random.int(10...99))@example.org "
            case 4: text += random.chance(0.5) ? "Imran Qureshi " : "Mary O\u{2019}Neil "
            case 5: text += "12/03/19\(random.int(30...99)) "
            default: text += random.pick(filler) + " "
            }
        }
        return text
    }

    static func run(words: Int, seed: UInt64) -> Figures {
        var random = SeededRandom(seed: seed)
        let redactor = Redactor(terms: [
            .init(term: "Imran Qureshi"), .init(term: "Mary O'Neil"), .init(term: "Dr Okonkwo", label: "GP"),
        ])
        var figures = Figures()
        for size in [words / 100, words / 10, words] where size > 0 {
            let text = turn(words: size, &random)
            let (found, seconds) = BenchmarkClock.time {
                RedactedTurn(text, by: redactor).excerpt(from: 0, to: Int.max)
            }
            let characters = text.unicodeScalars.count
            figures.rows.append(
                (characters, found.components(separatedBy: "[").count - 1, seconds, seconds * 1e9 / Double(characters)))
        }
        return figures
    }
}
