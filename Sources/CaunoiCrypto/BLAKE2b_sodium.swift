internal import CSodium

func sodiumGenericHash(_ message: [UInt8], key: SecureBytes?, outputByteCount: Int) throws -> [UInt8] {
    Sodium.ensureInitialised()
    var out = [UInt8](repeating: 0, count: outputByteCount)
    let rc: Int32
    if let key {
        rc = key.withUnsafeBytes { k in
            crypto_generichash(&out, out.count, message, UInt64(message.count),
                               k.baseAddress!.assumingMemoryBound(to: UInt8.self), k.count)
        }
    } else {
        rc = crypto_generichash(&out, out.count, message, UInt64(message.count), nil, 0)
    }
    guard rc == 0 else { throw CryptoError.libraryFailure }
    return out
}
