import Foundation
import CaunoiCrypto
import GRDB

/// The result of `case import`.
public struct ImportSummary: Sendable, Equatable {
    public let imported: Int
    public let persons: Int
}

/// Bulk intake: every row is validated first (line and column named on the first error), then
/// everything is written in one transaction, so a bad row or a failure midway writes nothing.
public enum CaseImport {
    /// Accepted columns: the long flags of `case open` plus `person-ref` and `opened-on`.
    static let columns: Set<String> = [
        "programme", "name", "other-name", "dob", "birth-year", "phone", "email", "id-number", "passport", "address",
        "origin-province", "destination", "migration", "need", "risk", "safe-contact", "note", "person", "association",
        "request", "person-ref", "opened-on",
    ]
    static let personalColumns = ["name", "other-name", "dob", "birth-year", "phone", "email", "id-number", "passport", "address"]

    /// Turns one row into a validated intake, naming the column of the first problem.
    /// `continuesPerson` marks a later row of an earlier `person-ref`: her name is already known.
    static func intake(_ row: ImportRow, policy: Policy, continuesPerson: Bool = false) throws -> CaseIntake {
        func fail(_ column: String, _ problem: ImportProblem) -> CaunoiError {
            .importFailed(line: row.line, column: column, reason: problem)
        }
        func one(_ column: String) -> String? { row.values[column]?.first }
        func code(_ column: String, _ check: (String) throws -> String) throws -> String? {
            guard let value = one(column) else { return nil }
            do { return try check(value) } catch { throw fail(column, .unknownCode(value)) }
        }
        guard let programmeText = one("programme") else { throw fail("programme", .missing) }
        guard let programme = Programme(rawValue: programmeText) else { throw fail("programme", .unknownCode(programmeText)) }
        var intake = CaseIntake(programme: programme)
        intake.existingPersonID = one("person")
        if let name = one("name") {
            intake.person.name = PersonalText(name)
        } else if intake.existingPersonID == nil && !continuesPerson {
            throw fail("name", .missing)
        }
        intake.person.otherNames = (row.values["other-name"] ?? []).map(PersonalText.init)
        // Control and direction-override characters, in any column (a newline only in notes).
        for (column, values) in row.values {
            let multiLine = column == "note" || column == "safe-contact"
            for value in values where !ControlCharacters.isClean(value, allowNewline: multiLine) {
                throw fail(column, .forbiddenCharacters)
            }
        }
        if let opened = one("opened-on") {
            guard Day.isValid(opened) else { throw fail("opened-on", .invalidDate) }
            guard Plausible.openingDay(opened) else { throw fail("opened-on", .implausibleDate) }
        }
        if let dob = one("dob") {
            guard Day.isValid(dob) else { throw fail("dob", .invalidDate) }
            guard Plausible.birthDay(dob, openedOn: one("opened-on") ?? Day.today()) else { throw fail("dob", .implausibleDate) }
            intake.person.dateOfBirth = PersonalText(dob)
        }
        if let year = one("birth-year") {
            guard let value = Int(year), (1900...2100).contains(value) else { throw fail("birth-year", .invalidValue) }
            if intake.person.dateOfBirth != nil { throw fail("birth-year", .invalidValue) }
            intake.person.birthYear = value
        }
        intake.person.phones = (row.values["phone"] ?? []).map(PersonalText.init)
        intake.person.email = one("email").map(PersonalText.init)
        intake.person.idNumber = one("id-number").map(PersonalText.init)
        intake.person.passport = one("passport").map(PersonalText.init)
        intake.person.address = one("address").map(PersonalText.init)
        intake.originProvince = try code("origin-province", policy.province)
        intake.destination = try code("destination", policy.country)
        intake.migration = try code("migration") { try policy.migrationTypes.validate($0) }
        for need in row.values["need"] ?? [] where !policy.needs.contains(need) { throw fail("need", .unknownCode(need)) }
        intake.needs = Array(Set(row.values["need"] ?? [])).sorted()
        if let risk = one("risk") {
            guard let level = RiskLevel(rawValue: risk) else { throw fail("risk", .unknownCode(risk)) }
            intake.risk = level
        }
        intake.safeContact = one("safe-contact").map(PersonalText.init)
        intake.note = one("note").map(PersonalText.init)
        intake.associationID = one("association")
        if programme == .association {
            guard intake.associationID != nil else { throw fail("association", .missing) }
            guard one("request") != nil else { throw fail("request", .missing) }
        } else if one("request") != nil {
            throw fail("request", .invalidValue)
        }
        intake.supportRequest = try code("request") { try policy.supportRequests.validate($0) }
        if let opened = one("opened-on") {
            guard Day.isValid(opened) else { throw fail("opened-on", .invalidDate) }
            intake.openedOn = opened
        }
        return intake
    }

    /// Validates every row in file order, so the first bad line is the one reported. Rows
    /// sharing a `person-ref` are one person: later rows may repeat her personal values or
    /// leave them empty, but not contradict the first row.
    static func intakes(_ rows: [ImportRow], policy: Policy) throws -> [CaseIntake] {
        var first: [String: ImportRow] = [:]
        return try rows.map { row in
            var continues = false
            if let ref = row.values["person-ref"]?.first {
                if let earlier = first[ref] {
                    continues = true
                    for column in personalColumns {
                        if let value = row.values[column], value != earlier.values[column] {
                            throw CaunoiError.importFailed(line: row.line, column: column, reason: .conflictsWithEarlierRow)
                        }
                    }
                } else {
                    first[ref] = row
                }
            }
            return try intake(row, policy: policy, continuesPerson: continues)
        }
    }
}

extension CaseStore {
    /// Imports a file into the acting user's centre. `progress` is called with rows written.
    /// The same file imported again into the same centre is refused unless `again`: a killed
    /// import that had in fact committed must not double every woman in it.
    public func importCases(
        _ session: Session, policy: Policy, data: Data, format: ImportFormat, dryRun: Bool, again: Bool = false,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try session.require(.counsellor, .manager)
        let rows = try ImportParser.rows(data, format: format)
        let intakes = try CaseImport.intakes(rows, policy: policy)
        let refs = rows.map { $0.values["person-ref"]?.first }
        let personCount = Set(zip(rows.indices, refs).map { index, ref in
            ref ?? rows[index].values["person"]?.first ?? "#row\(index)"
        }).count
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        let centreCode = session.centre ?? ""
        _ = try session.currentCentreKey(centreCode)
        let fingerprint = try BLAKE2b.hash([UInt8](data), key: KeyDerivation.subkey(of: session.indexKey(), label: "import.fingerprint"),
                                           outputByteCount: 32)
        if !again, let day = try read({ db in
            try String.fetchOne(db, sql: "SELECT imported_on FROM imports WHERE centre = ? AND fingerprint = ?", arguments: [centreCode, fingerprint.blob])
        }) { throw CaunoiError.alreadyImported(on: day) }
        if dryRun { return ImportSummary(imported: intakes.count, persons: personCount) }
        try write { db in
            let centre = try self.centre(db, centreCode)
            try db.execute(sql: """
                INSERT INTO imports (centre, fingerprint, imported_on, by_user, cases) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(centre, fingerprint) DO UPDATE SET imported_on = excluded.imported_on, by_user = excluded.by_user, cases = excluded.cases
                """, arguments: [centre.code, fingerprint.blob, Day.today(), session.user, intakes.count])
            try audit(db, session, "case.import", record: "\(intakes.count) cases", centre: centre.code)
            var persons: [String: (String, PersonVault, PersonFields)] = [:]
            for (index, intake) in intakes.enumerated() {
                let openedOn = intake.openedOn ?? Day.today()
                let personID: String
                let vault: PersonVault
                let fields: PersonFields
                if let ref = refs[index], let known = persons[ref] {
                    (personID, vault, fields) = known
                } else if let existing = intake.existingPersonID {
                    let opened: (PersonVault, PersonFields, centre: String)
                    do { opened = try openPerson(db, id: existing, session: session) } catch {
                        throw CaunoiError.importFailed(line: rows[index].line, column: "person", reason: .invalidValue)
                    }
                    guard opened.centre == centre.code else { throw CaunoiError.notYourCentre }
                    (personID, vault, fields) = (existing, opened.0, opened.1)
                } else {
                    fields = intake.person
                    (personID, vault) = try insertPerson(db, fields: fields, centre: centre, session: session, indexer: indexer)
                }
                if let ref = refs[index] { persons[ref] = (personID, vault, fields) }
                if let association = intake.associationID {
                    do { try requireAssociation(db, association) } catch {
                        throw CaunoiError.importFailed(line: rows[index].line, column: "association", reason: .unknownCode(association))
                    }
                }
                let caseID = try insertCase(db, intake: intake, personID: personID, vault: vault, centre: centre.code,
                                            openedOn: openedOn, ageBand: fields.ageBand(on: openedOn, policy: policy), by: session.user)
                try CaseSeal.update(db, caseID: caseID, vault: vault)
                progress?(index + 1, intakes.count)
            }
        }
        try checkpoint()
        return ImportSummary(imported: intakes.count, persons: personCount)
    }
}
