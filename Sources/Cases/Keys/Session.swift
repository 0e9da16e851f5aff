import CaunoiCrypto
import GRDB

/// An unlocked user: who she is and the keys her keyslot (and folded grants) gave her.
/// Access to personal data is decided by which keys are here, not only by the role; the role
/// and centre come from her own certificate, checked against the root pinned in her keyslot,
/// never from a plain column.
public struct Session: Sendable {
    public let user: String
    public let role: Role
    public let centre: String?
    let keys: [KeyID: SecureBytes]
    /// The deployment root's public key pinned in her keyslot.
    let trustRoot: [UInt8]
    /// The centre-key version certified as current for her centre at unlock (new DEKs are
    /// wrapped under it, whatever `centres.key_version` says).
    let centreVersion: Int?
    /// Grants refused at this unlock (bad signature, no authority, wrong key): reported and
    /// audited, and skipped rather than locking her out.
    public let rejectedGrants: [Int64]
    /// Set when this unlock pinned the root for the first time after an upgrade: its
    /// fingerprint, for her to compare with the one her administrator announced.
    public let newlyPinnedRoot: String?

    func key(_ id: KeyID) -> SecureBytes? { keys[id] }

    /// A key to seal, wrap or sign with, refused once wiped: a session that ended while a
    /// request still held it must never seal a woman's data under zeros.
    private func live(_ key: SecureBytes) throws -> SecureBytes {
        guard !key.isZero else { throw CaunoiError.sessionEnded }
        return key
    }

    var boxKeyPair: BoxKeyPair {
        get throws {
            guard let secret = keys[.ownBox] else { throw CaunoiError.integrityFailure(record: "keyslot") }
            return try BoxKeyPair(secretKey: live(secret))
        }
    }

    var signingKeyPair: SigningKeyPair {
        get throws {
            guard let seed = keys[.ownSigning] else { throw CaunoiError.integrityFailure(record: "keyslot") }
            return try SigningKeyPair(seed: live(seed))
        }
    }

    /// Zeroes every key this session holds (logout, timeout, revocation, shutdown). Whatever
    /// still uses it afterwards fails to decrypt rather than reading anyone's data.
    public func wipe() {
        for key in keys.values { key.wipe() }
    }

    /// Keeps its keys out of swap where the system allows: a server holds them for hours.
    public func lockKeysInMemory() {
        for key in keys.values { key.lockInMemory() }
    }

    /// True once every key it held is zero: what a test of logout, expiry and revocation checks.
    public var holdsNoKey: Bool {
        keys.values.allSatisfy { key in key.withUnsafeBytes { $0.allSatisfy { $0 == 0 } } }
    }

    /// Refuses a session that no longer stands for what was unlocked: its user was removed, or
    /// her centre's key rotated since (a server keeps sessions for hours; each operation's
    /// audit entry checks this in its own transaction, so a refused operation leaves nothing).
    func requireStillValid(_ db: Database) throws {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT u.status, c.key_version FROM users u LEFT JOIN centres c ON c.code = u.centre WHERE u.name = ?
            """), arguments: [user])
        guard let row, row["status"] as String == "active" else { throw CaunoiError.sessionEnded }
        if role.worksCases, let centreVersion, row["key_version"] as Int? != centreVersion { throw CaunoiError.sessionEnded }
    }

    /// Refuses unless the acting user has one of these roles.
    func require(_ roles: Role...) throws {
        guard roles.contains(role) else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
    }

    /// Her centre's index key, for blind-index lookups and writes: searches reach her own
    /// centre's persons only, and nobody else's index values can be computed with it.
    func indexKey() throws -> SecureBytes {
        guard role.holdsIndexKey, let centre else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
        guard let key = keys[.centreIndex(centre)] else { throw CaunoiError.keysMissing }
        return try live(key)
    }

    /// Centre codes whose current or older keys this user holds.
    var readableCentres: Set<String> {
        Set(keys.keys.compactMap { if case .centre(let code, _) = $0 { code } else { nil } })
    }

    /// A centre key by version, refused cryptographically when not held.
    func centreKey(_ code: String, version: Int) throws -> SecureBytes {
        guard role.worksCases else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
        guard let key = keys[.centre(code, version: version)] else {
            throw code == centre ? CaunoiError.keysMissing : CaunoiError.notYourCentre
        }
        return try live(key)
    }

    /// The key and version to wrap new DEKs of her own centre under: the version certified as
    /// current at unlock. An edited `centres.key_version` cannot send new women back under a
    /// key a removed colleague kept.
    func currentCentreKey(_ code: String) throws -> (key: SecureBytes, version: Int) {
        guard role.worksCases else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
        guard code == centre else { throw CaunoiError.notYourCentre }
        guard let version = centreVersion else { throw CaunoiError.keysMissing }
        return (try centreKey(code, version: version), version)
    }
}
