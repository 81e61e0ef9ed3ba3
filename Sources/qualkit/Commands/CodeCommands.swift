import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit code ...`, `qualkit codebook ...` and `qualkit coder ...`.
enum CodeCommands {
    static let all: [Command] = [
        add, list, show, update, rename, merge, delete, codebookImport, codebookExport, coderAdd, coderList,
    ]

    /// The options that set a code's fields, with the column each sets.
    static let fieldOptions: [(column: String, key: Opt<String?>)] = [
        (
            "kind",
            .text(
                "kind", "kind",
                help: "barrier, facilitator, suggestion, context or another word (default: the path's first part).")
        ),
        ("name", .text("name", "text", help: "Display name.")),
        ("definition", .text("definition", "text", help: "What the code means.")),
        ("use_when", .text("use-when", "text", help: "When to apply it.")),
        ("do_not_use_when", .text("not-when", "text", help: "When not to apply it.")),
        ("example", .text("example", "text", help: "An example quote.")),
        ("color", .text("color", "#rrggbb", help: "Colour in reports (#RRGGBB).")),
    ]

    static var fieldKeys: [any OptionDeclaration] { fieldOptions.map(\.key) }

    static func fields(_ inv: Invocation) -> [(String, String)] {
        fieldOptions.compactMap { column, key in inv[key].map { (column, $0) } }
    }

    static let path = Arg<String>.single("path", help: "A code path such as barrier.stigma.family.")

    static let add = Command(
        path: ["code", "add"], summary: "Add a code to the codebook.", arguments: [path], options: fieldKeys,
        writes: true,
        examples: [
            "qualkit code add barrier.stigma.work --name 'Stigma at work' --definition 'Fear of what an employer or colleagues would think'"
        ],
        run: { inv in
            let code = try Codebook(inv.openStudy()).add(inv[path], fields: fields(inv))
            inv.console.line("added code \(code.path) (\(code.kind))")
        })

    static let list = Command(
        path: ["code", "list"], summary: "The codebook as a tree, with counts of codings.", options: [Opt.format],
        examples: ["qualkit code list"],
        run: { inv in
            let store = CodeStore(try inv.openStudy())
            inv.print(CodingViews.tree(try store.codes(), counts: try store.codingCounts()))
        })

    static let show = Command(
        path: ["code", "show"], summary: "Show one code's definition, rules and use.", arguments: [path],
        options: [Opt.format],
        examples: ["qualkit code show barrier.stigma"],
        run: { inv in
            let store = CodeStore(try inv.openStudy())
            let code = try store.require(inv[path])
            inv.print(
                CodingViews.code(
                    code, codings: try store.codingCount(code.path),
                    subcodes: try store.subtree(code.path).filter { $0 != code.path }))
        })

    static let update = Command(
        path: ["code", "update"], summary: "Change a code's name, kind, definition, rules, example or colour.",
        arguments: [path], options: fieldKeys,
        writes: true,
        examples: ["qualkit code update barrier.stigma --use-when 'Fear of judgement about mental health'"],
        run: { inv in
            let code = try Codebook(inv.openStudy()).update(inv[path], fields: fields(inv))
            inv.console.line("updated code \(code.path)")
        })

    static let rename: Command = {
        let old = Arg<String>.single("old", help: "The current path.")
        let new = Arg<String>.single("new", help: "The new path.")
        return Command(
            path: ["code", "rename"], summary: "Rename a code; its sub-codes and codings move with it.",
            arguments: [old, new],
            writes: true, examples: ["qualkit code rename barrier.waiting barrier.waiting-lists"]
        ) { inv in
            let change = try Codebook(inv.openStudy()).rename(inv[old], to: inv[new])
            inv.console.line(
                "renamed \(change.codes) code\(change.codes == 1 ? "" : "s"); \(change.codingsMoved) codings moved")
        }
    }()

    static let merge: Command = {
        let from = Arg<String>.single("from", help: "The code to merge away.")
        let into = Arg<String>.single("into", help: "The code that stays.")
        return Command(
            path: ["code", "merge"],
            summary: "Merge one code into another: codings move, duplicates collapse, FROM is removed.",
            arguments: [from, into],
            writes: true, examples: ["qualkit code merge barrier.stigma.community barrier.stigma"]
        ) { inv in
            let change = try Codebook(inv.openStudy()).merge(inv[from], into: inv[into])
            inv.console.line(
                "merged \(inv[from]) into \(inv[into]): \(change.codingsMoved) codings moved, \(change.codingsRemoved) duplicates collapsed"
            )
        }
    }()

    static let delete: Command = {
        let force = Opt<Bool>.flag("force", help: "Also delete the codings that use it.")
        return Command(
            path: ["code", "delete"], summary: "Delete a code; refused while codings use it unless --force.",
            arguments: [path], options: [force],
            writes: true, examples: ["qualkit code delete barrier.unused"]
        ) { inv in
            let change = try Codebook(inv.openStudy()).delete(inv[path], force: inv[force])
            inv.console.line(
                "deleted code \(inv[path])"
                    + (change.codingsRemoved > 0 ? " and its \(change.codingsRemoved) codings" : ""))
        }
    }()

    static let codebookImport: Command = {
        let file = Arg<String>.single("file", help: "A .md, .csv or .qdc (REFI-QDA) codebook.")
        return Command(
            path: ["codebook", "import"],
            summary: "Add and update codes from a Markdown, CSV or REFI-QDA codebook (never deletes).",
            discussion:
                "Markdown: one '## path — Name' heading per code with Kind:, Definition:, Use when:, Do not use when:, Example: and Colour: lines (docs/codebook-format.md). CSV columns: path,kind,name,definition,use_when,do_not_use_when,example,color. REFI-QDA .qdc (from NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette or qualkit): nesting gives the hierarchy, other tools' names become dotted paths by the rule in docs/exchange.md and stay as display names.",
            arguments: [file],
            writes: true,
            examples: [
                "qualkit codebook import protocols/talking-change.codebook.md",
                "qualkit codebook import codebook.qdc",
            ]
        ) { inv in
            let study = try inv.openStudy()
            let file = inv[file]
            let bytes = try SourceText.readBytes(file)
            let entries: [CodebookFile.Entry]
            if file.lowercased().hasSuffix(".qdc") || RefiCodebookReader.looksLikeCodebook(bytes) {
                let read = try RefiCodebookReader.parse(Data(bytes), file: file)
                for warning in read.warnings { inv.console.err(warning.description) }
                entries = read.entries
            } else if file.lowercased().hasSuffix(".csv") {
                entries = try CodebookFile.parseCSV(path: file)
            } else {
                entries = try CodebookFile.parseMarkdown(bytes, file: file)
            }
            let report = try Codebook(study).importEntries(entries, file: file)
            inv.console.line(
                "codebook \(file): \(report.added) added, \(report.updated) updated, \(report.unchanged) unchanged")
        }
    }()

    /// What `codebook export` writes.
    enum CodebookFormat: String, CaseIterable, Sendable { case md, csv, qdc }

    static let codebookExport: Command = {
        let format = Opt.choice("format", default: CodebookFormat.md, help: "md, csv or qdc (REFI-QDA codebook).")
        return Command(
            path: ["codebook", "export"],
            summary: "Write the codebook as a reviewable Markdown document, CSV or REFI-QDA codebook (.qdc).",
            options: [format, Opt.out, Opt.force],
            examples: [
                "qualkit codebook export --format md --out codebook.md",
                "qualkit codebook export --format qdc --out codebook.qdc",
            ]
        ) { inv in
            let study = try inv.openStudy()
            let codes = try CodeStore(study).codes()
            let text =
                switch inv[format] {
                case .csv: CodebookFile.csv(codes)
                case .md: CodebookFile.markdown(codes, title: try study.title())
                case .qdc: RefiCodebook.qdc(codes, uuids: try CodeStore(study).uuids())
                }
            try inv.emit(text, to: inv[Opt.out])
        }
    }()

    static let coderAdd: Command = {
        let id = Arg<String>.single("id", help: "The coder's id.")
        let name = Opt<String?>.text("name", "text", help: "The coder's name.")
        return Command(
            path: ["coder", "add"], summary: "Register a coder (initials such as AB).",
            arguments: [id], options: [name],
            writes: true, examples: ["qualkit coder add EF --name 'E. Farah'"]
        ) { inv in
            try Codebook(inv.openStudy()).addCoder(inv[id], name: inv[name])
            inv.console.line("added coder \(inv[id])")
        }
    }()

    static let coderList = Command(
        path: ["coder", "list"], summary: "List coders.", options: [Opt.format],
        examples: ["qualkit coder list"],
        run: { inv in
            inv.print(CodingViews.coders(try CodeStore(inv.openStudy()).coders()))
        })
}
