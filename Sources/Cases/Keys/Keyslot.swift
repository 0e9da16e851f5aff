import CaunoiCrypto
import GRDB

/// A user's keys sealed with XChaCha20-Poly1305 under a key derived from her passphrase by
/// Argon2id. Salt and limits are stored with the slot so they can be raised later.
struct Keyslot {
    var salt: [UInt8]
    var parameters: Argon2idParameters
    var sealed: [UInt8]

    static func place(user: String) -> SealedValue.Place {
        SealedValue.Place(table: "keyslots", column: "sealed", row: user, person: "")
    }

    /// A new passphrase's key under a fresh salt, derived before any transaction is opened (the
    /// Argon2id work would hold every other writer back), sealed into a keyslot inside it.
    struct Derived {
        let salt: [UInt8]
        let key: SecureBytes
        let parameters: Argon2idParameters

        init(passphrase: SecureBytes, parameters: Argon2idParameters) throws {
            salt = Random.bytes(Argon2id.saltByteCount)
            key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: parameters)
            self.parameters = parameters
        }

        func keyslot(user: String, bundle: KeyBundle) throws -> Keyslot {
            Keyslot(salt: salt, parameters: parameters, sealed: try SealedValue.seal(bundle.encoded(), key: key, keyVersion: 1, place: place(user: user)))
        }
    }

    /// Opens the slot; returns the bundle and the derived key (to re-seal after folding grants).
    func open(user: String, passphrase: SecureBytes) throws -> (KeyBundle, SecureBytes) {
        let key = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: parameters)
        return (try open(user: user, key: key), key)
    }

    /// Opens the slot with a key already derived from its salt (no Argon2id): the same slot
    /// re-sealed meanwhile by another login of hers opens with it too.
    func open(user: String, key: SecureBytes) throws -> KeyBundle {
        let plain: SecureBytes
        do {
            plain = try SealedValue.open(sealed, key: key, place: Self.place(user: user))
        } catch {
            throw CaunoiError.wrongPassphrase
        }
        return try KeyBundle.decode(plain)
    }

    /// Re-seals a changed bundle under the same passphrase-derived key (new nonce).
    func resealed(user: String, bundle: KeyBundle, key: SecureBytes) throws -> Keyslot {
        var copy = self
        copy.sealed = try SealedValue.seal(bundle.encoded(), key: key, keyVersion: 1, place: Self.place(user: user))
        return copy
    }

    /// Limits a keyslot may name: anything outside was not written by caunoi (an absurd memory
    /// limit would otherwise fail inside libsodium, exit 70).
    static let plausibleOps: ClosedRange<UInt64> = 1...UInt64(SecuritySettings.ceilingOps)
    static let plausibleMemory: ClosedRange<UInt64> = (8 << 10)...(UInt64(SecuritySettings.ceilingMemoryKiB) << 10)

    static func fetch(_ db: Database, user: String) throws -> Keyslot? {
        guard let row = try Row.fetchOne(db, sql: "SELECT salt, opslimit, memlimit, sealed FROM keyslots WHERE user = ?", arguments: [user]) else {
            return nil
        }
        guard let ops = row["opslimit"] as Int64?, let memory = row["memlimit"] as Int64?, ops > 0, memory > 0,
              plausibleOps.contains(UInt64(ops)), plausibleMemory.contains(UInt64(memory)) else {
            throw CaunoiError.integrityFailure(record: "keyslot of \(user)")
        }
        return Keyslot(salt: row.bytes("salt"), parameters: Argon2idParameters(opsLimit: row["opslimit"], memLimit: row["memlimit"]), sealed: row.bytes("sealed"))
    }

    func save(_ db: Database, user: String) throws {
        try db.execute(sql: """
            INSERT INTO keyslots (user, algorithm, opslimit, memlimit, salt, sealed, updated_on)
            VALUES (?, 'argon2id13', ?, ?, ?, ?, ?)
            ON CONFLICT(user) DO UPDATE SET opslimit = excluded.opslimit, memlimit = excluded.memlimit,
                salt = excluded.salt, sealed = excluded.sealed, updated_on = excluded.updated_on
            """, arguments: [user, parameters.opsLimit, parameters.memLimit, salt.blob, sealed.blob, Day.today()])
    }
}
