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

    /// Decrypts one chunk into `out` (exactly the chunk's plaintext size). Returns whether it
    /// carried the FINAL tag, or nil when it does not verify.
    func pull(_ sealed: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool? {
        precondition(out.count == sealed.count - Int(crypto_secretstream_xchacha20poly1305_ABYTES))
        guard let input = sealed.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var tag: UInt8 = 0
        var scratch: UInt8 = 0  // a valid pointer for an empty chunk
        let rc = withUnsafeMutablePointer(to: &scratch) { fallback in
            crypto_secretstream_xchacha20poly1305_pull(state, out.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? fallback, nil, &tag,
                                                      input, UInt64(sealed.count), nil, 0)
        }
        guard rc == 0 else { return nil }
        return tag == UInt8(crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    }
}
