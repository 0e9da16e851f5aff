import CaunoiCrypto
import Testing

private struct ECDHCase: VectorCase {
    let tcId: Int
    let comment: String
    let result: VectorResult
    let privateKey: Hex
    /// The peer's public key (RFC 7748's input u-coordinate).
    let publicKey: Hex
    let shared: Hex
    /// The public key of `privateKey`, where the vector gives it (RFC 7748 §6.1).
    let ownPublicKey: Hex?
}

struct X25519Tests {
    // The §5.2 scalars are not clamped; libsodium clamps them itself, as RFC 7748 requires.
    @Test func knownAnswers() throws {
        try runVectors("x25519_test", as: ECDHCase.self) { t in
            let secret = SecureBytes(copying: t.privateKey.bytes)
            if let own = t.ownPublicKey {
                #expect(try BoxKeyPair(secretKey: secret).publicKey == own.bytes, "tcId \(t.tcId)")
            }
            do {
                return try X25519.sharedSecret(secretKey: secret, publicKey: t.publicKey.bytes).bytes == t.shared.bytes
            } catch CryptoError.invalidParameters {
                return false
            }
        }
    }

    @Test func generatedPairsAgree() throws {
        let alice = BoxKeyPair.generate()
        let bob = BoxKeyPair.generate()
        #expect(alice.publicKey.count == BoxKeyPair.publicKeyByteCount)
        #expect(alice.publicKey != bob.publicKey)
        #expect(try BoxKeyPair(secretKey: alice.secretKey).publicKey == alice.publicKey)
        let ab = try X25519.sharedSecret(secretKey: alice.secretKey, publicKey: bob.publicKey)
        let ba = try X25519.sharedSecret(secretKey: bob.secretKey, publicKey: alice.publicKey)
        #expect(ab == ba)
    }

    @Test func refusesWrongLengths() {
        #expect(throws: CryptoError.invalidKeyLength) { try BoxKeyPair(secretKey: SecureBytes.random(count: 31)) }
        #expect(throws: CryptoError.invalidKeyLength) {
            try X25519.sharedSecret(secretKey: SecureBytes.random(count: 32), publicKey: Random.bytes(33))
        }
    }
}
