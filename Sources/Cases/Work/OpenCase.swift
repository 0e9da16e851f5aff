import Foundation
import GRDB

/// The answer to `case open`.
public struct OpenedCase: Sendable, Equatable {
    public let id: String
    public let person: String
    /// Cases the user may read whose person shares a name, phone, ID or passport number.
    public let possibleDuplicates: [String]
}

extension CaseStore {
    /// Opens a case for a new or existing person in the acting user's centre, assigned to the
    /// user who opens it (a manager may reassign it).
    public func openCase(_ session: Session, policy: Policy, intake raw: CaseIntake) throws -> OpenedCase {
        try session.require(.counsellor, .manager)
        let intake = try raw.validated(policy)
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        return try write { db in
            let centre = try self.centre(db, session.centre ?? "")
            let openedOn = intake.openedOn ?? Day.today()
            let personID: String
            let vault: PersonVault
            let fields: PersonFields
            var duplicates: [String] = []
            if let existing = intake.existingPersonID {
                let opened = try openPerson(db, id: existing, session: session)
                guard opened.centre == centre.code else { throw CaunoiError.notYourCentre }
                (personID, vault, fields) = (existing, opened.0, opened.1)
            } else {
                fields = intake.person
                (personID, vault) = try insertPerson(db, fields: fields, centre: centre, session: session, indexer: indexer)
                duplicates = try possibleDuplicates(db, of: fields, excluding: personID, session: session, indexer: indexer)
            }
            let caseID = try insertCase(db, intake: intake, personID: personID, vault: vault, centre: centre.code,
                                        openedOn: openedOn, ageBand: fields.ageBand(on: openedOn, policy: policy), by: session.user,
                                        assignedTo: session.user)
            try audit(db, session, "case.open", record: caseID, centre: centre.code, state: CaseSeal.update(db, caseID: caseID, vault: vault))
            return OpenedCase(id: caseID, person: personID, possibleDuplicates: duplicates)
        }
    }

    /// Inserts the case row, its needs, the "opened" event and the first note.
    func insertCase(
        _ db: Database, intake: CaseIntake, personID: String, vault: PersonVault, centre: String,
        openedOn: String, ageBand: String?, by user: String, assignedTo: String? = nil
    ) throws -> String {
        if let association = intake.associationID { try requireAssociation(db, association) }
        let caseID = try nextCaseID(db, centre: centre, year: Day.year(openedOn) ?? 0)
        try db.cachedStatement(sql: """
            INSERT INTO cases (id, person_id, centre, programme, status, risk, origin_province, destination, migration,
                               age_band, association_id, support_request, opened_on, safe_contact, created_by, updated_on, assigned_to)
            VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [caseID, personID, centre, intake.programme, intake.risk, intake.originProvince, intake.destination,
                             intake.migration, ageBand, intake.associationID, intake.supportRequest, openedOn,
                             try vault.sealIfPresent(intake.safeContact, table: "cases", column: "safe_contact", row: caseID),
                             user, Day.today(), assignedTo])
        try replaceNeeds(db, caseID: caseID, needs: intake.needs)
        try recordEvent(db, caseID: caseID, kind: "opened", by: user, from: nil, to: .open, on: openedOn)
        if let note = intake.note, !note.isBlank {
            try insertNote(db, caseID: caseID, text: note, vault: vault, by: user, on: openedOn)
        }
        return caseID
    }

    func replaceNeeds(_ db: Database, caseID: String, needs: [String]) throws {
        try db.cachedStatement(sql: "DELETE FROM case_needs WHERE case_id = ?").execute(arguments: [caseID])
        let insert = try db.cachedStatement(sql: "INSERT INTO case_needs (case_id, need) VALUES (?, ?)")
        for need in needs { try insert.execute(arguments: [caseID, need]) }
    }

    /// Readable, unique ids free of personal data: centre, year of opening, sequence.
    func nextCaseID(_ db: Database, centre: String, year: Int) throws -> String {
        let sequence = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO case_sequences (centre, year, last) VALUES (?, ?, 1)
            ON CONFLICT(centre, year) DO UPDATE SET last = last + 1
            RETURNING last
            """), arguments: [centre, year]) ?? 1
        let digits = String(sequence)
        return "\(centre)-\(year)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }
}
