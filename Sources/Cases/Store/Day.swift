import Foundation

/// Calendar days as `YYYY-MM-DD` (proleptic Gregorian, UTC): workflow dates are kept at day
/// precision only (SECURITY.md, plain columns). Plain arithmetic, no Foundation `Calendar`:
/// bulk import calls this for every row.
public enum Day {
    /// A validated day.
    public struct Parts: Equatable, Sendable {
        public let year: Int
        public let month: Int
        public let day: Int
    }

    /// Today in UTC by the clock in force (`Now.clock`).
    public static func today() -> String { Now.today() }

    /// The UTC day of an instant.
    static func string(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return format(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses a strict `YYYY-MM-DD` that names a real day.
    public static func parse(_ text: String) -> Parts? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        return Parts(year: year, month: month, day: day)
    }

    public static func isValid(_ text: String) -> Bool { parse(text) != nil }

    public static func year(_ text: String) -> Int? { parse(text)?.year }

    /// Whole years between a birth date and a later day.
    public static func age(birth: Parts, on day: Parts) -> Int {
        day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day) ? 1 : 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
