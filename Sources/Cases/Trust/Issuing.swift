import CaunoiCrypto
import Foundation
import GRDB

/// Writing certificates, grants and recovery wraps: each is signed by whoever hands it over,
/// and refused here already when the rules in `Authority` would make it fail verification.
extension CaseStore {
    /// Signs and stores a certificate. `issuer` is the signer's own certificate (nil: root).
    @discardableResult
    func issue(_ db: Database, _ certificate: Certificate, by signer: Signer, issuer: Certificate?, target: Certificate? = nil) throws -> SignedCertificate {
        guard Authority.mayIssue(issuer, certificate, target: target) else { throw CaunoiError.roleNotAllowed(role: issuer?.role?.rawValue ?? "root") }
        let signed = try SignedCertificate.sign(certificate, with: signer.keys)
        try TrustChain.store(db, signed)
        return signed
    }

    /// A user certificate for fresh key pairs.
    func userCertificate(_ db: Database, name: String, role: Role, centre: String?, box: [UInt8], sign: [UInt8], issuer: String) throws -> Certificate {
        Certificate(serial: Ids.random(prefix: "C"), kind: .user, deployment: try deploymentID(db), subject: name, role: role,
                    centre: centre, boxPublic: box, signPublic: sign, issuer: issuer, issuedAt: AuditTrail.timestamp())
    }

    /// Withdraws a user's certificate in force. What she certified before stays valid (`keeps`).
    func revokeUser(_ db: Database, _ trust: TrustChain, name: String, by signer: Signer, issuer: Certificate?) throws {
        guard let (serial, target) = try trust.current(.user, name) else { return }
        let revocation = Certificate(serial: Ids.random(prefix: "C"), kind: .revocation, deployment: trust.deployment, subject: serial,
                                     keeps: try trust.issuedBy(name), issuer: signer.name, issuedAt: AuditTrail.timestamp())
        try issue(db, revocation, by: signer, issuer: issuer, target: target)
    }

    /// Certifies a centre key version's box public key (derived from the centre key) and the
    /// centre's index-key commitment.
    func certifyCentre(_ db: Database, code: String, version: Int, key: SecureBytes, indexPublic: [UInt8], by signer: Signer,
                       issuer: Certificate?) throws {
        let box = try KeyCommitment.publicValue(of: key, .centre(code, version: version))
        let certificate = Certificate(serial: Ids.random(prefix: "C"), kind: .centre, deployment: try deploymentID(db), subject: code,
                                      centre: code, boxPublic: box, signPublic: try CentreSigning.keyPair(centreKey: key).publicKey,
                                      keyVersion: version, indexPublic: indexPublic, issuer: signer.name, issuedAt: AuditTrail.timestamp())
        try issue(db, certificate, by: signer, issuer: issuer)
        try db.execute(sql: "UPDATE centres SET box_public = ? WHERE code = ?", arguments: [box.blob, code])
    }

    /// Certifies an agency's kind and key as the acting user entered or imported them.
    func certifyAgency(_ db: Database, _ agency: Agency, by signer: Signer, issuer: Certificate?) throws {
        let certificate = Certificate(serial: Ids.random(prefix: "C"), kind: .agency, deployment: try deploymentID(db), subject: agency.id,
                                      boxPublic: agency.publicKey, agencyKind: agency.kind.rawValue, issuer: signer.name,
                                      issuedAt: AuditTrail.timestamp())
        try issue(db, certificate, by: signer, issuer: issuer)
    }

    /// Seals one key to a user's certified box key and signs the hand-over; she folds it into
    /// her keyslot at her next unlock, after checking the signature, the grantor's authority
    /// and the key's commitment.
    func grant(_ db: Database, _ trust: TrustChain, key: SecureBytes, id: KeyID, to user: String, by signer: Signer, grantor: Certificate?) throws {
        guard let recipient = try trust.checkedUser(user), let box = recipient.boxPublic else { throw CaunoiError.userNotFound(user) }
        let serial = recipient.serial
        guard Authority.mayGrant(grantor, id, to: recipient) else { throw CaunoiError.roleNotAllowed(role: grantor?.role?.rawValue ?? "root") }
        var bundle = KeyBundle()
        bundle.keys[id] = key
        let sealed = try SealedBox.seal(bundle.encoded(), to: box)
        let statement = KeyStatement(kind: .grant, deployment: trust.deployment, keyID: id.rawValue, sealedHash: try KeyStatement.hash(ofSealed: sealed),
                                     signer: signer.name, recipient: user, recipientCertificate: serial, at: AuditTrail.timestamp())
        let body = statement.body
        try db.execute(sql: """
            INSERT INTO key_grants (user, key_id, sealed, granted_by, created_on, body, signature, signer_public) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [user, id.rawValue, sealed.blob, signer.name, Day.today(), body.blob,
                             try signer.keys.signature(for: body).blob, signer.keys.publicKey.blob])
    }

    /// Seals a key to the certified recovery public key, signed by whoever created the key.
    func wrapForRecovery(_ db: Database, _ trust: TrustChain, key: SecureBytes, id: KeyID, by signer: Signer) throws {
        let sealed = try SealedBox.seal(KeyBundle(keys: [id: key]).encoded(), to: trust.deploymentKey(.recovery))
        try storeRecoveryWrap(db, deployment: trust.deployment, sealed: sealed, id: id, by: signer)
    }

    func storeRecoveryWrap(_ db: Database, deployment: String, sealed: [UInt8], id: KeyID, by signer: Signer) throws {
        let statement = KeyStatement(kind: .recoveryWrap, deployment: deployment, keyID: id.rawValue,
                                     sealedHash: try KeyStatement.hash(ofSealed: sealed), signer: signer.name, at: AuditTrail.timestamp())
        let body = statement.body
        try db.execute(sql: """
            INSERT INTO recovery_wraps (key_id, wrapped, body, signature, signer_public) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(key_id) DO UPDATE SET wrapped = excluded.wrapped, body = excluded.body,
                signature = excluded.signature, signer_public = excluded.signer_public
            """, arguments: [id.rawValue, sealed.blob, body.blob, try signer.keys.signature(for: body).blob, signer.keys.publicKey.blob])
    }

    /// Opens a recovery wrap. The recovery key itself gives the root to check against, so no
    /// session is needed: the recovery public key must be the certified one, the wrap signed by
    /// someone who may wrap that key, and the key must match its commitment.
    func unwrapWithRecovery(_ db: Database, id: KeyID, recovery: RecoveryKey) throws -> SecureBytes {
        let trust = try TrustChain(db, root: recovery.rootSigningKeyPair().publicKey)
        let certified: [UInt8]
        do { certified = try trust.deploymentKey(.recovery) } catch { throw CaunoiError.wrongRecoveryKey }
        guard certified == recovery.keyPair.publicKey else { throw CaunoiError.wrongRecoveryKey }
        guard let row = try Row.fetchOne(db, sql: "SELECT wrapped, body, signature, signer_public FROM recovery_wraps WHERE key_id = ?",
                                         arguments: [id.rawValue]) else { throw CaunoiError.keysMissing }
        let failure = CaunoiError.integrityFailure(record: "recovery \(id.rawValue)")
        let sealed = row.bytes("wrapped")
        guard let body = row.optionalBytes("body"), let signature = row.optionalBytes("signature"), let signerPublic = row.optionalBytes("signer_public"),
              let statement = KeyStatement.verified(body: body, signature: signature, signerPublic: signerPublic, sealed: sealed,
                                                    keyID: id.rawValue, kind: .recoveryWrap, deployment: trust.deployment) else { throw failure }
        if statement.signer == Certificate.root {
            guard signerPublic == trust.root else { throw failure }
        } else {
            // Whoever wrapped it may since have left: what she certified before stays valid.
            let signer = try trust.userCertificates(statement.signer).first { $0.signPublic == signerPublic }
            guard let signer, Authority.mayWrapForRecovery(signer, id) else { throw failure }
        }
        let key: SecureBytes
        do {
            guard let opened = try KeyBundle.decode(SealedBox.open(sealed, with: recovery.keyPair)).keys[id] else { throw failure }
            key = opened
        } catch { throw failure }
        try KeyCommitment.check(key, id, trust: trust)
        return key
    }

    func deploymentID(_ db: Database) throws -> String { String(decoding: try meta(db, "deployment_id"), as: UTF8.self) }
}
