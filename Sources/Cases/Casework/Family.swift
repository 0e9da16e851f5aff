import GRDB

public enum ChildSex: String, Sendable, CaseIterable, Codable {
    case female, male
}

/// A child of hers, as staff enter it. On an update, nil leaves a value as it is.
public struct ChildRecord: Sendable {
    public var name: PersonalText?
    /// `YYYY-MM-DD`; sealed.
    public var dateOfBirth: PersonalText?
    public var sex: ChildSex?
    /// A country code or name (as `Policy.country` accepts).
    public var birthCountry: String?
    /// `policy/codes/birth-registration.yaml`; "unknown" when a new child's is not given.
    public var birthRegistration: String?
    /// `policy/codes/nationality-status.yaml`; "unknown" when a new child's is not given.
    public var nationality: String?
    public var livesWithHer: Bool?
    /// The case's needs this child concerns (replacing the old list on an update).
    public var needs: [String]?

    public init() {}
}

public struct ChildView: Sendable {
    public let id: String
    public let name: PersonalText?
    public let dateOfBirth: PersonalText?
    public let sex: ChildSex?
    public let birthCountry: String?
    public let birthRegistration: String
    public let nationality: String
    public let livesWithHer: Bool?
    public let needs: [String]
    public let addedBy: String
    public let addedOn: String
}

public enum SpouseRelation: String, Sendable, CaseIterable, Codable {
    case spouse
    case formerSpouse = "former-spouse"
}

/// Her foreign spouse or former spouse. On an update, nil leaves a value as it is.
public struct SpouseRecord: Sendable {
    public var relation: SpouseRelation?
    public var nationality: String?
    public var name: PersonalText?
    public var contact: PersonalText?

    public init(relation: SpouseRelation? = nil) { self.relation = relation }
}

public struct SpouseView: Sendable {
    public let id: String
    public let relation: SpouseRelation
    public let nationality: String?
    public let name: PersonalText?
    public let contact: PersonalText?
}

extension CaseStore {
    /// Adds a child to her case: codes checked against policy, name and date of birth sealed,
    /// and the needs it concerns linked (each must be a need of the case).
    @discardableResult
    public func addChild(_ session: Session, policy: Policy, caseID: String, child: ChildRecord) throws -> String {
        let codes = try child.validated(policy)
        let childID = Ids.random(prefix: "F")
        try withCase(session, caseID, action: "case.child") { db, summary, vault in
            try db.execute(sql: """
                INSERT INTO children (id, case_id, sex, birth_country, birth_registration, nationality, lives_with_her, name, dob,
                                      added_by, added_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [childID, caseID, child.sex?.rawValue, codes.country, codes.registration ?? "unknown",
                                 codes.nationality ?? "unknown", child.livesWithHer,
                                 try vault.sealIfPresent(child.name.flatMap { $0.isBlank ? nil : $0 }, table: "children", column: "name", row: childID),
                                 try vault.sealIfPresent(child.dateOfBirth, table: "children", column: "dob", row: childID),
                                 session.user, Day.today(), Day.today()])
            try linkNeeds(db, summary, childID: childID, needs: child.needs ?? [])
        }
        return childID
    }

    /// Changes what is given of one of her children (a registration completed, the child
    /// moving to live with her); the needs given replace the old links.
    public func updateChild(_ session: Session, policy: Policy, caseID: String, childID: String, update: ChildRecord) throws {
        let codes = try update.validated(policy)
        try withCase(session, caseID, action: "case.child") { db, summary, vault in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM children WHERE id = ? AND case_id = ?", arguments: [childID, caseID]) != nil else {
                throw CaunoiError.invalid(.child)
            }
            var sets: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?) { sets.append("\(column) = ?"); arguments.append(value) }
            if let sex = update.sex { set("sex", sex.rawValue) }
            if let country = codes.country { set("birth_country", country) }
            if let registration = codes.registration { set("birth_registration", registration) }
            if let nationality = codes.nationality { set("nationality", nationality) }
            if let lives = update.livesWithHer { set("lives_with_her", lives) }
            if let name = update.name { set("name", try vault.seal(name, table: "children", column: "name", row: childID)) }
            if let dob = update.dateOfBirth { set("dob", try vault.seal(dob, table: "children", column: "dob", row: childID)) }
            if !sets.isEmpty {
                set("updated_on", Day.today())
                try db.execute(sql: "UPDATE children SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(arguments + [childID]))
            }
            if let needs = update.needs {
                try db.execute(sql: "DELETE FROM need_children WHERE child_id = ?", arguments: [childID])
                try linkNeeds(db, summary, childID: childID, needs: needs)
            }
        }
    }

    /// Adds her foreign spouse or former spouse: nationality plain, name and contact sealed.
    @discardableResult
    public func addSpouse(_ session: Session, policy: Policy, caseID: String, spouse: SpouseRecord) throws -> String {
        let nationality = try spouse.nationality.map { try policy.country($0, field: .nationality) }
        let spouseID = Ids.random(prefix: "S")
        try withCase(session, caseID, action: "case.spouse") { db, _, vault in
            try db.execute(sql: """
                INSERT INTO spouses (id, case_id, relation, nationality, name, contact, added_by, added_on, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [spouseID, caseID, (spouse.relation ?? .spouse).rawValue, nationality,
                                 try vault.sealIfPresent(spouse.name.flatMap { $0.isBlank ? nil : $0 }, table: "spouses", column: "name", row: spouseID),
                                 try vault.sealIfPresent(spouse.contact.flatMap { $0.isBlank ? nil : $0 }, table: "spouses", column: "contact", row: spouseID),
                                 session.user, Day.today(), Day.today()])
        }
        return spouseID
    }

    /// Changes what is given of her spouse (a divorce makes him her former spouse).
    public func updateSpouse(_ session: Session, policy: Policy, caseID: String, spouseID: String, update: SpouseRecord) throws {
        let nationality = try update.nationality.map { try policy.country($0, field: .nationality) }
        try withCase(session, caseID, action: "case.spouse") { db, _, vault in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM spouses WHERE id = ? AND case_id = ?", arguments: [spouseID, caseID]) != nil else {
                throw CaunoiError.invalid(.spouse)
            }
            var sets = ["updated_on = ?"]
            var arguments: [(any DatabaseValueConvertible)?] = [Day.today()]
            if let relation = update.relation { sets.append("relation = ?"); arguments.append(relation.rawValue) }
            if let nationality { sets.append("nationality = ?"); arguments.append(nationality) }
            if let name = update.name { sets.append("name = ?"); arguments.append(try vault.seal(name, table: "spouses", column: "name", row: spouseID)) }
            if let contact = update.contact {
                sets.append("contact = ?")
                arguments.append(try vault.seal(contact, table: "spouses", column: "contact", row: spouseID))
            }
            try db.execute(sql: "UPDATE spouses SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(arguments + [spouseID]))
        }
    }

    private func linkNeeds(_ db: Database, _ summary: CaseSummary, childID: String, needs: [String]) throws {
        for need in Set(needs) {
            guard summary.needs.contains(need) else { throw CaunoiError.invalid(.need) }
            try db.execute(sql: "INSERT INTO need_children (case_id, need, child_id) VALUES (?, ?, ?)", arguments: [summary.id, need, childID])
        }
    }

    func loadChildren(_ db: Database, caseID: String, vault: PersonVault?) throws -> [ChildView] {
        var needs: [String: [String]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT child_id, need FROM need_children WHERE case_id = ? ORDER BY need"),
                                    arguments: [caseID]) {
            needs[row["child_id"], default: []].append(row["need"])
        }
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM children WHERE case_id = ? ORDER BY rowid"), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return ChildView(id: id, name: try vault?.openIfPresent(row.optionalBytes("name"), table: "children", column: "name", row: id),
                             dateOfBirth: try vault?.openIfPresent(row.optionalBytes("dob"), table: "children", column: "dob", row: id),
                             sex: (row["sex"] as String?).flatMap(ChildSex.init(rawValue:)), birthCountry: row["birth_country"],
                             birthRegistration: row["birth_registration"], nationality: row["nationality"],
                             livesWithHer: row["lives_with_her"], needs: needs[id] ?? [], addedBy: row["added_by"], addedOn: row["added_on"])
        }
    }

    func loadSpouses(_ db: Database, caseID: String, vault: PersonVault?) throws -> [SpouseView] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM spouses WHERE case_id = ? ORDER BY rowid"), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return SpouseView(id: id, relation: SpouseRelation(rawValue: row["relation"]) ?? .spouse, nationality: row["nationality"],
                              name: try vault?.openIfPresent(row.optionalBytes("name"), table: "spouses", column: "name", row: id),
                              contact: try vault?.openIfPresent(row.optionalBytes("contact"), table: "spouses", column: "contact", row: id))
        }
    }
}

extension ChildRecord {
    /// The codes checked against policy (nil where not given); a date of birth must be a real
    /// day, from 1900 up to today.
    func validated(_ policy: Policy) throws -> (country: String?, registration: String?, nationality: String?) {
        if let dob = dateOfBirth {
            guard Day.isValid(dob.revealed) else { throw CaunoiError.invalidDate(.dob) }
            guard dob.revealed >= "1900-01-01", dob.revealed <= Now.vietnamToday() else { throw CaunoiError.implausibleDate(.dob) }
        }
        return (try birthCountry.map { try policy.country($0, field: .birthCountry) }, try birthRegistration.map(policy.birthRegistration.validate),
                try nationality.map(policy.nationalityStatus.validate))
    }
}

extension Policy {
    /// A country as `country(_:)` reads it; one it does not know is refused as the value of
    /// `field` (a family form has no destination field to show the code list's refusal beside).
    func country(_ input: String, field: InputField) throws -> String {
        do { return try country(input) } catch CaunoiError.unknownCode { throw CaunoiError.invalid(field) }
    }
}
