import Foundation
import GRDB

extension CaseStore {
    /// Brings the policy's starter directory into the database. Agencies added or imported by
    /// users are never overwritten; policy rows follow the reviewed file.
    func syncPolicyAgencies(_ db: Database, policy: Policy) throws {
        let local = Set(try String.fetchAll(db, sql: "SELECT id FROM agencies WHERE source <> 'policy'"))
        for agency in policy.agencies where !local.contains(agency.id) {
            try saveAgency(db, agency, source: "policy")
        }
    }

    /// Inserts or replaces one agency with its codes.
    func saveAgency(_ db: Database, _ agency: Agency, source: String) throws {
        try db.execute(sql: "DELETE FROM agency_codes WHERE agency_id = ?", arguments: [agency.id])
        try db.execute(sql: """
            INSERT INTO agencies (id, name, name_en, kind, website, email, phone, address, description, public_key, source, language, name_vi)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, kind = excluded.kind,
                website = excluded.website, email = excluded.email, phone = excluded.phone, address = excluded.address,
                description = excluded.description, public_key = excluded.public_key, source = excluded.source,
                language = excluded.language, name_vi = excluded.name_vi
            """, arguments: [agency.id, agency.name, agency.nameEn, agency.kind, agency.website, agency.email, agency.phone,
                             agency.kind == .shelter ? nil : agency.address, agency.description, agency.publicKey?.blob, source,
                             agency.language.rawValue, agency.nameVi])
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO agency_codes (agency_id, kind, code) VALUES (?, ?, ?)")
        for (kind, codes) in [("service", agency.services), ("province", agency.provinces), ("country", agency.countries)] {
            for code in codes { try insert.execute(arguments: [agency.id, kind, code]) }
        }
    }

    /// Adds (or replaces) an agency by hand. Managers, central officers and admins keep the
    /// directory; every code is checked against policy.
    public func addAgency(_ session: Session, policy: Policy, agency: Agency) throws {
        try session.require(.manager, .central, .admin)
        try Agency.validate(id: agency.id)
        // A key nobody could seal to (all zeros, a low-order point) is refused when added, not
        // at the first send.
        if let key = agency.publicKey, !Agency.isUsable(publicKey: key) { throw CaunoiError.invalid(.publicKey) }
        for code in agency.services { _ = try policy.needs.validate(code) }
        var checked = agency
        checked.provinces = try agency.provinces.map(policy.province)
        checked.countries = try agency.countries.map(policy.country)
        try write { db in
            let (_, me) = try trusted(db, session)
            try syncPolicyAgencies(db, policy: policy)
            try saveAgency(db, checked, source: "added")
            try certifyAgency(db, checked, by: Signer.user(session), issuer: me)
            try audit(db, session, "agency.add", record: checked.id)
        }
    }

    /// The agency a referral goes to, as reviewed: a directory row of policy must be what the
    /// policy file says; one added or imported by staff must match its newest signed
    /// certificate in kind and key. Anything else is an integrity failure naming it: the kind
    /// decides what consent covers, the key who can read the packet.
    func trustedAgency(_ db: Database, _ session: Session, policy: Policy, id: String) throws -> Agency {
        guard let agency = try loadAgencies(db).first(where: { $0.id == id }) else { throw CaunoiError.agencyNotFound(id) }
        let source = try String.fetchOne(db, sql: "SELECT source FROM agencies WHERE id = ?", arguments: [id])
        let expected: (kind: String, key: [UInt8]?)
        if source == "policy" {
            guard let reviewed = policy.agencies.first(where: { $0.id == id }) else { throw CaunoiError.integrityFailure(record: "agency \(id)") }
            expected = (reviewed.kind.rawValue, reviewed.publicKey)
        } else {
            let (trust, _) = try trusted(db, session)
            guard let certificate = try trust.latest(.agency, id), let kind = certificate.agencyKind else {
                throw CaunoiError.integrityFailure(record: "agency \(id)")
            }
            expected = (kind, certificate.boxPublic)
        }
        guard agency.kind.rawValue == expected.kind else { throw CaunoiError.integrityFailure(record: "agency \(id) (agencies.kind)") }
        guard agency.publicKey == expected.key else { throw CaunoiError.integrityFailure(record: "agency \(id) (agencies.public_key)") }
        return agency
    }

    /// The partner directory, for any user whose session still stands.
    public func agencies(_ session: Session, policy: Policy, kind: AgencyKind? = nil, service: String? = nil) throws -> [Agency] {
        try write { db in
            try session.requireStillValid(db)
            try syncPolicyAgencies(db, policy: policy)
            return try loadAgencies(db).filter { agency in
                (kind.map { agency.kind == $0 } ?? true) && (service.map { agency.services.contains($0) } ?? true)
            }
        }
    }

    /// Ids and names of the directory as it stands, read only (no policy sync): the choices a
    /// page offers on every view, without a write transaction each time.
    public func agencyNames(_ session: Session) throws -> [(id: String, name: String)] {
        try read { db in
            try session.requireStillValid(db)
            return try Row.fetchAll(db, sql: "SELECT id, name FROM agencies ORDER BY name").map { (id: $0["id"], name: $0["name"]) }
        }
    }

    public func agency(_ session: Session, policy: Policy, id: String) throws -> Agency {
        guard let agency = try agencies(session, policy: policy).first(where: { $0.id == id }) else { throw CaunoiError.agencyNotFound(id) }
        return agency
    }

    func loadAgencies(_ db: Database) throws -> [Agency] {
        var codes: [String: [String: [String]]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT agency_id, kind, code FROM agency_codes ORDER BY agency_id, kind, code") {
            codes[row["agency_id"], default: [:]][row["kind"], default: []].append(row["code"])
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM agencies ORDER BY id").map { row in
            var agency = Agency(id: row["id"], name: row["name"], kind: AgencyKind(rawValue: row["kind"]) ?? .ngo)
            agency.nameEn = row["name_en"]
            agency.language = Language(rawValue: row["language"]) ?? .vi
            agency.nameVi = row["name_vi"]
            agency.website = row["website"]
            agency.email = row["email"]
            agency.phone = row["phone"]
            agency.address = row["address"]
            agency.description = row["description"]
            agency.publicKey = row.optionalBytes("public_key")
            agency.services = codes[agency.id]?["service"] ?? []
            agency.provinces = codes[agency.id]?["province"] ?? []
            agency.countries = codes[agency.id]?["country"] ?? []
            return agency
        }
    }

    /// Replaces nothing unless every organisation in the file is valid: all or nothing. An
    /// import never changes an agency already in the directory in kind or key (that is what
    /// decides what consent covers and who reads the packet): such a file is refused, naming
    /// the agency; `agency add` changes one deliberately.
    public func importAgencies(_ session: Session, policy: Policy, agencies: [Agency]) throws -> Int {
        try session.require(.manager, .central, .admin)
        for agency in agencies {
            try Agency.validate(id: agency.id)
            for code in agency.services { _ = try policy.needs.validate(code) }
            for code in agency.provinces { _ = try policy.province(code) }
            for code in agency.countries { _ = try policy.country(code) }
        }
        return try write { db in
            let (_, me) = try trusted(db, session)
            try syncPolicyAgencies(db, policy: policy)
            let existing = Dictionary(try loadAgencies(db).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for agency in agencies {
                if let known = existing[agency.id] {
                    if known.kind != agency.kind { throw CaunoiError.agencyConflict(agency: agency.id, field: "kind") }
                    if known.publicKey != agency.publicKey { throw CaunoiError.agencyConflict(agency: agency.id, field: "public_key") }
                }
                try saveAgency(db, agency, source: "hsds")
                try certifyAgency(db, agency, by: Signer.user(session), issuer: me)
            }
            try audit(db, session, "agency.import", record: "\(agencies.count) agencies")
            return agencies.count
        }
    }
}
