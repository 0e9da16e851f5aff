import CaunoiCrypto
import Testing

private struct AEADCase: VectorCase {
    let tcId: Int
    let comment: String
    let result: VectorResult
    let key, nonce, aad, msg, ct, tag: Hex
}

struct XChaCha20Poly1305Tests {
    @Test func knownAnswers() throws {
        try runVectors("xchacha20_poly1305_test", as: AEADCase.self) { t in
            let key = SecureBytes(copying: t.key.bytes)
            let opened: SecureBytes
            do {
                opened = try XChaCha20Poly1305.open(t.ct.bytes + t.tag.bytes, key: key, associatedData: t.aad.bytes, nonce: t.nonce.bytes)
            } catch CryptoError.authenticationFailed {
                return false
            }
            let sealed = try XChaCha20Poly1305.seal(
                SecureBytes(copying: t.msg.bytes), key: key, associatedData: t.aad.bytes, nonce: t.nonce.bytes)
            #expect(sealed.nonce == t.nonce.bytes)
            #expect(sealed.ciphertext == t.ct.bytes + t.tag.bytes, "tcId \(t.tcId)")
            #expect(opened.bytes == t.msg.bytes, "tcId \(t.tcId)")
            return true
        }
    }

    @Test func randomNonceRoundTrip() throws {
        let key = SecureBytes.random(count: XChaCha20Poly1305.keyByteCount)
        let message = SecureBytes(utf8: "note body")
        let first = try XChaCha20Poly1305.seal(message, key: key, associatedData: [1, 2])
        let second = try XChaCha20Poly1305.seal(message, key: key, associatedData: [1, 2])
        #expect(first.nonce.count == XChaCha20Poly1305.nonceByteCount)
        #expect(first.nonce != second.nonce && first.ciphertext != second.ciphertext)
        #expect(first.ciphertext.count == message.count + XChaCha20Poly1305.tagByteCount)
        #expect(try XChaCha20Poly1305.open(first.ciphertext, key: key, associatedData: [1, 2], nonce: first.nonce) == message)
        let empty = try XChaCha20Poly1305.seal(SecureBytes(copying: []), key: key, associatedData: [])
        #expect(try XChaCha20Poly1305.open(empty.ciphertext, key: key, associatedData: [], nonce: empty.nonce).count == 0)
    }

    @Test func refusesBadLengths() throws {
        let key = SecureBytes.random(count: 32)
        let nonce = Random.bytes(24)
        #expect(throws: CryptoError.invalidKeyLength) {
            try XChaCha20Poly1305.seal(SecureBytes(utf8: "x"), key: SecureBytes.random(count: 16), associatedData: [])
        }
        #expect(throws: CryptoError.invalidKeyLength) {
            try XChaCha20Poly1305.seal(SecureBytes(utf8: "x"), key: key, associatedData: [], nonce: Random.bytes(12))
        }
        #expect(throws: CryptoError.invalidKeyLength) {
            try XChaCha20Poly1305.open(Random.bytes(32), key: key, associatedData: [], nonce: Random.bytes(23))
        }
        #expect(throws: CryptoError.malformed) {
            try XChaCha20Poly1305.open(Random.bytes(15), key: key, associatedData: [], nonce: nonce)
        }
    }
}
