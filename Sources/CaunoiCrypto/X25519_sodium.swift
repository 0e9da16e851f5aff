internal import CSodium

func sodiumScalarMultBase(_ secret: SecureBytes) throws -> [UInt8] {
    Sodium.ensureInitialised()
    var out = [UInt8](repeating: 0, count: 32)
    let rc = secret.withUnsafeBytes { crypto_scalarmult_base(&out, $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
    guard rc == 0 else { throw CryptoError.invalidParameters }
    return out
}

func sodiumScalarMult(_ secret: SecureBytes, _ publicKey: [UInt8]) throws -> SecureBytes {
    Sodium.ensureInitialised()
    var rc: Int32 = -1
    let shared = SecureBytes(count: 32) { out in
        rc = secret.withUnsafeBytes {
            crypto_scalarmult(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                              $0.baseAddress!.assumingMemoryBound(to: UInt8.self), publicKey)
        }
    }
    // libsodium refuses low-order points (all-zero output); that is an invalid public key.
    guard rc == 0 else { throw CryptoError.invalidParameters }
    return shared
}

func sodiumBoxSeal(_ message: SecureBytes, publicKey: [UInt8]) throws -> [UInt8] {
    Sodium.ensureInitialised()
    var out = [UInt8](repeating: 0, count: message.count + crypto_box_sealbytes())
    let rc = message.withUnsafeBytes {
        crypto_box_seal(&out, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64($0.count), publicKey)
    }
    guard rc == 0 else { throw CryptoError.invalidParameters }
    return out
}

func sodiumBoxSealOpen(_ ciphertext: [UInt8], keyPair: BoxKeyPair) throws -> SecureBytes {
    Sodium.ensureInitialised()
    var rc: Int32 = -1
    let message = SecureBytes(count: ciphertext.count - crypto_box_sealbytes()) { out in
        rc = keyPair.secretKey.withUnsafeBytes { sk in
            crypto_box_seal_open(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                 ciphertext, UInt64(ciphertext.count), keyPair.publicKey,
                                 sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
    guard rc == 0 else { throw CryptoError.authenticationFailed }
    return message
}
