internal import CSodium

func sodiumXChaChaSeal(
    _ plaintext: SecureBytes, key: SecureBytes, associatedData: [UInt8], nonce: [UInt8]
) throws -> [UInt8] {
    Sodium.ensureInitialised()
    var out = [UInt8](repeating: 0, count: plaintext.count + XChaCha20Poly1305.tagByteCount)
    var outLength: UInt64 = 0
    let rc = plaintext.withUnsafeBytes { m in
        key.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_encrypt(
                &out, &outLength,
                m.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(m.count),
                associatedData, UInt64(associatedData.count),
                nil, nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
    guard rc == 0 else { throw CryptoError.libraryFailure }
    return out
}

func sodiumXChaChaOpen(
    _ ciphertext: [UInt8], key: SecureBytes, associatedData: [UInt8], nonce: [UInt8]
) throws -> SecureBytes {
    Sodium.ensureInitialised()
    var rc: Int32 = -1
    let plaintext = SecureBytes(count: ciphertext.count - XChaCha20Poly1305.tagByteCount) { out in
        var outLength: UInt64 = 0
        rc = key.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_decrypt(
                out.baseAddress!.assumingMemoryBound(to: UInt8.self), &outLength, nil,
                ciphertext, UInt64(ciphertext.count),
                associatedData, UInt64(associatedData.count),
                nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
    guard rc == 0 else { throw CryptoError.authenticationFailed }
    return plaintext
}
