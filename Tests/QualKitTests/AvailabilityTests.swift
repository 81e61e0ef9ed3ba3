import Testing

@testable import QualKit

/// The weekly availability grammar.
@Suite struct AvailabilityTests {
    @Test func parsesWindowsWithEitherSeparator() throws {
        let availability = try Availability.parse("mon 18:00-21:00; sat 10:00-13:00, Saturday 9:00-9:30")
        #expect(availability.description == "mon 18:00-21:00; sat 09:00-09:30; sat 10:00-13:00")
    }

    @Test func mergesOverlappingWindowsOnOneDay() throws {
        #expect(try Availability.parse("mon 18:00-20:00; mon 19:00-22:00").description == "mon 18:00-22:00")
        #expect(try Availability.parse("sun 10:00-12:00;sun 12:00-13:00").description == "sun 10:00-13:00")
    }

    @Test func emptyMeansNone() throws {
        #expect(try Availability.parse("  ").isEmpty)
    }

    @Test func allowsMidnightEnd() throws {
        #expect(try Availability.parse("fri 22:00-24:00").windows.first?.end == 1440)
    }

    @Test(arguments: [
        ("mnd 10:00-12:00", 1, "bad day 'mnd'"),
        ("mon 25:00-26:00", 5, "bad start time '25:00'"),
        ("mon 10:00 12:00", 11, "expected '-' between the start and end times"),
        ("mon 10:00-9", 11, "bad end time '9'"),
        ("mon 12:00-10:00", 11, "end time 10:00 is not after start time 12:00"),
        ("mon 10:00-12:00 tue 10:00-11:00", 17, "expected ';' or ',' between windows"),
        ("mon 10:00-12:00;;", 17, "expected a day"),
        ("mon 10:60-11:00", 5, "bad start time '10:60'"),
    ])
    func reportsTheColumnOfEachProblem(_ text: String, _ column: Int, _ message: String) {
        do {
            _ = try Availability.parse(text)
            Issue.record("expected \(message)")
        } catch {
            #expect(error.column == column)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func firstSharedSlotIsTheEarliestLongEnough() throws {
        let participant = try Availability.parse("tue 19:30-21:00; sat 10:00-13:00")
        let interviewer = try Availability.parse("tue 17:00-20:00; sat 11:00-12:30")
        #expect(participant.firstSharedSlot(with: interviewer, minutes: 30)?.description == "tue 19:30-20:00")
        #expect(participant.firstSharedSlot(with: interviewer, minutes: 60)?.description == "sat 11:00-12:00")
        #expect(participant.firstSharedSlot(with: interviewer, minutes: 120) == nil)
    }
}
