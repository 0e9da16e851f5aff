/// Failures of the cryptographic layer. None of them carries key material or plaintext.
public enum CryptoError: Error, Equatable, Sendable {
    /// A ciphertext, tag or signature did not verify: tampered, moved or opened with the wrong key.
    case authenticationFailed
    /// A sealed value or stream is too short or has an unknown layout.
    case malformed
    /// A sealed value was written by a format version this build does not know.
    case unsupportedFormat(UInt8)
    /// A key or nonce has the wrong length for the primitive.
    case invalidKeyLength
    /// A parameter is outside what libsodium accepts (lengths, Argon2id limits, index bits).
    case invalidParameters
    /// libsodium refused an operation that should not fail (e.g. out of memory in Argon2id).
    case libraryFailure
}
