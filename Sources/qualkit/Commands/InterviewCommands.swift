import QualKit

/// `qualkit interview ...` and `qualkit match`.
enum InterviewCommands {
    static let all: [Command] = [interviewAdd, interviewUpdate, interviewList, interviewShow, match]

    static let detailOptions: [Option] = [
        Option(
            name: "protocol", value: .text("id@version"),
            help: "The protocol version used (talking-change@2); it must be stored."),
        Option(name: "date", value: .date, help: "Interview date."),
        Option(name: "language", value: .text("tag"), help: "Language the interview was held in."),
        Option(name: "mode", value: .choice(Interview.Mode.allCases.map(\.rawValue)), help: "How it was held."),
        Option(
            name: "status", value: .choice(Interview.Status.allCases.map(\.rawValue)),
            help: "planned, done or cancelled. Default for add: done if dated today or earlier, else planned."),
    ]

    static func changes(_ inv: Invocation) -> InterviewLog.Changes {
        InterviewLog.Changes(
            interviewer: inv.option("interviewer"), protocolReference: inv.option("protocol"),
            date: inv.option("date").flatMap(CalendarDate.init), language: inv.option("language"),
            mode: inv.option("mode").flatMap(Interview.Mode.init),
            status: inv.option("status").flatMap(Interview.Status.init))
    }

    static let interviewAdd = Command(
        path: ["interview", "add"],
        summary: "Record an interview with a participant.",
        discussion:
            "The interview id is --id, else the participant's id for their first interview and ID-2, ID-3, ... for later ones, so one-interview studies use one id for participant, interview and transcript.",
        options: [
            Option(name: "participant", value: .text("id"), help: "The participant interviewed.", required: true),
            Option(name: "interviewer", value: .text("id"), help: "Who led the interview.", required: true),
            Option(name: "id", value: .text("id"), help: "The interview's id, if not the default."),
        ]
            + detailOptions.map { option in
                option.name == "protocol"
                    ? Option(name: option.name, value: option.value, help: option.help, required: true) : option
            },
        examples: [
            "qualkit interview add --participant TC-001 --interviewer IV01 --protocol talking-change@2 --date 2023-03-04 --language ur --mode in-person"
        ],
        run: { inv in
            let interview = try InterviewLog(inv.openStudy()).add(
                participant: inv.option("participant") ?? "", id: inv.option("id"), changes: changes(inv))
            inv.console.line(
                "recorded interview \(interview.id) (\(interview.status.rawValue)) with \(interview.participant)")
        })

    static let interviewUpdate = Command(
        path: ["interview", "update"],
        summary: "Change an interview's interviewer, protocol, date, language, mode or status.",
        arguments: [Argument(name: "id", help: "The interview id.")],
        options: [Option(name: "interviewer", value: .text("id"), help: "Who led the interview.")] + detailOptions,
        examples: ["qualkit interview update TC-001 --status done --date 2023-03-11 --protocol talking-change@2"],
        run: { inv in
            let interview = try InterviewLog(inv.openStudy()).update(inv.argument("id"), changes: changes(inv))
            inv.console.line("updated interview \(interview.id) (\(interview.status.rawValue))")
        })

    static let interviewList = Command(
        path: ["interview", "list"],
        summary: "List interviews.",
        options: [
            Option(
                name: "status", value: .choice(Interview.Status.allCases.map(\.rawValue)),
                help: "Only interviews with this status."),
            Option(name: "interviewer", value: .text("id"), help: "Only this interviewer's interviews."),
            .format,
        ],
        examples: ["qualkit interview list --status planned"],
        run: { inv in
            let study = try inv.openStudy()
            var interviews = try InterviewStore(study).interviews()
            if let status = inv.option("status") { interviews = interviews.filter { $0.status.rawValue == status } }
            if let interviewer = inv.option("interviewer") {
                _ = try PeopleStore(study).interviewer(interviewer)
                interviews = interviews.filter { $0.interviewer == interviewer }
            }
            inv.print(PeopleViews.interviews(interviews))
        })

    static let interviewShow = Command(
        path: ["interview", "show"],
        summary: "Show one interview.",
        arguments: [Argument(name: "id", help: "The interview id.")],
        options: [.format],
        examples: ["qualkit interview show TC-001 --format json"],
        run: { inv in
            inv.print(PeopleViews.interviews([try InterviewStore(inv.openStudy()).interview(inv.argument("id"))]))
        })

    static let match = Command(
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
        options: [
            Option(
                name: "interview-minutes", value: .integer("minutes", 1...1440), help: "Length of the interview.",
                defaultValue: "60"),
            Option(name: "weight", value: .text("name=n,..."), help: "Cost weights (community=3,gender=2,language=1)."),
            Option(
                name: "exclude", value: .text("participant:interviewer"), repeated: true,
                help: "A pair that must not be matched (conflict of interest)."),
            Option(name: "save", help: "Record the matches as planned interviews."),
            Option(name: "explain", help: "Also list every interviewer considered for each participant, and why not."),
            .format,
        ],
        examples: [
            "qualkit match", "qualkit match --weight community=5 --exclude TC-004:IV02 --save",
            "qualkit match --explain --format json",
        ],
        run: { inv in
            var settings = MatchSettings(interviewMinutes: inv.integer("interview-minutes") ?? 60)
            if let weights = inv.option("weight") { settings.weights = try MatchSettings.Weights.parse(weights) }
            for pair in inv.options("exclude") {
                let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw UsageError(
                        message: "'--exclude \(pair)' must be PARTICIPANT:INTERVIEWER (TC-004:IV02).",
                        command: inv.command)
                }
                settings.exclusions.insert(.init(participant: parts[0], interviewer: parts[1]))
            }
            let result = try MatchPlanner.run(
                inv.openStudy(), settings: settings, save: inv.flag("save"), explain: inv.flag("explain"))
            inv.print(PeopleViews.match(result, explain: inv.flag("explain"), saved: inv.flag("save")))
        })
}
