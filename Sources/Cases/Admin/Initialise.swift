import CaunoiCrypto
import Foundation
import GRDB

extension CaseStore {
    /// Creates a deployment: the admin user (no data keys), the central review key pair and the
    /// recovery key, whose derived root signing key certifies the recovery and central keys and
    /// the first admin. (Each centre brings its own data and index keys.) Returns the recovery
    /// key, to be shown once.
    ///
    /// `deliver` receives the recovery key inside the transaction, before anything is
    /// committed (to write the recovery file): if it fails, nothing is initialised and the
    /// command can simply be run again; a deployment never exists without its recovery key.
    public func initialise(admin: String, passphrase: SecureBytes, security: SecuritySettings,
                           deliver: (RecoveryKey) throws -> Void = { _ in }) throws -> RecoveryKey {
        try security.checkNewPassphrase(passphrase)
        try UserName.validate(admin)
        let keyslotKey = try Keyslot.Derived(passphrase: passphrase, parameters: security.argon2id)
        let recovery = RecoveryKey.generate()
        let central = BoxKeyPair.generate()
        let root = try Signer.root(recovery)
        try write { db in
            guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'recovery_public')") ?? false) else {
                throw CaunoiError.databaseAlreadyInitialised
            }
            try setMeta(db, "recovery_public", recovery.keyPair.publicKey)
            try setMeta(db, "central_public", central.publicKey)
            try setMeta(db, "deployment_id", Array(Ids.random(prefix: "D").utf8))
            try setMeta(db, "root_public", root.keys.publicKey)
            try certifyDeploymentKeys(db, root: root, recovery: recovery.keyPair.publicKey, central: central.publicKey)
            let trust = try TrustChain(db, root: root.keys.publicKey)
            try wrapForRecovery(db, trust, key: central.secretKey, id: .centralReview, by: root)
            let signing = try insertUser(db, name: admin, role: .admin, centre: nil, keyslotKey: keyslotKey,
                                         extraKeys: [:], createdBy: nil, issuer: (root, nil), trustRoot: root.keys.publicKey)
            // The chain starts with the deployment itself, signed by its first admin.
            try AuditTrail.append(db, user: admin, action: "init", record: nil, centre: nil, signer: signing)
            try deliver(recovery)
        }
        return recovery
    }

    /// The root's certificates of the recovery and central review keys.
    func certifyDeploymentKeys(_ db: Database, root: Signer, recovery: [UInt8], central: [UInt8]) throws {
        let deployment = try deploymentID(db)
        for (kind, key) in [(Certificate.Kind.recovery, recovery), (.central, central)] {
            try issue(db, Certificate(serial: Ids.random(prefix: "C"), kind: kind, deployment: deployment, subject: kind.rawValue,
                                      boxPublic: key, issuer: Certificate.root, issuedAt: AuditTrail.timestamp()), by: root, issuer: nil)
        }
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

    /// Inserts a user with fresh X25519 and Ed25519 key pairs, her certificate signed by
    /// `issuer`, and a keyslot holding her key pairs, the pinned root and `extraKeys`.
    /// Returns her signing key pair.
    @discardableResult
    func insertUser(
        _ db: Database, name: String, role: Role, centre: String?, keyslotKey: Keyslot.Derived,
        extraKeys: [KeyID: SecureBytes], createdBy: String?,
        issuer: (signer: Signer, certificate: Certificate?), trustRoot: [UInt8]
    ) throws -> SigningKeyPair {
        guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?)", arguments: [name]) ?? false) else {
            throw CaunoiError.invalid(.userName)
        }
        let box = BoxKeyPair.generate()
        let signing = SigningKeyPair.generate()
        var bundle = KeyBundle(keys: extraKeys)
        bundle.keys[.ownBox] = box.secretKey
        bundle.keys[.ownSigning] = signing.seed
        bundle.keys[.trustRoot] = SecureBytes(copying: trustRoot)
        try issue(db, userCertificate(db, name: name, role: role, centre: centre, box: box.publicKey, sign: signing.publicKey,
                                      issuer: issuer.signer.name), by: issuer.signer, issuer: issuer.certificate)
        try db.execute(sql: """
            INSERT INTO users (name, role, centre, box_public, sign_public, created_on, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [name, role, centre, box.publicKey.blob, signing.publicKey.blob, Day.today(), createdBy])
        try keyslotKey.keyslot(user: name, bundle: bundle).save(db, user: name)
        return signing
    }
}

/// Staff user names: lower-case ASCII handles, never a woman's name.
enum UserName {
    static func validate(_ name: String) throws {
        // Begins with a letter or digit: no "." or ".." that a path (a web page's address) would fold.
        let ok = (1...64).contains(name.count) && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        } && name.unicodeScalars.first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } == true
        guard ok else { throw CaunoiError.invalid(.userName) }
    }
}
