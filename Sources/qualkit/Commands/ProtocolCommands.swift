import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit protocol ...`: check, load, list, show, diff and render interview guides.
enum ProtocolCommands {
    static let all: [Command] = [check, load, list, show, diff, render]

    static let files = Arg<[String]>.repeated(
        "file", help: "Protocol Markdown files (a base text and its translations).")
    static let language = Opt<String?>.text(
        "language", "tag", help: "Language of the text to use (BCP 47 tag); default: the base text."
    ).alias("lang")
    static let reference = Arg<String>.single("protocol", help: "ID or ID@VERSION; without a version, the latest.")

    static let check = Command(
        path: ["protocol", "check"],
        summary: "Check protocol files and report every problem, without storing anything.",
        discussion: """
            Prints one line per problem as FILE:LINE: message and exits 65 if there is any error. \
            Needs no study; when the study file exists, translations are also checked against stored \
            base versions and changed texts against stored ones.
            """,
        arguments: [files],
        examples: ["qualkit protocol check protocols/talking-change.md protocols/talking-change.ur.md"],
        run: { inv in
            let path = inv.studyPath
            let study = FileManager.default.fileExists(atPath: path) ? try Study.open(at: path, readOnly: true) : nil
            let report = try ProtocolLoader.check(readFiles(inv[files]), study: study)
            for warning in report.warnings { inv.console.err(warning.description) }
            for outcome in report.outcomes {
                let what = outcome.isTranslation ? "translation" : "protocol"
                let state = outcome.action == .unchanged ? ", identical to the stored text" : ""
                inv.console.line(
                    "\(outcome.file): ok: \(what) \(outcome.reference) (\(outcome.language)), \(outcome.questions) questions\(state)"
                )
            }
        })

    static let load = Command(
        path: ["protocol", "load"],
        summary: "Store protocol versions in the study; a stored version never changes.",
        discussion: """
            All files are checked first and stored in one transaction: if any has an error, nothing is \
            stored. Loading the same ID and version again with identical text does nothing; with \
            different text it is refused: raise the version. Translations attach to the base version \
            with the same ID and version.
            """,
        arguments: [files],
        writes: true, examples: ["qualkit protocol load protocols/talking-change.md protocols/talking-change.ur.md"],
        run: { inv in
            let study = try inv.openStudy()
            let report = try ProtocolLoader.load(readFiles(inv[files]), into: study)
            for warning in report.warnings { inv.console.err(warning.description) }
            for outcome in report.outcomes {
                let what = outcome.isTranslation ? "translation" : "protocol"
                switch outcome.action {
                case .unchanged:
                    inv.console.line(
                        "unchanged: \(what) \(outcome.reference) (\(outcome.language)) is already stored with identical text"
                    )
                default:
                    inv.console.line(
                        "stored: \(what) \(outcome.reference) (\(outcome.language)), \(outcome.questions) questions, from \(outcome.file)"
                    )
                }
            }
        })

    static let list = Command(
        path: ["protocol", "list"],
        summary: "List stored protocol versions with their languages.",
        options: [Opt.format],
        examples: ["qualkit protocol list", "qualkit protocol list --format json"],
        run: { inv in
            inv.print(ProtocolViews.list(try ProtocolStore(inv.openStudy()).summaries()))
        })

    static let show = Command(
        path: ["protocol", "show"],
        summary: "Show one protocol version's questions.",
        arguments: [reference],
        options: [language, Opt.format],
        examples: [
            "qualkit protocol show talking-change",
            "qualkit protocol show talking-change@2 --language ur --format json",
        ],
        run: { inv in
            let study = try inv.openStudy()
            let stored = try resolve(inv[reference], in: study, language: inv[language])
            let languages = try ProtocolStore(study).languages(id: stored.guide.id, version: stored.guide.version)
            inv.print(ProtocolViews.show(stored.guide, languages: languages))
        })

    static let diff: Command = {
        let id = Arg<String>.single("id", help: "The protocol ID.")
        let from = Arg<Int>.integer("from", "a version number", in: 1...Int.max, help: "The earlier version number.")
        let to = Arg<Int>.integer("to", "a version number", in: 1...Int.max, help: "The later version number.")
        return Command(
            path: ["protocol", "diff"],
            summary: "Compare two versions question by question.",
            discussion:
                "Lists questions added, removed, reworded or moved, and changes to probes, notes, themes and timings.",
            arguments: [id, from, to],
            options: [language, Opt.format],
            examples: ["qualkit protocol diff talking-change 1 2"]
        ) { inv in
            let study = try inv.openStudy()
            let old = try resolve("\(inv[id])@\(inv[from])", in: study, language: inv[language])
            let new = try resolve("\(inv[id])@\(inv[to])", in: study, language: inv[language])
            inv.print(
                ProtocolViews.diff(
                    id: inv[id], from: inv[from], to: inv[to], changes: ProtocolDiff.compare(old.guide, new.guide)))
        }
    }()

    /// What `protocol render` writes.
    enum GuideFormat: String, CaseIterable, Sendable { case md, html }

    static let render: Command = {
        let format = Opt.choice("format", default: GuideFormat.md, help: "md or html.")
        return Command(
            path: ["protocol", "render"],
            summary: "Write a printable interviewer's guide as Markdown or self-contained HTML.",
            discussion:
                "Sections, questions, probes as tick boxes, notes and timings, with the version and ethics reference in the footer. The HTML has inline CSS, no scripts and no external requests.",
            arguments: [reference],
            options: [format, language, Opt.out, Opt.force],
            examples: ["qualkit protocol render talking-change --format html --out guide.html"]
        ) { inv in
            let stored = try resolve(inv[reference], in: inv.openStudy(), language: inv[language])
            let text =
                switch inv[format] {
                case .html: ProtocolRenderer.html(stored.guide)
                case .md: ProtocolRenderer.markdown(stored.guide)
                }
            try inv.emit(text, to: inv[Opt.out])
        }
    }()

    /// Reads the protocol files given, failing with exit 66 on the first missing one.
    static func readFiles(_ paths: [String]) throws -> [ProtocolLoader.File] {
        try paths.map { ProtocolLoader.File(path: $0, bytes: try SourceText.readBytes($0)) }
    }

    static func resolve(_ text: String, in study: Study, language: String?) throws -> StoredProtocol {
        guard let reference = ProtocolReference(text) else {
            throw UsageError(
                message: "'\(text)' is not a protocol reference: expected ID or ID@VERSION (talking-change@2).",
                command: nil)
        }
        return try reference.resolve(in: study, language: language)
    }
}
