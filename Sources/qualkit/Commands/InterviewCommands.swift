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
                "The interview id is --id, else the participant's id for their first interview and ID-2, ID-3, ... for later ones, so one-interview studies use one id for participant, interview and transcript.",
            options: [
                participant, interviewer.required(), id, protocolVersion.required(), date, language, mode, status,
            ],
            writes: true,
            examples: [
                "qualkit interview add --participant TC-001 --interviewer IV01 --protocol talking-change@2 --date 2023-03-04 --language ur --mode in-person"
            ]
        ) { inv in
            let interview = try InterviewLog(inv.openStudy()).add(
                participant: inv[participant], id: inv[id], changes: changes(inv))
            inv.console.line(
                "recorded interview \(interview.id) (\(interview.status.rawValue)) with \(interview.participant)")
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
        let minutes = Opt<Int>.integer(
            "interview-minutes", "minutes", in: 1...1440, default: 60, help: "Length of the interview.")
        let weight = Opt<String?>.text("weight", "name=n,...", help: "Cost weights (community=3,gender=2,language=1).")
        let exclude = Opt<[String]>.repeated(
            "exclude", "participant:interviewer", help: "A pair that must not be matched (conflict of interest).")
        let save = Opt<Bool>.flag("save", help: "Record the matches as planned interviews.")
        let explain = Opt<Bool>.flag(
            "explain", help: "Also list every interviewer considered for each participant, and why not.")
        return Command(
            path: ["match"],
            summary: "Match participants to interviewers: most matched, then lowest cost; explains every pairing.",
            discussion: """
                A pair is allowed when they share a language, are both free for the interview's length in one window \
                on the same day, and are not excluded. Cost: community weight if the participant prefers their own \
                community and the interviewer's differs (a third of it if they gave no preference), gender weight if a \
                preferred gender is not met, language weight if the participant's first language is not spoken. The \
                result is optimal (a min-cost flow), never greedy, and the same input always gives the same output. \
                Participants with a planned or done interview are not matched again; those interviews count against capacity.
                """,
            options: [minutes, weight, exclude, save, explain, Opt.format],
            writes: true,
            examples: [
                "qualkit match", "qualkit match --weight community=5 --exclude TC-004:IV02 --save",
                "qualkit match --explain --format json",
            ]
        ) { inv in
            var settings = MatchSettings(interviewMinutes: inv[minutes])
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
            let result = try MatchPlanner.run(
                inv.openStudy(), settings: settings, save: inv[save], explain: inv[explain])
            inv.print(MatchViews.match(result, explain: inv[explain], saved: inv[save]))
        }
    }()
}
