import Foundation

/// The Methods and limitations section: every statistic with its coders, its scope, its value and
/// the command that reproduces it with the same options.
extension FindingsReport {
    /// What the report says when no quote may be shown.
    static let noQuotes =
        "No quotes: no coded passage came from a participant's own turn with consent to be quoted."

    /// "1 participant", "16 participants"; a suppressed count reads "fewer than 5 participants".
    func people(_ count: Int) -> String {
        let shown = options.smallNumbers.count(count)
        return "\(shown) participant\(count == 1 && shown == "1" ? "" : "s")"
    }

    /// `--coders A,B` when the report was limited to some coders, else nothing.
    var codersArgument: String {
        options.coders.map { " --coders \($0.joined(separator: ","))" } ?? ""
    }

    /// The command that prints the same prevalence figures (optionally by one attribute).
    func tallyCommand(by: String? = nil) -> String {
        "qualkit tally" + (options.kind.map { " --kind \($0)" } ?? "") + codersArgument
            + (by.map { " --by \($0)" } ?? "")
    }

    /// The command that prints the same saturation figures.
    var saturationCommand: String {
        "qualkit saturation --base \(saturation.base) --run \(saturation.run) --threshold \(String(format: "%g", saturation.threshold))"
            + codersArgument
    }

    /// The command that prints the same agreement figures.
    var agreementCommand: String {
        "qualkit agreement"
            + (consensus.map { " --coders " + $0.from.joined(separator: ",") } ?? codersArgument)
            + (agreementPrefix.map { " --code \($0)" } ?? "")
    }

    /// Counts of people shown as "fewer than n" in the themes and subgroup tables.
    var suppressedCells: Int {
        let small = options.smallNumbers
        guard !small.showSmall else { return 0 }
        let overall = themes.filter { small.suppresses($0.participants) }.count
        let grouped = published.reduce(0) { sum, table in
            sum
                + table.groups.reduce(0) { inner, group in
                    inner
                        + themes.filter { theme in
                            small.suppresses(group.themes.first { $0.code == theme.code }?.participants ?? 0)
                        }.count
                }
        }
        return overall + grouped
    }

    /// What the methods section says, in every format.
    public var methods: [String] {
        let small = options.smallNumbers
        let coders = tally.coders.isEmpty ? "no coder" : tally.coders.joined(separator: ", ")
        let kindWords = options.kind.map { "the \($0) codes" } ?? "every code"
        var notes = [
            "Prevalence (\(kindWords), coders \(coders)) is counted as people, not mentions: a participant counts once for a theme if any selected coder tagged any of their turns with it or a theme under it; a coding that spans several turns counts in every turn it touches. N = \(people(tally.participantsTotal)) with a coded transcript. Reproduce with: \(tallyCommand())"
                + (options.by.isEmpty
                    ? "."
                    : "; subgroups with: "
                        + options.by.map { tallyCommand(by: PersonFields.normalizedKey($0)) }
                        .joined(separator: "; ") + ".")
        ]
        if small.showSmall {
            notes.append("Small numbers are shown (--show-small): this report is not for publication.")
        } else {
            let pooled = published.reduce(0) { $0 + $1.pooled }
            let leftOut = published.reduce(0) { $0 + $1.leftOut }
            notes.append(
                "Small numbers are suppressed (NHS small-numbers practice, --min-cell \(small.minimum)): a count of people under \(small.minimum) is shown as “\(small.fewer)”, never as a number or a percentage, and a subgroup under \(small.minimum) participants is not broken out (combined with other small groups when together they reach \(small.minimum), otherwise left out). Quote captions show no attribute value held by fewer than \(small.minimum) participants. Applied here: \(suppressedCells) count\(suppressedCells == 1 ? "" : "s") shown as “\(small.fewer)”, \(pooled) subgroup\(pooled == 1 ? "" : "s") combined, \(leftOut) left out."
            )
        }
        let method = Saturation.method(base: saturation.base, run: saturation.run)
        notes.append(
            "Saturation (every code, coders \(coders), interviews in date order): \(method) Settings: base \(saturation.base), run \(saturation.run), threshold \(JSON.format(saturation.threshold))%. Reproduce with: \(saturationCommand). \(Saturation.citation)"
        )
        if let consensus {
            notes.append(
                "Themes, counts and quotes come from \(consensus.coder), the consensus of \(consensus.from.joined(separator: " and ")) after they resolved each disagreement (qualkit compare and consensus); agreement figures are between \(consensus.from.joined(separator: " and ")) before consensus."
            )
        }
        if let agreement {
            let scope = agreementPrefix.map { "the \($0) codes" } ?? "every code"
            let alpha = agreement.overall.alpha.map { String(format: "%.3f", $0) } ?? "not defined"
            notes.append(
                "Agreement between coders \(agreement.coders.joined(separator: ", ")) over \(scope), one unit per participant turn: overall Krippendorff's alpha \(alpha); per code: percent agreement, Cohen's kappa (two coders), Krippendorff's alpha (nominal), Fleiss' kappa (three or more); alpha below 0.667 is unacceptable and below 0.80 tentative (Krippendorff). Reproduce with: \(agreementCommand)."
            )
        } else {
            notes.append(
                "Agreement between coders is not reported: \(tally.coders.count < 2 ? "only \(coders) coded these transcripts" : "fewer than two of the selected coders covered a transcript"), so there is nothing to compare."
            )
        }
        let quoted = quotes.values.reduce(0) { $0 + $1.count }
        notes.append(
            "Quotes (\(quoted) shown) come only from participants' own turns (never an interviewer's, a relative's or an unassigned speaker's), of participants who consented to anonymised quotes and have not withdrawn; each is the whole sentences around a coded passage (at most \(QuoteText.maxLength) characters, cut at a word with an ellipsis), appears once in the report under its most specific theme, is attributed by pseudonym, and is redacted before it is cut: e-mail addresses, UK phone numbers, NHS numbers (modulus 11), UK postcodes, full dates, and \(redactionTerms == 0 ? "no study-specific terms (the study's redaction list is empty)" : "the study's \(redactionTerms) listed term\(redactionTerms == 1 ? "" : "s")"). Action and outcome text is redacted the same way."
        )
        notes.append(
            summary.protocolVersions.isEmpty
                ? "No protocol version is recorded for the interviews."
                : "Protocol version\(summary.protocolVersions.count == 1 ? "" : "s") used: \(summary.protocolVersions.joined(separator: ", ")) (qualkit protocol list)."
        )
        if let fidelity {
            notes.append(FidelityViews.methodsSentence(fidelity))
        } else {
            notes.append(
                "Interview fidelity is not reported: no interview has both a transcript and a protocol version (qualkit fidelity)."
            )
        }
        if let reach = audience.reach {
            notes.append(
                "Reach compares the participants interviewed with the stored population (population import): each group's share of the sample with a 95% Wilson interval, and whether the population share lies outside it. Reproduce with: qualkit reach --by \(reach.by.joined(separator: ",")) --stage interviewed."
            )
        }
        return notes
    }
}
