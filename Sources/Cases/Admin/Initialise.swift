import Crypto
import Foundation
import GRDB

extension CaseStore {
    /// Creates a deployment: the admin user (no data keys), the index key, the central review
    /// key pair and the recovery key. Returns the recovery key, to be shown once.
    public func initialise(admin: String, passphrase: SecureBytes, parameters: Argon2idParameters) throws -> RecoveryKey {
        try UserName.validate(admin)
        let recovery = RecoveryKey.generate()
        let central = BoxKeyPair.generate()
        let index = SecureBytes.random(count: 32)
        try write { db in
            guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'recovery_public')") ?? false) else {
                throw CaunoiError.databaseAlreadyInitialised
            }
            try setMeta(db, "recovery_public", recovery.keyPair.publicKey)
            try setMeta(db, "central_public", central.publicKey)
            try setMeta(db, "deployment_id", Array(Ids.random(prefix: "D").utf8))
            try wrapForRecovery(db, key: index, id: .index)
            try wrapForRecovery(db, key: central.secretKey, id: .centralReview)
            let signing = try insertUser(db, name: admin, role: .admin, centre: nil, passphrase: passphrase, parameters: parameters,
                                         extraKeys: [:], createdBy: nil)
            // The chain starts with the deployment itself, signed by its first admin.
            try AuditTrail.append(db, user: admin, action: "init", record: nil, centre: nil, signer: signing)
        }
        return recovery
    }

    func setMeta(_ db: Database, _ key: String, _ value: [UInt8]) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value.blob])
    }

    func meta(_ db: Database, _ key: String) throws -> [UInt8] {
        guard let value = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) else {
            throw CaunoiError.databaseNotInitialised
        }
        return [UInt8](value)
    }

    /// Seals a key to the recovery public key (anyone may wrap; only the recovery key opens).
    func wrapForRecovery(_ db: Database, key: SecureBytes, id: KeyID) throws {
        var bundle = KeyBundle()
        bundle.keys[id] = key
        let wrapped = try SealedBox.seal(bundle.encoded(), to: meta(db, "recovery_public"))
        try db.execute(sql: "INSERT INTO recovery_wraps (key_id, wrapped) VALUES (?, ?)", arguments: [id.rawValue, wrapped.blob])
    }

    /// Opens a recovery wrap; a key that does not match the stored public key is refused.
    func unwrapWithRecovery(_ db: Database, id: KeyID, recovery: RecoveryKey) throws -> SecureBytes {
        guard try meta(db, "recovery_public") == recovery.keyPair.publicKey else { throw CaunoiError.wrongRecoveryKey }
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM recovery_wraps WHERE key_id = ?", arguments: [id.rawValue]) else {
            throw CaunoiError.keysMissing
        }
        do {
            let bundle = try KeyBundle.decode(SealedBox.open([UInt8](wrapped), with: recovery.keyPair))
            guard let key = bundle.keys[id] else { throw CaunoiError.integrityFailure(record: "recovery \(id.rawValue)") }
            return key
        } catch let error as CaunoiError {
            throw error
        } catch {
            throw CaunoiError.integrityFailure(record: "recovery \(id.rawValue)")
        }
    }

    /// Inserts a user with fresh X25519 and Ed25519 key pairs and a keyslot holding them
    /// plus `extraKeys`. Returns her signing key pair.
    @discardableResult
    func insertUser(
        _ db: Database, name: String, role: Role, centre: String?, passphrase: SecureBytes,
        parameters: Argon2idParameters, extraKeys: [KeyID: SecureBytes], createdBy: String?
    ) throws -> SigningKeyPair {
        guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?)", arguments: [name]) ?? false) else {
            throw CaunoiError.invalidValue(option: "NAME", value: name)
        }
        let box = BoxKeyPair.generate()
        let signing = SigningKeyPair.generate()
        var bundle = KeyBundle(keys: extraKeys)
        bundle.keys[.ownBox] = box.secretKey
        bundle.keys[.ownSigning] = signing.seed
        try db.execute(sql: """
            INSERT INTO users (name, role, centre, box_public, sign_public, created_on, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [name, role, centre, box.publicKey.blob, signing.publicKey.blob, Day.today(), createdBy])
        try Keyslot.create(user: name, passphrase: passphrase, bundle: bundle, parameters: parameters).save(db, user: name)
        return signing
    }
}

/// Staff user names: lower-case ASCII handles, never a woman's name.
enum UserName {
    static func validate(_ name: String) throws {
        let ok = (1...64).contains(name.count) && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        guard ok else { throw CaunoiError.invalidValue(option: "NAME", value: name) }
    }
}
