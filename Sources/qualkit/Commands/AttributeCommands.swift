import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit attribute label` and `attribute list`: the words reports print for attribute names.
enum AttributeCommands {
    static let all: [Command] = [label, list]

    static let label: Command = {
        let attribute = Arg<String>.single(
            "attribute", help: "A participant attribute (age_band) or gender, community, language.")
        let text = Arg<String>.single(
            "label", help: "What reports print for it (\"Age band\"); an empty label removes it.")
        return Command(
            path: ["attribute", "label"],
            summary: "Set the label reports print for a participant attribute (the raw name when none is set).",
            arguments: [attribute, text], writes: true,
            examples: ["qualkit attribute label age_band 'Age band'"]
        ) { inv in
            try AttributeLabels.set(inv[attribute], label: inv[text], in: inv.openStudy())
            let trimmed = inv[text].trimmingCharacters(in: .whitespacesAndNewlines)
            inv.console.line(
                trimmed.isEmpty
                    ? "reports will print \(PersonFields.normalizedKey(inv[attribute]))"
                    : "reports will print '\(trimmed)' for \(PersonFields.normalizedKey(inv[attribute]))")
        }
    }()

    static let list = Command(
        path: ["attribute", "list"],
        summary: "List participant attributes with their labels and how many have a value.",
        options: [Opt.format], examples: ["qualkit attribute list"],
        run: { inv in
            inv.print(PeopleViews.attribute.rendered(try AttributeLabels.list(inv.openStudy())))
        })
}
