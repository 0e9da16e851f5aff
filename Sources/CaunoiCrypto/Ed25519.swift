/// An Ed25519 signing key pair: signs a user's audit entries and referral packets.
public struct SigningKeyPair: Sendable {
    public static let seedByteCount = 32
    public static let signatureByteCount = 64

    public let publicKey: [UInt8]
    /// The 32-byte seed; the 64-byte libsodium secret key is rebuilt from it when signing.
    public let seed: SecureBytes

    public static func generate() -> SigningKeyPair {
        try! SigningKeyPair(seed: SecureBytes.random(count: seedByteCount))
    }

    public init(seed: SecureBytes) throws {
        guard seed.count == Self.seedByteCount else { throw CryptoError.invalidKeyLength }
        self.seed = seed
        self.publicKey = try sodiumSignPublicKey(seed: seed)
    }

    public func signature(for message: [UInt8]) throws -> [UInt8] {
        try sodiumSignDetached(message, seed: seed)
    }
}

public enum Ed25519 {
    /// True only for a valid signature of exactly this message under this public key.
    public static func isValid(signature: [UInt8], for message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == SigningKeyPair.signatureByteCount, publicKey.count == 32 else { return false }
        return sodiumSignVerify(signature: signature, message: message, publicKey: publicKey)
    }
}
