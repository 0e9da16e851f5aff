import Foundation

/// Where the core reads the time. Every date and timestamp it writes comes from `Now.clock`,
/// which a face sets for the work it runs (the CLI for one command, the server for each
/// request) and tests set to a fixed day; by default it is the system clock, read at each call
/// (a server running for days stamps each record with its own day).
public protocol CaseClock: Sendable {
    func now() -> Date
}

/// The system's clock.
public struct SystemClock: CaseClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock stopped at noon UTC of one day: cases whose whole life lies in the past, in tests.
public struct FixedClock: CaseClock {
    private let instant: Date

    /// nil unless `day` is a real `YYYY-MM-DD`.
    public init?(day: String) {
        guard let parts = Day.parse(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let date = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: 12)) else { return nil }
        instant = date
    }

    public func now() -> Date { instant }
}

/// The clock in force for the current task (set with `Now.$clock.withValue(_:operation:)`).
public enum Now {
    @TaskLocal public static var clock: any CaseClock = SystemClock()

    /// Today (UTC) as `YYYY-MM-DD`.
    public static func today() -> String { Day.string(clock.now()) }

    public static func year() -> Int { Day.parse(today())?.year ?? 0 }

    /// Vietnam's offset from UTC (Indochina Time, no daylight saving).
    static let vietnamOffset: TimeInterval = 7 * 3600

    /// Today in Vietnam, `YYYY-MM-DD`: the day staff see on their calendars, for what they
    /// date themselves (contacts, follow-ups due).
    public static func vietnamToday() -> String { Day.string(clock.now().addingTimeInterval(vietnamOffset)) }

    /// The time of day in Vietnam, `HH:MM`.
    public static func vietnamTime() -> String {
        let seconds = Int((clock.now().timeIntervalSince1970 + vietnamOffset).rounded(.down))
        let minutes = ((seconds / 60) % 1440 + 1440) % 1440
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
