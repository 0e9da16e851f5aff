import Crypto

/// An unlocked user: who she is and the keys her keyslot (and folded grants) gave her.
/// Access to personal data is decided by which keys are here, not only by the role.
public struct Session: Sendable {
    public let user: String
    public let role: Role
    public let centre: String?
    let keys: [KeyID: SecureBytes]

    func key(_ id: KeyID) -> SecureBytes? { keys[id] }

    var boxKeyPair: BoxKeyPair {
        get throws {
            guard let secret = keys[.ownBox] else { throw CaunoiError.integrityFailure(record: "keyslot") }
            return try BoxKeyPair(secretKey: secret)
        }
    }

    var signingKeyPair: SigningKeyPair {
        get throws {
            guard let seed = keys[.ownSigning] else { throw CaunoiError.integrityFailure(record: "keyslot") }
            return try SigningKeyPair(seed: seed)
        }
    }

    /// Refuses unless the acting user has one of these roles.
    func require(_ roles: Role...) throws {
        guard roles.contains(role) else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
    }

    /// The index key, for blind-index lookups and writes.
    func indexKey() throws -> SecureBytes {
        guard role.holdsIndexKey else { throw CaunoiError.roleNotAllowed(role: role.rawValue) }
        guard let key = keys[.index] else { throw CaunoiError.keysMissing }
        return key
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
        return key
    }
}
