import GRDB

/// Fields `case update` may change; nil leaves a field as it is. Lists replace the old list.
public struct CaseUpdate: Sendable {
    /// Single-valued personal fields to replace; its lists (phones, other names) must stay
    /// empty: lists change only through the edits below.
    public var person = PersonFields()
    public var originProvince: String?
    public var destination: String?
    public var migration: String?
    public var needs = ListEdit<String>()
    public var phones = ListEdit<PersonalText>()
    public var otherNames = ListEdit<PersonalText>()
    public var risk: RiskLevel?
    public var safeContact: PersonalText?
    public var note: PersonalText?
    public init() {}
}

/// Changes to a list field: values to add and values to remove. A whole list is never
/// replaced by an update (a woman with five needs once ended with one).
public struct ListEdit<Value: Sendable>: Sendable {
    public var add: [Value] = []
    public var remove: [Value] = []
    public init(add: [Value] = [], remove: [Value] = []) {
        self.add = add
        self.remove = remove
    }
    public var isEmpty: Bool { add.isEmpty && remove.isEmpty }
}

extension CaseStore {
    public func addNote(_ session: Session, caseID: String, text: PersonalText) throws {
        guard !text.isBlank else { throw CaunoiError.missing(.text) }
        try withCase(session, caseID, action: "case.note") { db, summary, vault in
            try insertNote(db, caseID: caseID, text: text, vault: vault, by: session.user, on: Day.today())
            try activateIfOpen(db, summary, by: session.user)
        }
    }

    /// Assigns a case to a counsellor or manager of the same centre. The status stays as it is:
    /// assigning is not working the case (open cases assigned to someone used to vanish from
    /// the list of open cases).
    public func assign(_ session: Session, caseID: String, to user: String) throws {
        try withCase(session, caseID, action: "case.assign") { db, summary, _ in
            let target = try userInfo(db, user)
            guard target.active else { throw CaunoiError.userRemoved(user) }
            guard target.role.worksCases, target.centre == summary.centre else { throw CaunoiError.notYourCentre }
            try db.execute(sql: "UPDATE cases SET assigned_to = ?, updated_on = ? WHERE id = ?", arguments: [user, Day.today(), caseID])
            try recordEvent(db, caseID: caseID, kind: "assigned", by: session.user, from: nil, to: nil, detail: user)
        }
    }

    /// Who her centre's cases may be assigned to: its active counsellors and managers (staff
    /// handles, for the assign form and the list filter).
    public func colleagues(_ session: Session) throws -> [String] {
        try session.require(.cases)
        return try read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM users WHERE centre = ? AND status = 'active' AND role IN ('counsellor', 'manager') ORDER BY name
                """, arguments: [session.centre])
        }
    }

    /// Closes a case. A high-risk case, or one with referrals still waiting, needs a
    /// manager's approval: a counsellor requests it (`requestClosure`), a manager closes it
    /// with a note saying why (which also decides any request waiting).
    public func close(_ session: Session, policy: Policy, caseID: String, outcome: String, reason: PersonalText?) throws {
        let outcome = try closingOutcome(policy, outcome)
        try withCase(session, caseID, action: "case.close") { db, summary, vault in
            guard summary.status.canBecome(.closed) else {
                throw CaunoiError.invalidTransition(caseID: caseID, from: summary.status.rawValue, to: CaseStatus.closed.rawValue)
            }
            if try closureNeedsApproval(db, summary) {
                guard session.role == .manager else { throw CaunoiError.approvalNeeded(caseID: caseID) }
                guard let reason, !reason.isBlank else { throw CaunoiError.missing(.reason) }
            }
            try db.execute(sql: """
                UPDATE cases SET status = 'closed', outcome = ?, closed_on = ?, updated_on = ?, closure_request = NULL WHERE id = ?
                """, arguments: [outcome, Day.today(), Day.today(), caseID])
            try recordEvent(db, caseID: caseID, kind: "closed", by: session.user, from: summary.status, to: .closed,
                            detail: outcome, reason: reason, vault: vault)
        }
    }

    public func reopen(_ session: Session, caseID: String, reason: PersonalText) throws {
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        try withCase(session, caseID, action: "case.reopen") { db, summary, vault in
            guard summary.status.canBecome(.active), summary.status == .closed else {
                throw CaunoiError.invalidTransition(caseID: caseID, from: summary.status.rawValue, to: CaseStatus.active.rawValue)
            }
            try db.execute(sql: "UPDATE cases SET status = 'active', outcome = NULL, closed_on = NULL, updated_on = ? WHERE id = ?",
                           arguments: [Day.today(), caseID])
            try recordEvent(db, caseID: caseID, kind: "reopened", by: session.user, from: .closed, to: .active, reason: reason, vault: vault)
        }
    }

    /// Updates personal fields (re-sealed with fresh nonces, indexes refreshed) and codes.
    public func updateCase(_ session: Session, policy: Policy, caseID: String, update: CaseUpdate) throws {
        var probe = CaseIntake(programme: .marriage)
        probe.existingPersonID = "-"
        probe.originProvince = update.originProvince
        probe.destination = update.destination
        probe.migration = update.migration
        probe.needs = update.needs.add
        let codes = try probe.validated(policy)
        try update.person.validateDates()
        guard update.person.phones.isEmpty else { throw CaunoiError.conflicting(.phone, .addPhone) }
        guard update.person.otherNames.isEmpty else { throw CaunoiError.conflicting(.otherName, .addOtherName) }
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        try withCase(session, caseID, action: "case.update") { db, summary, _ in
            var (vault, fields, _) = try openPerson(db, id: summary.person, session: session)
            var changedPerson = fields.merge(update.person)
            changedPerson = try fields.phones.apply(update.phones, field: .removePhone, same: { WipedNormalForms.phone($0) == WipedNormalForms.phone($1) })
                || changedPerson
            changedPerson = try fields.otherNames.apply(update.otherNames, field: .removeOtherName,
                                                        same: { WipedNormalForms.Name($0).sameName(as: WipedNormalForms.Name($1)) }) || changedPerson
            if changedPerson { try rewritePerson(db, fields: fields, vault: vault, indexer: indexer) }
            var sets: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let value = codes.originProvince { sets.append("origin_province = ?"); arguments.append(value) }
            if let value = codes.destination { sets.append("destination = ?"); arguments.append(value) }
            if let value = codes.migration { sets.append("migration = ?"); arguments.append(value) }
            if let value = update.risk { sets.append("risk = ?"); arguments.append(value) }
            if let value = update.safeContact {
                sets.append("safe_contact = ?")
                arguments.append(try vault.seal(value, table: "cases", column: "safe_contact", row: caseID))
            }
            if update.person.dateOfBirth != nil || update.person.birthYear != nil {
                sets.append("age_band = ?")
                arguments.append(fields.ageBand(on: summary.openedOn, policy: policy))
            }
            if !sets.isEmpty {
                try db.execute(sql: "UPDATE cases SET \(sets.joined(separator: ", ")), updated_on = ? WHERE id = ?",
                               arguments: StatementArguments(arguments + [Day.today(), caseID]))
            }
            var needs = summary.needs
            if try needs.apply(ListEdit(add: codes.needs, remove: update.needs.remove), field: .removeNeed, same: ==) {
                try replaceNeeds(db, caseID: caseID, needs: needs)
            }
            if let note = update.note, !note.isBlank {
                try insertNote(db, caseID: caseID, text: note, vault: vault, by: session.user, on: Day.today())
            }
            try recordEvent(db, caseID: caseID, kind: "updated", by: session.user, from: nil, to: nil)
        }
    }

    // MARK: - Shared steps

    /// Runs a step on a case the session may work: role, centre key and DEK checked first, then
    /// the case seal (the case must be as its last signed write left it). Afterwards the seal is
    /// renewed; `action` is audited with the new seal as the state it committed to (a step that
    /// changed the case without naming an action is audited as `case.state`).
    func withCase<T>(_ session: Session, _ caseID: String, action: String? = nil,
                     _ body: (Database, CaseSummary, PersonVault) throws -> T) throws -> T {
        try session.require(.counsellor, .manager)
        return try write { db in
            let summary = try CaseSummary.fetch(db, id: caseID)
            let vault = try personVault(db, id: summary.person, session: session)
            try CaseSeal.verify(db, caseID: caseID, vault: vault)
            let result = try body(db, summary, vault)
            if let seal = try CaseSeal.update(db, caseID: caseID, vault: vault) {
                try audit(db, session, action ?? "case.state", record: caseID, centre: summary.centre, state: seal)
            } else if let action {
                try audit(db, session, action, record: caseID, centre: summary.centre)
            }
            return result
        }
    }

    func activateIfOpen(_ db: Database, _ summary: CaseSummary, by user: String) throws {
        guard summary.status == .open else { return }
        try db.execute(sql: "UPDATE cases SET status = 'active', updated_on = ? WHERE id = ?", arguments: [Day.today(), summary.id])
        try recordEvent(db, caseID: summary.id, kind: "updated", by: user, from: .open, to: .active)
    }

    func insertNote(_ db: Database, caseID: String, text: PersonalText, vault: PersonVault, by user: String, on day: String) throws {
        let noteID = Ids.random(prefix: "N")
        try db.cachedStatement(sql: "INSERT INTO notes (id, case_id, author, created_on, body) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [noteID, caseID, user, day, try vault.seal(text, table: "notes", column: "body", row: noteID)])
    }

    func recordEvent(
        _ db: Database, caseID: String, kind: String, by user: String, from: CaseStatus?, to: CaseStatus?,
        detail: String? = nil, reason: PersonalText? = nil, vault: PersonVault? = nil, on day: String = Day.today()
    ) throws {
        let eventID = Ids.random(prefix: "E")
        let sealedReason = try reason.flatMap { $0.isBlank ? nil : try vault?.seal($0, table: "case_events", column: "reason", row: eventID) }
        try db.cachedStatement(sql: """
            INSERT INTO case_events (id, case_id, on_day, by_user, kind, from_status, to_status, detail, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [eventID, caseID, day, user, kind, from, to, detail, sealedReason])
    }
}

extension PersonFields {
    /// Takes every field set in `other`; returns whether anything changed.
    /// Replaces the single-valued fields given; lists change through `ListEdit`s only.
    mutating func merge(_ other: PersonFields) -> Bool {
        var changed = false
        func take<T>(_ keyPath: WritableKeyPath<PersonFields, T?>) {
            if let value = other[keyPath: keyPath] { self[keyPath: keyPath] = value; changed = true }
        }
        take(\.name)
        take(\.dateOfBirth)
        take(\.email)
        take(\.idNumber)
        take(\.passport)
        take(\.address)
        if let year = other.birthYear { birthYear = year; dateOfBirth = nil; changed = true }
        if other.dateOfBirth != nil { birthYear = nil }
        return changed
    }
}

extension Array where Element: Sendable {
    /// Adds what is not there yet and removes what is; removing a value the list does not hold
    /// is refused (`field` names it), so a mistyped removal is not silently nothing. Returns
    /// whether the list changed.
    mutating func apply(_ edit: ListEdit<Element>, field: InputField, same: (Element, Element) -> Bool) throws -> Bool {
        var changed = false
        for value in edit.remove {
            guard let index = firstIndex(where: { same($0, value) }) else { throw CaunoiError.invalid(field) }
            remove(at: index)
            changed = true
        }
        for value in edit.add where !contains(where: { same($0, value) }) {
            append(value)
            changed = true
        }
        return changed
    }
}
