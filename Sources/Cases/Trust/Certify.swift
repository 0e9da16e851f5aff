import CaunoiCrypto
import Foundation
import GRDB

/// What `keys certify` did to a database made before certificates: the root it created (to
/// announce to staff), the accounts it certified as the file listed them (to review), and
/// the pending grants it dropped (unsigned, so they could not be honoured).
public struct Certification: Sendable {
    public struct Account: Sendable, Equatable {
        public let name: String
        public let role: Role
        public let centre: String?
        public let active: Bool
    }

    public let rootFingerprint: String
    public let accounts: [Account]
    public let centreVersions: Int
    public let pendingGrants: Int
}

extension CaseStore {
    /// Upgrades a deployment made before certificates, once: an admin with the recovery key.
    ///
    /// Everything the file can confirm is checked before it is certified: the recovery key is
    /// the one the file names; the central review secret (from its recovery wrap) gives the
    /// stored central public key; each centre-key version opens a DEK wrapped under it and gives
    /// the stored centre box key; the acting admin's keyslot gives her stored public keys. The
    /// root (derived from the recovery key) then certifies these keys and every account as the
    /// file lists it, re-signs the recovery wraps, and is pinned in the admin's keyslot. Others
    /// pin it at their next unlock (staff check it against a tag under the index key).
    /// The deployment-wide index key is retired: each centre gets an index key of its own (granted
    /// by the root to its staff, wrapped for recovery) and every person's blind indexes are
    /// rebuilt under her centre's key.
    public func certifyDeployment(admin: String, passphrase: SecureBytes, recovery: RecoveryKey, policy: Policy) throws -> Certification {
        try requireInitialised()
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM certificates") == 0 else { throw CaunoiError.deploymentAlreadyCertified }
            guard let slot = try Keyslot.fetch(db, user: admin) else {
                _ = try? Argon2id.deriveKey(passphrase: passphrase, salt: Random.bytes(16), parameters: try storedDefaultParameters(db))
                throw CaunoiError.wrongPassphrase
            }
            var (bundle, slotKey) = try slot.open(user: admin, passphrase: passphrase)
            guard let row = try Row.fetchOne(db, sql: "SELECT role, status, box_public, sign_public FROM users WHERE name = ?", arguments: [admin]),
                  row["role"] == "admin", row["status"] == "active" else { throw CaunoiError.roleNotAllowed(role: "?") }
            guard let box = bundle.keys[.ownBox], let seed = bundle.keys[.ownSigning],
                  try BoxKeyPair(secretKey: box).publicKey == row.bytes("box_public"),
                  try SigningKeyPair(seed: seed).publicKey == row.bytes("sign_public") else {
                throw CaunoiError.integrityFailure(record: "user \(admin)")
            }
            guard try meta(db, "recovery_public") == recovery.keyPair.publicKey else { throw CaunoiError.wrongRecoveryKey }
            let root = try Signer.root(recovery)
            let deployment = try deploymentID(db)

            // The retired deployment index key, when there is one: staff who hold it check the new
            // root against a tag under it before pinning.
            let legacyIndex = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM recovery_wraps WHERE key_id = ?)",
                                                arguments: [KeyID.index.rawValue]) == true ? try openLegacyWrap(db, .index, recovery) : nil
            let central = try openLegacyWrap(db, .centralReview, recovery)
            guard try BoxKeyPair(secretKey: central).publicKey == meta(db, "central_public") else {
                throw CaunoiError.integrityFailure(record: "meta.central_public")
            }
            // Replaced if present: whatever the file said before certification is not believed.
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('root_public', ?)", arguments: [root.keys.publicKey.blob])
            try db.execute(sql: "DELETE FROM meta WHERE key = 'root_pin'")
            if let legacyIndex {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('root_pin', ?)",
                               arguments: [try RootPin.tag(root: root.keys.publicKey, indexKey: legacyIndex).blob])
            }
            try certifyDeploymentKeys(db, root: root, recovery: recovery.keyPair.publicKey, central: BoxKeyPair(secretKey: central).publicKey)
            try resign(db, .centralReview, deployment: deployment, root: root)
            // The retired index key: its wrap and any grant of it still pending go.
            try db.execute(sql: "DELETE FROM recovery_wraps WHERE key_id = ?", arguments: [KeyID.index.rawValue])
            try db.execute(sql: "DELETE FROM key_grants WHERE key_id = ?", arguments: [KeyID.index.rawValue])

            var versions = 0
            var centreKeys: [String: SecureBytes] = [:]
            var indexKeys: [String: SecureBytes] = [:]
            for centre in try Centre.fetchAll(db) {
                // A centre's own index key: kept if the file already has one for it, else a new one.
                let hasIndex = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM recovery_wraps WHERE key_id = ?)",
                                                 arguments: [KeyID.centreIndex(centre.code).rawValue]) == true
                let centreIndex = hasIndex ? try openLegacyWrap(db, .centreIndex(centre.code), recovery) : SecureBytes.random(count: 32)
                indexKeys[centre.code] = centreIndex
                if hasIndex {
                    try resign(db, .centreIndex(centre.code), deployment: deployment, root: root)
                } else {
                    try storeRecoveryWrap(db, deployment: deployment,
                                          sealed: SealedBox.seal(KeyBundle(keys: [.centreIndex(centre.code): centreIndex]).encoded(), to: recovery.keyPair.publicKey),
                                          id: .centreIndex(centre.code), by: root)
                }
                let storedBox = try Data.fetchOne(db, sql: "SELECT box_public FROM centres WHERE code = ?", arguments: [centre.code]).map { [UInt8]($0) }
                for version in 1...centre.keyVersion {
                    let key = try openLegacyWrap(db, .centre(centre.code, version: version), recovery)
                    try checkOpensData(db, centre: centre.code, version: version, key: key)
                    centreKeys["\(centre.code).v\(version)"] = key
                    if version == centre.keyVersion, let storedBox,
                       try KeyCommitment.publicValue(of: key, .centre(centre.code, version: version)) != storedBox {
                        throw CaunoiError.integrityFailure(record: "centre \(centre.code) (centres.box_public)")
                    }
                    try certifyCentre(db, code: centre.code, version: version, key: key,
                                      indexPublic: KeyCommitment.publicValue(of: centreIndex, .centreIndex(centre.code)), by: root, issuer: nil)
                    try resign(db, .centre(centre.code, version: version), deployment: deployment, root: root)
                    versions += 1
                }
            }

            try reindexAndSeal(db, centreKeys: centreKeys, indexKeys: indexKeys, policy: policy)

            var accounts: [Certification.Account] = []
            let trust = try TrustChain(db, root: root.keys.publicKey)
            for user in try Row.fetchAll(db, sql: "SELECT name, role, centre, status, box_public, sign_public FROM users ORDER BY name") {
                guard let role = Role(rawValue: user["role"]) else { throw CaunoiError.integrityFailure(record: "user \(user["name"] as String)") }
                let name: String = user["name"]
                let active = user["status"] == "active"
                // Signing keys she had before (a reset passphrase): certified and at once revoked,
                // so that her old audit entries still verify and the keys sign nothing new.
                for old in try Data.fetchAll(db, sql: "SELECT public FROM signing_keys WHERE user = ? AND public <> ? ORDER BY added_on",
                                             arguments: [name, user["sign_public"] as Data]) {
                    let history = try issue(db, userCertificate(db, name: name, role: role, centre: user["centre"], box: user.bytes("box_public"),
                                                                sign: [UInt8](old), issuer: Certificate.root), by: root, issuer: nil)
                    try issue(db, Certificate(serial: Ids.random(prefix: "C"), kind: .revocation, deployment: deployment,
                                              subject: history.certificate.serial, issuer: Certificate.root, issuedAt: AuditTrail.timestamp()),
                              by: root, issuer: nil, target: history.certificate)
                }
                try issue(db, userCertificate(db, name: name, role: role, centre: user["centre"], box: user.bytes("box_public"),
                                              sign: user.bytes("sign_public"), issuer: Certificate.root), by: root, issuer: nil)
                if !active { try revokeUser(db, trust, name: name, by: root, issuer: nil) }
                accounts.append(Certification.Account(name: name, role: role, centre: user["centre"], active: active))
            }
            // Agencies staff added or imported: certified as the file lists them (policy rows are
            // checked against the policy files instead).
            let local = Set(try String.fetchAll(db, sql: "SELECT id FROM agencies WHERE source <> 'policy'"))
            for agency in try loadAgencies(db) where local.contains(agency.id) {
                try certifyAgency(db, agency, by: root, issuer: nil)
            }
            let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM key_grants") ?? 0
            // Each active staff member receives her centre's new index key from the root.
            for (name, centre) in accounts.compactMap({ $0.active && $0.role.worksCases ? ($0.name, $0.centre ?? "") : nil }) {
                guard let key = indexKeys[centre] else { continue }
                try grant(db, trust, key: key, id: .centreIndex(centre), to: name, by: root, grantor: nil)
            }

            // The statistics ledger so far: each row committed in the chain by the certifying admin.
            let certifier = try SigningKeyPair(seed: seed)
            for id in try String.fetchAll(db, sql: "SELECT id FROM stats_ledger ORDER BY rowid") {
                try AuditTrail.append(db, user: admin, action: "stats.ledger.certify", record: id, centre: nil, signer: certifier,
                                      state: LedgerCommitment.hash(db, id: id))
            }
            bundle.keys[.trustRoot] = SecureBytes(copying: root.keys.publicKey)
            try slot.resealed(user: admin, bundle: bundle, key: slotKey).save(db, user: admin)
            try AuditTrail.append(db, user: admin, action: "keys.certify", record: nil, centre: nil, signer: SigningKeyPair(seed: seed))
            return Certification(rootFingerprint: SignedCertificate.fingerprint(root.keys.publicKey), accounts: accounts,
                                 centreVersions: versions, pendingGrants: pending)
        }
    }

    /// Every woman not erased: her blind indexes rebuilt under her centre's new index key, and
    /// each of her cases sealed, with her data key (opened with the centre keys the recovery key
    /// gave).
    private func reindexAndSeal(_ db: Database, centreKeys: [String: SecureBytes], indexKeys: [String: SecureBytes], policy: Policy) throws {
        var indexers: [String: BlindIndexer] = [:]
        for (centre, key) in indexKeys { indexers[centre] = try BlindIndexer(indexKey: key, settings: policy.blindIndex) }
        let columns = PersonColumn.allCases.map(\.rawValue).joined(separator: ", ")
        let persons = try Row.fetchAll(db, sql: """
            SELECT id, centre, centre_key_version, wrapped_dek, \(columns) FROM persons WHERE wrapped_dek IS NOT NULL ORDER BY id
            """)
        for row in persons {
            let person: String = row["id"]
            let centre: String = row["centre"]
            guard let key = centreKeys["\(centre).v\(row["centre_key_version"] as Int)"], let indexer = indexers[centre] else {
                throw CaunoiError.integrityFailure(record: "\(person) (persons.centre_key_version)")
            }
            let vault = try PersonVault.unwrap(personID: person, wrapped: row.bytes("wrapped_dek"), centreKey: key, dekTable: "persons")
            var blobs: [PersonColumn: [UInt8]] = [:]
            for column in PersonColumn.allCases { if let blob = row.optionalBytes(column.rawValue) { blobs[column] = blob } }
            try BlindIndexer.replace(db, personID: person, entries: indexer.entries(for: PersonFields.opened(from: blobs, with: vault)))
            for caseID in try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [person]) {
                try CaseSeal.update(db, caseID: caseID, vault: vault)
            }
        }
    }

    /// A recovery wrap from before signatures: opened with the recovery key, nothing else.
    private func openLegacyWrap(_ db: Database, _ id: KeyID, _ recovery: RecoveryKey) throws -> SecureBytes {
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM recovery_wraps WHERE key_id = ?", arguments: [id.rawValue]),
              let bundle = try? KeyBundle.decode(SealedBox.open([UInt8](wrapped), with: recovery.keyPair)),
              let key = bundle.keys[id], bundle.keys.count == 1, key.count == 32 else {
            throw CaunoiError.integrityFailure(record: "recovery \(id.rawValue)")
        }
        return key
    }

    /// The root signs the existing wrap as it is (it was just checked or opened).
    private func resign(_ db: Database, _ id: KeyID, deployment: String, root: Signer) throws {
        let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM recovery_wraps WHERE key_id = ?", arguments: [id.rawValue])!
        try storeRecoveryWrap(db, deployment: deployment, sealed: [UInt8](wrapped), id: id, by: root)
    }

    /// A centre key found in a recovery wrap must open a data key wrapped under it, when there
    /// is one: a substituted key opens none.
    private func checkOpensData(_ db: Database, centre: String, version: Int, key: SecureBytes) throws {
        for table in ["persons", "associations"] {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, wrapped_dek FROM \(table) WHERE centre = ? AND centre_key_version = ? AND wrapped_dek IS NOT NULL LIMIT 1
                """, arguments: [centre, version]) else { continue }
            do {
                _ = try PersonVault.unwrap(personID: row["id"], wrapped: row.bytes("wrapped_dek"), centreKey: key, dekTable: table)
            } catch {
                throw CaunoiError.integrityFailure(record: "recovery centre.\(centre).v\(version)")
            }
        }
    }
}
