import Foundation

/// Calendar days as `YYYY-MM-DD` in the Gregorian calendar, UTC: workflow dates are kept at
/// day precision only (SECURITY.md, plain columns).
public enum Day {
    public static func today() -> String { format(Date()) }

    public static func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Parses a strict `YYYY-MM-DD` that names a real day.
    public static func parse(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        let components = DateComponents(year: y, month: m, day: d)
        guard let date = calendar.date(from: components),
              calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
        return components
    }

    public static func isValid(_ text: String) -> Bool { parse(text) != nil }

    public static func year(_ text: String) -> Int? { parse(text)?.year }

    /// Whole years between a birth date and a later day.
    public static func age(birth: DateComponents, on day: DateComponents) -> Int {
        guard let by = birth.year, let bm = birth.month, let bd = birth.day,
              let y = day.year, let m = day.month, let d = day.day else { return 0 }
        return y - by - ((m, d) < (bm, bd) ? 1 : 0)
    }

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
