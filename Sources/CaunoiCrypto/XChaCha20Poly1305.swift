/// XChaCha20-Poly1305 (IETF construction): the AEAD behind every sealed field and key wrap.
public enum XChaCha20Poly1305 {
    public static let keyByteCount = 32
    public static let nonceByteCount = 24
    public static let tagByteCount = 16

    /// Encrypts and authenticates. `nonce` is for known-answer tests only: production callers
    /// leave it nil and get a fresh random nonce; returns (nonce, ciphertext‖tag).
    public static func seal(
        _ plaintext: SecureBytes, key: SecureBytes, associatedData: [UInt8], nonce: [UInt8]? = nil
    ) throws -> (nonce: [UInt8], ciphertext: [UInt8]) {
        guard key.count == keyByteCount else { throw CryptoError.invalidKeyLength }
        let nonce = nonce ?? Random.bytes(nonceByteCount)
        guard nonce.count == nonceByteCount else { throw CryptoError.invalidKeyLength }
        let ciphertext = try sodiumXChaChaSeal(plaintext, key: key, associatedData: associatedData, nonce: nonce)
        return (nonce, ciphertext)
    }

    /// Verifies and decrypts into wiping memory; any mismatch is `authenticationFailed`.
    public static func open(
        _ ciphertext: [UInt8], key: SecureBytes, associatedData: [UInt8], nonce: [UInt8]
    ) throws -> SecureBytes {
        guard key.count == keyByteCount, nonce.count == nonceByteCount else { throw CryptoError.invalidKeyLength }
        guard ciphertext.count >= tagByteCount else { throw CryptoError.malformed }
        return try sodiumXChaChaOpen(ciphertext, key: key, associatedData: associatedData, nonce: nonce)
    }
}
