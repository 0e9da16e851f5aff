internal import CSodium

private func withExpandedSecret<R>(seed: SecureBytes, _ body: (UnsafePointer<UInt8>, [UInt8]) throws -> R) throws -> R {
    Sodium.ensureInitialised()
    var publicKey = [UInt8](repeating: 0, count: 32)
    var rc: Int32 = -1
    let secret = SecureBytes(count: 64) { out in
        rc = seed.withUnsafeBytes {
            crypto_sign_seed_keypair(&publicKey, out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                     $0.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
    guard rc == 0 else { throw CryptoError.libraryFailure }
    return try secret.withUnsafeBytes { try body($0.baseAddress!.assumingMemoryBound(to: UInt8.self), publicKey) }
}

func sodiumSignPublicKey(seed: SecureBytes) throws -> [UInt8] {
    try withExpandedSecret(seed: seed) { _, publicKey in publicKey }
}

func sodiumSignDetached(_ message: [UInt8], seed: SecureBytes) throws -> [UInt8] {
    try withExpandedSecret(seed: seed) { secret, _ in
        var signature = [UInt8](repeating: 0, count: 64)
        guard crypto_sign_detached(&signature, nil, message, UInt64(message.count), secret) == 0 else {
            throw CryptoError.libraryFailure
        }
        return signature
    }
}

func sodiumSignVerify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
    Sodium.ensureInitialised()
    return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
}
