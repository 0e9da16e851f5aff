import CaunoiCrypto
import GRDB

/// A staff account as listed (no keys, no passphrase material).
public struct UserInfo: Sendable, Equatable, Codable {
    public let name: String
    public let role: Role
    public let centre: String?
    public let active: Bool
    public let pendingGrants: Int
}

/// What a user-management step gave: the keys that reached the user, by name.
public struct AccessChange: Sendable, Equatable {
    public let user: String
    public let granted: [String]
    public let missing: [String]
}

extension CaseStore {
    /// Adds a user. An admin may add any role; a manager only staff of her own centre.
    /// The new user receives the keys her role needs from the acting user or, when given, from
    /// the recovery key; without either she is created without access.
    public func addUser(
        _ session: Session, name: String, role: Role, centre: String?, passphrase: SecureBytes,
        security: SecuritySettings, recovery: RecoveryKey?
    ) throws -> AccessChange {
        try security.checkNewPassphrase(passphrase)
        try UserName.validate(name)
        try checkManages(session, role: role, centre: centre)
        // Argon2id before the transaction: inside it, every other writer would wait.
        let keyslotKey = try Keyslot.Derived(passphrase: passphrase, parameters: security.argon2id)
        return try write { db in
            if let centre { _ = try self.centre(db, centre) }
            let (trust, me) = try trusted(db, session)
            let (keys, missing) = try keysFor(db, trust, role: role, centre: centre, from: session, recovery: recovery)
            try insertUser(db, name: name, role: role, centre: centre, keyslotKey: keyslotKey,
                           extraKeys: keys, createdBy: session.user, issuer: (Signer.user(session), me), trustRoot: session.trustRoot)
            try audit(db, session, "user.add", record: name, centre: centre)
            return AccessChange(user: name, granted: keys.keys.map(\.rawValue).sorted(), missing: missing)
        }
    }

    /// Gives an existing user the keys her role needs, sealed to her certified public key and
    /// signed by the acting user. Her role and centre are read from her certificate.
    public func grantAccess(_ session: Session, to name: String, recovery: RecoveryKey?) throws -> AccessChange {
        try write { db in
            let (trust, me) = try trusted(db, session)
            guard let target = try trust.checkedUser(name), let role = target.role else { throw try missingUser(db, name) }
            if session.role != .admin || recovery == nil {
                // Staff grant only within their own remit; admins only with the recovery key.
                switch session.role {
                case .manager: guard role.worksCases, target.centre == session.centre else { throw CaunoiError.notYourCentre }
                case .central: guard role == .central else { throw CaunoiError.roleNotAllowed(role: session.role.rawValue) }
                case .admin: throw CaunoiError.missing(.recoveryKey)
                default: throw CaunoiError.roleNotAllowed(role: session.role.rawValue)
                }
            }
            let (keys, missing) = try keysFor(db, trust, role: role, centre: target.centre, from: session, recovery: recovery)
            for (id, key) in keys.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try grant(db, trust, key: key, id: id, to: name, by: Signer.user(session), grantor: me)
            }
            try audit(db, session, "user.grant", record: name, centre: target.centre)
            return AccessChange(user: name, granted: keys.keys.map(\.rawValue).sorted(), missing: missing)
        }
    }

    /// The verifier for this transaction and the acting user's own certificate, which must
    /// still be in force (she may have been removed since she unlocked).
    func trusted(_ db: Database, _ session: Session) throws -> (TrustChain, Certificate) {
        let trust = try TrustChain(db, root: session.trustRoot)
        guard let me = try trust.checkedUser(session.user) else { throw CaunoiError.userRemoved(session.user) }
        return (trust, me)
    }

    /// Not found, or removed: told apart for the staff who manage accounts.
    func missingUser(_ db: Database, _ name: String) throws -> CaunoiError {
        let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM certificates WHERE kind = 'user' AND subject = ?)",
                                      arguments: [name]) ?? false
        return known ? .userRemoved(name) : .userNotFound(name)
    }

    /// A new passphrase for `name` (nil: the acting user): her own is changed with her keys
    /// kept; an admin naming someone else resets hers (`resetPassphrase`). Returns whose it was.
    @discardableResult
    public func setPassphrase(_ session: Session, of name: String?, to passphrase: SecureBytes, security: SecuritySettings) throws -> String {
        let target = name ?? session.user
        if target == session.user {
            try changePassphrase(session, to: passphrase, security: security)
        } else {
            try resetPassphrase(session, of: target, to: passphrase, security: security)
        }
        return target
    }

    /// Changes the acting user's own passphrase after checking her current one, as a long-running
    /// face must: whoever finds a browser left signed in cannot lock its owner out. A wrong
    /// current passphrase is audited like a failed unlock.
    public func changeOwnPassphrase(_ session: Session, current: SecureBytes, to passphrase: SecureBytes, security: SecuritySettings) throws {
        let confirmed = try read { db -> Bool in
            guard let slot = try Keyslot.fetch(db, user: session.user) else { return false }
            do {
                let (bundle, key) = try slot.open(user: session.user, passphrase: current)
                key.wipe()
                for value in bundle.keys.values { value.wipe() }
                return true
            } catch CaunoiError.wrongPassphrase {
                return false
            }
        }
        guard confirmed else {
            auditFailedUnlock(user: session.user)
            throw CaunoiError.wrongPassphrase
        }
        try changePassphrase(session, to: passphrase, security: security)
    }

    /// Changes the acting user's own passphrase: same keys, new salt and limits.
    public func changePassphrase(_ session: Session, to passphrase: SecureBytes, security: SecuritySettings) throws {
        try security.checkNewPassphrase(passphrase)
        let derived = try Keyslot.Derived(passphrase: passphrase, parameters: security.argon2id)
        try write { db in
            try audit(db, session, "user.passwd", record: session.user)
            var bundle = KeyBundle(keys: session.keys)
            bundle.keys[.auditHead] = try AuditHead.current(db)
            try derived.keyslot(user: session.user, bundle: bundle).save(db, user: session.user)
        }
    }

    /// An admin resets another user's passphrase. Her old keys cannot be recovered without her
    /// passphrase, so she gets new key pairs (a new certificate; the old one is revoked) and no
    /// data keys until someone grants them again.
    public func resetPassphrase(_ session: Session, of name: String, to passphrase: SecureBytes, security: SecuritySettings) throws {
        try security.checkNewPassphrase(passphrase)
        try session.require(.admin)
        let keyslotKey = try Keyslot.Derived(passphrase: passphrase, parameters: security.argon2id)
        try write { db in
            let (trust, me) = try trusted(db, session)
            guard let target = try trust.checkedUser(name), let role = target.role else { throw try missingUser(db, name) }
            try replaceKeyslot(db, trust, user: name, role: role, centre: target.centre, keyslotKey: keyslotKey,
                               keys: [:], issuer: (Signer.user(session), me))
            try audit(db, session, "user.reset", record: name)
        }
    }

    /// A new keyslot for a user whose old one is lost: new X25519 and Ed25519 pairs under a new
    /// certificate (the old one revoked; her old signing key stays certified for her past
    /// audit entries), `keys` added, and pending grants dropped (sealed to her old key).
    @discardableResult
    func replaceKeyslot(_ db: Database, _ trust: TrustChain, user: String, role: Role, centre: String?, keyslotKey: Keyslot.Derived,
                        keys: [KeyID: SecureBytes],
                        issuer: (signer: Signer, certificate: Certificate?)) throws -> SigningKeyPair {
        let box = BoxKeyPair.generate()
        let signing = SigningKeyPair.generate()
        var bundle = KeyBundle(keys: keys)
        bundle.keys[.ownBox] = box.secretKey
        bundle.keys[.ownSigning] = signing.seed
        bundle.keys[.trustRoot] = SecureBytes(copying: trust.root)
        try revokeUser(db, trust, name: user, by: issuer.signer, issuer: issuer.certificate)
        try issue(db, userCertificate(db, name: user, role: role, centre: centre, box: box.publicKey, sign: signing.publicKey,
                                      issuer: issuer.signer.name), by: issuer.signer, issuer: issuer.certificate)
        try db.execute(sql: "UPDATE users SET box_public = ?, sign_public = ? WHERE name = ?",
                       arguments: [box.publicKey.blob, signing.publicKey.blob, user])
        try db.execute(sql: "DELETE FROM key_grants WHERE user = ?", arguments: [user])
        try keyslotKey.keyslot(user: user, bundle: bundle).save(db, user: user)
        return signing
    }

    /// Removes a user: her keyslot and pending grants are deleted (secure_delete zeroes them).
    /// Returns who she was, so the caller can advise rotating her centre's key.
    @discardableResult
    public func removeUser(_ session: Session, name: String) throws -> UserInfo {
        try write { db in
            let (trust, me) = try trusted(db, session)
            let listed = try userInfo(db, name)
            guard let target = try trust.checkedUser(name), let role = target.role else { throw try missingUser(db, name) }
            guard name != session.user else { throw CaunoiError.invalid(.userName) }
            try checkManages(session, role: role, centre: target.centre)
            // The signed revocation is what refuses her from now on; the status is for lists.
            try revokeUser(db, trust, name: name, by: Signer.user(session), issuer: me)
            try db.execute(sql: "UPDATE users SET status = 'removed' WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM keyslots WHERE user = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM key_grants WHERE user = ?", arguments: [name])
            try audit(db, session, "user.remove", record: name, centre: target.centre)
            return UserInfo(name: name, role: role, centre: target.centre, active: false, pendingGrants: listed.pendingGrants)
        }
    }

    /// Admins see everyone; managers their centre; others themselves.
    public func users(_ session: Session) throws -> [UserInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.name, u.role, u.centre, u.status, (SELECT count(*) FROM key_grants g WHERE g.user = u.name) AS pending
                FROM users u ORDER BY u.name
                """).map(UserInfo.init(row:)).filter { user in
                switch session.role {
                case .admin: true
                case .manager: user.centre == session.centre
                default: user.name == session.user
                }
            }
        }
    }

    func userInfo(_ db: Database, _ name: String) throws -> UserInfo {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT name, role, centre, status, (SELECT count(*) FROM key_grants g WHERE g.user = users.name) AS pending
            FROM users WHERE name = ?
            """, arguments: [name]) else { throw CaunoiError.userNotFound(name) }
        return UserInfo(row: row)
    }

    /// Admins manage every account; a manager only counsellors and managers of her centre.
    private func checkManages(_ session: Session, role: Role, centre: String?) throws {
        if role.needsCentre, centre == nil { throw CaunoiError.missing(.centre) }
        if !role.needsCentre, centre != nil { throw CaunoiError.conflicting(.centre, .role) }
        switch session.role {
        case .admin: return
        case .manager:
            guard session.role.rolesItMayAdd.contains(role) else { throw CaunoiError.roleNotAllowed(role: session.role.rawValue) }
            guard centre == session.centre else { throw CaunoiError.notYourCentre }
        default:
            throw CaunoiError.roleNotAllowed(role: session.role.rawValue)
        }
    }

    /// The keys a role needs (for a centre, its certified current version), taken from the
    /// acting user's keys or unwrapped with the recovery key (checked against its commitment).
    func keysFor(
        _ db: Database, _ trust: TrustChain, role: Role, centre: String?, from session: Session?, recovery: RecoveryKey?
    ) throws -> ([KeyID: SecureBytes], [String]) {
        var needed: [KeyID] = []
        if role.worksCases, let centre { needed += [.centre(centre, version: try trust.centreBox(centre).version), .centreIndex(centre)] }
        if role == .central { needed += [.centralReview] }
        var keys: [KeyID: SecureBytes] = [:]
        var missing: [String] = []
        for id in needed {
            if let key = session?.key(id) {
                keys[id] = key
            } else if let recovery {
                keys[id] = try unwrapWithRecovery(db, id: id, recovery: recovery)
            } else {
                missing.append(id.rawValue)
            }
        }
        return (keys, missing)
    }
}

extension UserInfo {
    init(row: Row) {
        self.init(name: row["name"], role: Role(rawValue: row["role"]) ?? .counsellor, centre: row["centre"],
                  active: row["status"] == "active", pendingGrants: row["pending"])
    }
}
