import CaunoiCrypto
import Testing

private struct SignatureCase: VectorCase {
    let tcId: Int
    let comment: String
    let result: VectorResult
    /// The 32-byte seed (RFC 8032's "SECRET KEY"); only on valid cases.
    let secretKey: Hex?
    let publicKey, msg, sig: Hex
}

struct Ed25519Tests {
    @Test func knownAnswers() throws {
        try runVectors("ed25519_test", as: SignatureCase.self) { t in
            if let seed = t.secretKey {
                let pair = try SigningKeyPair(seed: SecureBytes(copying: seed.bytes))
                #expect(pair.publicKey == t.publicKey.bytes, "tcId \(t.tcId)")
                #expect(try pair.signature(for: t.msg.bytes) == t.sig.bytes, "tcId \(t.tcId)")
            }
            return Ed25519.isValid(signature: t.sig.bytes, for: t.msg.bytes, publicKey: t.publicKey.bytes)
        }
    }

    @Test func signAndVerifyRoundTrip() throws {
        let pair = SigningKeyPair.generate()
        let message = Array("audit entry 17: opened case 0042".utf8)
        let signature = try pair.signature(for: message)
        #expect(signature.count == SigningKeyPair.signatureByteCount)
        #expect(Ed25519.isValid(signature: signature, for: message, publicKey: pair.publicKey))
        #expect(!Ed25519.isValid(signature: signature, for: message + [0], publicKey: pair.publicKey))
        #expect(!Ed25519.isValid(signature: signature, for: message, publicKey: SigningKeyPair.generate().publicKey))
        #expect(!Ed25519.isValid(signature: Array(signature.dropLast()), for: message, publicKey: pair.publicKey))
        #expect(!Ed25519.isValid(signature: signature, for: message, publicKey: Array(pair.publicKey.dropLast())))
        // Rebuilding the pair from its seed gives the same key and (deterministic) signatures.
        let rebuilt = try SigningKeyPair(seed: SecureBytes(copying: pair.seed.bytes))
        #expect(rebuilt.publicKey == pair.publicKey)
        #expect(try rebuilt.signature(for: message) == signature)
    }

    @Test func refusesSeedOfWrongLength() {
        #expect(throws: CryptoError.invalidKeyLength) { try SigningKeyPair(seed: SecureBytes.random(count: 64)) }
    }
}
