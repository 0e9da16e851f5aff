/// Dates a real case can have, checked once here for every face and the import: a case is
/// opened no earlier than 2000 and not in the future; a woman was born from 1900 on, and not
/// after her case was opened. (Both ISO days, so they compare as text.)
enum Plausible {
    static let earliestOpening = "2000-01-01"
    static let earliestBirth = "1900-01-01"

    static func openingDay(_ day: String, today: String = Day.today()) -> Bool {
        day >= earliestOpening && day <= today
    }

    static func birthDay(_ day: String, openedOn: String) -> Bool {
        day >= earliestBirth && day <= openedOn
    }
}
