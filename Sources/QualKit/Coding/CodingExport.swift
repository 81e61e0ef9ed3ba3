/// Codings leaving the study, as CSV in the import's columns (a round trip) or as JSON.
///
/// The coded text and the memos are redacted unless the ``Disclosure`` says otherwise, and an
/// unredacted export is logged by ``Disclosure/redactor(for:)`` before anything is written.
public enum CodingExport {
    /// The export in the import's columns (plus the coded text), with an empty-code row for each
    /// transcript a coder covered without tagging anything, so coverage survives the round trip.
    public static func csv(_ study: Study, disclosure: Disclosure) throws -> String {
        let redactor = try disclosure.redactor(for: study)
        let store = CodingStore(study)
        var out = CSVWriter.line(CodingImport.requiredColumns + CodingImport.optionalColumns + ["text"])
        var tagged: Set<String> = []
        for coding in try store.codings().map({ $0.redacted(by: redactor) }) {
            tagged.insert(coding.transcript + "\u{0}" + coding.coder)
            out += CSVWriter.line([
                coding.transcript, String(coding.segment), coding.code, coding.coder, String(coding.start),
                String(coding.end), coding.memo ?? "", coding.text,
            ])
        }
        for cover in try store.coverage() where !tagged.contains(cover.transcript + "\u{0}" + cover.coder) {
            out += CSVWriter.line([cover.transcript, "1", "", cover.coder, "", "", "", ""])
        }
        return out
    }

    /// `{"codings": [...], "coverage": [...]}`, the codings as `codings list --format json` has them.
    public static func json(_ study: Study, disclosure: Disclosure) throws -> String {
        let redactor = try disclosure.redactor(for: study)
        let store = CodingStore(study)
        return CodingViews.export(
            try store.codings().map { $0.redacted(by: redactor) }, coverage: try store.coverage()
        ).serialized() + "\n"
    }
}
