import Crypto
import Foundation
import GRDB

extension CaseStore {
    /// Opens a user's keyslot with her passphrase and folds in keys granted to her since her
    /// last unlock (then deletes those grants). A wrong passphrase and an unknown user give
    /// the same answer, so the error does not confirm who has an account.
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
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT role, centre, status FROM users WHERE name = ?", arguments: [user]),
                  let role = Role(rawValue: row["role"]) else {
                // Spend the same Argon2id time as a real unlock before refusing.
                _ = try? Argon2id.deriveKey(passphrase: passphrase, salt: Random.bytes(16), parameters: try storedDefaultParameters(db))
                throw CaunoiError.wrongPassphrase
            }
            guard row["status"] as String == "active", let slot = try Keyslot.fetch(db, user: user) else {
                throw CaunoiError.userRemoved(user)
            }
            var (bundle, slotKey) = try slot.open(user: user, passphrase: passphrase)
            let grants = try Row.fetchAll(db, sql: "SELECT id, key_id, sealed FROM key_grants WHERE user = ? ORDER BY id", arguments: [user])
            if !grants.isEmpty {
                guard let boxSecret = bundle.keys[.ownBox] else { throw CaunoiError.integrityFailure(record: "keyslot") }
                let boxPair = try BoxKeyPair(secretKey: boxSecret)
                for grant in grants {
                    let keyID: String = grant["key_id"]
                    let granted: KeyBundle
                    do {
                        granted = try KeyBundle.decode(SealedBox.open(grant.bytes("sealed"), with: boxPair))
                    } catch {
                        throw CaunoiError.integrityFailure(record: "grant \(grant["id"] as Int64)")
                    }
                    guard let id = KeyID(rawValue: keyID), let key = granted.keys[id], granted.keys.count == 1 else {
                        throw CaunoiError.integrityFailure(record: "grant \(grant["id"] as Int64)")
                    }
                    bundle.keys[id] = key
                }
                try slot.resealed(user: user, bundle: bundle, key: slotKey).save(db, user: user)
                try db.execute(sql: "DELETE FROM key_grants WHERE user = ?", arguments: [user])
            }
            let session = Session(user: user, role: role, centre: row["centre"], keys: bundle.keys)
            try audit(db, session, "login")
            return session
        }
    }

    /// Seals one key to a user's public key, to be folded into her keyslot at next unlock.
    func grant(_ db: Database, key: SecureBytes, id: KeyID, to user: String, by grantor: String) throws {
        guard let publicKey = try Data.fetchOne(db, sql: "SELECT box_public FROM users WHERE name = ?", arguments: [user]) else {
            throw CaunoiError.userNotFound(user)
        }
        var bundle = KeyBundle()
        bundle.keys[id] = key
        let sealed = try SealedBox.seal(bundle.encoded(), to: [UInt8](publicKey))
        try db.execute(sql: "INSERT INTO key_grants (user, key_id, sealed, granted_by, created_on) VALUES (?, ?, ?, ?, ?)",
                       arguments: [user, id.rawValue, sealed.blob, grantor, Day.today()])
    }

    func storedDefaultParameters(_ db: Database) throws -> Argon2idParameters {
        let row = try Row.fetchOne(db, sql: "SELECT opslimit, memlimit FROM keyslots LIMIT 1")
        return row.map { Argon2idParameters(opsLimit: $0["opslimit"], memLimit: $0["memlimit"]) } ?? .interactive
    }

    func requireInitialised() throws {
        let ready = try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'recovery_public')") ?? false }
        guard ready else { throw CaunoiError.databaseNotInitialised }
    }
}
