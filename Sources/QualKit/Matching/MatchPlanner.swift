/// Runs matching on a study: who is still to be interviewed, who has places left, and saving the
/// result as planned interviews.
public enum MatchPlanner {
    /// The protocol version a run plans for: `text` (`talking-change` or `talking-change@2`, its
    /// latest version when none is given), else the most recently loaded base version; nil when the
    /// study holds no protocol. Its planned length is the interview length unless `minutes` is given.
    public static func settings(
        _ study: Study, protocol text: String?, minutes: Int?, gapMinutes: Int = MatchSettings.standardGapMinutes
    ) throws -> MatchSettings {
        var guide: InterviewProtocol?
        if let text {
            guard let reference = ProtocolReference(text) else { throw PeopleError.invalidProtocolReference(text) }
            guide = try reference.resolve(in: study).guide
        } else if let latest = try ProtocolStore(study).summaries().max(by: {
            ($0.loadedAt, $0.id, $0.version) < ($1.loadedAt, $1.id, $1.version)
        }) {
            guide = try ProtocolReference("\(latest.id)@\(latest.version)")?.resolve(in: study).guide
        }
        return MatchSettings(
            interviewMinutes: minutes ?? guide?.durationMinutes ?? 60, gapMinutes: gapMinutes,
            protocolReference: guide?.reference)
    }

    /// Matches every participant without a planned or done interview to interviewers with places
    /// left; with `save`, records each match as a planned interview in one transaction.
    public static func run(_ study: Study, settings: MatchSettings, save: Bool, explain: Bool = false) throws
        -> Matcher.Result
    {
        let people = PeopleStore(study)
        let interviews = InterviewStore(study)
        let participantIDs = Set(try people.participantIDs())
        let interviewerIDs = Set(try people.interviewerIDs())
        for pair in settings.exclusions.sorted(by: {
            ($0.participant, $0.interviewer) < ($1.participant, $1.interviewer)
        }) {
            guard participantIDs.contains(pair.participant) else {
                throw PeopleError.unknownParticipant(Unknown(pair.participant, among: participantIDs.sorted()))
            }
            guard interviewerIDs.contains(pair.interviewer) else {
                throw PeopleError.unknownInterviewer(Unknown(pair.interviewer, among: interviewerIDs.sorted()))
            }
        }
        if let pairCosts = settings.pairCosts {
            let problems = pairCosts.unknownIDs(participants: participantIDs, interviewers: interviewerIDs)
            guard problems.isEmpty else { throw InvalidInput(problems) }
        }
        let alreadyInterviewed = try interviews.participantsWithActiveInterviews()
        let load = try interviews.activeLoad()
        let participants = try people.participants().filter { !alreadyInterviewed.contains($0.id) }
        let seats = try people.interviewers().map {
            Matcher.Seat(interviewer: $0, remaining: max(0, $0.capacity - (load[$0.id] ?? 0)))
        }
        var booked: [String: [WeeklyWindow]] = [:]
        for interview in try interviews.interviews(where: .status(.planned)) {
            guard let interviewer = interview.interviewer, let slot = interview.slot,
                let windows = try? Availability.parse(slot).windows
            else { continue }
            booked[interviewer, default: []] += windows
        }
        let result = Matcher.solve(
            participants: participants, seats: seats, settings: settings, booked: booked, explain: explain)
        if save {
            try study.db.transaction {
                for match in result.matched {
                    try interviews.insert(
                        Interview(
                            id: try interviews.nextID(for: match.participant), participant: match.participant,
                            interviewer: match.interviewer, protocolReference: settings.protocolReference,
                            status: .planned,
                            slot: match.window))
                }
            }
        }
        return result
    }
}
