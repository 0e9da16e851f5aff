internal import CSodium

/// Encrypting side of a secretstream; owns its C state and wipes it in `deinit`.
final class SecretStreamPusher {
    private let state = UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>.allocate(capacity: 1)
    let header: [UInt8]

    init(key: SecureBytes) throws {
        Sodium.ensureInitialised()
        var header = [UInt8](repeating: 0, count: Int(crypto_secretstream_xchacha20poly1305_HEADERBYTES))
        let state = self.state
        let rc = key.withUnsafeBytes {
            crypto_secretstream_xchacha20poly1305_init_push(state, &header, $0.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        self.header = header
        guard rc == 0 else { throw CryptoError.libraryFailure }
    }

    deinit {
        sodium_memzero(state, MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size)
        state.deallocate()
    }

    func push(_ chunk: SecureBytes, isFinal: Bool) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: chunk.count + Int(crypto_secretstream_xchacha20poly1305_ABYTES))
        let tag = UInt8(isFinal ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
        let rc = chunk.withUnsafeBytes {
            crypto_secretstream_xchacha20poly1305_push(state, &out, nil, $0.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                      UInt64($0.count), nil, 0, tag)
        }
        guard rc == 0 else { throw CryptoError.libraryFailure }
        return out
    }
}

/// Decrypting side of a secretstream.
final class SecretStreamPuller {
    private let state = UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>.allocate(capacity: 1)

    init(key: SecureBytes, header: [UInt8]) throws {
        Sodium.ensureInitialised()
        let state = self.state
        let rc = key.withUnsafeBytes {
            crypto_secretstream_xchacha20poly1305_init_pull(state, header, $0.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        guard rc == 0 else { throw CryptoError.malformed }
    }

    deinit {
        sodium_memzero(state, MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size)
        state.deallocate()
    }

    func pull(_ sealed: [UInt8]) throws -> (SecureBytes, isFinal: Bool) {
        var tag: UInt8 = 0
        var rc: Int32 = -1
        let plain = SecureBytes(count: sealed.count - Int(crypto_secretstream_xchacha20poly1305_ABYTES)) { out in
            rc = crypto_secretstream_xchacha20poly1305_pull(state, out.baseAddress!.assumingMemoryBound(to: UInt8.self), nil, &tag,
                                                           sealed, UInt64(sealed.count), nil, 0)
        }
        guard rc == 0 else { throw CryptoError.authenticationFailed }
        return (plain, tag == UInt8(crypto_secretstream_xchacha20poly1305_TAG_FINAL))
    }
}
