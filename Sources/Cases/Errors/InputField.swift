/// A value a user gives the domain, named in errors so that each face can point at it: the
/// CLI as its option, the web application as the form field beside which the
/// problem is shown. The raw value is the field's name in both faces (docs/WEB.md: form field
/// names are the CLI's long flag names without the dashes). Never the value itself: it may be
/// personal.
public enum InputField: String, Sendable, CaseIterable {
    // People and their cases
    case name, dob, birthYear = "birth-year", person, openedOn = "opened-on", association, request, programme
    case outcome, reason, text, limit, into
    // Contacts and follow-ups
    case kind, minutes, time, staff, summary, due, assignTo = "assign-to", task
    // Family
    case child, spouse, sex, birthCountry = "birth-country", registration, nationality, livesWithHer = "lives-with-her"
    case relation, contact
    // Documents
    case document, file, title
    // Case plan and services
    case goal, service, responsible, target, outcomeCode = "service-outcome"
    // Assessments
    case form, answer, level, note
    case phone, otherName = "other-name", addPhone = "add-phone", removePhone = "remove-phone"
    case addOtherName = "add-other-name", removeOtherName = "remove-other-name", need, addNeed = "add-need", removeNeed = "remove-need"
    // Staff, centres, keys
    case user, userName = "user-name", centreCode = "centre-code", centreName = "centre-name", centre, role
    case recoveryKey = "recovery-key-file", recoveryOutput = "recovery-out", confirm
    // Referrals, consent, agencies
    case agency, agencyKind = "agency-kind", agencyID = "agency-id", agencyKey = "key", publicKey = "public-key", fields
    // Associations
    case country, city, status, founded, members, participants, website, date, year
    // Statistics and the audit trail
    case by, unit, dp, from, to, epsilon, threshold, since
    // Files
    case fieldsFrom = "fields-from", database = "db", output = "out", backup, importFile = "import-file", packet, policy
}
