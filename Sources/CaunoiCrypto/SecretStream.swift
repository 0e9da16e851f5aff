/// File encryption with `crypto_secretstream_xchacha20poly1305`: attachments and backups.
///
/// Layout: stream header (24 bytes), then chunks, each `length (4 bytes, big-endian) ‖
/// ciphertext`. The last chunk carries the FINAL tag, so truncation, reordering or a dropped
/// chunk is detected.
public enum SecretStream {
    public static let headerByteCount = 24
    public static let chunkOverheadByteCount = 17
    public static let defaultChunkSize = 64 * 1024

    /// Encrypts a whole buffer in chunks of `chunkSize` plaintext bytes.
    public static func encrypt(_ plaintext: SecureBytes, key: SecureBytes, chunkSize: Int = defaultChunkSize) throws -> [UInt8] {
        guard key.count == 32 else { throw CryptoError.invalidKeyLength }
        guard chunkSize > 0 else { throw CryptoError.invalidParameters }
        let pusher = try SecretStreamPusher(key: key)
        var out = pusher.header
        var offset = 0
        repeat {
            let end = min(offset + chunkSize, plaintext.count)
            let chunk = plaintext.subrange(offset..<end)
            let sealed = try pusher.push(chunk, isFinal: end == plaintext.count)
            out += bigEndianBytes(UInt32(sealed.count))
            out += sealed
            offset = end
        } while offset < plaintext.count
        return out
    }

    /// Decrypts and verifies a whole stream; refuses a stream without its FINAL chunk.
    ///
    /// Two passes: the framing is read first, so the plaintext is allocated once at its final
    /// size and each chunk is decrypted straight into place (appending chunk by chunk copied
    /// everything decrypted so far for every chunk: quadratic on database-sized backups).
    public static func decrypt(_ stream: [UInt8], key: SecureBytes) throws -> SecureBytes {
        guard key.count == 32 else { throw CryptoError.invalidKeyLength }
        guard stream.count >= headerByteCount else { throw CryptoError.malformed }
        var chunks: [Range<Int>] = []
        var plaintextCount = 0
        var offset = headerByteCount
        while offset < stream.count {
            guard offset + 4 <= stream.count else { throw CryptoError.malformed }
            let length = Int(stream[offset..<offset + 4].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) })
            offset += 4
            guard length >= chunkOverheadByteCount, length <= stream.count - offset else { throw CryptoError.malformed }
            chunks.append(offset..<offset + length)
            plaintextCount += length - chunkOverheadByteCount
            offset += length
        }
        guard !chunks.isEmpty else { throw CryptoError.authenticationFailed }
        let puller = try SecretStreamPuller(key: key, header: Array(stream[0..<headerByteCount]))
        var failure: CryptoError?
        let result = SecureBytes(count: plaintextCount) { out in
            stream.withUnsafeBytes { sealed in
                var written = 0
                for (index, range) in chunks.enumerated() {
                    let size = range.count - chunkOverheadByteCount
                    let target = UnsafeMutableRawBufferPointer(rebasing: out[written..<written + size])
                    guard let isFinal = puller.pull(UnsafeRawBufferPointer(rebasing: sealed[range]), into: target) else {
                        failure = .authenticationFailed
                        return
                    }
                    // FINAL must be the last chunk: data after it is malformed, a stream
                    // without it was cut short.
                    if isFinal != (index == chunks.count - 1) {
                        failure = isFinal ? .malformed : .authenticationFailed
                        return
                    }
                    written += size
                }
            }
        }
        if let failure { throw failure }
        return result
    }
}
