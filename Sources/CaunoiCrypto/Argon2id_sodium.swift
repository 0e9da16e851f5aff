internal import CSodium

func sodiumArgon2id(
    passphrase: SecureBytes, salt: [UInt8], parameters: Argon2idParameters, outputByteCount: Int
) throws -> SecureBytes {
    Sodium.ensureInitialised()
    guard parameters.opsLimit >= UInt64(crypto_pwhash_argon2id_opslimit_min()),
          parameters.memLimit >= UInt64(crypto_pwhash_argon2id_memlimit_min()),
          parameters.memLimit <= UInt64(Int.max) else { throw CryptoError.invalidParameters }
    var rc: Int32 = -1
    let key = SecureBytes(count: outputByteCount) { out in
        rc = passphrase.withUnsafeBytes { p in
            crypto_pwhash(
                out.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(out.count),
                p.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(p.count),
                salt, parameters.opsLimit, Int(parameters.memLimit),
                crypto_pwhash_ALG_ARGON2ID13)
        }
    }
    guard rc == 0 else { throw CryptoError.libraryFailure }
    return key
}
