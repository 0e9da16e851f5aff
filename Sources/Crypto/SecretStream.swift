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
    public static func decrypt(_ stream: [UInt8], key: SecureBytes) throws -> SecureBytes {
        guard key.count == 32 else { throw CryptoError.invalidKeyLength }
        guard stream.count >= headerByteCount else { throw CryptoError.malformed }
        let puller = try SecretStreamPuller(key: key, header: Array(stream[0..<headerByteCount]))
        var offset = headerByteCount
        var result = SecureBytes(copying: [UInt8]())
        var sawFinal = false
        while offset < stream.count {
            guard !sawFinal, offset + 4 <= stream.count else { throw CryptoError.malformed }
            let length = Int(stream[offset..<offset + 4].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) })
            offset += 4
            guard length >= chunkOverheadByteCount, offset + length <= stream.count else { throw CryptoError.malformed }
            let (chunk, isFinal) = try puller.pull(Array(stream[offset..<offset + length]))
            result = result.appending(chunk)
            sawFinal = isFinal
            offset += length
        }
        guard sawFinal else { throw CryptoError.authenticationFailed }
        return result
    }
}
