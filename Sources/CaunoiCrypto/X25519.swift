/// An X25519 key pair: a user's key for receiving grants, the central review key, the
/// recovery key and partner agencies' keys.
public struct BoxKeyPair: Sendable {
    public static let publicKeyByteCount = 32
    public static let secretKeyByteCount = 32

    public let publicKey: [UInt8]
    public let secretKey: SecureBytes

    public static func generate() -> BoxKeyPair {
        let secret = SecureBytes.random(count: secretKeyByteCount)
        // A random 32-byte string is a valid X25519 secret (clamping happens inside).
        return try! BoxKeyPair(secretKey: secret)
    }

    /// Rebuilds the pair from its secret half (e.g. the recovery key, or one from a keyslot).
    public init(secretKey: SecureBytes) throws {
        guard secretKey.count == Self.secretKeyByteCount else { throw CryptoError.invalidKeyLength }
        self.secretKey = secretKey
        self.publicKey = try sodiumScalarMultBase(secretKey)
    }
}

/// Raw X25519 (RFC 7748), exposed for known-answer tests.
public enum X25519 {
    public static func sharedSecret(secretKey: SecureBytes, publicKey: [UInt8]) throws -> SecureBytes {
        guard secretKey.count == 32, publicKey.count == 32 else { throw CryptoError.invalidKeyLength }
        return try sodiumScalarMult(secretKey, publicKey)
    }
}

/// Anonymous sealed boxes (`crypto_box_seal`): anyone with the public key can seal; only the
/// secret key opens. Used for key grants, recovery wraps and referral packets.
public enum SealedBox {
    public static let overheadByteCount = 48

    public static func seal(_ message: SecureBytes, to publicKey: [UInt8]) throws -> [UInt8] {
        guard publicKey.count == BoxKeyPair.publicKeyByteCount else { throw CryptoError.invalidKeyLength }
        return try sodiumBoxSeal(message, publicKey: publicKey)
    }

    public static func open(_ ciphertext: [UInt8], with keyPair: BoxKeyPair) throws -> SecureBytes {
        guard ciphertext.count >= overheadByteCount else { throw CryptoError.malformed }
        return try sodiumBoxSealOpen(ciphertext, keyPair: keyPair)
    }
}
