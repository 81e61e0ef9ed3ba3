/// How `check`, `audit` and a withdrawal's dry run print; the JSON is the contract (docs/json.md).
public enum IntegrityViews {
    /// One line per problem, in the study's words.
    public static func describe(_ problem: StudyCheck.Problem) -> (kind: String, detail: String) {
        switch problem {
        case .integrity(let line): return ("integrity", line)
        case .foreignKey(let table, let rowid, let parent):
            return ("foreign_key", "a row of \(table)\(rowid.map { " (rowid \($0))" } ?? "") names a missing \(parent)")
        case .codingOutsideSegment(let coding, let transcript, let segment):
            return ("coding_outside_segment", "coding \(coding) lies outside segment \(segment) of \(transcript)")
        case .segmentOutsideTranscript(let transcript, let segment):
            return ("segment_outside_transcript", "segment \(segment) lies outside the text of \(transcript)")
        case .missingProtocolVersion(let interview, let protocolID, let version):
            return (
                "missing_protocol_version",
                "interview \(interview) uses \(protocolID)@\(version), which the study does not hold"
            )
        case .withdrawnParticipantData(let participant, let records):
            return ("withdrawn_participant_data", "\(records) records remain for withdrawn participant \(participant)")
        case .speakerRolesToReview(let transcript, let segments):
            return ("speaker_roles_to_review", "\(segments) segments of \(transcript) have speaker role 'unknown'")
        }
    }

    public static func check(_ problems: [StudyCheck.Problem]) -> Rendered {
        let table = TextTable(
            columns: [.init("severity"), .init("problem"), .init("detail")],
            rows: problems.map {
                let (kind, detail) = describe($0)
                return [$0.isError ? "error" : "review", kind, detail]
            })
        let errors = problems.filter(\.isError).count
        let json = JSON.object([
            ("ok", .bool(errors == 0)), ("errors", .int(errors)),
            (
                "problems",
                .array(
                    problems.map {
                        let (kind, detail) = describe($0)
                        return JSON.object([
                            ("severity", .string($0.isError ? "error" : "review")), ("problem", .string(kind)),
                            ("detail", .string(detail)),
                        ])
                    })
            ),
        ])
        return Rendered(table: table, json: json)
    }

    public static func audit(_ entries: [AuditLog.Entry]) -> Rendered {
        let table = TextTable(
            columns: [
                .init("id", .right), .init("at"), .init("user"), .init("command"), .init("changes", .right),
                .init("words"),
            ],
            rows: entries.map { [String($0.id), $0.at, $0.user, $0.command, String($0.changes), $0.words] })
        let json = JSON.array(
            entries.map {
                JSON.object([
                    ("id", .int($0.id)), ("at", .string($0.at)), ("user", .string($0.user)),
                    ("command", .string($0.command)), ("words", .string($0.words)), ("changes", .int($0.changes)),
                ])
            })
        return Rendered(table: table, json: json)
    }

    /// What a withdrawal would erase, for `participant withdraw --dry-run`.
    public static func withdrawalPreview(_ participant: String, _ erased: [Withdrawal.Report.Erased]) -> Rendered {
        let table = TextTable(
            columns: [.init("would erase"), .init("count", .right)],
            rows: erased.map { [$0.what, String($0.count)] })
        let json = JSON.object([
            ("participant", .string(participant)), ("dry_run", .bool(true)),
            ("would_erase", .object(erased.map { ($0.what, JSON.int($0.count)) })),
        ])
        return Rendered(
            table: table, json: json,
            notes: [
                "Dry run: nothing was changed. Withdrawing \(participant) would erase the above and the participant."
            ])
    }
}
