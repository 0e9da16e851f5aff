import CaunoiCrypto
import Testing

private struct HashCase: VectorCase {
    let tcId: Int
    let comment: String
    let result: VectorResult
    let msg: Hex
    /// Empty for an unkeyed hash.
    let key: Hex
    let out: Hex
}

struct BLAKE2bTests {
    @Test func knownAnswers() throws {
        try runVectors("blake2b_test", as: HashCase.self) { t in
            let key = t.key.bytes.isEmpty ? nil : SecureBytes(copying: t.key.bytes)
            return try BLAKE2b.hash(t.msg.bytes, key: key, outputByteCount: t.out.bytes.count) == t.out.bytes
        }
    }

    @Test func outputLengthIsPartOfTheHash() throws {
        let key = SecureBytes.random(count: 32)
        let short = try BLAKE2b.hash([1, 2, 3], key: key, outputByteCount: 16)
        let long = try BLAKE2b.hash([1, 2, 3], key: key, outputByteCount: 64)
        #expect(short.count == 16 && long.count == 64)
        #expect(Array(long.prefix(16)) != short)
        #expect(try BLAKE2b.hash([1, 2, 3], key: key).count == 32)
    }

    @Test func refusesBadParameters() {
        #expect(throws: CryptoError.invalidParameters) { try BLAKE2b.hash([], key: nil, outputByteCount: 15) }
        #expect(throws: CryptoError.invalidParameters) { try BLAKE2b.hash([], key: nil, outputByteCount: 65) }
        #expect(throws: CryptoError.invalidKeyLength) { try BLAKE2b.hash([], key: SecureBytes.random(count: 15)) }
        #expect(throws: CryptoError.invalidKeyLength) { try BLAKE2b.hash([], key: SecureBytes.random(count: 65)) }
    }
}
