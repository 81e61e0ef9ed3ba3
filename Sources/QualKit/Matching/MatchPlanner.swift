/// Runs matching on a study: who is still to be interviewed, who has places left, and saving the
/// result as planned interviews.
public enum MatchPlanner {
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
        let alreadyInterviewed = try interviews.participantsWithActiveInterviews()
        let load = try interviews.activeLoad()
        let participants = try people.participants().filter { !alreadyInterviewed.contains($0.id) }
        let seats = try people.interviewers().map {
            Matcher.Seat(interviewer: $0, remaining: max(0, $0.capacity - (load[$0.id] ?? 0)))
        }
        let result = Matcher.solve(participants: participants, seats: seats, settings: settings, explain: explain)
        if save {
            try study.db.transaction {
                for match in result.matched {
                    try interviews.insert(
                        Interview(
                            id: try interviews.nextID(for: match.participant), participant: match.participant,
                            interviewer: match.interviewer, status: .planned, slot: match.window))
                }
            }
        }
        return result
    }
}
