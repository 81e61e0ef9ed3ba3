import CSQLite
import Foundation
import QualKit

/// The one place where an error becomes words on standard error and an exit status.
///
/// The library's errors are values that hold the facts (which record, which value, the nearest
/// name, what can be done); only here are they said in words, with the options and commands that
/// help, so that library callers never see command-line advice and the command line says
/// everything the same way.
package struct ErrorReporter {
    let help: HelpGenerator

    package init(help: HelpGenerator) { self.help = help }

    package func report(_ error: any Error, console: Console, studyPath: String) -> ExitCode {
        let (text, status) = describe(error, studyPath: studyPath)
        console.err(text)
        return status
    }

    /// The message and exit status for `error`.
    package func describe(_ error: any Error, studyPath: String) -> (String, ExitCode) {
        switch error {
        case let error as UsageError:
            var text = "Error: \(Self.echo(error.message, limit: Self.diagnosticLimit))\n"
            if let command = error.command {
                text += help.usage(command) + "\n  See '\(help.program) \(command.name) --help'.\n"
            } else if let group = error.group, !group.isEmpty {
                text += help.groupHelp(group)
            } else {
                text += "  See '\(help.program) help'.\n"
            }
            return (text, .usage)
        case let error as InvalidInput:
            // A diagnostic quotes the input; a whole 10 MB field must not come back on standard error.
            var lines = error.diagnostics.map {
                Self.echo($0.description, limit: Self.diagnosticLimit) + Self.words(for: $0.remedy)
            }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            if count > 1 { lines.append("\(count) errors; nothing was changed.") }
            return (lines.joined(separator: "\n"), .dataError)
        case let error as MissingInputFile:
            return ("Error: \(error.path): \(error.reason)", .noInput)
        case let error as CannotCreateOutput:
            return ("Error: cannot write \(Self.echo(error.path)): \(error.reason)", .cannotCreate)
        case let error as OutputRefused:
            switch error.reason {
            case .exists:
                return (
                    "Error: \(Self.echo(error.path)) already exists; nothing was written. Give --force to replace it, or choose another --out.",
                    .cannotCreate
                )
            case .notARegularFile(let kind):
                return (
                    "Error: \(Self.echo(error.path)) is a \(kind.rawValue); --out writes only a new file or replaces a regular one (use --out - for standard output).",
                    .cannotCreate
                )
            }
        case let error as ConfirmationError:
            switch error {
            case .noTerminal(let command):
                return (
                    "Error: \(command) erases data for good and asks for confirmation on a terminal, but there is none. Nothing was changed. Give --yes to confirm in a script, or --dry-run to see what would be erased.",
                    .usage
                )
            case .mismatch(let expected):
                return ("Error: what was typed is not \(Self.echo(expected)); nothing was changed.", .usage)
            }
        case let error as StudyCheckFailed:
            return (
                "Error: the study has \(error.errors) problem\(error.errors == 1 ? "" : "s") (listed above). Restore a backup (qualkit backup makes them), or report it.",
                .dataError
            )
        case let error as StandardOutputFailure:
            return ("Error: cannot write to standard output: \(String(cString: strerror(error.code)))", .ioError)
        case let error as NonUTF8Argument:
            return (
                "Error: argument \(error.position) is not valid UTF-8 text; qualkit reads every argument as UTF-8 (rename the file, or use a UTF-8 locale).\n  See '\(help.program) help'.",
                .usage
            )
        case let error as PeopleError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as ProtocolError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as MatchingError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as CodingError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as TranscriptError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as AnalysisError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as FindingsError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as ZipError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as XMLError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as QdpxError: return ("Error: " + Self.words(for: error), .dataError)
        case let error as QdpxFileError:
            let words: String
            switch error.reason {
            case .zip(let reason): words = Self.words(for: reason)
            case .xml(let reason): words = Self.words(for: reason)
            case .project(let reason): words = Self.words(for: reason)
            }
            return ("Error: \(Self.echo(error.file)): " + words, .dataError)
        case let error as ConsensusError: return ("Error: " + Self.words(for: error), .usage)
        case let error as CoderCopyError: return Self.describe(error)
        case let error as StudyError:
            return Self.describe(error)
        case let error as StoreError:
            if let environmental = Self.environmental(error, studyPath: studyPath) { return environmental }
            return ("Internal error (please report it): \(error)", .software)
        default:
            return ("Internal error (please report it): \(error)", .software)
        }
    }

    private static func describe(_ error: CoderCopyError) -> (String, ExitCode) {
        switch error {
        case .copyExists(let path):
            return (
                "Error: \(echo(path)) already exists; nothing was written. Give --force to replace it, or choose another --out.",
                .cannotCreate
            )
        case .copyIsTheStudy(let path):
            return (
                "Error: \(echo(path)) is the study itself; a coder copy never replaces it. Choose another --out.",
                .cannotCreate
            )
        case .notACopy(let path):
            return (
                "Error: \(Self.echo(path)) is neither a qualkit study or coder copy (.sqlite) nor a REFI-QDA project (.qdpx), which is what merge reads. A codebook (.qdc) goes in with: qualkit codebook import",
                .dataError
            )
        case .mergeIntoItself(let path):
            return ("Error: \(echo(path)) is the study itself; merge a coder's copy into it instead.", .dataError)
        case .unknownCoders(let coders, let known):
            return (
                "Error: the file's coder\(coders.count == 1 ? "" : "s") \(coders.joined(separator: ", ")) \(coders.count == 1 ? "is" : "are") not in the study"
                    + (known.isEmpty
                        ? " (the study has none yet)" : " (the study has \(known.joined(separator: ", ")))")
                    + ". Nothing was merged. Map each to a study coder with --coder-map FILE-CODER=STUDY-CODER, or register it: qualkit coder add ID",
                .dataError
            )
        case .unknownMappedCoder(let name):
            return ("Error: --coder-map names " + unknown("coder", name) + "; nothing was merged", .dataError)
        case .mappedCoderNotInFile(let id, let inFile):
            return (
                "Error: --coder-map \(Self.echo(id))=... names a coder the file does not have (it has: \(inFile.isEmpty ? "none" : inFile.joined(separator: ", "))); nothing was merged",
                .usage
            )
        }
    }

    private static func describe(_ error: StudyError) -> (String, ExitCode) {
        switch error {
        case .noStudy(let path):
            return ("Error: no study at \(path) (run: qualkit init)", .noInput)
        case .demoExists(let path):
            return (
                "Error: \(echo(path)) already holds a study; qualkit demo never overwrites one. Choose another folder with --dir, or leave --dir out for a new temporary folder.",
                .cannotCreate
            )
        case .alreadyExists(let path):
            return (
                "Error: \(path) already exists; qualkit init never overwrites a study. Choose another path with --db.",
                .cannotCreate
            )
        case .cannotCreate(let path, let reason):
            return ("Error: cannot create \(path): \(reason)", .cannotCreate)
        case .notAStudy(let path, let reason):
            return ("Error: \(path) is not a qualkit study: \(reason)", .dataError)
        case .permissionDenied(let path):
            return (
                "Error: permission denied opening \(echo(path)): ask its owner for access, or check its permissions and its folder's (ls -l).",
                .noPermission
            )
        case .olderSchema(let path, let found, let supported):
            return (
                "Error: \(echo(path)) uses study schema \(found) and this qualkit reads schema \(supported). Nothing was changed: a command that reads never upgrades a study. Upgrade it with: qualkit migrate (take a copy first: qualkit backup FILE).",
                .dataError
            )
        case .schemaMismatch(let path, let version, let differences):
            return (
                "Error: \(echo(path)) says it is at study schema \(version) but its tables do not match that version (\(differences.prefix(5).joined(separator: ", "))\(differences.count > 5 ? ", ..." : "")). Nothing was changed; it will not be migrated. Restore a backup, or report it.",
                .dataError
            )
        case .newerSchema(let path, let found, let supported):
            return (
                "Error: \(path) was written by a newer qualkit (study schema \(found); this qualkit knows up to \(supported)). Nothing was changed: upgrade qualkit to open it.",
                .dataError
            )
        }
    }

    /// The message and status for an error from the operating system rather than from qualkit:
    /// permissions, a full disk, another command holding the lock. Nil for a fault in qualkit.
    static func environmental(_ error: StoreError, studyPath: String) -> (String, ExitCode)? {
        let path = echo(studyPath)
        switch error.primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return (
                "Error: the study at \(path) is busy: another command has held its lock longer than qualkit waits. Nothing was changed; try again in a moment.",
                .tempFail
            )
        case SQLITE_READONLY:
            return (
                "Error: the study at \(path) cannot be written (the file or its folder is read-only to you). Nothing was changed. Ask its owner, or make it writable (ls -l; chmod u+w), then try again.",
                .noPermission
            )
        case SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN:
            return (
                "Error: permission denied for the study at \(path) or its journal files: check that you can read and write it and its folder (ls -l).",
                .noPermission
            )
        case SQLITE_FULL:
            return (
                "Error: the disk holding \(path) is full. Nothing was changed: free some space and try again.",
                .ioError
            )
        case SQLITE_IOERR:
            return (
                "Error: reading or writing \(path) failed (\(error.message)); a full or failing disk, or a network folder that went away. Nothing was changed: check the disk and try again.",
                .ioError
            )
        default:
            return nil
        }
    }

    /// Longest input value quoted back in a message.
    static let echoLimit = 80
    /// Longest diagnostic line, which quotes the input inside its own words.
    static let diagnosticLimit = 400

    /// An input value as quoted in a message: control characters shown escaped, and at most
    /// `limit` characters, the rest replaced by an ellipsis.
    static func echo(_ value: String, limit: Int = echoLimit) -> String {
        let shown = value.count > limit ? String(value.prefix(limit)) + "…" : value
        return Console.escapingControlCharacters(shown)
    }

    // MARK: Words for the library's errors

    /// `unknown participant 'TC-01'. Did you mean 'TC-001'?`, or the names that exist.
    static func unknown(_ what: String, _ unknown: Unknown) -> String {
        var text = "unknown \(what) '\(echo(unknown.name))'"
        if let nearest = unknown.nearest {
            text += ". Did you mean '\(echo(nearest))'?"
        } else if unknown.known.isEmpty {
            text += " (the study has none yet)"
        } else {
            let more = unknown.knownCount - unknown.known.count
            text += " (the study has \(unknown.known.joined(separator: ", "))\(more > 0 ? " and \(more) more" : ""))"
        }
        return text
    }

    /// `--available 'x': character 5: ...`: a refused value, named by the option that gave it.
    static func refused(_ option: String, _ value: String, _ message: String) -> String {
        "\(option) '\(echo(value))': \(message)"
    }

    static func idRule(_ kind: RecordKind) -> String {
        let example =
            switch kind {
            case .participant: " (TC-001)"
            case .interviewer: " (IV01)"
            case .coder: " (initials such as AB)"
            default: ""
            }
        return
            "\(kind == .interview ? "an" : "a") \(kind.rawValue) id is 1 to 64 letters, digits, '.', '_' or '-'\(example)"
    }

    static func spans(_ ranges: [Range<Int>]) -> String {
        ranges.map { "\($0.lowerBound):\($0.upperBound)" }.joined(separator: ", ")
    }

    static func words(for error: PeopleError) -> String {
        switch error {
        case .unknownParticipant(let name): return unknown("participant", name)
        case .unknownInterviewer(let name): return unknown("interviewer", name)
        case .unknownInterview(let name): return unknown("interview", name)
        case .unknownField(let name): return unknown("participant field or attribute", name)
        case .withdrawn(let id, let date): return "participant \(id) withdrew on \(date); their data was erased"
        case .withdrawnIDReused(let id, let date):
            return "participant \(id) withdrew on \(date); their id cannot be used again (choose a new pseudonym)"
        case .alreadyExists(let kind, let id):
            return "\(kind.rawValue) \(id) already exists" + words(for: .updateInstead(kind, id: id))
        case .invalidID(let kind, let id):
            return refused(kind == .interview ? "--id" : "<id>", id, idRule(kind))
        case .invalidField(let problem, let value):
            let message = problem.column.map { "character \($0): \(problem.message)" } ?? problem.message
            return refused(personOption(problem.field), value, message) + words(for: problem.remedy)
        case .invalidAttribute(let problem, let given):
            return refused("--attr", given, problem.message) + words(for: problem.remedy)
        case .interviewerWithoutName(let id):
            return "interviewer \(id) has no name" + words(for: .nameInterviewer)
        case .invalidProtocolReference(let text):
            return refused("--protocol", text, "expected ID@VERSION, such as talking-change@2")
        case .invalidLanguage(let text):
            return refused("--language", text, "expected a BCP 47 tag such as ur or en")
        }
    }

    /// The option that sets a person's field: `availability` is `--available`, attributes `--attr`.
    static func personOption(_ field: String) -> String {
        switch field {
        case "availability": return "--available"
        case _ where PersonFields.participantColumns.contains(field) || PersonFields.interviewerColumns.contains(field):
            return "--" + field.replacingOccurrences(of: "_", with: "-")
        default: return "--attr \(field)"
        }
    }

    static func words(for error: ProtocolError) -> String {
        switch error {
        case .unknownProtocol(let name): return unknown("protocol", name)
        case .unknownVersion(let name): return unknown("protocol version", name)
        case .unknownLanguage(let name, let version): return unknown("language of \(version)", name)
        }
    }

    static func words(for error: MatchingError) -> String {
        switch error {
        case .invalidWeight(let given):
            return refused(
                "--weight", given, "expected NAME=N with N a whole number from 0 to 1000, such as community=3")
        case .unknownWeight(let name, let given):
            let near = name.nearest.map { " (did you mean '\($0)'?)" } ?? ""
            return refused(
                "--weight", given,
                "unknown weight '\(name.name)'\(near): the weights are \(name.known.dropLast().joined(separator: ", ")) and \(name.known.last ?? "")"
            )
        }
    }

    static func words(for error: CodingError) -> String {
        switch error {
        case .unknownCode(let name): return unknown("code", name)
        case .unknownCoder(let name): return unknown("coder", name) + words(for: .registerCoder(name.name))
        case .codeExists(let path): return "code \(path) already exists" + words(for: .updateInstead(.code, id: path))
        case .coderExists(let id): return "coder \(id) already exists"
        case .memoAboutNothing:
            return
                "a memo is about a code (--code), a transcript (--transcript), or a segment of one (--transcript and --segment)"
        case .unknownMemo(let id): return unknown("memo", id) + " (list them: qualkit memo list)"
        case .renameTargetExists(let path): return "code \(path) already exists" + words(for: .mergeCodes)
        case .mergeIntoItself(let path): return "cannot merge \(path) into itself"
        case .hasSubcodes(let path, let subcodes, let refused):
            let advice = refused == .merge ? "merge or rename them first" : "delete or move them first"
            return "code \(path) has sub-codes (\(subcodes.joined(separator: ", "))): \(advice)"
        case .inUse(let path, let count):
            return "code \(path) is used by \(count) coding\(count == 1 ? "" : "s"): merge it into another code"
                + words(for: .deleteCodings)
        case .invalidCodePath(let path):
            return refused(
                "<path>", path,
                "bad code path '\(path)': dotted parts of lower-case letters, digits and '-' (barrier.stigma.family)")
        case .invalidCoderID(let id): return refused("<id>", id, idRule(.coder))
        case .invalidField(let problem, let value):
            let option =
                problem.field == "do_not_use_when" ? "not-when" : problem.field.replacingOccurrences(of: "_", with: "-")
            return refused("--" + option, value, problem.message)
        case .spanOutside(let start, let end, let segment, let transcript, let length):
            return refused(
                "--span", "\(start):\(end)",
                "outside segment \(segment) of \(transcript), which spans 0:\(length) (START < END, END at most \(length))"
            )
        case .quoteNotFound(let quote, let segment, let transcript, let folded):
            let hint = folded.isEmpty ? "" : " (it occurs with different capitals at \(spans(folded)))"
            return refused("--quote", quote, "not found in segment \(segment) of \(transcript)\(hint)")
        case .quoteAmbiguous(let quote, let segment, let transcript, let found):
            return refused(
                "--quote", quote,
                "occurs \(found.count) times in segment \(segment) of \(transcript), at \(spans(found))"
                    + words(for: .selectBySpan))
        case .noSuchCoding(let coder, let code, let start, let end, let segment, let transcript):
            return "\(coder) has no coding \(code) at \(start):\(end) in segment \(segment) of \(transcript)"
        }
    }

    static func words(for error: TranscriptError) -> String {
        switch error {
        case .unknownTranscript(let name): return unknown("transcript", name)
        case .unknownSegment(let transcript, let number, let count):
            return "\(transcript) has no segment \(number) (it has segments 1 to \(count))"
        case .unknownFormat(let file):
            return refused("--format", file, "cannot tell the format from the file name")
                + words(for: .nameTranscriptFormat)
        case .noInterviewForFile(let name, let file):
            return unknown("interview or participant (from the file name \(file))", name)
        case .participantNotInFileName(let name, let file):
            return unknown("interview or participant (from the file name \(file))", name)
                + "; name the file after the participant or interview (CA-06.vtt), or say whose it is with --participant ID or --interview ID"
        case .chatLog(let file, let line):
            return
                "\(file):\(line): this is a Zoom chat log ('HH:MM:SS From NAME to Everyone: ...'), not a transcript; import the meeting's transcript (.vtt) or saved captions (.txt) instead"
        case .twoFilesForOneTranscript(let transcript, let second):
            return "two files in this import are for transcript \(transcript) (the second is \(second))"
        case .hasCodings(let transcript, let count):
            return "transcript \(transcript) already has \(count) codings" + words(for: .replaceTranscript)
        case .wouldLoseCodings(let transcript, let file, let lost, let count):
            return
                "re-importing \(transcript) from \(file) would lose \(lost.count) of its \(count) codings, whose segment or text changed; nothing was changed"
                + lost.map {
                    "\n  segment \($0.segment) \($0.code) by \($0.coder) [\($0.start):\($0.end)]: \"\(echo($0.text))\""
                }.joined()
        case .severalInterviews(let participant, let interviews):
            return
                "participant \(participant) has \(interviews.count) interviews (\(interviews.joined(separator: ", ")))"
                + words(for: .chooseInterview)
        case .invalidSearch(let query, let reason):
            return refused(
                "<query>", query,
                "not a valid search: \(reason). Use words, \"exact phrases\", prefix*, AND, OR, NOT and parentheses; put words with - or : in quotes"
            )
        case .searchTooLong(let characters, let limit):
            return "the search is \(characters) characters long; at most \(limit) are allowed"
        case .searchTooManyTerms(let terms, let limit):
            return "the search has \(terms) terms; at most \(limit) are allowed (split it into several searches)"
        case .unknownSpeaker(let name, let transcript): return unknown("speaker label of \(transcript)", name)
        case .speakerLabelTaken(let label, let transcript):
            return "\(transcript) already has a speaker labelled '\(echo(label))'; rename to a label not in use"
        case .invalidSpeakerChange(let text):
            return refused(
                "--set", text,
                "expected LABEL=ROLE with ROLE one of interviewer, participant, other, unknown (or LABEL=NEW for --rename)"
            )
        }
    }

    static func words(for error: AnalysisError) -> String {
        switch error {
        case .unknownAttribute(let name): return unknown("participant attribute", name)
        case .unknownCodeKind(let name): return unknown("code kind", name)
        case .nothingCoded:
            return
                "nothing is coded yet: import transcripts and codings first (qualkit transcript import, qualkit codings import)"
        case .tooFewCoders(let coders):
            return
                "agreement needs at least two coders who coded transcripts; found \(coders.count) (\(coders.joined(separator: ", ")))"
        case .tooManyCoders(_, let limit): return "agreement handles at most \(limit) coders at once"
        }
    }

    static func words(for error: ConsensusError) -> String {
        switch error {
        case .notTwoCoders(let coders):
            return
                "name exactly two coders, as AB,CD; got \(coders.count)\(coders.isEmpty ? "" : " (\(coders.joined(separator: ", ")))")"
        case .sameCoder(let coder):
            return "both coders are \(coder): compare and consensus need two different coders"
        case .consensusIsSource(let coder):
            return
                "the consensus coder \(coder) is one of the two coders it settles: choose a new coder id (--as AGREED)"
        }
    }

    static func words(for error: FindingsError) -> String {
        switch error {
        case .unknownAction(let name): return unknown("action", name)
        case .unknownRedactionTerm(let name): return unknown("redaction term", name)
        case .emptyRedactionTerm: return refused("<term>", "", "an empty term would redact nothing")
        case .actionWithoutTheme: return "an action answers at least one theme: give --theme CODE"
        case .outcomeOutOfRange(let value): return refused("--value", JSON.format(value), Outcome.rangeProblem)
        case .unknownMeasure(let name): return unknown("outcome measure", name)
        case .measureNeedsGroup(let measure, let groups):
            return
                "'\(measure)' has values for several groups (\(groups.joined(separator: ", "))): choose one with --group"
        }
    }

    /// The command-line words for a remedy, starting with their own separator; empty for none.
    static func words(for remedy: Remedy?) -> String {
        guard let remedy else { return "" }
        switch remedy {
        case .updateInstead(let kind, let id): return " (use: qualkit \(kind.rawValue) update \(id))"
        case .updateExistingRows(let kind): return " (use --update to change existing \(kind.rawValue)s)"
        case .allowIdentifierColumn(let column):
            return ", or pass --allow-column \(column) if this column holds no identifying data"
        case .declareAttribute(let column):
            return
                "; fix the header, or keep it as an attribute with --attribute \(column) (or name the column attr_\(column))"
        case .nameDefaultCoder: return " (or give --coder)"
        case .createMissingCodes: return " or import with --create-codes"
        case .nameInterviewer: return " (add a 'name' column or --name)"
        case .replaceTranscript:
            return ": re-import with --replace (codings are kept only where their segment and text are unchanged)"
        case .chooseInterview: return ": use --interview to say which"
        case .nameTranscriptFormat: return ": use --format txt, vtt or srt"
        case .mergeCodes: return ": use 'qualkit code merge' to combine codes"
        case .deleteCodings: return ", or delete with --force to delete those codings too"
        case .registerCoder(let id):
            return id.isEmpty
                ? " (a coder id is letters, digits, '.', '_' or '-', such as AB; list them: qualkit coder list)"
                : " (register with: qualkit coder add \(id))"
        case .selectBySpan: return ": give a longer quote or --span START:END"
        }
    }

    static func words(for error: ZipError) -> String {
        let nothing = "; nothing was imported"
        switch error {
        case .notAZip: return "not a zip archive (or cut short): a .qdpx file is a zip archive" + nothing
        case .corrupt(let entry, let reason):
            return "the archive is damaged\(entry.map { " at entry '\(echo($0))'" } ?? ""): \(reason)" + nothing
        case .zip64(let entry):
            return
                "the archive\(entry.map { "'s entry '\(echo($0))'" } ?? "") needs ZIP64 (over 4 GB or 65,535 entries), which qualkit does not read"
                + nothing
        case .encrypted(let entry):
            return "entry '\(echo(entry))' is encrypted; export the project without a password" + nothing
        case .unsupportedMethod(let entry, let method):
            return "entry '\(echo(entry))' uses compression method \(method); only stored (0) and deflated (8) are read"
                + nothing
        case .unsafePath(let entry, let reason):
            return
                "entry '\(echo(entry))' has \(reason.rawValue), which could write outside its folder (zip slip); the archive is refused"
                + nothing
        case .notARegularFile(let entry, let kind):
            return "entry '\(echo(entry))' is a \(kind), not a file; the archive is refused" + nothing
        case .duplicateEntry(let entry): return "entry '\(echo(entry))' appears twice in the archive" + nothing
        case .tooManyEntries(let count, let limit):
            return "the archive lists \(count) entries, over the limit of \(limit) (a zip bomb?)" + nothing
        case .entryTooLarge(let entry, let limit):
            return
                "entry '\(echo(entry))' is larger than the limit of \(limit) bytes, or than it declares (a zip bomb?)"
                + nothing
        case .archiveTooLarge(let declared, let limit):
            return "the archive's entries declare \(declared) bytes in all, over the limit of \(limit) (a zip bomb?)"
                + nothing
        case .crcMismatch(let entry, let expected, let actual):
            return
                "entry '\(echo(entry))' is damaged: its checksum is \(String(actual, radix: 16)), the archive says \(String(expected, radix: 16))"
                + nothing
        case .inflateFailed(let entry, let reason):
            return "entry '\(echo(entry))' cannot be decompressed: \(reason)" + nothing
        case .invalidEntryPath(let path): return "cannot write an archive entry named '\(echo(path))'"
        }
    }

    static func words(for error: XMLError) -> String {
        let nothing = "; nothing was imported"
        switch error {
        case .doctype(let document):
            return
                "'\(echo(document))' declares a DTD or an entity (<!DOCTYPE or <!ENTITY), which qualkit never loads (external entities and entity bombs come in that way); remove it"
                + nothing
        case .notUTF8(let document): return "'\(echo(document))' is not UTF-8 XML (REFI-QDA requires UTF-8)" + nothing
        case .malformed(let document, let line, let reason):
            return "'\(echo(document))' line \(line) is not well-formed XML: \(reason)" + nothing
        case .tooDeep(let document, let limit):
            return "'\(echo(document))' nests elements more than \(limit) deep" + nothing
        }
    }

    static func words(for error: QdpxError) -> String {
        let nothing = "; nothing was imported"
        switch error {
        case .noProjectFile(let entries):
            return
                "no project file (*.qde) at the top of the archive (it holds: \(echo(entries.prefix(5).joined(separator: ", "))))"
                + nothing
        case .severalProjectFiles(let names):
            return "the archive holds several project files (\(echo(names.joined(separator: ", ")))); a .qdpx has one"
                + nothing
        case .notAProject(let entry, let root):
            return "'\(echo(entry))' is not a REFI-QDA project: its root element is <\(echo(root))>, not <Project>"
                + nothing
        case .missingAttribute(let entry, let element, let attribute):
            return "'\(echo(entry))': <\(echo(element))> has no \(attribute)" + nothing
        case .badGUID(let entry, let element, let value):
            return "'\(echo(entry))': <\(echo(element))> has '\(echo(value))' where a GUID belongs" + nothing
        case .duplicateGUID(let entry, let element, let guid):
            return "'\(echo(entry))': two <\(echo(element))> elements have GUID \(guid)" + nothing
        case .unknownReference(let entry, let element, let guid):
            return "'\(echo(entry))': <\(echo(element))> refers to \(guid), which the project does not define" + nothing
        case .missingSourceText(let entry, let source, let path):
            return "'\(echo(entry))': \(echo(source)) has its text at '\(echo(path))', which is not in the archive"
                + nothing
        case .sourceTextNotUTF8(let entry):
            return "'\(echo(entry))' is not UTF-8 text (REFI-QDA requires UTF-8)" + nothing
        case .badPosition(let entry, let selection, let reason):
            return "'\(echo(entry))': selection \(selection) \(reason)" + nothing
        case .badCoderMap(let value):
            return "--coder-map '\(echo(value))' is not USER=CODER (for example --coder-map 'Anna Smith=AS')"
        case .coderMapUnknownUser(let user, let users):
            return
                "--coder-map names user '\(echo(user))', who is not in the file (its users: \(echo(users.joined(separator: ", "))))"
        case .invalidCoderID(let user, let id):
            return
                "user '\(echo(user))' cannot be coder '\(echo(id))': a coder id is letters, digits, '.', '_' or '-'; give --coder-map '\(echo(user))=ID'"
        }
    }
}
