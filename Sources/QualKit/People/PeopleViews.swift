/// How participants, interviewers, interviews and withdrawals print; the JSON is the contract.
public enum PeopleViews {
    public static func json(_ participant: Participant) -> JSON {
        .object([
            ("id", .string(participant.id)), ("languages", .strings(participant.languages)),
            ("gender", .string(participant.gender)), ("community", .string(participant.community)),
            ("availability", .string(participant.availability.description)),
            ("prefers_gender", .string(participant.prefersGender)),
            ("prefers_same_community", .string(participant.prefersSameCommunity.rawValue)),
            ("consent_date", .string(participant.consent.date?.description)),
            ("consent_version", .string(participant.consent.version)),
            ("consent_quotes", .bool(participant.consent.quotes)),
            ("attributes", attributes(participant.attributes)),
        ])
    }

    static func attributes(_ values: [String: String]) -> JSON {
        .object(values.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })
    }

    static func attributeText(_ values: [String: String]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    public static func participants(_ participants: [Participant]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("id"), .init("languages"), .init("gender"), .init("community"), .init("availability"),
                .init("quotes"), .init("attributes"),
            ],
            rows: participants.map {
                [
                    $0.id, $0.languages.joined(separator: ","), $0.gender ?? "", $0.community ?? "",
                    $0.availability.description, $0.consent.quotes ? "yes" : "no", attributeText($0.attributes),
                ]
            })
        let keys = Set(participants.flatMap(\.attributes.keys)).sorted()
        let csv = TextTable(
            columns: PersonFields.participantColumns.map { TextTable.Column($0) } + keys.map { TextTable.Column($0) },
            rows: participants.map { p in
                [
                    p.id, p.languages.joined(separator: ";"), p.gender ?? "", p.community ?? "",
                    p.availability.description,
                    p.prefersGender, p.prefersSameCommunity.rawValue, p.consent.quotes ? "yes" : "no",
                    p.consent.date?.description ?? "", p.consent.version ?? "",
                ] + keys.map { p.attributes[$0] ?? "" }
            })
        return Rendered(
            table: table, csv: csv, json: .array(participants.map(json)),
            notes: ["\(participants.count) participant\(participants.count == 1 ? "" : "s")"])
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

    public static func json(_ interviewer: Interviewer, assigned: Int) -> JSON {
        .object([
            ("id", .string(interviewer.id)), ("name", .string(interviewer.name)),
            ("languages", .strings(interviewer.languages)), ("gender", .string(interviewer.gender)),
            ("community", .string(interviewer.community)), ("capacity", .int(interviewer.capacity)),
            ("assigned", .int(assigned)), ("availability", .string(interviewer.availability.description)),
            ("attributes", attributes(interviewer.attributes)),
        ])
    }

    public static func interviewers(_ interviewers: [Interviewer], load: [String: Int]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("id"), .init("name"), .init("languages"), .init("gender"), .init("community"),
                .init("capacity", .right), .init("assigned", .right), .init("availability"),
            ],
            rows: interviewers.map {
                [
                    $0.id, $0.name, $0.languages.joined(separator: ","), $0.gender ?? "", $0.community ?? "",
                    String($0.capacity), String(load[$0.id] ?? 0), $0.availability.description,
                ]
            })
        return Rendered(table: table, json: .array(interviewers.map { json($0, assigned: load[$0.id] ?? 0) }))
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

    public static func json(_ interview: Interview) -> JSON {
        .object([
            ("id", .string(interview.id)), ("participant", .string(interview.participant)),
            ("interviewer", .string(interview.interviewer)), ("protocol", .string(interview.protocolReference)),
            ("date", .string(interview.date?.description)), ("language", .string(interview.language)),
            ("mode", .string(interview.mode?.rawValue)), ("status", .string(interview.status.rawValue)),
            ("slot", .string(interview.slot)),
        ])
    }

    public static func interviews(_ interviews: [Interview]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("id"), .init("participant"), .init("interviewer"), .init("protocol"), .init("date"),
                .init("language"), .init("mode"), .init("status"), .init("slot"),
            ],
            rows: interviews.map {
                [
                    $0.id, $0.participant, $0.interviewer ?? "", $0.protocolReference ?? "", $0.date?.description ?? "",
                    $0.language ?? "", $0.mode?.rawValue ?? "", $0.status.rawValue, $0.slot ?? "",
                ]
            })
        return Rendered(table: table, json: .array(interviews.map(json)))
    }

    public static func withdrawal(_ report: Withdrawal.Report) -> Rendered {
        let table = TextTable(
            columns: [.init("erased"), .init("count", .right)],
            rows: report.erased.map { [$0.what, String($0.count)] })
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
        return Rendered(table: table, json: json, notes: notes)
    }

    public static func match(_ result: Matcher.Result, explain: Bool, saved: Bool) -> Rendered {
        let matchedTable = TextTable(
            columns: [
                .init("participant"), .init("interviewer"), .init("cost", .right), .init("window"), .init("reasons"),
            ],
            rows: result.matched.map {
                [$0.participant, $0.interviewer, String($0.cost), $0.window, $0.reasons.joined(separator: "; ")]
            })
        let unmatchedTable = TextTable(
            columns: [.init("participant"), .init("reason")],
            rows: result.unmatched.map { [$0.participant, $0.reason] })
        var explanationTable = TextTable(columns: [.init("participant"), .init("interviewer options")])
        if explain {
            for id in (result.matched.map(\.participant) + result.unmatched.map(\.participant)).sorted() {
                for (index, line) in (result.explanations[id] ?? []).enumerated() {
                    explanationTable.rows.append([index == 0 ? id : "", line])
                }
            }
        }
        let csv = TextTable(
            columns: [.init("participant"), .init("interviewer"), .init("cost"), .init("window"), .init("reasons")],
            rows: result.matched.map {
                [$0.participant, $0.interviewer, String($0.cost), $0.window, $0.reasons.joined(separator: "; ")]
            }
                + result.unmatched.map { [$0.participant, "", "", "", $0.reason] })
        var matched: [JSON] = []
        for match in result.matched {
            var members: [(String, JSON)] = [
                ("participant", .string(match.participant)), ("interviewer", .string(match.interviewer)),
                ("cost", .int(match.cost)), ("window", .string(match.window)), ("reasons", .strings(match.reasons)),
            ]
            if explain { members.append(("options", .strings(result.explanations[match.participant] ?? []))) }
            matched.append(.object(members))
        }
        var unmatched: [JSON] = []
        for item in result.unmatched {
            var members: [(String, JSON)] = [
                ("participant", .string(item.participant)), ("reason", .string(item.reason)),
            ]
            if explain { members.append(("options", .strings(result.explanations[item.participant] ?? []))) }
            unmatched.append(.object(members))
        }
        let json = JSON.object([
            ("matched", .array(matched)), ("unmatched", .array(unmatched)),
            ("matched_count", .int(result.matched.count)), ("total_cost", .int(result.totalCost)),
            ("saved", .bool(saved)),
        ])
        var notes = [
            "\(result.matched.count) matched, \(result.unmatched.count) unmatched, total cost \(result.totalCost)."
        ]
        notes.append(
            saved
                ? "Saved as planned interviews."
                : "Nothing saved: run again with --save to record these as planned interviews.")
        var more: [(String, TextTable)] = [("Unmatched:", unmatchedTable)]
        if explain { more.append(("Options considered:", explanationTable)) }
        return Rendered(table: matchedTable, csv: csv, json: json, notes: notes, moreTables: more)
    }
}
