import CaunoiCrypto
import Foundation
import GRDB

extension CaseStore {
    /// Opens a user's keyslot with her passphrase, checks her own certificate against the root
    /// pinned in it, and folds in the keys granted to her since her last unlock (then deletes
    /// those grants). A wrong passphrase, an unknown user and a removed user give the same
    /// answer after the same Argon2id work, so the error does not confirm who has an account.
    public func unlock(user: String, passphrase: SecureBytes) throws -> Session {
        try requireInitialised()
        do {
            return try openKeyslot(user: user, passphrase: passphrase)
        } catch CaunoiError.wrongPassphrase {
            auditFailedUnlock(user: user)
            throw CaunoiError.wrongPassphrase
        }
    }

    private func openKeyslot(user: String, passphrase: SecureBytes) throws -> Session {
        // Argon2id (a tenth of a second and more at the policy's limits) runs before the write
        // transaction: inside it, every other user's work would wait behind each login.
        let (found, defaults) = try read { db in (try Keyslot.fetch(db, user: user), try storedDefaultParameters(db)) }
        guard let found else {
            // Spend the same Argon2id time as a real unlock before refusing.
            _ = try? Argon2id.deriveKey(passphrase: passphrase, salt: Random.bytes(16), parameters: defaults)
            throw CaunoiError.wrongPassphrase
        }
        let (_, slotKey) = try found.open(user: user, passphrase: passphrase)
        return try write { db in
            // The keyslot is read again inside the transaction. Another login of hers may have
            // re-sealed it meanwhile (same salt, same key: it opens); a passphrase change or a
            // removal in between refuses, as if it had come first.
            guard let slot = try Keyslot.fetch(db, user: user), slot.salt == found.salt, slot.parameters == found.parameters else {
                throw CaunoiError.wrongPassphrase
            }
            var bundle = try slot.open(user: user, key: slotKey)
            var newlyPinned: String? = nil
            let root: [UInt8]
            if let pinned = bundle.keys[.trustRoot] {
                root = pinned.bytes
            } else {
                root = try rootToPin(db, bundle: bundle)
                bundle.keys[.trustRoot] = SecureBytes(copying: root)
                newlyPinned = SignedCertificate.fingerprint(root)
            }
            // The trail must still reach as far as it did when she last unlocked.
            if let head = bundle.keys[.auditHead] { try AuditHead.check(db, head) }
            // The deployment-wide index key of older databases is retired (indexes are per centre).
            bundle.keys[.index] = nil
            let trust = try TrustChain(db, root: root)
            // A removed user (her certificate revoked) answers like a wrong passphrase.
            guard let own = try trust.checkedUser(user), let role = own.role else { throw CaunoiError.wrongPassphrase }
            try checkOwnKeys(bundle, against: own, user: user)
            // Keys folded in before certificates existed are checked too: every centre, index and
            // central key must match its certified commitment.
            for (id, key) in bundle.keys { try KeyCommitment.check(key, id, trust: trust) }
            let signer = try SigningKeyPair(seed: bundle.keys[.ownSigning]!)
            var rejected: [Int64] = []
            let grants = try Row.fetchAll(db, sql: """
                SELECT id, key_id, sealed, body, signature, signer_public FROM key_grants WHERE user = ? ORDER BY id
                """, arguments: [user])
            if !grants.isEmpty {
                let boxPair = try BoxKeyPair(secretKey: bundle.keys[.ownBox]!)
                for grant in grants {
                    if let (id, key) = try acceptedGrant(grant, recipient: own, user: user, boxPair: boxPair, trust: trust) {
                        bundle.keys[id] = key
                    } else {
                        rejected.append(grant["id"])
                    }
                }
                try db.execute(sql: "DELETE FROM key_grants WHERE user = ?", arguments: [user])
            }
            var version: Int? = nil
            if role.worksCases, let centre = own.centre { version = try trust.centreBox(centre).version }
            var keys = bundle.keys
            keys[.auditHead] = nil
            let session = Session(user: user, role: role, centre: own.centre, keys: keys, trustRoot: root, centreVersion: version,
                                  rejectedGrants: rejected, newlyPinnedRoot: newlyPinned)
            for id in rejected {
                try AuditTrail.append(db, user: user, action: "grant.rejected", record: "grant \(id)", centre: own.centre, signer: signer)
            }
            try audit(db, session, "login")
            // Re-sealed at every unlock: the folded grants, the pinned root and the newest entry.
            bundle.keys[.auditHead] = try AuditHead.current(db)
            try slot.resealed(user: user, bundle: bundle, key: slotKey).save(db, user: user)
            return session
        }
    }

    /// Her keyslot's own key pairs must be the ones her certificate names: otherwise someone
    /// replaced her certificate (and others would seal keys to a stranger).
    private func checkOwnKeys(_ bundle: KeyBundle, against own: Certificate, user: String) throws {
        guard let box = bundle.keys[.ownBox], let seed = bundle.keys[.ownSigning],
              try BoxKeyPair(secretKey: box).publicKey == own.boxPublic,
              try SigningKeyPair(seed: seed).publicKey == own.signPublic else {
            throw CaunoiError.integrityFailure(record: "certificate of user \(user)")
        }
    }

    /// One grant, checked: signed by a grantor in force who may hand over this key, addressed to
    /// her current certificate, sealed to her, and the key matching its commitment. Nil when
    /// any check fails: the grant is skipped and reported, never a lock-out.
    ///
    /// A grant from before certificates (`keys certify` keeps them) has no signature: it is
    /// accepted only when her role needs the key and the key matches its certified commitment.
    /// Such a key is the genuine one, so whoever sealed it gave nothing away and chose nothing.
    private func acceptedGrant(_ grant: Row, recipient: Certificate, user: String, boxPair: BoxKeyPair,
                               trust: TrustChain) throws -> (KeyID, SecureBytes)? {
        let keyID: String = grant["key_id"]
        let sealed = grant.bytes("sealed")
        guard let id = KeyID(rawValue: keyID) else { return nil }
        if let body = grant.optionalBytes("body") {
            guard let signature = grant.optionalBytes("signature"), let signerPublic = grant.optionalBytes("signer_public"),
                  let statement = KeyStatement.verified(body: body, signature: signature, signerPublic: signerPublic, sealed: sealed,
                                                        keyID: keyID, kind: .grant, deployment: trust.deployment),
                  statement.recipient == user, statement.recipientCertificate == recipient.serial else { return nil }
            let grantor: Certificate?
            if statement.signer == Certificate.root {
                guard signerPublic == trust.root else { return nil }
                grantor = nil
            } else {
                guard let current = try? trust.user(statement.signer), current.signPublic == signerPublic else { return nil }
                grantor = current
            }
            guard Authority.mayGrant(grantor, id, to: recipient) else { return nil }
        } else {
            guard grant.optionalBytes("signature") == nil, Authority.needs(recipient, id) else { return nil }
        }
        guard let opened = try? KeyBundle.decode(SealedBox.open(sealed, with: boxPair)),
              opened.keys.count == 1, let key = opened.keys[id],
              (try? KeyCommitment.check(key, id, trust: trust)) != nil else { return nil }
        return (id, key)
    }

    /// After an upgrade (`keys certify`), the first unlock pins the root the admin created. A
    /// user holding the index key checks it against the tag the admin made under that key,
    /// which the file editor cannot compute; others trust it on first use and are shown its
    /// fingerprint (docs/SECURITY.md).
    private func rootToPin(_ db: Database, bundle: KeyBundle) throws -> [UInt8] {
        guard let root = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'root_public'").map({ [UInt8]($0) }) else {
            throw CaunoiError.deploymentNotCertified
        }
        if let index = bundle.keys[.index] {
            guard let tag = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'root_pin'").map({ [UInt8]($0) }),
                  try RootPin.tag(root: root, indexKey: index) == tag else {
                throw CaunoiError.integrityFailure(record: "meta.root_public")
            }
        }
        return root
    }

    /// The limits of a real keyslot, for spending the same time on an unknown account; the
    /// default when none is plausible.
    func storedDefaultParameters(_ db: Database) throws -> Argon2idParameters {
        let row = try Row.fetchOne(db, sql: "SELECT opslimit, memlimit FROM keyslots LIMIT 1")
        guard let row, let ops = row["opslimit"] as Int64?, let memory = row["memlimit"] as Int64?, ops > 0, memory > 0,
              Keyslot.plausibleOps.contains(UInt64(ops)), Keyslot.plausibleMemory.contains(UInt64(memory)) else { return .interactive }
        return Argon2idParameters(opsLimit: UInt64(ops), memLimit: UInt64(memory))
    }

    /// Refuses a database that `init` has not set up (a server checks this before it serves).
    public func requireInitialised() throws {
        let ready = try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'recovery_public')") ?? false }
        guard ready else { throw CaunoiError.databaseNotInitialised }
    }
}

/// The tag that lets an upgraded deployment's staff check the root before pinning it: keyed
/// BLAKE2b under a key derived from the index key, which only staff and the recovery key hold.
enum RootPin {
    static func tag(root: [UInt8], indexKey: SecureBytes) throws -> [UInt8] {
        try BLAKE2b.hash(root, key: KeyDerivation.subkey(of: indexKey, label: "root.pin"), outputByteCount: 32)
    }
}
