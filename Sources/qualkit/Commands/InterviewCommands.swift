import QualKit
import QualKitCommandLine

/// `qualkit interview ...` and `qualkit match`.
enum InterviewCommands {
    static let all: [Command] = [interviewAdd, interviewUpdate, interviewList, interviewShow, match]

    static let interviewer = Opt<String?>.text("interviewer", "id", help: "Who led the interview.")
    static let protocolVersion = Opt<String?>.text(
        "protocol", "id@version", help: "The protocol version used (talking-change@2); it must be stored.")
    static let date = Opt<CalendarDate?>.date("date", help: "Interview date.")
    static let language = Opt<String?>.text("language", "tag", help: "Language the interview was held in.")
    static let mode = Opt.choice("mode", of: Interview.Mode.self, help: "How it was held.")
    static let status = Opt.choice(
        "status", of: Interview.Status.self,
        help: "planned, done or cancelled. Default for add: done if dated today or earlier, else planned.")
    static let interviewID = Arg<String>.single("id", help: "The interview id.")

    static func changes(_ inv: Invocation) -> InterviewLog.Changes {
        InterviewLog.Changes(
            interviewer: inv[interviewer], protocolReference: inv[protocolVersion], date: inv[date],
            language: inv[language], mode: inv[mode], status: inv[status])
    }

    static let interviewAdd: Command = {
        let participant = Opt<String>.required("participant", "id", help: "The participant interviewed.")
        let id = Opt<String?>.text("id", "id", help: "The interview's id, if not the default.")
        return Command(
            path: ["interview", "add"],
            summary: "Record an interview with a participant.",
            discussion:
                "The interview id is --id, else the participant's id for their first interview and ID-2, ID-3, ... for later ones, so one-interview studies use one id for participant, interview and transcript. Without --id, a participant's planned interview (from match --save) is completed instead of a second one added. A warning names an interviewer taken over capacity.",
            options: [
                participant, interviewer.required(), id, protocolVersion.required(), date, language, mode, status,
            ],
            writes: true,
            examples: [
                "qualkit interview add --participant TC-001 --interviewer IV01 --protocol talking-change@2 --date 2023-03-04 --language ur --mode in-person"
            ]
        ) { inv in
            let recorded = try InterviewLog(inv.openStudy()).add(
                participant: inv[participant], id: inv[id], changes: changes(inv))
            let interview = recorded.interview
            if recorded.completedPlanned {
                inv.console.line(
                    "updated planned interview \(interview.id) (now \(interview.status.rawValue)) with \(interview.participant) instead of adding another; use --id for a second interview"
                )
            } else {
                inv.console.line(
                    "recorded interview \(interview.id) (\(interview.status.rawValue)) with \(interview.participant)")
            }
            if let over = recorded.overCapacity {
                inv.console.err(
                    "warning: interviewer \(over.interviewer) now has \(over.load) planned or done interviews, over their capacity of \(over.capacity)\n"
                )
            }
        }
    }()

    static let interviewUpdate = Command(
        path: ["interview", "update"],
        summary: "Change an interview's interviewer, protocol, date, language, mode or status.",
        arguments: [interviewID],
        options: [interviewer, protocolVersion, date, language, mode, status],
        writes: true,
        examples: ["qualkit interview update TC-001 --status done --date 2023-03-11 --protocol talking-change@2"]
    ) { inv in
        let interview = try InterviewLog(inv.openStudy()).update(inv[interviewID], changes: changes(inv))
        inv.console.line("updated interview \(interview.id) (\(interview.status.rawValue))")
    }

    static let interviewList: Command = {
        let status = Opt.choice("status", of: Interview.Status.self, help: "Only interviews with this status.")
        let interviewer = Opt<String?>.text("interviewer", "id", help: "Only this interviewer's interviews.")
        return Command(
            path: ["interview", "list"],
            summary: "List interviews.",
            options: [status, interviewer, Opt.format],
            examples: ["qualkit interview list --status planned"]
        ) { inv in
            let study = try inv.openStudy()
            var interviews = try InterviewStore(study).interviews()
            if let status = inv[status] { interviews = interviews.filter { $0.status == status } }
            if let interviewer = inv[interviewer] {
                _ = try PeopleStore(study).interviewer(interviewer)
                interviews = interviews.filter { $0.interviewer == interviewer }
            }
            inv.print(PeopleViews.interviews(interviews))
        }
    }()

    static let interviewShow = Command(
        path: ["interview", "show"],
        summary: "Show one interview.",
        arguments: [interviewID],
        options: [Opt.format],
        examples: ["qualkit interview show TC-001 --format json"]
    ) { inv in
        inv.print(PeopleViews.interviews([try InterviewStore(inv.openStudy()).interview(inv[interviewID])]))
    }

    static let match: Command = {
        let minutes = Opt<Int?>.integer(
            "minutes", "minutes", in: 1...1440,
            help: "Length of the interview; default the protocol's planned duration, else 60.")
        let gap = Opt<Int>.integer(
            "gap", "minutes", in: 0...720, default: MatchSettings.standardGapMinutes,
            help: "Minutes an interviewer keeps free between two interviews.")
        let protocolOption = Opt<String?>.text(
            "protocol", "id[@version]",
            help: "The protocol version planned interviews record; default the latest loaded.")
        let weight = Opt<String?>.text("weight", "name=n,...", help: "Cost weights (community=3,gender=2,language=1).")
        let exclude = Opt<[String]>.repeated(
            "exclude", "participant:interviewer", help: "A pair that must not be matched (conflict of interest).")
        let pairCosts = Opt<String?>.path(
            "pair-costs", help: "CSV of participant,interviewer,cost: costs for particular pairs (docs/people.md).")
        let pairCostsMode = Opt<PairCosts.Mode>.choice(
            "pair-costs-mode", default: .add,
            help: "add: the file's cost is added to the derived one; replace: it takes its place.")
        let save = Opt<Bool>.flag("save", help: "Record the matches as planned interviews.")
        let unmatchedOnly = Opt<Bool>.flag(
            "unmatched", help: "Print only the participants left out, with the reason (a CSV of its own).")
        let explain = Opt<Bool>.flag(
            "explain", help: "Also list every interviewer considered for each participant, and why not.")
        return Command(
            path: ["match"],
            summary: "Match participants to interviewers: most matched, then lowest cost; explains every pairing.",
            discussion: """
                Each match is booked a concrete weekly slot of the interview's length inside both people's \
                availability, at least the gap away from the interviewer's other interviews (planned ones included); \
                a participant whose compatible interviewers have no such slot left is left out, and the reason says so. \
                A pair is allowed when they share a language, are both free for the interview's length in one window \
                on the same day, and are not excluded. Cost: community weight if the participant prefers their own \
                community and the interviewer's differs (a third of it if they gave no preference), gender weight if a \
                preferred gender is not met, language weight if the participant's first language is not spoken. The \
                pairing is optimal (a min-cost flow), never greedy; times are then booked least-shared-time first; and the same input always gives the same output. \
                Participants with a planned or done interview are not matched again; those interviews count against capacity. \
                --pair-costs gives costs for particular pairs (a request, travel distance, a whole cost matrix), added to \
                the derived cost or, with --pair-costs-mode replace, instead of it; the rules above still decide which \
                pairs are allowed.
                """,
            options: [
                minutes, gap, protocolOption, weight, exclude, pairCosts, pairCostsMode, save, unmatchedOnly, explain,
                Opt.format,
            ],
            writes: true,
            examples: [
                "qualkit match", "qualkit match --weight community=5 --exclude TC-004:IV02 --save",
                "qualkit match --explain --format json", "qualkit match --unmatched --format csv",
                "qualkit match --pair-costs protocols/demo/pair-costs.csv --pair-costs-mode replace",
            ]
        ) { inv in
            let study = try inv.openStudy()
            var settings = try MatchPlanner.settings(
                study, protocol: inv[protocolOption], minutes: inv[minutes], gapMinutes: inv[gap])
            if let weights = inv[weight] { settings.weights = try MatchSettings.Weights.parse(weights) }
            for pair in inv[exclude] {
                let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw UsageError(
                        message: "'--exclude \(pair)' must be PARTICIPANT:INTERVIEWER (TC-004:IV02).",
                        command: inv.command)
                }
                settings.exclusions.insert(.init(participant: parts[0], interviewer: parts[1]))
            }
            if let path = inv[pairCosts] {
                settings.pairCosts = try PairCosts.load(path: path, mode: inv[pairCostsMode])
            }
            let result = try MatchPlanner.run(
                study, settings: settings, save: inv[save], explain: inv[explain])
            if inv[unmatchedOnly] { return inv.print(MatchViews.unmatchedOnly(result, explain: inv[explain])) }
            inv.print(
                MatchViews.match(
                    result, explain: inv[explain], saved: inv[save], protocolReference: settings.protocolReference))
        }
    }()
}
