import Foundation

/// Dates and times as people in Vietnam read them: days as dd/mm/yyyy, times in Vietnam's time
/// zone (UTC+7 all year, no daylight saving). Storage stays ISO 8601 and UTC.
public enum DisplayFormat {
    /// "2026-11-05" → "05/11/2026"; anything else is shown as it is.
    public static func day(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// "2026-12-15T21:28:04Z" → "16/12/2026 04:28" (Vietnam time); a bare day goes through
    /// `day`; anything else is shown as it is.
    public static func time(_ timestamp: String) -> String {
        guard timestamp.count > 10 else { return day(timestamp) }
        guard let instant = instant(timestamp) else { return timestamp }
        let parts = vietnam.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let hour = parts.hour, let minute = parts.minute else {
            return timestamp
        }
        return String(format: "%02d/%02d/%04d %02d:%02d", dayOfMonth, month, year, hour, minute)
    }

    /// "YYYY-MM-DDTHH:MM:SS[.fff]Z", the only form caunoi stores.
    private static func instant(_ timestamp: String) -> Date? {
        guard timestamp.hasSuffix("Z") else { return nil }
        let halves = timestamp.dropLast().split(separator: "T")
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "-").compactMap { Int($0) }
        let clock = halves[1].split(separator: ":").compactMap { Int(Double($0) ?? -1) }
        guard date.count == 3, clock.count == 3, clock.allSatisfy({ $0 >= 0 }) else { return nil }
        return utc.date(from: DateComponents(year: date[0], month: date[1], day: date[2], hour: clock[0], minute: clock[1], second: clock[2]))
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    private static let vietnam: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3_600)!
        return calendar
    }()

    /// A file's size in kB or MB (decimal comma, as Vietnamese writes it).
    public static func size(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return "\(max(1, (bytes + 500) / 1000)) kB" }
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}
