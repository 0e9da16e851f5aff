import CaunoiCrypto
import Foundation

/// The clear header of a backup: facts about the snapshot that an operator may need without
/// the recovery key (which deployment, when, by whom, how big, where the audit trail stood).
/// Ids, counts and a staff handle only; nothing personal. It is bound to the file key (its
/// hash is inside the sealed box), so it cannot be altered without the restore noticing.
struct BackupHeader: Sendable, Equatable {
    let backup: String
    let createdAt: String
    let createdBy: String
    /// Deployment, recovery public key, counts and audit head of the snapshot. The recovery
    /// public key is here so that a wrong recovery key is named as such (77) instead of
    /// looking like a damaged file.
    let facts: SnapshotFacts

    var json: JSONValue {
        .object([
            "format": .string(BackupFile.format),
            "backup": .string(backup),
            "created_at": .string(createdAt),
            "created_by": .string(createdBy),
            "deployment": .string(facts.deployment),
            "recovery_public": .string(Data(facts.recoveryPublic).base64EncodedString()),
            "cases": .int(facts.cases),
            "erasures": .int(facts.erasures),
            "audit_head": .object(["seq": .int(Int(facts.auditHeadSeq)), "hash": .string(Data(facts.auditHeadHash).base64EncodedString())]),
        ])
    }

    init(backup: String, createdAt: String, createdBy: String, facts: SnapshotFacts) {
        self.backup = backup
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.facts = facts
    }

    /// Reads a header; anything missing, mistyped or of another format is an unreadable backup.
    init(json: JSONValue) throws {
        func text(_ value: JSONValue?) throws -> String {
            guard let value = value?.string, !value.isEmpty else { throw CaunoiError.backupUnreadable }
            return value
        }
        func number(_ value: JSONValue?) throws -> Int {
            guard case .int(let n) = value, n >= 0 else { throw CaunoiError.backupUnreadable }
            return n
        }
        func base64(_ value: JSONValue?) throws -> [UInt8] {
            guard let data = Data(base64Encoded: try text(value)), data.count == 32 else { throw CaunoiError.backupUnreadable }
            return [UInt8](data)
        }
        guard try text(json["format"]) == BackupFile.format else { throw CaunoiError.backupUnreadable }
        let head = json["audit_head"]
        let facts = SnapshotFacts(deployment: try text(json["deployment"]), recoveryPublic: try base64(json["recovery_public"]),
                                  cases: try number(json["cases"]), erasures: try number(json["erasures"]),
                                  auditHeadSeq: Int64(try number(head?["seq"])), auditHeadHash: try base64(head?["hash"]))
        self.init(backup: try text(json["backup"]), createdAt: try text(json["created_at"]), createdBy: try text(json["created_by"]),
                  facts: facts)
    }
}

/// What the sealed box carries: the random file key that encrypts the snapshot, the hash of
/// the clear header (so the header is bound to the key), and the creating admin's signature.
struct BackupEnvelope {
    static let byteCount = 32 + 32 + SigningKeyPair.signatureByteCount

    let fileKey: SecureBytes
    let headerHash: [UInt8]
    let signature: [UInt8]

    var encoded: SecureBytes {
        fileKey.appending(SecureBytes(copying: headerHash + signature))
    }

    init(fileKey: SecureBytes, headerHash: [UInt8], signature: [UInt8]) {
        self.fileKey = fileKey
        self.headerHash = headerHash
        self.signature = signature
    }

    init(decoding plain: SecureBytes) throws {
        guard plain.count == Self.byteCount else { throw CaunoiError.backupUnreadable }
        fileKey = plain.subrange(0..<32)
        let rest = plain.subrange(32..<Self.byteCount).bytes
        headerHash = Array(rest[0..<32])
        signature = Array(rest[32...])
    }
}

/// The backup file (docs/SECURITY.md, "Backups"):
///
///     "caunoi-backup\n"                       magic line, 14 bytes
///     u32 big-endian n ‖ header               canonical JSON (BackupHeader), n ≤ 64 KiB
///     u32 big-endian m ‖ sealed key           crypto_box_seal(BackupEnvelope, recovery public key)
///     stream                                  crypto_secretstream of the SQLite image (SecretStream)
///
/// The header hash and the stream hash are BLAKE2b-256; the signature is Ed25519 over
/// `"caunoi-backup/1 signature" ‖ header hash ‖ stream hash`.
enum BackupFile {
    static let magic = Array("caunoi-backup\n".utf8)
    static let format = "caunoi-backup/1"
    static let maximumHeaderByteCount = 64 * 1024
    static let sealedKeyByteCount = BackupEnvelope.byteCount + SealedBox.overheadByteCount

    /// The parts of a file, still encrypted.
    struct Parts {
        let headerBytes: [UInt8]
        let header: BackupHeader
        let sealedKey: [UInt8]
        let stream: [UInt8]
    }

    static func hash(_ bytes: [UInt8]) throws -> [UInt8] {
        try BLAKE2b.hash(bytes, key: nil, outputByteCount: 32)
    }

    /// What the creating admin signs: both hashes, under a label of its own so that the
    /// signature cannot be mistaken for one over an audit entry or a referral packet.
    static func signedMessage(headerHash: [UInt8], streamHash: [UInt8]) -> [UInt8] {
        Array("\(format) signature".utf8) + headerHash + streamHash
    }

    /// Encrypts an SQLite image: a fresh file key, the stream, the signature, the sealed key.
    static func seal(image: SecureBytes, header: BackupHeader, signer: SigningKeyPair) throws -> [UInt8] {
        let headerBytes = header.json.canonicalBytes
        let fileKey = SecureBytes.random(count: 32)
        let stream = try SecretStream.encrypt(image, key: fileKey)
        let headerHash = try hash(headerBytes)
        let signature = try signer.signature(for: signedMessage(headerHash: headerHash, streamHash: hash(stream)))
        let envelope = BackupEnvelope(fileKey: fileKey, headerHash: headerHash, signature: signature)
        let sealedKey = try SealedBox.seal(envelope.encoded, to: header.facts.recoveryPublic)
        return magic + lengthPrefixed(headerBytes) + lengthPrefixed(sealedKey) + stream
    }

    /// Splits a file into its parts; anything that is not this layout is an unreadable backup.
    static func parse(_ bytes: [UInt8]) throws -> Parts {
        guard bytes.starts(with: magic) else { throw CaunoiError.backupUnreadable }
        var offset = magic.count
        func field(maximum: Int) throws -> [UInt8] {
            guard bytes.count - offset >= 4 else { throw CaunoiError.backupUnreadable }
            let length = Int(bytes[offset..<offset + 4].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) })
            offset += 4
            guard length <= maximum, bytes.count - offset >= length else { throw CaunoiError.backupUnreadable }
            defer { offset += length }
            return Array(bytes[offset..<offset + length])
        }
        let headerBytes = try field(maximum: maximumHeaderByteCount)
        let json: JSONValue
        do { json = try JSONDecoder().decode(JSONValue.self, from: Data(headerBytes)) } catch { throw CaunoiError.backupUnreadable }
        let header = try BackupHeader(json: json)
        let sealedKey = try field(maximum: sealedKeyByteCount)
        guard sealedKey.count == sealedKeyByteCount else { throw CaunoiError.backupUnreadable }
        return Parts(headerBytes: headerBytes, header: header, sealedKey: sealedKey, stream: Array(bytes[offset...]))
    }

    /// Opens the sealed key and the stream. A recovery key other than the one the header
    /// names is `wrongRecoveryKey` (77); any other failure is `backupUnreadable` (65). The
    /// header is checked against the hash inside the box, so an altered header is caught here.
    static func open(_ parts: Parts, recovery: RecoveryKey) throws -> (image: SecureBytes, envelope: BackupEnvelope, streamHash: [UInt8]) {
        let plain: SecureBytes
        do {
            plain = try SealedBox.open(parts.sealedKey, with: recovery.keyPair)
        } catch {
            // The box did not open: with the key the header names, the box was altered.
            throw recovery.keyPair.publicKey == parts.header.facts.recoveryPublic ? CaunoiError.backupUnreadable : CaunoiError.wrongRecoveryKey
        }
        let envelope = try BackupEnvelope(decoding: plain)
        guard try hash(parts.headerBytes) == envelope.headerHash else { throw CaunoiError.backupUnreadable }
        let image: SecureBytes
        do { image = try SecretStream.decrypt(parts.stream, key: envelope.fileKey) } catch { throw CaunoiError.backupUnreadable }
        return (image, envelope, try hash(parts.stream))
    }

    private static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
    }
}
