import Foundation

/// Whether an interviewer's words ask a question of the guide: the similarity rule of `fidelity`.
///
/// Text is folded (lower case, accents removed), split into words on anything that is not a letter
/// or digit, single characters dropped; for English, stop words are dropped and words lightly
/// stemmed (`lives`, `living`, `lived` -> `liv`). A turn is split into sentences first (on `.`,
/// `?`, `!`, `;`, `؟`, `۔` and line breaks), so a turn can ask several questions and a probe does
/// not dilute one. A sentence's similarity to a question is the IDF-weighted share of the
/// question's distinct words that the sentence contains:
///
///     sim(q, s) = Σ_{w ∈ q ∩ s} idf(w) / Σ_{w ∈ q} idf(w),   idf(w) = 1 + ln(Q / df(w))
///
/// where Q is the guide's number of questions and df(w) the questions containing w, so the words
/// that tell the guide's questions apart count most. The measure is asymmetric on purpose: words
/// the interviewer adds around a question ("so, next, I wanted to ask") do not lower it.
public struct QuestionMatcher: Sendable {
    /// Stemmed content words of each question, in guide order.
    public let questionWords: [Set<String>]
    let idf: [String: Double]
    let english: Bool

    public init(questions: [String], language: String) {
        english = language.lowercased().hasPrefix("en")
        let words = questions.map { Set(Self.words($0, english: language.lowercased().hasPrefix("en"))) }
        var df: [String: Int] = [:]
        for set in words { for word in set { df[word, default: 0] += 1 } }
        let count = Double(max(1, questions.count))
        idf = df.mapValues { 1 + log(count / Double($0)) }
        questionWords = words
    }

    /// The similarity of each question to the best sentence of `turn`.
    public func similarities(_ turn: String) -> [Double] {
        let sentences = Self.sentences(turn).map { Set(Self.words($0, english: english)) }
        return questionWords.map { question in
            let whole = question.reduce(0) { $0 + (idf[$1] ?? 1) }
            guard whole > 0 else { return 0 }
            return sentences.map { sentence in
                question.intersection(sentence).reduce(0) { $0 + (idf[$1] ?? 1) } / whole
            }.max() ?? 0
        }
    }

    /// A turn's sentences or question clauses.
    public static func sentences(_ text: String) -> [String] {
        let breaks: Set<Character> = [".", "?", "!", ";", "\n", "؟", "۔", "。", "？", "！"]
        return text.split(whereSeparator: { breaks.contains($0) })
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
    }

    /// Folded, split, and for English stop-worded and stemmed.
    public static func words(_ text: String, english: Bool) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        let tokens = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            .filter { $0.count > 1 }
        guard english else { return tokens }
        return tokens.filter { !stopWords.contains($0) }.map(stem)
    }

    /// A light English stemmer: a few inflectional endings, then a final `e`, so that the forms of
    /// one word meet (`service`/`services` -> `servic`, `live`/`lives`/`living` -> `liv`).
    public static func stem(_ word: String) -> String {
        var w = word
        func strip(_ suffix: String, keep: Int, add: String = "") -> Bool {
            guard w.hasSuffix(suffix), w.count - suffix.count >= keep else { return false }
            w = String(w.dropLast(suffix.count)) + add
            return true
        }
        if !(strip("ies", keep: 2, add: "y") || strip("ing", keep: 3) || strip("ed", keep: 3) || strip("ly", keep: 3)) {
            if !w.hasSuffix("ss") && !w.hasSuffix("us") { _ = strip("s", keep: 3) }
        }
        if w.hasSuffix("e") && w.count > 3 { w.removeLast() }
        return w
    }

    /// English function words that say nothing about which question is asked.
    public static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
        "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has",
        "have", "having", "he", "her", "here", "him", "his", "how", "if", "in", "into", "is", "it", "its", "just",
        "me", "more", "most", "my", "no", "not", "now", "of", "on", "or", "other", "our", "out", "over", "please",
        "really", "said", "say", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "to", "too", "up", "us", "very", "was", "we", "well", "were", "what",
        "when", "where", "which", "who", "whom", "why", "will", "with", "would", "yes", "you", "your", "yours",
        "ok", "okay", "right", "thank", "thanks", "next", "ask", "wanted", "want", "question",
        "questions", "maybe",
        "i", "im", "ve", "ll", "re", "don", "didn", "doesn", "let", "lets", "go", "going", "get", "got",
    ]
}
