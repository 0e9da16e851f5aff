import Crypto
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
        case .admin: guard recovery != nil else { throw CaunoiError.missingOption("--recovery-key-file") }
        default: throw CaunoiError.roleNotAllowed(role: session.role.rawValue)
        }
        return try write { db in
            let centre = try self.centre(db, code)
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
            let next = centre.keyVersion + 1
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
                    guard let version = try? Int(SealedValue.keyVersion(of: wrapped)), (1...centre.keyVersion).contains(version) else {
                        throw CaunoiError.integrityFailure(record: "\(id) (\(table).wrapped_dek)")
                    }
                    let vault = try PersonVault.unwrap(personID: id, wrapped: wrapped, centreKey: oldKey(version), dekTable: table)
                    try update.execute(arguments: [vault.wrapped(centreKey: newKey, version: next), next, id])
                }
                rewrapped += rows.count
            }
            let newBox = try BoxKeyPair(secretKey: KeyDerivation.subkey(of: newKey, label: "centre.box"))
            try resealCentreReasons(db, centre: code, from: BoxKeyPair(secretKey: KeyDerivation.subkey(of: oldKey(centre.keyVersion), label: "centre.box")),
                                    to: newBox)
            try db.execute(sql: "UPDATE centres SET key_version = ?, box_public = ? WHERE code = ?", arguments: [next, newBox.publicKey.blob, code])
            try wrapForRecovery(db, key: newKey, id: .centre(code, version: next))
            let staff = try String.fetchAll(db, sql: """
                SELECT name FROM users WHERE centre = ? AND status = 'active' AND role IN ('counsellor', 'manager') ORDER BY name
                """, arguments: [code])
            for user in staff { try grant(db, key: newKey, id: .centre(code, version: next), to: user, by: session.user) }
            try audit(db, session, "keys.rotate", record: code, centre: code)
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
    public func recoverAccess(user: String, recovery: RecoveryKey, passphrase: SecureBytes, parameters: Argon2idParameters) throws -> AccessChange {
        try requireInitialised()
        return try write { db in
            guard try meta(db, "recovery_public") == recovery.keyPair.publicKey else { throw CaunoiError.wrongRecoveryKey }
            let target = try userInfo(db, user)
            guard target.active else { throw CaunoiError.userRemoved(user) }
            let (keys, missing) = try keysFor(db, role: target.role, centre: target.centre, from: nil, recovery: recovery)
            let signing = try replaceKeyslot(db, user: user, passphrase: passphrase, parameters: parameters, keys: keys)
            try AuditTrail.append(db, user: user, action: "keys.recover", record: user, centre: target.centre, signer: signing)
            return AccessChange(user: user, granted: keys.keys.map(\.rawValue).sorted(), missing: missing)
        }
    }
}
