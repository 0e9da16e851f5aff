/// Argon2id parameters stored beside each keyslot, so they can be raised later without
/// locking anyone out.
public struct Argon2idParameters: Codable, Sendable, Equatable {
    /// Number of passes (crypto_pwhash opslimit).
    public var opsLimit: UInt64
    /// Memory in bytes (crypto_pwhash memlimit).
    public var memLimit: UInt64

    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// libsodium's "interactive" limits: 2 passes, 64 MiB.
    public static let interactive = Argon2idParameters(opsLimit: 2, memLimit: 64 << 20)
    /// libsodium's "moderate" limits: 3 passes, 256 MiB.
    public static let moderate = Argon2idParameters(opsLimit: 3, memLimit: 256 << 20)
    /// The smallest limits libsodium accepts; for unit tests of code around keyslots only.
    public static let minimum = Argon2idParameters(opsLimit: 1, memLimit: 8 << 10)
}

/// Passphrase → key with Argon2id (algorithm named explicitly, never the library default).
public enum Argon2id {
    public static let saltByteCount = 16

    public static func deriveKey(
        passphrase: SecureBytes, salt: [UInt8], parameters: Argon2idParameters, outputByteCount: Int = 32
    ) throws -> SecureBytes {
        guard salt.count == saltByteCount else { throw CryptoError.invalidParameters }
        // crypto_pwhash_BYTES_MIN; below it libsodium fails (and a negative count would trap).
        guard outputByteCount >= 16 else { throw CryptoError.invalidParameters }
        return try sodiumArgon2id(passphrase: passphrase, salt: salt, parameters: parameters, outputByteCount: outputByteCount)
    }
}
