import Foundation
import QualKit

/// A study in a temporary folder, removed with the value: the unit tests' fixture, built only
/// through the library.
final class TemporaryStudy {
    let folder: URL
    let study: Study

    init(title: String = "Unit test study") throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("qualkit-unit-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        study = try Study.create(at: folder.appendingPathComponent("study.sqlite").path, title: title)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` to a file in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func codes(_ paths: [String]) throws {
        for path in paths { _ = try Codebook(study).add(path, fields: []) }
    }

    func coders(_ ids: [String]) throws {
        for id in ids { try Codebook(study).addCoder(id, name: nil) }
    }

    func participant(_ id: String, _ fields: [(String, String)] = []) throws {
        _ = try Roster(study).addParticipant(id, fields: fields)
    }

    /// Imports a plain-text transcript for participant `id` from its turns: `Interviewer` asks
    /// and `id` answers, so odd segments are the interviewer's and even ones the participant's.
    func transcript(_ id: String, turns: [String]) throws {
        let lines = turns.enumerated().map { index, text in "\(index % 2 == 0 ? "Interviewer" : id): \(text)\n" }
        let path = try write("\(id).txt", lines.joined())
        _ = try TranscriptImporter.run([path], target: .fileName, options: .init(), study: study)
    }

    /// Tags the whole of a segment.
    func tag(_ transcript: String, _ segment: Int, _ code: String, by coder: String) throws {
        _ = try CodingLog(study).tag(
            transcript: transcript, segment: segment, code: code, coder: coder, selection: .whole, memo: nil)
    }

    func count(_ sql: String) throws -> Int {
        try study.db.value(sql).intValue ?? -1
    }
}

/// The small study the analysis tests count by hand.
///
/// Codes `a.x`, `a.x.y`, `a.z`, `b.w`, `b.unused` (so `a` and `b` are implicit parents). P1..P5
/// each have a transcript whose segments 2 and 4 are the participant's.
///
/// | who | AB                           | CD        |
/// |-----|------------------------------|-----------|
/// | P1  | s2 a.x.y, s4 a.z             |           |
/// | P2  | s2 a.x, s2 a.x.y, s4 b.w     |           |
/// | P3  | s4 a.z                       | s2 a.x    |
/// | P4  | covered, nothing tagged      |           |
/// | P5  | not covered by anyone        |           |
///
/// household: P1 multi, P2 multi, P3 alone, P4 not recorded, P5 alone.
func analysisStudy() throws -> TemporaryStudy {
    let fixture = try TemporaryStudy()
    try fixture.codes(["a.x", "a.x.y", "a.z", "b.w", "b.unused"])
    try fixture.coders(["AB", "CD"])
    let households = ["P1": "multi", "P2": "multi", "P3": "alone", "P5": "alone"]
    for id in ["P1", "P2", "P3", "P4", "P5"] {
        try fixture.participant(id, households[id].map { [("household", $0)] } ?? [])
        try fixture.transcript(id, turns: ["First?", "First answer of \(id).", "Second?", "Second answer of \(id)."])
    }
    try fixture.tag("P1", 2, "a.x.y", by: "AB")
    try fixture.tag("P1", 4, "a.z", by: "AB")
    try fixture.tag("P2", 2, "a.x", by: "AB")
    try fixture.tag("P2", 2, "a.x.y", by: "AB")
    try fixture.tag("P2", 4, "b.w", by: "AB")
    try fixture.tag("P3", 4, "a.z", by: "AB")
    try fixture.tag("P3", 2, "a.x", by: "CD")
    try CodingLog(fixture.study).markDone(transcript: "P4", coder: "AB")
    return fixture
}

/// The barest study a report can be made of: one coder, one participant who does not consent to
/// quotes, one coded turn, no actions or outcomes.
func bareReportStudy() throws -> TemporaryStudy {
    let fixture = try TemporaryStudy(title: "Bare")
    try fixture.codes(["barrier.cost"])
    try fixture.coders(["AB"])
    try fixture.participant("P1", [("consent_quotes", "no")])
    try fixture.transcript("P1", turns: ["Why?", "It costs too much to travel there."])
    try fixture.tag("P1", 2, "barrier.cost", by: "AB")
    return fixture
}

/// One participant, two coders, codes `a.x` and `a.z`, nothing tagged yet. Segment 2 of P1 is the
/// 38 scalars `We never talk about it at home, never.`: `talk about it` is 9:22, `never` occurs at
/// 3:8 and 32:37.
func codingStudy() throws -> TemporaryStudy {
    let fixture = try TemporaryStudy()
    try fixture.codes(["a.x", "a.z"])
    try fixture.coders(["AB", "CD"])
    try fixture.participant("P1")
    try fixture.transcript("P1", turns: ["Who do you live with?", "We never talk about it at home, never."])
    return fixture
}
