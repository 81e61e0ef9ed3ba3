/// How participants, interviewers, interviews and withdrawals print; the JSON is the contract.
public enum PeopleViews {
    /// One participant; the CSV is the import format instead (see ``participants(_:)``).
    public static let participant = RecordView<Participant>([
        .field("id", json: { .string($0.id) }), .field("languages", json: { .strings($0.languages) }),
        .field("gender", json: { .string($0.gender) }), .field("community", json: { .string($0.community) }),
        .field("availability", json: { .string($0.availability.description) }),
        .data("prefers_gender", json: { .string($0.prefersGender) }),
        .data("prefers_same_community", json: { .string($0.prefersSameCommunity.rawValue) }),
        .data("consent_date", json: { .string($0.consent.date?.description) }),
        .data("consent_version", json: { .string($0.consent.version) }),
        .field("consent_quotes", "quotes", json: { .bool($0.consent.quotes) }),
        .field("attributes", json: { attributes($0.attributes) }, text: { attributeText($0.attributes) }),
    ])

    public static func json(_ participant: Participant) -> JSON { PeopleViews.participant.json(participant) }

    static func attributes(_ values: [String: String]) -> JSON {
        .object(values.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })
    }

    static func attributeText(_ values: [String: String]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    public static func participants(_ participants: [Participant]) -> Rendered {
        // CSV keeps the import columns so that a listing imports back.
        let keys = Set(participants.flatMap(\.attributes.keys)).sorted()
        let csv = TextTable(
            columns: PersonFields.participantColumns.map { TextTable.Column($0) } + keys.map { TextTable.Column($0) },
            rows: participants.map { p in
                participant.dataCells(p, keys: PersonFields.participantColumns) + keys.map { p.attributes[$0] ?? "" }
            })
        var rendered = participant.rendered(
            participants, notes: ["\(participants.count) participant\(participants.count == 1 ? "" : "s")"])
        rendered.csv = csv
        return rendered
    }

    public static func participant(_ participant: Participant, interviews: [Interview]) -> Rendered {
        var rows: [[String]] = [
            ["id", participant.id], ["languages", participant.languages.joined(separator: ", ")],
            ["gender", participant.gender ?? ""], ["community", participant.community ?? ""],
            ["availability", participant.availability.description], ["prefers gender", participant.prefersGender],
            ["prefers same community", participant.prefersSameCommunity.rawValue],
            ["consent date", participant.consent.date?.description ?? ""],
            ["consent version", participant.consent.version ?? ""],
            ["consent to quotes", participant.consent.quotes ? "yes" : "no"],
        ]
        rows += participant.attributes.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        rows += interviews.map {
            ["interview", "\($0.id) (\($0.status.rawValue)\($0.interviewer.map { ", " + $0 } ?? ""))"]
        }
        var json = PeopleViews.json(participant)
        if case .object(var members) = json {
            members.append(.init("interviews", .array(interviews.map(PeopleViews.json))))
            json = .object(members)
        }
        return Rendered(table: TextTable(columns: [.init("field"), .init("value")], rows: rows), json: json)
    }

    /// One interviewer with the interviews assigned to them.
    public static let interviewer = RecordView<(interviewer: Interviewer, assigned: Int)>([
        .field("id", json: { .string($0.interviewer.id) }), .field("name", json: { .string($0.interviewer.name) }),
        .field("languages", json: { .strings($0.interviewer.languages) }),
        .field("gender", json: { .string($0.interviewer.gender) }),
        .field("community", json: { .string($0.interviewer.community) }),
        .field("capacity", .right, json: { .int($0.interviewer.capacity) }),
        .field("assigned", .right, json: { .int($0.assigned) }),
        .field("availability", json: { .string($0.interviewer.availability.description) }),
        .data("attributes", json: { attributes($0.interviewer.attributes) }),
    ])

    public static func json(_ interviewer: Interviewer, assigned: Int) -> JSON {
        PeopleViews.interviewer.json((interviewer: interviewer, assigned: assigned))
    }

    public static func interviewers(_ interviewers: [Interviewer], load: [String: Int]) -> Rendered {
        interviewer.rendered(interviewers.map { (interviewer: $0, assigned: load[$0.id] ?? 0) })
    }

    public static func interviewer(_ interviewer: Interviewer, interviews: [Interview]) -> Rendered {
        var rows: [[String]] = [
            ["id", interviewer.id], ["name", interviewer.name],
            ["languages", interviewer.languages.joined(separator: ", ")],
            ["gender", interviewer.gender ?? ""], ["community", interviewer.community ?? ""],
            ["capacity", String(interviewer.capacity)], ["availability", interviewer.availability.description],
        ]
        rows += interviewer.attributes.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        rows += interviews.map { ["interview", "\($0.id) with \($0.participant) (\($0.status.rawValue))"] }
        let active = interviews.filter { $0.status != .cancelled }.count
        var json = PeopleViews.json(interviewer, assigned: active)
        if case .object(var members) = json {
            members.append(.init("interviews", .array(interviews.map(PeopleViews.json))))
            json = .object(members)
        }
        return Rendered(table: TextTable(columns: [.init("field"), .init("value")], rows: rows), json: json)
    }

    /// One interview.
    public static let interview = RecordView<Interview>([
        .field("id", json: { .string($0.id) }), .field("participant", json: { .string($0.participant) }),
        .field("interviewer", json: { .string($0.interviewer) }),
        .field("protocol", json: { .string($0.protocolReference) }),
        .field("date", json: { .string($0.date?.description) }), .field("language", json: { .string($0.language) }),
        .field("mode", json: { .string($0.mode?.rawValue) }), .field("status", json: { .string($0.status.rawValue) }),
        .field("slot", json: { .string($0.slot) }),
    ])

    public static func json(_ interview: Interview) -> JSON { PeopleViews.interview.json(interview) }

    public static func interviews(_ interviews: [Interview]) -> Rendered {
        interview.rendered(interviews)
    }

    /// What a withdrawal erased; JSON keys the counts by kind of record.
    static let erased = RecordView<Withdrawal.Report.Erased>([
        .field("erased", json: { .string($0.what) }), .field("count", .right, json: { .int($0.count) }),
    ])

    public static func withdrawal(_ report: Withdrawal.Report) -> Rendered {
        let json = JSON.object([
            ("participant", .string(report.participant)), ("withdrawn_on", .string(report.date)),
            ("reason", .string(report.reason)),
            ("erased", .object(report.erased.map { ($0.what, JSON.int($0.count)) })),
            ("log_truncated", .bool(report.logTruncated)),
        ])
        var notes = [
            "Withdrew \(report.participant) on \(report.date): their data is erased; a tombstone (id, date, reason) is kept so the id is not reused."
        ]
        if !report.logTruncated {
            notes.append("Another process has the study open: close it so the write-ahead log can be emptied.")
        }
        return erased.rendered(report.erased, json: json, notes: notes)
    }
}
