import CaunoiCrypto
import Testing

struct SecretStreamTests {
    let key = SecureBytes.random(count: 32)
    static let chunkSize = 16  // small, so a few bytes make several chunks

    private func encrypt(_ count: Int) throws -> (plaintext: SecureBytes, stream: [UInt8]) {
        let plaintext = SecureBytes(copying: Random.bytes(count))
        return (plaintext, try SecretStream.encrypt(plaintext, key: key, chunkSize: Self.chunkSize))
    }

    /// Header and the length-prefixed chunks of a stream.
    private func split(_ stream: [UInt8]) -> (header: [UInt8], chunks: [[UInt8]]) {
        var chunks: [[UInt8]] = []
        var offset = SecretStream.headerByteCount
        while offset < stream.count {
            let length = stream[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            chunks.append(Array(stream[offset..<offset + 4 + length]))
            offset += 4 + length
        }
        return (Array(stream.prefix(SecretStream.headerByteCount)), chunks)
    }

    // (plaintext bytes, chunks) with chunkSize 16: empty, one byte, exactly one chunk, several chunks.
    @Test(arguments: [(0, 1), (1, 1), (16, 1), (17, 2), (48, 3), (53, 4)])
    func roundTrip(count: Int, chunks: Int) throws {
        let (plaintext, stream) = try encrypt(count)
        #expect(split(stream).chunks.count == chunks)
        #expect(stream.count == SecretStream.headerByteCount + chunks * (4 + SecretStream.chunkOverheadByteCount) + count)
        #expect(try SecretStream.decrypt(stream, key: key) == plaintext)
    }

    @Test func defaultChunkSizeRoundTrip() throws {
        let plaintext = SecureBytes(copying: Random.bytes(SecretStream.defaultChunkSize * 2 + 3))
        let stream = try SecretStream.encrypt(plaintext, key: key)
        #expect(split(stream).chunks.count == 3)
        #expect(try SecretStream.decrypt(stream, key: key) == plaintext)
    }

    @Test func truncatedStreamFails() throws {
        let (_, stream) = try encrypt(3 * Self.chunkSize + 5)
        let (header, chunks) = split(stream)
        #expect(throws: CryptoError.authenticationFailed) { try SecretStream.decrypt(header + chunks.dropLast().joined(), key: key) }
        #expect(throws: CryptoError.authenticationFailed) { try SecretStream.decrypt(header, key: key) }
        #expect(throws: CryptoError.malformed) { try SecretStream.decrypt(Array(stream.dropLast()), key: key) }
        #expect(throws: CryptoError.malformed) { try SecretStream.decrypt(Array(header.dropLast()), key: key) }
    }

    @Test func reorderedOrRepeatedChunkFails() throws {
        let (_, stream) = try encrypt(3 * Self.chunkSize + 5)
        let (header, c) = split(stream)
        #expect(throws: CryptoError.authenticationFailed) { try SecretStream.decrypt(header + c[1] + c[0] + c[2] + c[3], key: key) }
        #expect(throws: CryptoError.authenticationFailed) { try SecretStream.decrypt(header + c[0] + c[2] + c[1] + c[3], key: key) }
        #expect(throws: CryptoError.authenticationFailed) { try SecretStream.decrypt(header + c[0] + c[0] + c[1] + c[2] + c[3], key: key) }
        #expect(throws: CryptoError.malformed) { try SecretStream.decrypt(stream + c[3], key: key) }  // data after FINAL
    }

    @Test func everyFlippedByteFails() throws {
        let (_, stream) = try encrypt(Self.chunkSize + 3)
        for index in stream.indices {
            var damaged = stream
            damaged[index] ^= 0x01
            // A flip in a length prefix may read as malformed; anywhere else the tag check fails.
            #expect(throws: CryptoError.self, "byte \(index)") { try SecretStream.decrypt(damaged, key: key) }
        }
    }

    @Test func wrongKeyAndBadParametersFail() throws {
        let (_, stream) = try encrypt(10)
        #expect(throws: CryptoError.authenticationFailed) { try SecretStream.decrypt(stream, key: SecureBytes.random(count: 32)) }
        #expect(throws: CryptoError.invalidKeyLength) { try SecretStream.decrypt(stream, key: SecureBytes.random(count: 16)) }
        #expect(throws: CryptoError.invalidKeyLength) { try SecretStream.encrypt(SecureBytes(utf8: "x"), key: SecureBytes.random(count: 31)) }
        #expect(throws: CryptoError.invalidParameters) { try SecretStream.encrypt(SecureBytes(utf8: "x"), key: key, chunkSize: 0) }
    }
}
