import CaunoiCrypto
import Foundation
import GRDB

/// The attacker of SECURITY.md's threat model who can edit the database file but knows no
/// passphrase: plain SQLite (triggers dropped where they would stop her) and libsodium with keys
/// of her own. Everything she does here is what such a person could script.
struct FileAttacker {
    let path: String
    /// Her own key pairs: what she hopes a centre key or a woman's data ends up sealed to.
    let box = BoxKeyPair.generate()
    let signing = SigningKeyPair.generate()
    /// A centre key of her own choosing, which she hopes staff will adopt.
    let centreKey = SecureBytes.random(count: 32)

    init(_ deployment: Deployment) { path = deployment.databasePath }

    @discardableResult
    func edit<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            for trigger in ["certificates_no_update", "certificates_no_delete", "audit_log_no_update", "audit_log_no_delete"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
            return try body(db)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// caunoi's key bundle format (id and key, each with a 2-byte length), as she would copy it.
    static func bundle(_ id: String, _ key: SecureBytes) -> SecureBytes {
        var bytes: [UInt8] = []
        for part in [Array(id.utf8), key.bytes] {
            bytes += [UInt8(part.count >> 8), UInt8(part.count & 0xff)] + part
        }
        return SecureBytes(copying: bytes)
    }

    /// Inserts a grant of `keyID` carrying her own centre key, sealed to the user's listed box
    /// key. Signed, it is a complete, well-formed `caunoi-grant/1` statement naming `grantor`,
    /// signed with her own key; unsigned, it is a bare row as from before certificates.
    func insertGrant(of keyID: String, to user: String, signedAs grantor: String? = nil) throws {
        try edit { db in
            let box = try Data.fetchOne(db, sql: "SELECT box_public FROM users WHERE name = ?", arguments: [user])!
            let sealed = try SealedBox.seal(Self.bundle(keyID, centreKey), to: [UInt8](box))
            var columns = "user, key_id, sealed, granted_by, created_on"
            var values: [(any DatabaseValueConvertible)?] = [user, keyID, Data(sealed), grantor ?? "lan", "2026-12-01"]
            if let grantor {
                let deployment = String(decoding: try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'deployment_id'")!, as: UTF8.self)
                let serial = try String.fetchOne(db, sql: "SELECT serial FROM certificates WHERE kind = 'user' AND subject = ? ORDER BY rowid DESC LIMIT 1",
                                                 arguments: [user]) ?? ""
                let hash = Data(try BLAKE2b.hash(sealed, key: nil, outputByteCount: 32)).base64EncodedString()
                let statement: [String: Any] = ["format": "caunoi-grant/1", "deployment": deployment, "key_id": keyID, "sealed": hash,
                                                "signer": grantor, "recipient": user, "recipient_certificate": serial, "at": "2026-12-01T00:00:00Z"]
                let body = [UInt8](try JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]))
                columns += ", body, signature, signer_public"
                values += [Data(body), Data(try signing.signature(for: body)), Data(signing.publicKey)]
            }
            let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO key_grants (\(columns)) VALUES (\(marks))", arguments: StatementArguments(values))
        }
    }

    /// A certificate body as stored, parsed into a dictionary she can change.
    func certificate(kind: String, subject: String) throws -> (serial: String, body: [String: Any]) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT serial, body FROM certificates WHERE kind = ? AND subject = ? ORDER BY rowid DESC LIMIT 1",
                                       arguments: [kind, subject])!
            return (row["serial"], try JSONSerialization.jsonObject(with: row["body"] as Data) as! [String: Any])
        }
    }

    /// Stores a certificate she wrote, signed with her own key.
    func insertCertificate(_ body: [String: Any], kind: String, subject: String, issuer: String) throws -> String {
        let serial = "C-ATTACKER\(Int.random(in: 10...99))"
        var body = body
        body["serial"] = serial
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
        try edit { db in
            try db.execute(sql: "INSERT INTO certificates (serial, kind, subject, issuer, body, signature, signer_public) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [serial, kind, subject, issuer, Data(bytes), Data(try signing.signature(for: bytes)), Data(signing.publicKey)])
        }
        return serial
    }

    /// Does any sealed box in `table.column` open with her key? (It must not, ever.)
    func opensAny(_ table: String, _ column: String) throws -> Bool {
        try read { db in
            try Data.fetchAll(db, sql: "SELECT \(column) FROM \(table) WHERE \(column) IS NOT NULL").contains { blob in
                (try? SealedBox.open([UInt8](blob), with: box)) != nil
            }
        }
    }

    /// Does any person's wrapped DEK open with her centre key? (XChaCha20-Poly1305 under her
    /// key, with caunoi's header: format, key version, nonce.) Checked by trying the tag.
    func opensAnyDEK() throws -> Bool {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, wrapped_dek FROM persons WHERE wrapped_dek IS NOT NULL").contains { row in
                let place = SealedValue.Place(table: "persons", column: "wrapped_dek", row: row["id"], person: row["id"])
                return (try? SealedValue.open([UInt8](row["wrapped_dek"] as Data), key: centreKey, place: place)) != nil
            }
        }
    }
}
