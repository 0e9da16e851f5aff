import Foundation
import GRDB

extension CaseStore {
    /// Registers an association, kept by the acting user's centre: its contact data is sealed
    /// under a DEK of its own wrapped under that centre's key. Returns the new id (`A-…`).
    public func addAssociation(_ session: Session, policy: Policy, input raw: AssociationInput) throws -> String {
        try session.require(.counsellor, .manager)
        let input = try raw.validated(policy)
        guard let name = input.name else { throw CaunoiError.missing(.name) }
        guard let country = input.country else { throw CaunoiError.missing(.country) }
        if input.reason != nil { throw CaunoiError.unexpected(.reason) }
        let status = input.status ?? .active
        return try write { db in
            let centre = try self.centre(db, session.centre ?? "")
            let id = Ids.random(prefix: "A")
            let vault = PersonVault.create(personID: id, dekTable: "associations")
            let (centreKey, version) = try session.currentCentreKey(centre.code)
            let wrapped = try vault.wrapped(centreKey: centreKey, version: version)
            let sealed = try Self.seal(input.contact, vault: vault, row: id)
            try db.execute(sql: """
                INSERT INTO associations (id, centre, name, country, city, founded, status, members, website, centre_key_version,
                                          wrapped_dek, contact_name, contact_phone, contact_email, note, created_on, created_by, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments([id, centre.code, name, country, input.city, input.founded, status, input.members,
                                                    input.website, version, wrapped] + sealed + [Day.today(), session.user, Day.today()]))
            try recordAssociationEvent(db, id: id, kind: "registered", by: session.user, from: nil, to: status)
            try audit(db, session, "association.add", record: id, centre: centre.code)
            return id
        }
    }

    /// Changes an association (staff of the centre that keeps it). A status change is checked
    /// (`AssociationStatus.canBecome`) and kept as history with its reason.
    public func updateAssociation(_ session: Session, policy: Policy, id: String, input raw: AssociationInput) throws {
        let input = try raw.validated(policy)
        try withAssociation(session, id) { db, summary, vault in
            var sets: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            for (column, value) in [("name", input.name), ("country", input.country), ("city", input.city), ("founded", input.founded),
                                    ("website", input.website)] as [(String, String?)] {
                if let value { sets.append("\(column) = ?"); arguments.append(value) }
            }
            if let members = input.members { sets.append("members = ?"); arguments.append(members) }
            for (column, value) in zip(AssociationContact.columns, input.contact.values) {
                if let value { sets.append("\(column) = ?"); arguments.append(try vault.seal(value, table: "associations", column: column, row: id)) }
            }
            let reopening = summary.status == .dissolved && input.status != nil && input.status != .dissolved
            if input.reason != nil, !reopening { throw CaunoiError.conflicting(.reason, .status) }
            var moved = false
            if let next = input.status, next != summary.status {
                guard summary.status.canBecome(next, withReason: input.reason.map { !$0.isBlank } ?? false) else {
                    throw CaunoiError.invalidAssociationTransition(association: id, from: summary.status.rawValue, to: next.rawValue)
                }
                sets.append("status = ?")
                arguments.append(next)
                moved = true
            }
            guard !sets.isEmpty else { throw CaunoiError.nothingToUpdate }
            try db.execute(sql: "UPDATE associations SET \(sets.joined(separator: ", ")), updated_on = ? WHERE id = ?",
                           arguments: StatementArguments(arguments + [Day.today(), id]))
            if sets.count > (moved ? 1 : 0) { try recordAssociationEvent(db, id: id, kind: "updated", by: session.user, from: nil, to: nil) }
            if moved {
                try recordAssociationEvent(db, id: id, kind: "status", by: session.user, from: summary.status, to: input.status,
                                           reason: input.reason, vault: vault)
            }
            try audit(db, session, "association.update", record: id, centre: summary.centre)
        }
    }

    /// Records one activity the association reported (staff of the centre that keeps it).
    public func recordActivity(
        _ session: Session, policy: Policy, id: String, on day: String, kind: String, participants: Int?, note: PersonalText?
    ) throws -> String {
        guard Day.isValid(day) else { throw CaunoiError.invalidDate(.date) }
        let kind = try policy.activityKinds.validate(kind)
        if let participants, participants < 0 { throw CaunoiError.invalid(.participants) }
        return try withAssociation(session, id) { db, summary, vault in
            let activityID = Ids.random(prefix: "V")
            let sealed = try note.flatMap { $0.isBlank ? nil : try vault.seal($0, table: "association_activities", column: "note", row: activityID) }
            try db.execute(sql: """
                INSERT INTO association_activities (id, association_id, on_day, kind, participants, note, created_by, created_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [activityID, id, day, kind, participants, sealed, session.user, Day.today()])
            try audit(db, session, "association.activity", record: id, centre: summary.centre)
            return activityID
        }
    }

    /// Associations' plain data, for staff and central officers.
    public func associations(_ session: Session, policy: Policy, country: String?, status: AssociationStatus?) throws -> [AssociationSummary] {
        try session.require(.counsellor, .manager, .central)
        let country = try country.map(policy.country)
        return try write { db in
            try audit(db, session, "association.list")
            return try Row.fetchAll(db, sql: """
                SELECT \(AssociationSummary.columns) FROM associations
                WHERE (? IS NULL OR country = ?) AND (? IS NULL OR status = ?) ORDER BY country, name, id
                """, arguments: [country, country, status, status]).map(AssociationSummary.init(row:))
        }
    }

    /// One association's page. Contact, notes and reasons open only for the staff of the
    /// centre that keeps it; linked cases are listed only where the reader holds their
    /// centre's key.
    public func showAssociation(_ session: Session, id: String) throws -> AssociationView {
        try session.require(.counsellor, .manager, .central)
        return try write { db in
            let summary = try AssociationSummary.fetch(db, id: id)
            let vault = session.role.worksCases && session.centre == summary.centre ? try associationVault(db, id: id, session: session) : nil
            let contact = try vault.map { vault in
                guard let row = try Row.fetchOne(db, sql: "SELECT contact_name, contact_phone, contact_email, note FROM associations WHERE id = ?",
                                                 arguments: [id]) else { throw CaunoiError.associationNotFound(id) }
                let opened = try AssociationContact.columns.map { column in
                    try vault.openIfPresent(row.optionalBytes(column), table: "associations", column: column, row: id)
                }
                var contact = AssociationContact()
                (contact.name, contact.phone, contact.email, contact.note) = (opened[0], opened[1], opened[2], opened[3])
                return contact
            }
            let history = try Row.fetchAll(db, sql: "SELECT * FROM association_events WHERE association_id = ? ORDER BY rowid", arguments: [id]).map { row in
                EventView(on: row["on_day"], by: row["by_user"], kind: row["kind"], from: row["from_status"], to: row["to_status"], detail: nil,
                          reason: try vault?.openIfPresent(row.optionalBytes("reason"), table: "association_events", column: "reason", row: row["id"]))
            }
            let activities = try Row.fetchAll(db, sql: "SELECT * FROM association_activities WHERE association_id = ? ORDER BY on_day, rowid",
                                              arguments: [id]).map { row in
                AssociationActivity(id: row["id"], on: row["on_day"], kind: row["kind"], participants: row["participants"], by: row["created_by"],
                                    note: try vault?.openIfPresent(row.optionalBytes("note"), table: "association_activities", column: "note", row: row["id"]))
            }
            let readable = Array(session.readableCentres)
            let cases = readable.isEmpty ? [] : try Row.fetchAll(db, sql: """
                SELECT id, centre, programme, status, support_request FROM cases
                WHERE association_id = ? AND centre IN (\(readable.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
                """, arguments: StatementArguments([id] + readable)).map { row in
                LinkedCase(id: row["id"], centre: row["centre"], programme: row["programme"], status: row["status"],
                           supportRequest: row["support_request"])
            }
            try audit(db, session, "association.read", record: id, centre: summary.centre)
            return AssociationView(summary: summary, contact: contact, history: history, activities: activities, cases: cases)
        }
    }

    // MARK: - Shared steps

    /// Runs a change on an association of the session's own centre, with its DEK open.
    private func withAssociation<T>(_ session: Session, _ id: String, _ body: (Database, AssociationSummary, PersonVault) throws -> T) throws -> T {
        try session.require(.counsellor, .manager)
        return try write { db in
            let summary = try AssociationSummary.fetch(db, id: id)
            guard summary.centre == session.centre else { throw CaunoiError.notYourCentre }
            return try body(db, summary, associationVault(db, id: id, session: session))
        }
    }

    private func associationVault(_ db: Database, id: String, session: Session) throws -> PersonVault {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.centre, c.key_version, a.wrapped_dek FROM associations a JOIN centres c ON c.code = a.centre WHERE a.id = ?
            """, arguments: [id]) else { throw CaunoiError.associationNotFound(id) }
        return try PersonVault.open(personID: id, wrapped: row.bytes("wrapped_dek"), session: session, centre: row["centre"],
                                    currentVersion: row["key_version"], dekTable: "associations")
    }

    /// Refuses a link to an association that does not exist.
    func requireAssociation(_ db: Database, _ id: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM associations WHERE id = ?)", arguments: [id]) ?? false else {
            throw CaunoiError.associationNotFound(id)
        }
    }

    private static func seal(_ contact: AssociationContact, vault: PersonVault, row: String) throws -> [(any DatabaseValueConvertible)?] {
        try zip(AssociationContact.columns, contact.values).map { column, value in
            try value.flatMap { $0.isBlank ? nil : try vault.seal($0, table: "associations", column: column, row: row) }
        }
    }

    private func recordAssociationEvent(
        _ db: Database, id: String, kind: String, by user: String, from: AssociationStatus?, to: AssociationStatus?,
        reason: PersonalText? = nil, vault: PersonVault? = nil
    ) throws {
        let eventID = Ids.random(prefix: "E")
        let sealed = try reason.flatMap { $0.isBlank ? nil : try vault?.seal($0, table: "association_events", column: "reason", row: eventID) }
        try db.execute(sql: """
            INSERT INTO association_events (id, association_id, on_day, by_user, kind, from_status, to_status, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [eventID, id, Day.today(), user, kind, from, to, sealed])
    }
}

extension AssociationInput {
    /// Checks the plain fields (country against policy, founding date, counts, website).
    func validated(_ policy: Policy) throws -> AssociationInput {
        var copy = self
        func text(_ value: String?, field: InputField, limit: Int) throws -> String? {
            guard let value else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= limit else { throw CaunoiError.invalid(field) }
            return trimmed
        }
        copy.name = try text(name, field: .name, limit: 200)
        copy.city = try text(city, field: .city, limit: 100)
        copy.country = try country.map(policy.country)
        if let founded {
            let parts = founded.split(separator: "-", omittingEmptySubsequences: false)
            let year = parts.first.flatMap { $0.count == 4 ? Int($0) : nil }
            let month = parts.count == 2 ? (parts[1].count == 2 ? Int(parts[1]) : nil) : 1
            guard parts.count <= 2, let year, (1900...2100).contains(year), let month, (1...12).contains(month) else {
                throw CaunoiError.invalidDate(.founded)
            }
        }
        if let members, members < 0 { throw CaunoiError.invalid(.members) }
        if let website {
            copy.website = try text(website, field: .website, limit: 300)
            guard copy.website?.hasPrefix("https://") == true || copy.website?.hasPrefix("http://") == true else {
                throw CaunoiError.invalid(.website)
            }
        }
        return copy
    }
}
