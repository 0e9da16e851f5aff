import Foundation
import Testing
@testable import Cases

/// The core reads time from the clock a face injects (issue 13: the day used to be fixed at
/// process start, so a server would stamp every record with the day it started).
@Suite struct ClockTests {
    @Test func recordsTakeTheirDayFromTheClockInForce() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let first = try Now.$clock.withValue(try #require(FixedClock(day: "2024-03-05"))) { try f.open("Đinh Thị Mơ").id }
        let second = try Now.$clock.withValue(try #require(FixedClock(day: "2025-07-09"))) {
            try f.store.addNote(f.session("hoa"), caseID: first, text: PersonalText("Gọi điện hỏi thăm"))
            return try f.open("Đinh Thị Mơ").id
        }
        let view = try f.store.showCase(f.session("hoa"), id: first)
        #expect(view.summary.openedOn == "2024-03-05")
        #expect(view.notes.map(\.createdOn) == ["2025-07-09"])
        #expect(first.contains("-2024-") && second.contains("-2025-"))
        #expect(try f.store.showCase(f.session("hoa"), id: second).summary.openedOn == "2025-07-09")
        #expect(FixedClock(day: "2025-02-30") == nil)
    }
}
