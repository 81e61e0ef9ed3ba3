/// Checks that a translation matches the base text it translates, question by question.
public enum TranslationCheck {
    /// Problems with `translation` against `base`, located in the translation's file.
    ///
    /// Interviews are analysed by question id, so a translation must ask exactly the base's
    /// questions: a missing question is a gap in the field, an extra one cannot be compared.
    public static func compare(
        base: InterviewProtocol, translation: InterviewProtocol, file: String
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if translation.translationOf != base.language {
            problems.append(
                Diagnostic(
                    file: file, line: nil,
                    "translation-of is '\(translation.translationOf ?? "")' but \(base.reference) is in '\(base.language)'"
                ))
        }
        let translated = Set(translation.questions.map(\.id))
        let original = Set(base.questions.map(\.id))
        for question in base.questions where !translated.contains(question.id) {
            problems.append(
                Diagnostic(
                    file: file, line: nil,
                    "question '\(question.id)' of \(base.reference) is missing from the \(translation.language) translation"
                ))
        }
        for question in translation.questions where !original.contains(question.id) {
            problems.append(
                Diagnostic(
                    file: file, line: question.line,
                    "question '\(question.id)' is not in \(base.reference) (\(base.language)): translations must use the base's question ids"
                ))
        }
        return problems
    }
}
