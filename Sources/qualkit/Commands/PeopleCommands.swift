import Foundation
import QualKit
import QualKitCommandLine

/// `qualkit participant ...` and `qualkit interviewer ...`.
enum PeopleCommands {
    static let all: [Command] = [
        participantAdd, participantUpdate, participantList, participantShow, participantImport, participantWithdraw,
        interviewerAdd, interviewerUpdate, interviewerList, interviewerShow, interviewerImport,
    ]

    // MARK: Shared options

    /// An option that sets one field of a person, by the field's name in the study (and in CSV files).
    struct FieldOption {
        let field: String
        let key: Opt<String?>
    }

    static let languages = FieldOption(
        field: "languages",
        key: .text("languages", "tags", help: "Languages spoken, preferred first, separated by ',' or ';' (ur,en)."))
    static let gender = FieldOption(
        field: "gender", key: .text("gender", "gender", help: "Gender as recorded (f, m, or another word)."))
    static let community = FieldOption(
        field: "community", key: .text("community", "text", help: "Community, as the person describes it."))
    static let available = FieldOption(
        field: "availability",
        key: .text(
            "available", "spec", help: "Weekly availability: 'mon 18:00-21:00; sat 10:00-13:00' (see docs/people.md)."))
    static let attribute = Opt<[String]>.repeated(
        "attr", "key=value",
        help: "A free attribute analyses can group by (household=multi-generational); 'key=' removes it.")
    static let allowColumn = Opt<[String]>.repeated(
        "allow-column", "column",
        help: "Allow an attribute or column whose name looks like a direct identifier (after checking it holds none).")

    static let attributeColumn = Opt<[String]>.repeated(
        "attribute", "column",
        help: "Keep this column as a free attribute even though its name is close to a field's (repeatable).")

    static let participantFields: [FieldOption] = [
        languages, gender, community, available,
        FieldOption(
            field: "prefers_gender",
            key: .text("prefers-gender", "gender", help: "Interviewer gender the participant prefers: f, m or any.")),
        FieldOption(
            field: "prefers_same_community",
            key: .field(
                "prefers-same-community", .choice(CommunityPreference.allCases.map(\.rawValue)),
                help: "Whether they asked for an interviewer from their own community.")),
        FieldOption(
            field: "consent_quotes",
            key: .field(
                "consent-quotes", .choice(["yes", "no"]),
                help: "May anonymised quotes be published? Nothing is quoted without yes.")),
        FieldOption(field: "consent_date", key: .field("consent-date", .date, help: "When consent was given.")),
        FieldOption(
            field: "consent_version", key: .text("consent-version", "text", help: "Version of the consent form signed.")
        ),
    ]

    static let interviewerFields: [FieldOption] = [
        languages, gender, community,
        FieldOption(
            field: "capacity",
            key: .field("capacity", .integer("n", 0...100_000), help: "Most participants they take on (default 10).")),
        available,
    ]

    static func options(_ fields: [FieldOption]) -> [any OptionDeclaration] {
        fields.map(\.key) + [attribute, allowColumn]
    }

    /// (field, text) pairs from the options given, in declaration order; `--attr` keys checked.
    static func fields(_ inv: Invocation, _ declared: [FieldOption]) throws -> [(String, String)] {
        var fields = declared.compactMap { option in inv[option.key].map { (option.field, $0) } }
        let allowed = Set(inv[allowColumn].map(PersonFields.normalizedKey))
        for pair in inv[attribute] {
            guard let equals = pair.firstIndex(of: "=") else {
                throw UsageError(
                    message: "'--attr \(pair)' must be KEY=VALUE (household=multi-generational).", command: inv.command)
            }
            let rawKey = String(pair[..<equals])
            let key: String
            do {
                key = try PersonFields.attributeKey(rawKey, allowed: allowed)
            } catch {
                throw PeopleError.invalidAttribute(error, given: pair)
            }
            if PersonFields.participantColumns.contains(key) || PersonFields.interviewerColumns.contains(key) {
                throw UsageError(
                    message:
                        "'\(key)' is a field, not an attribute: use --\(key.replacingOccurrences(of: "_", with: "-")).",
                    command: inv.command)
            }
            fields.append((key, String(pair[pair.index(after: equals)...])))
        }
        return fields
    }

    static let id = Arg<String>.single("id", help: "The participant's pseudonymous id (TC-001).")
    static let interviewerID = Arg<String>.single("id", help: "The interviewer's id (IV01).")
    static let csvFile = Arg<String>.single("file", help: "A CSV file with a header row.")
    static let update = Opt<Bool>.flag("update", help: "Change people who already exist instead of refusing them.")
    static let name = Opt<String?>.text("name", "text", help: "Name shown on plans.")

    // MARK: Participants

    static let participantAdd = Command(
        path: ["participant", "add"],
        summary: "Add a participant by pseudonymous id.",
        discussion: "The study holds no direct identifiers: keep names and contact details in your separate key file.",
        arguments: [id], options: options(participantFields),
        writes: true,
        examples: [
            "qualkit participant add TC-001 --languages ur,en --gender f --community Pakistani --available 'sat 10:00-13:00' --attr household=multi-generational --consent-quotes yes"
        ],
        run: { inv in
            let participant = try Roster(inv.openStudy()).addParticipant(
                inv[id], fields: fields(inv, participantFields))
            inv.console.line("added participant \(participant.id)")
        })

    static let participantUpdate = Command(
        path: ["participant", "update"],
        summary: "Change a participant's fields or attributes.",
        arguments: [id], options: options(participantFields),
        writes: true, examples: ["qualkit participant update TC-001 --consent-quotes no --attr age_band=25-34"],
        run: { inv in
            let participant = try Roster(inv.openStudy()).updateParticipant(
                inv[id], fields: fields(inv, participantFields))
            inv.console.line("updated participant \(participant.id)")
        })

    static let participantList: Command = {
        let filter = Opt<[String]>.repeated("where", "key=value", help: "Keep participants whose KEY is VALUE.")
        return Command(
            path: ["participant", "list"],
            summary: "List participants, optionally only those matching KEY=VALUE.",
            discussion:
                "KEY is an attribute, or gender, community, language (any spoken), consent_quotes, prefers_gender or prefers_same_community. Values compare case-insensitively. --order reach (with --by, and --population or a population stored with 'population import') lists only participants not yet interviewed, those in the most under-represented groups first (see reach).",
            options: [filter, ReachOrder.order, ReachOrder.by, ReachCommands.population, Opt.format],
            examples: [
                "qualkit participant list --where household=multi-generational --format csv",
                "qualkit participant list --order reach --by community --population protocols/demo/population.csv",
            ]
        ) { inv in
            let study = try inv.openStudy()
            var filters: [(String, String)] = []
            for pair in inv[filter] {
                guard let equals = pair.firstIndex(of: "=") else {
                    throw UsageError(message: "'--where \(pair)' must be KEY=VALUE.", command: inv.command)
                }
                filters.append(
                    (PersonFields.normalizedKey(String(pair[..<equals])), String(pair[pair.index(after: equals)...])))
            }
            let matching = try ParticipantFilter.apply(filters, in: study)
            if let ordered = try ReachOrder.participants(inv) {
                let kept = Set(matching.map(\.id))
                inv.print(PeopleViews.participants(ordered.filter { kept.contains($0.id) }))
            } else {
                inv.print(PeopleViews.participants(matching))
            }
        }
    }()

    static let participantShow = Command(
        path: ["participant", "show"],
        summary: "Show one participant with their interviews.",
        arguments: [id], options: [Opt.format],
        examples: ["qualkit participant show TC-001"],
        run: { inv in
            let study = try inv.openStudy()
            let participant = try PeopleStore(study).participant(inv[id])
            inv.print(
                PeopleViews.participant(
                    participant, interviews: try InterviewStore(study).interviews(where: .participant(participant.id))))
        })

    static let participantImport = Command(
        path: ["participant", "import"],
        summary: "Import participants from CSV: every row or none.",
        discussion:
            "Header row required, with an 'id' column; recognised columns: languages, gender, community, availability, prefers_gender, prefers_same_community, consent_quotes, consent_date, consent_version. Every other column is an attribute, except one whose name is close to a field's (availabilty), which is refused as a misspelling unless declared with --attribute or written attr_NAME. Columns named like direct identifiers (name, email, postcode, nhs_number, ...) are refused unless allowed. Every bad row is reported as FILE:LINE: message.",
        arguments: [csvFile],
        options: [update, allowColumn, attributeColumn],
        writes: true, examples: ["qualkit participant import protocols/demo/participants.csv"],
        run: { inv in
            let report = try Roster(inv.openStudy()).importParticipants(
                path: inv[csvFile], update: inv[update],
                allowColumns: Set(inv[allowColumn].map(PersonFields.normalizedKey)),
                attributes: Set(inv[attributeColumn].map(PersonFields.normalizedKey)))
            inv.console.line(
                "imported \(report.added.count) new and \(report.updated.count) updated participants from \(inv[csvFile])"
            )
        })

    static let participantWithdraw: Command = {
        let reason = Opt<String?>.text(
            "reason", "text", help: "Why, for the record (do not include identifying detail).")
        let dryRun = Opt<Bool>.flag("dry-run", help: "List what would be erased (counts) and change nothing.")
        let yes = Opt<Bool>.flag(
            "yes", help: "Confirm without being asked, for scripts (without a terminal, withdraw refuses unless given)."
        )
        return Command(
            path: ["participant", "withdraw"],
            summary: "Erase a participant who withdrew, keeping only a tombstone.",
            discussion:
                "Erases their attributes, interviews, transcripts, codings and search-index entries in one transaction, overwriting the freed space (secure_delete) and emptying the write-ahead log. The tombstone (id, date, reason) stops the id being imported again. No copy of the erased data is kept anywhere.\n\nThis cannot be undone. --dry-run lists what would be erased and changes nothing. On a terminal, withdraw shows the counts and asks for the id to be typed again; scripts give --yes. Without a terminal and without --yes it refuses (exit 64) and changes nothing.",
            arguments: [id],
            options: [reason, dryRun, yes, Opt.format],
            writes: true,
            examples: [
                "qualkit participant withdraw TC-007 --dry-run",
                "qualkit participant withdraw TC-007 --reason 'asked to withdraw by phone' --yes",
                "qualkit participant withdraw TC-007 --yes --format json",
            ]
        ) { inv in
            let study = try inv.openStudy()
            let participant = inv[id]
            let counts = try Withdrawal.preview(participant, in: study)
            if inv[dryRun] {
                inv.print(IntegrityViews.withdrawalPreview(participant, counts))
                return
            }
            if !inv[yes] {
                let summary = counts.map { "\($0.count) \($0.what)" }.joined(separator: ", ")
                try inv.confirmByTyping(
                    participant,
                    prompt:
                        "This erases participant \(participant) for good (\(summary)); it cannot be undone.\nType the participant id again to confirm: "
                )
            }
            inv.print(PeopleViews.withdrawal(try Withdrawal.withdraw(participant, reason: inv[reason], in: study)))
        }
    }()

    // MARK: Interviewers

    static let interviewerAdd = Command(
        path: ["interviewer", "add"],
        summary: "Add an interviewer.",
        arguments: [interviewerID],
        options: [name.required()] + options(interviewerFields),
        writes: true,
        examples: [
            "qualkit interviewer add IV01 --name 'Amina K' --languages ur,pa,en --gender f --community Pakistani --capacity 12 --available 'sat 09:00-17:00'"
        ],
        run: { inv in
            let interviewer = try Roster(inv.openStudy()).addInterviewer(
                inv[interviewerID], fields: [("name", inv[name] ?? "")] + fields(inv, interviewerFields))
            inv.console.line("added interviewer \(interviewer.id)")
        })

    static let interviewerUpdate = Command(
        path: ["interviewer", "update"],
        summary: "Change an interviewer's fields or attributes.",
        discussion:
            "The attribute 'exclude' lists participant ids this interviewer must not interview (conflicts of interest).",
        arguments: [interviewerID],
        options: [name] + options(interviewerFields),
        writes: true, examples: ["qualkit interviewer update IV01 --capacity 15 --attr exclude=TC-004,TC-019"],
        run: { inv in
            var changes = try fields(inv, interviewerFields)
            if let name = inv[name] { changes.insert(("name", name), at: 0) }
            let interviewer = try Roster(inv.openStudy()).updateInterviewer(inv[interviewerID], fields: changes)
            inv.console.line("updated interviewer \(interviewer.id)")
        })

    static let interviewerList = Command(
        path: ["interviewer", "list"],
        summary: "List interviewers with capacity and interviews assigned.",
        options: [Opt.format],
        examples: ["qualkit interviewer list --format json"],
        run: { inv in
            let study = try inv.openStudy()
            inv.print(
                PeopleViews.interviewers(
                    try PeopleStore(study).interviewers(), load: try InterviewStore(study).activeLoad()))
        })

    static let interviewerShow = Command(
        path: ["interviewer", "show"],
        summary: "Show one interviewer with their interviews.",
        arguments: [interviewerID], options: [Opt.format],
        examples: ["qualkit interviewer show IV01"],
        run: { inv in
            let study = try inv.openStudy()
            let interviewer = try PeopleStore(study).interviewer(inv[interviewerID])
            inv.print(
                PeopleViews.interviewer(
                    interviewer, interviews: try InterviewStore(study).interviews(where: .interviewer(interviewer.id))))
        })

    static let interviewerImport = Command(
        path: ["interviewer", "import"],
        summary: "Import interviewers from CSV: every row or none.",
        discussion:
            "Columns id, name, languages, gender, community, capacity, availability; others are attributes (exclude lists participant ids), except one whose name is close to a field's, which is refused unless declared with --attribute or written attr_NAME.",
        arguments: [csvFile],
        options: [update, allowColumn, attributeColumn],
        writes: true, examples: ["qualkit interviewer import protocols/demo/interviewers.csv"],
        run: { inv in
            let report = try Roster(inv.openStudy()).importInterviewers(
                path: inv[csvFile], update: inv[update],
                allowColumns: Set(inv[allowColumn].map(PersonFields.normalizedKey)),
                attributes: Set(inv[attributeColumn].map(PersonFields.normalizedKey)))
            inv.console.line(
                "imported \(report.added.count) new and \(report.updated.count) updated interviewers from \(inv[csvFile])"
            )
        })
}
