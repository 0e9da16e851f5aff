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

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil): day arithmetic without
    /// `Calendar`, for due dates and backdating limits.
    static func ordinal(_ parts: Parts) -> Int {
        let year = parts.month <= 2 ? parts.year - 1 : parts.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (parts.month + (parts.month > 2 ? -3 : 9)) + 2) / 5 + parts.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `ordinal` days after 1970-01-01.
    static func fromOrdinal(_ ordinal: Int) -> String {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return format(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// `day` moved by `days` (negative: back); nil when `day` is not a valid day.
    public static func adding(days: Int, to day: String) -> String? {
        guard let parts = parse(day) else { return nil }
        return fromOrdinal(ordinal(parts) + days)
    }

    /// Whole days from `start` to `end` (negative when `end` comes first).
    public static func between(_ start: String, _ end: String) -> Int? {
        guard let a = parse(start), let b = parse(end) else { return nil }
        return ordinal(b) - ordinal(a)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
