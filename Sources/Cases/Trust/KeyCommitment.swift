import CaunoiCrypto

/// Who signs a certificate or a key statement: the deployment root or a user.
struct Signer {
    /// A user's name, or `root`.
    let name: String
    let keys: SigningKeyPair

    static func root(_ recovery: RecoveryKey) throws -> Signer { Signer(name: Certificate.root, keys: try recovery.rootSigningKeyPair()) }

    static func user(_ session: Session) throws -> Signer { Signer(name: session.user, keys: try session.signingKeyPair) }
}

extension RecoveryKey {
    /// The deployment root signing key is derived from the recovery key, so it is kept offline
    /// exactly like it and can never be swapped in the file (a wrap could be).
    func rootSigningKeyPair() throws -> SigningKeyPair {
        try SigningKeyPair(seed: KeyDerivation.subkey(of: keyPair.secretKey, label: "root.sign"))
    }
}

/// Every key handed over in the file (granted, recovered, folded into a keyslot) is checked
/// against the public value its certificate commits to: a centre key against its version's
/// certified box key, the central secret against the certified central key, the index key
/// against the root's index commitment. A key of the attacker's choosing fails here even if
/// every signature were forged.
enum KeyCommitment {
    /// The public value a key commits to.
    static func publicValue(of key: SecureBytes, _ id: KeyID) throws -> [UInt8] {
        switch id {
        case .centre: try BoxKeyPair(secretKey: KeyDerivation.subkey(of: key, label: "centre.box")).publicKey
        case .index, .centreIndex: try BoxKeyPair(secretKey: KeyDerivation.subkey(of: key, label: "index.commit")).publicKey
        case .centralReview: try BoxKeyPair(secretKey: key).publicKey
        case .ownBox, .ownSigning, .trustRoot, .auditHead: []
        }
    }

    /// Throws an integrity failure naming the key unless it matches its certificate.
    static func check(_ key: SecureBytes, _ id: KeyID, trust: TrustChain) throws {
        let certified: [UInt8]?
        switch id {
        case .centre(let code, let version): certified = try trust.centreBox(code, version: version)
        case .centreIndex(let code): certified = try trust.centreIndex(code)
        case .centralReview: certified = try trust.deploymentKey(.central)
        // The retired deployment index key is dropped at unlock, never used.
        case .index, .ownBox, .ownSigning, .trustRoot, .auditHead: return
        }
        guard let certified, key.count == 32, try publicValue(of: key, id) == certified else {
            throw CaunoiError.integrityFailure(record: "key \(id.rawValue)")
        }
    }
}
