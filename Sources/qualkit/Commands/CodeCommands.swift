import Foundation
import QualKit

/// `qualkit code ...`, `qualkit codebook ...` and `qualkit coder ...`.
enum CodeCommands {
    static let all: [Command] = [
        add, list, show, update, rename, merge, delete, codebookImport, codebookExport, coderAdd, coderList,
    ]

    static let fieldOptions: [Option] = [
        Option(
            name: "kind", value: .text("kind"),
            help: "barrier, facilitator, suggestion, context or another word (default: the path's first part)."),
        Option(name: "name", value: .text("text"), help: "Display name."),
        Option(name: "definition", value: .text("text"), help: "What the code means."),
        Option(name: "use-when", value: .text("text"), help: "When to apply it."),
        Option(name: "not-when", value: .text("text"), help: "When not to apply it."),
        Option(name: "example", value: .text("text"), help: "An example quote."),
        Option(name: "color", value: .text("#rrggbb"), help: "Colour in reports (#RRGGBB)."),
    ]

    static func fields(_ inv: Invocation) -> [(String, String)] {
        let columns = [
            "kind": "kind", "name": "name", "definition": "definition", "use-when": "use_when",
            "not-when": "do_not_use_when", "example": "example", "color": "color",
        ]
        return fieldOptions.compactMap { option in
            inv.has(option.name) ? (columns[option.name]!, inv.option(option.name) ?? "") : nil
        }
    }

    static let path = Argument(name: "path", help: "A code path such as barrier.stigma.family.")

    static let add = Command(
        path: ["code", "add"], summary: "Add a code to the codebook.", arguments: [path], options: fieldOptions,
        examples: [
            "qualkit code add barrier.stigma.family --name 'Family stigma' --definition 'Fear of what family would think or say'"
        ],
        run: { inv in
            let code = try Codebook(inv.openStudy()).add(inv.argument("path"), fields: fields(inv))
            inv.console.line("added code \(code.path) (\(code.kind))")
        })

    static let list = Command(
        path: ["code", "list"], summary: "The codebook as a tree, with counts of codings.", options: [.format],
        examples: ["qualkit code list"],
        run: { inv in
            let store = CodeStore(try inv.openStudy())
            inv.print(CodingViews.tree(try store.codes(), counts: try store.codingCounts()))
        })

    static let show = Command(
        path: ["code", "show"], summary: "Show one code's definition, rules and use.", arguments: [path],
        options: [.format],
        examples: ["qualkit code show barrier.stigma"],
        run: { inv in
            let store = CodeStore(try inv.openStudy())
            let code = try store.require(inv.argument("path"))
            inv.print(
                CodingViews.code(
                    code, codings: try store.codingCount(code.path),
                    subcodes: try store.subtree(code.path).filter { $0 != code.path }))
        })

    static let update = Command(
        path: ["code", "update"], summary: "Change a code's name, kind, definition, rules, example or colour.",
        arguments: [path], options: fieldOptions,
        examples: ["qualkit code update barrier.stigma --use-when 'Fear of judgement about mental health'"],
        run: { inv in
            let code = try Codebook(inv.openStudy()).update(inv.argument("path"), fields: fields(inv))
            inv.console.line("updated code \(code.path)")
        })

    static let rename = Command(
        path: ["code", "rename"], summary: "Rename a code; its sub-codes and codings move with it.",
        arguments: [Argument(name: "old", help: "The current path."), Argument(name: "new", help: "The new path.")],
        examples: ["qualkit code rename barrier.times barrier.appointment-times"],
        run: { inv in
            let change = try Codebook(inv.openStudy()).rename(inv.argument("old"), to: inv.argument("new"))
            inv.console.line(
                "renamed \(change.codes) code\(change.codes == 1 ? "" : "s"); \(change.codingsMoved) codings moved")
        })

    static let merge = Command(
        path: ["code", "merge"],
        summary: "Merge one code into another: codings move, duplicates collapse, FROM is removed.",
        arguments: [
            Argument(name: "from", help: "The code to merge away."),
            Argument(name: "into", help: "The code that stays."),
        ],
        examples: ["qualkit code merge barrier.shame barrier.stigma"],
        run: { inv in
            let change = try Codebook(inv.openStudy()).merge(inv.argument("from"), into: inv.argument("into"))
            inv.console.line(
                "merged \(inv.argument("from")) into \(inv.argument("into")): \(change.codingsMoved) codings moved, \(change.codingsRemoved) duplicates collapsed"
            )
        })

    static let delete = Command(
        path: ["code", "delete"], summary: "Delete a code; refused while codings use it unless --force.",
        arguments: [path], options: [Option(name: "force", help: "Also delete the codings that use it.")],
        examples: ["qualkit code delete barrier.unused"],
        run: { inv in
            let change = try Codebook(inv.openStudy()).delete(inv.argument("path"), force: inv.flag("force"))
            inv.console.line(
                "deleted code \(inv.argument("path"))"
                    + (change.codingsRemoved > 0 ? " and its \(change.codingsRemoved) codings" : ""))
        })

    static let codebookImport = Command(
        path: ["codebook", "import"], summary: "Add and update codes from a Markdown or CSV codebook (never deletes).",
        discussion:
            "Markdown: one '## path — Name' heading per code with Kind:, Definition:, Use when:, Do not use when:, Example: and Colour: lines (docs/codebook-format.md). CSV columns: path,kind,name,definition,use_when,do_not_use_when,example,color.",
        arguments: [Argument(name: "file", help: "A .md or .csv codebook.")],
        examples: ["qualkit codebook import protocols/talking-change.codebook.md"],
        run: { inv in
            let study = try inv.openStudy()
            let file = inv.argument("file")
            let entries =
                file.lowercased().hasSuffix(".csv")
                ? try CodebookFile.parseCSV(path: file)
                : try CodebookFile.parseMarkdown(SourceText.readBytes(file), file: file)
            let report = try Codebook(study).importEntries(entries, file: file)
            inv.console.line(
                "codebook \(file): \(report.added) added, \(report.updated) updated, \(report.unchanged) unchanged")
        })

    static let codebookExport = Command(
        path: ["codebook", "export"], summary: "Write the codebook as a reviewable Markdown document or CSV.",
        options: [
            Option(name: "format", value: .choice(["md", "csv"]), help: "md or csv.", defaultValue: "md"),
            Option(name: "out", value: .path, help: "Write to this file instead of standard output."),
        ],
        examples: ["qualkit codebook export --format md --out codebook.md"],
        run: { inv in
            let study = try inv.openStudy()
            let codes = try CodeStore(study).codes()
            let text =
                inv.option("format") == "csv"
                ? CodebookFile.csv(codes) : CodebookFile.markdown(codes, title: try study.title())
            try inv.emit(text)
        })

    static let coderAdd = Command(
        path: ["coder", "add"], summary: "Register a coder (initials such as AB).",
        arguments: [Argument(name: "id", help: "The coder's id.")],
        options: [Option(name: "name", value: .text("text"), help: "The coder's name.")],
        examples: ["qualkit coder add AB --name 'A. Begum'"],
        run: { inv in
            try Codebook(inv.openStudy()).addCoder(inv.argument("id"), name: inv.option("name"))
            inv.console.line("added coder \(inv.argument("id"))")
        })

    static let coderList = Command(
        path: ["coder", "list"], summary: "List coders.", options: [.format],
        examples: ["qualkit coder list"],
        run: { inv in
            let coders = try CodeStore(inv.openStudy()).coders()
            inv.print(
                Rendered(
                    table: TextTable(
                        columns: [.init("id"), .init("name")], rows: coders.map { [$0.id, $0.name ?? ""] }),
                    json: .array(coders.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })))
        })
}
