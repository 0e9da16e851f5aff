import GRDB

/// A contact with a woman as staff write it down: a visit, a call, a message, an
/// accompaniment, a group session. Its day, kind and duration are plain codes, counted for
/// reports; the time of day and the summary are sealed under her data key.
public struct ContactRecord: Sendable {
    /// The day it happened, `YYYY-MM-DD`, on Vietnam's calendar.
    public var day: String
    /// `HH:MM` in Vietnam time, when known.
    public var time: String?
    /// A code of `policy/codes/contact-kinds.yaml`.
    public var kind: String
    public var minutes: Int?
    /// The staff member who had the contact; nil: whoever writes it down.
    public var staff: String?
    public var summary: PersonalText?

    public init(day: String, kind: String, time: String? = nil, minutes: Int? = nil, staff: String? = nil, summary: PersonalText? = nil) {
        (self.day, self.kind, self.time, self.minutes, self.staff, self.summary) = (day, kind, time, minutes, staff, summary)
    }
}

/// A contact as shown to her centre's staff.
public struct ContactView: Sendable {
    public let id: String
    public let day: String
    public let time: PersonalText?
    public let kind: String
    public let minutes: Int?
    public let staff: String
    public let recordedBy: String
    public let recordedOn: String
    public let summary: PersonalText?
}

extension CaseStore {
    /// Writes a contact down. Refused: an unknown kind, a day before the case was opened, in
    /// the future or further back than `casework.yaml` allows, a duration over its limit, and
    /// a staff member who is not an active caseworker of her centre. A contact with a woman
    /// whose case is open makes it active, as a note does; a closed case stays closed (a
    /// call after closing is a follow-up, not a reopening).
    @discardableResult
    public func addContact(_ session: Session, policy: Policy, caseID: String, contact: ContactRecord) throws -> String {
        let kind = try policy.contactKinds.validate(contact.kind)
        guard Day.isValid(contact.day) else { throw CaunoiError.invalidDate(.date) }
        if let time = contact.time, !Self.isTimeOfDay(time) { throw CaunoiError.invalid(.time) }
        if let minutes = contact.minutes, !(1...policy.casework.longestMinutes).contains(minutes) { throw CaunoiError.invalid(.minutes) }
        let outOfRange = CaunoiError.contactDateOutOfRange(backdateDays: policy.casework.backdateDays)
        let today = Now.vietnamToday()
        guard let back = Day.between(contact.day, today), (0...policy.casework.backdateDays).contains(back) else { throw outOfRange }
        if back == 0, let time = contact.time, time > Now.vietnamTime() { throw outOfRange }
        let contactID = Ids.random(prefix: "K")
        try withCase(session, caseID, action: "case.contact") { db, summary, vault in
            // The opening day is a UTC day, never later than Vietnam's day of the same instant.
            guard contact.day >= summary.openedOn else { throw outOfRange }
            let staff = contact.staff ?? session.user
            if staff != session.user { try requireCaseworker(db, staff, of: summary.centre, field: .staff) }
            try db.cachedStatement(sql: """
                INSERT INTO contacts (id, case_id, on_day, kind, minutes, by_user, recorded_by, recorded_on, at_time, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    contactID, caseID, contact.day, kind, contact.minutes, staff, session.user, today,
                    try contact.time.map { try vault.seal(PersonalText($0), table: "contacts", column: "at_time", row: contactID) },
                    try contact.summary.flatMap { $0.isBlank ? nil : try vault.seal($0, table: "contacts", column: "summary", row: contactID) },
                ])
            try activateIfOpen(db, summary, by: session.user)
        }
        return contactID
    }

    /// An active counsellor or manager of `centre`: whom a contact or a follow-up may name.
    func requireCaseworker(_ db: Database, _ user: String, of centre: String, field: InputField) throws {
        let info: UserInfo
        do { info = try userInfo(db, user) } catch CaunoiError.userNotFound { throw CaunoiError.invalid(field) }
        guard info.active else { throw CaunoiError.userRemoved(user) }
        guard info.role.worksCases, info.centre == centre else { throw CaunoiError.notYourCentre }
    }

    static func isTimeOfDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), bytes.enumerated().allSatisfy({ $0.offset == 2 || (48...57).contains($0.element) }),
              let hours = Int(text.prefix(2)), let minutes = Int(text.suffix(2)) else { return false }
        return hours < 24 && minutes < 60
    }

    func loadContacts(_ db: Database, caseID: String, vault: PersonVault?) throws -> [ContactView] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM contacts WHERE case_id = ? ORDER BY on_day, rowid"), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return ContactView(id: id, day: row["on_day"],
                               time: try vault?.openIfPresent(row.optionalBytes("at_time"), table: "contacts", column: "at_time", row: id),
                               kind: row["kind"], minutes: row["minutes"], staff: row["by_user"],
                               recordedBy: row["recorded_by"], recordedOn: row["recorded_on"],
                               summary: try vault?.openIfPresent(row.optionalBytes("summary"), table: "contacts", column: "summary", row: id))
        }
    }
}
