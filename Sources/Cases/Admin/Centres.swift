import CaunoiCrypto
import Foundation
import GRDB

/// A counselling centre or office; plain organisational data.
public struct Centre: Sendable, Equatable, Codable {
    public let code: String
    public let name: String
    public let province: String
    public let kind: CentreKind
    public let keyVersion: Int
}

extension CaseStore {
    /// Admin only. The centre key is created here and wrapped for the recovery key only:
    /// the admin never holds it.
    public func addCentre(_ session: Session, code: String, name: String, province: String, kind: CentreKind) throws -> Centre {
        try session.require(.admin)
        let valid = (2...24).contains(code.count) && code.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        guard valid else { throw CaunoiError.invalid(.centreCode) }
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw CaunoiError.missing(.centreName) }
        let key = SecureBytes.random(count: 32)
        let index = SecureBytes.random(count: 32)
        return try write { db in
            guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM centres WHERE code = ?)", arguments: [code]) ?? false) else {
                throw CaunoiError.invalid(.centreCode)
            }
            try db.execute(sql: "INSERT INTO centres (code, name, province, kind, key_version, created_on) VALUES (?, ?, ?, ?, 1, ?)",
                           arguments: [code, name, province, kind, Day.today()])
            let (trust, me) = try trusted(db, session)
            let signer = try Signer.user(session)
            try certifyCentre(db, code: code, version: 1, key: key, indexPublic: KeyCommitment.publicValue(of: index, .centreIndex(code)),
                              by: signer, issuer: me)
            try wrapForRecovery(db, trust, key: key, id: .centre(code, version: 1), by: signer)
            try wrapForRecovery(db, trust, key: index, id: .centreIndex(code), by: signer)
            try audit(db, session, "centre.add", record: code, centre: code)
            return Centre(code: code, name: name, province: province, kind: kind, keyVersion: 1)
        }
    }

    /// The centres, for any user whose session still stands (their codes and names are
    /// what every form offers).
    public func centres(_ session: Session) throws -> [Centre] {
        try read { db in
            try session.requireStillValid(db)
            return try Centre.fetchAll(db)
        }
    }

    func centre(_ db: Database, _ code: String) throws -> Centre {
        guard let centre = try Centre.fetch(db, code: code) else { throw CaunoiError.centreNotFound(code) }
        return centre
    }
}

extension Centre {
    static func fetchAll(_ db: Database) throws -> [Centre] {
        try Row.fetchAll(db, sql: "SELECT code, name, province, kind, key_version FROM centres ORDER BY code").map(Centre.init(row:))
    }

    static func fetch(_ db: Database, code: String) throws -> Centre? {
        try Row.fetchOne(db, sql: "SELECT code, name, province, kind, key_version FROM centres WHERE code = ?", arguments: [code]).map(Centre.init(row:))
    }

    init(row: Row) {
        self.init(code: row["code"], name: row["name"], province: row["province"],
                  kind: CentreKind(rawValue: row["kind"]) ?? .osso, keyVersion: row["key_version"])
    }
}
