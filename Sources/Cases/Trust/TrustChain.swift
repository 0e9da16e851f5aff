import CaunoiCrypto
import Foundation
import GRDB

/// Checks certificates in the file against the deployment root a user pinned in her keyslot.
/// Lives for one transaction and remembers what it verified, so a chain is checked once.
/// Every failure names the certificate (exit 65): a forged or damaged row is an attack to
/// report, never something to skip silently.
final class TrustChain {
    let db: Database
    let root: [UInt8]
    let deployment: String
    private var issued: [String: Certificate] = [:]
    private var revocations: [String: Certificate?] = [:]
    private var inProgress: Set<String> = []

    init(_ db: Database, root: [UInt8]) throws {
        self.db = db
        self.root = root
        guard let id = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'deployment_id'") else {
            throw CaunoiError.databaseNotInitialised
        }
        self.deployment = String(decoding: id, as: UTF8.self)
    }

    // MARK: Reading and storing

    static func store(_ db: Database, _ signed: SignedCertificate) throws {
        try db.execute(sql: """
            INSERT INTO certificates (serial, kind, subject, issuer, body, signature, signer_public) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [signed.certificate.serial, signed.certificate.kind.rawValue, signed.certificate.subject,
                             signed.certificate.issuer, signed.body.blob, signed.signature.blob, signed.signerPublic.blob])
    }

    func load(_ serial: String) throws -> SignedCertificate {
        guard let row = try Row.fetchOne(db, sql: "SELECT body, signature, signer_public FROM certificates WHERE serial = ?",
                                         arguments: [serial]) else { throw failure(serial) }
        let body = row.bytes("body")
        guard let certificate = Certificate.parse(body), certificate.serial == serial else { throw failure(serial) }
        return SignedCertificate(certificate: certificate, body: body, signature: row.bytes("signature"), signerPublic: row.bytes("signer_public"))
    }

    private func serials(kind: Certificate.Kind, subject: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT serial FROM certificates WHERE kind = ? AND subject = ? ORDER BY serial",
                            arguments: [kind.rawValue, subject])
    }

    private func failure(_ serial: String) -> CaunoiError { .integrityFailure(record: "certificate \(serial)") }

    // MARK: Verification

    /// The certificate, if its signature and its issuer's chain check to the pinned root and
    /// the issuer had the authority to sign it. Its own revocation is not considered here.
    func verifiedIssue(_ serial: String) throws -> Certificate {
        if let known = issued[serial] { return known }
        guard !inProgress.contains(serial), inProgress.count < 64 else { throw failure(serial) }
        inProgress.insert(serial)
        defer { inProgress.remove(serial) }
        let signed = try load(serial)
        let certificate = signed.certificate
        guard certificate.deployment == deployment,
              Ed25519.isValid(signature: signed.signature, for: signed.body, publicKey: signed.signerPublic) else { throw failure(serial) }
        let target = certificate.kind == .revocation ? try verifiedIssue(certificate.subject) : nil
        if certificate.issuer == Certificate.root {
            guard signed.signerPublic == root else { throw failure(serial) }
        } else {
            let issuer = try issuerCertificate(certificate.issuer, signingKey: signed.signerPublic, for: serial)
            guard Authority.mayIssue(issuer, certificate, target: target) else { throw failure(serial) }
        }
        issued[serial] = certificate
        return certificate
    }

    /// The issuing user's certificate with this signing key, valid for `serial`: not revoked,
    /// or revoked by a revocation that keeps what she issued before it.
    private func issuerCertificate(_ name: String, signingKey: [UInt8], for serial: String) throws -> Certificate {
        for candidate in try serials(kind: .user, subject: name) {
            let issuer = try verifiedIssue(candidate)
            guard issuer.signPublic == signingKey else { continue }
            if let revocation = try revocation(of: candidate), !revocation.keeps.contains(serial) { continue }
            return issuer
        }
        throw failure(serial)
    }

    /// A verified certificate and every issuer's above it, up to the one the root signed: what
    /// a partner needs, with the root it pinned, to check a packet without the database.
    func chainToRoot(_ serial: String) throws -> [SignedCertificate] {
        var chain: [SignedCertificate] = []
        var next = serial
        while true {
            let certificate = try verifiedIssue(next)
            let signed = try load(next)
            chain.append(signed)
            if certificate.issuer == Certificate.root { return chain }
            guard chain.count < 64, let issuer = try serials(kind: .user, subject: certificate.issuer)
                .first(where: { try verifiedIssue($0).signPublic == signed.signerPublic }) else { throw failure(serial) }
            next = issuer
        }
    }

    /// The valid revocation of a certificate, if any. A revocation row that does not verify is
    /// reported, not ignored.
    func revocation(of serial: String) throws -> Certificate? {
        if let known = revocations[serial] { return known }
        var found: Certificate? = nil
        for candidate in try serials(kind: .revocation, subject: serial) {
            found = try verifiedIssue(candidate)
        }
        revocations[serial] = .some(found)
        return found
    }

    /// Verified and not revoked.
    func verifiedCurrent(_ serial: String) throws -> Certificate? {
        let certificate = try verifiedIssue(serial)
        return try revocation(of: serial) == nil ? certificate : nil
    }

    // MARK: Current certificates

    /// The one certificate of `kind` and `subject` in force, nil when there is none (an
    /// unknown or removed user). Two in force at once means a revocation was deleted.
    func current(_ kind: Certificate.Kind, _ subject: String) throws -> (serial: String, certificate: Certificate)? {
        var live: [(String, Certificate)] = []
        for serial in try serials(kind: kind, subject: subject) {
            if let certificate = try verifiedCurrent(serial) { live.append((serial, certificate)) }
        }
        if kind == .centre {
            // Each rotation adds a version; the highest certified one is current.
            return live.max { ($0.1.keyVersion ?? 0) < ($1.1.keyVersion ?? 0) }
        }
        guard live.count <= 1 else { throw CaunoiError.integrityFailure(record: "certificates of \(subject)") }
        return live.first
    }

    /// The newest verified certificate of `kind` for `subject` (an agency's, re-certified each
    /// time staff change it), or nil when there is none.
    func latest(_ kind: Certificate.Kind, _ subject: String) throws -> Certificate? {
        try serials(kind: kind, subject: subject).map { try verifiedIssue($0) }
            .max { ($0.issuedAt, $0.serial) < ($1.issuedAt, $1.serial) }
    }

    /// A user's certificate in force, or nil when she has none (unknown or removed).
    func user(_ name: String) throws -> Certificate? { try current(.user, name)?.certificate }

    /// A public key certified by the root; refuses when none is. The plain copy in `meta` (kept
    /// for backups and readers) must agree: a difference means the file was edited.
    func deploymentKey(_ kind: Certificate.Kind) throws -> [UInt8] {
        guard let key = try current(kind, kind.rawValue)?.certificate.boxPublic else {
            throw CaunoiError.integrityFailure(record: "certificate of the \(kind.rawValue) key")
        }
        if kind == .recovery || kind == .central {
            let column = "\(kind.rawValue)_public"
            guard try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [column]).map({ [UInt8]($0) }) == key else {
                throw CaunoiError.integrityFailure(record: "meta.\(column)")
            }
        }
        return key
    }

    /// The certified box public key of a centre's current key version; the plain copies in
    /// `centres` (version and box key) must agree.
    func centreBox(_ code: String) throws -> (key: [UInt8], version: Int) {
        guard let certificate = try current(.centre, code)?.certificate, let key = certificate.boxPublic,
              let version = certificate.keyVersion else {
            throw CaunoiError.integrityFailure(record: "certificate of centre \(code)")
        }
        let row = try Row.fetchOne(db, sql: "SELECT key_version, box_public FROM centres WHERE code = ?", arguments: [code])
        guard row?["key_version"] == version else { throw CaunoiError.integrityFailure(record: "centre \(code) (centres.key_version)") }
        guard row?.optionalBytes("box_public") == key else { throw CaunoiError.integrityFailure(record: "centre \(code) (centres.box_public)") }
        return (key, version)
    }

    /// A user's certificate in force, checked against her plain row: the role, centre, status
    /// and public keys listed in `users` must be the certified ones (lists and other readers
    /// use that row, so an edit there is reported, not believed).
    func checkedUser(_ name: String) throws -> Certificate? {
        let certificate = try user(name)
        guard let row = try Row.fetchOne(db, sql: "SELECT role, centre, status, box_public, sign_public FROM users WHERE name = ?", arguments: [name]) else {
            if certificate == nil { return nil }
            throw CaunoiError.integrityFailure(record: "user \(name)")
        }
        guard let certificate else {
            if row["status"] == "removed" { return nil }
            // Listed as active without a certificate in force: an inserted or revived account.
            throw CaunoiError.integrityFailure(record: "user \(name)")
        }
        let fields: [(String, Bool)] = [
            ("role", row["role"] == certificate.role?.rawValue), ("centre", row["centre"] == certificate.centre),
            ("status", row["status"] == "active"), ("box_public", row.bytes("box_public") == certificate.boxPublic),
            ("sign_public", row.bytes("sign_public") == certificate.signPublic),
        ]
        if let wrong = fields.first(where: { !$0.1 }) { throw CaunoiError.integrityFailure(record: "user \(name) (users.\(wrong.0))") }
        return certificate
    }

    /// The certified box public key of one centre-key version (older versions included: their
    /// keys still open older DEKs), or nil when that version was never certified.
    func centreBox(_ code: String, version: Int) throws -> [UInt8]? {
        for serial in try serials(kind: .centre, subject: code) {
            let certificate = try verifiedIssue(serial)
            if certificate.keyVersion == version { return certificate.boxPublic }
        }
        return nil
    }

    /// Every certificate ever issued to a user (revoked ones included), verified.
    func userCertificates(_ name: String) throws -> [Certificate] {
        try serials(kind: .user, subject: name).map { try verifiedIssue($0) }
    }

    /// The certified commitment to a centre's index key (the same in every version's
    /// certificate: the index key does not rotate).
    func centreIndex(_ code: String) throws -> [UInt8]? {
        try current(.centre, code)?.certificate.indexPublic
    }

    /// Serials of every certificate a user has signed, kept valid when she is revoked.
    func issuedBy(_ name: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT serial FROM certificates WHERE issuer = ? ORDER BY serial", arguments: [name])
    }

    /// Every signing key ever certified for a user (revoked ones included: they signed her
    /// past entries), for checking signatures on history.
    func signingKeys(of name: String) throws -> [[UInt8]] {
        try userCertificates(name).compactMap(\.signPublic)
    }
}
