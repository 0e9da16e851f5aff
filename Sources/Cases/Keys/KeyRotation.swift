import CaunoiCrypto
import GRDB

/// What `keys rotate` did.
public struct KeyRotation: Sendable, Equatable {
    public let centre: String
    public let version: Int
    /// Data keys (DEKs of persons and associations) re-wrapped under the new centre key.
    public let rewrapped: Int
    /// Active staff of the centre to whom the new key was granted.
    public let grantedTo: [String]
}

extension CaseStore {
    /// Moves a centre to a new key version: every DEK of its persons is re-wrapped under a
    /// fresh centre key (no field is re-encrypted), return reasons sealed to the centre's box
    /// key are re-sealed to the new one, the new key is wrapped for recovery and granted to
    /// the centre's active staff. Anyone who kept an old key (a removed user's keyslot copied
    /// aside) opens nothing created or re-wrapped from now on. A manager of the centre, or an
    /// admin with the recovery key.
    public func rotateCentreKey(_ session: Session, centre code: String, recovery: RecoveryKey?) throws -> KeyRotation {
        switch session.role {
        case .manager: guard session.centre == code else { throw CaunoiError.notYourCentre }
        case .admin: guard recovery != nil else { throw CaunoiError.missing(.recoveryKey) }
        default: throw CaunoiError.roleNotAllowed(role: session.role.rawValue)
        }
        return try write { db in
            _ = try self.centre(db, code)
            // Recorded first: once the version moves on, this very session no longer stands
            // for the centre's current key (Session.requireStillValid).
            try audit(db, session, "keys.rotate", record: code, centre: code)
            let (trust, me) = try trusted(db, session)
            let signer = try Signer.user(session)
            // The certified version, not the plain column: an edited `key_version` changes nothing.
            let current = try trust.centreBox(code).version
            var oldKeys: [Int: SecureBytes] = [:]
            func oldKey(_ version: Int) throws -> SecureBytes {
                if let known = oldKeys[version] { return known }
                let key: SecureBytes
                if let held = session.key(.centre(code, version: version)) {
                    key = held
                } else if let recovery {
                    key = try unwrapWithRecovery(db, id: .centre(code, version: version), recovery: recovery)
                } else {
                    throw CaunoiError.keysMissing
                }
                oldKeys[version] = key
                return key
            }
            let next = current + 1
            let newKey = SecureBytes.random(count: 32)
            // Persons' DEKs, and associations' (their contact data) kept by this centre.
            var rewrapped = 0
            for table in ["persons", "associations"] {
                let update = try db.cachedStatement(sql: "UPDATE \(table) SET wrapped_dek = ?, centre_key_version = ? WHERE id = ?")
                let rows = try Row.fetchAll(db, sql: "SELECT id, wrapped_dek FROM \(table) WHERE centre = ? AND wrapped_dek IS NOT NULL ORDER BY id",
                                            arguments: [code])
                for row in rows {
                    let id: String = row["id"]
                    let wrapped = row.bytes("wrapped_dek")
                    guard let version = try? Int(SealedValue.keyVersion(of: wrapped)), (1...current).contains(version) else {
                        throw CaunoiError.integrityFailure(record: "\(id) (\(table).wrapped_dek)")
                    }
                    let vault = try PersonVault.unwrap(personID: id, wrapped: wrapped, centreKey: oldKey(version), dekTable: table)
                    try update.execute(arguments: [vault.wrapped(centreKey: newKey, version: next), next, id])
                }
                rewrapped += rows.count
            }
            let newBox = try BoxKeyPair(secretKey: KeyDerivation.subkey(of: newKey, label: "centre.box"))
            try resealCentreReasons(db, centre: code, from: BoxKeyPair(secretKey: KeyDerivation.subkey(of: oldKey(current), label: "centre.box")),
                                    to: newBox)
            try db.execute(sql: "UPDATE centres SET key_version = ? WHERE code = ?", arguments: [next, code])
            // The index key stays: no re-indexing; its commitment carries over.
            guard let indexPublic = try trust.centreIndex(code) else { throw CaunoiError.integrityFailure(record: "certificate of centre \(code)") }
            try certifyCentre(db, code: code, version: next, key: newKey, indexPublic: indexPublic, by: signer, issuer: me)
            try wrapForRecovery(db, trust, key: newKey, id: .centre(code, version: next), by: signer)
            // Staff by certificate: a plain row edited to look like staff receives nothing.
            var staff: [String] = []
            for name in try String.fetchAll(db, sql: "SELECT DISTINCT subject FROM certificates WHERE kind = 'user' ORDER BY subject") {
                guard let holder = try trust.checkedUser(name), holder.role?.worksCases == true, holder.centre == code else { continue }
                try grant(db, trust, key: newKey, id: .centre(code, version: next), to: name, by: signer, grantor: me)
                staff.append(name)
            }
            return KeyRotation(centre: code, version: next, rewrapped: rewrapped, grantedTo: staff)
        }
    }

    /// Central officers' return reasons sealed to the centre (see `returnReferral`) follow the
    /// centre key, so its staff can still read them after a rotation.
    private func resealCentreReasons(_ db: Database, centre: String, from old: BoxKeyPair, to new: BoxKeyPair) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id, e.reason_for_centre FROM referral_events e JOIN referrals r ON r.id = e.referral_id
            WHERE r.centre = ? AND e.reason_for_centre IS NOT NULL
            """, arguments: [centre])
        for row in rows {
            let id: String = row["id"]
            let plain: SecureBytes
            do { plain = try SealedBox.open(row.bytes("reason_for_centre"), with: old) } catch {
                throw CaunoiError.integrityFailure(record: "\(id) (referral_events.reason_for_centre)")
            }
            try db.execute(sql: "UPDATE referral_events SET reason_for_centre = ? WHERE id = ?",
                           arguments: [try SealedBox.seal(plain, to: new.publicKey).blob, id])
        }
    }

    /// `keys recover`: a user who lost her passphrase gets a new keyslot holding the keys her
    /// role needs, unwrapped with the offline recovery key. Holding that key is the authority;
    /// the entry is signed with her new signing key.
    public func recoverAccess(user: String, recovery: RecoveryKey, passphrase: SecureBytes, security: SecuritySettings) throws -> AccessChange {
        try security.checkNewPassphrase(passphrase)
        try requireInitialised()
        let keyslotKey = try Keyslot.Derived(passphrase: passphrase, parameters: security.argon2id)
        return try write { db in
            let root = try Signer.root(recovery)
            let trust = try TrustChain(db, root: root.keys.publicKey)
            guard (try? trust.deploymentKey(.recovery)) == recovery.keyPair.publicKey else { throw CaunoiError.wrongRecoveryKey }
            guard let target = try trust.checkedUser(user), let role = target.role else { throw try missingUser(db, user) }
            let (keys, missing) = try keysFor(db, trust, role: role, centre: target.centre, from: nil, recovery: recovery)
            let signing = try replaceKeyslot(db, trust, user: user, role: role, centre: target.centre, keyslotKey: keyslotKey,
                                             keys: keys, issuer: (root, nil))
            try AuditTrail.append(db, user: user, action: "keys.recover", record: user, centre: target.centre, signer: signing)
            return AccessChange(user: user, granted: keys.keys.map(\.rawValue).sorted(), missing: missing)
        }
    }
}
