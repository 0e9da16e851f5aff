import CaunoiCrypto
import Testing

struct BlindIndexTests {
    let key = SecureBytes.random(count: 32)
    let inputs = (0..<64).map { Array("person-\($0)".utf8) }

    @Test func sameInputSameIndex() throws {
        for bits in [1, 8, 16, 32] {
            #expect(try BlindIndex.compute(inputs[0], key: key, bits: bits) == BlindIndex.compute(inputs[0], key: key, bits: bits))
        }
        let copy = SecureBytes(copying: key.bytes)
        #expect(try BlindIndex.compute(inputs[1], key: key, bits: 20) == BlindIndex.compute(inputs[1], key: copy, bits: 20))
    }

    @Test(arguments: BlindIndex.bitRange)
    func staysBelowTwoToTheBits(bits: Int) throws {
        let indexes = try inputs.map { try BlindIndex.compute($0, key: key, bits: bits) }
        #expect(indexes.allSatisfy { (0..<(Int64(1) << bits)).contains($0) })
        // A shorter index is the prefix of a longer one: both are the digest's leading bits.
        let full = try BlindIndex.compute(inputs[0], key: key, bits: 32)
        #expect(indexes[0] == full >> (32 - bits))
    }

    @Test func refusesBitsOutsideTheRange() {
        for bits in [-1, 0, 33, 64] {
            #expect(throws: CryptoError.invalidParameters) { try BlindIndex.compute([1], key: key, bits: bits) }
        }
    }

    @Test func differentKeysGiveDifferentIndexes() throws {
        let other = SecureBytes.random(count: 32)
        let mine = try inputs.prefix(8).map { try BlindIndex.compute($0, key: key, bits: 32) }
        let theirs = try inputs.prefix(8).map { try BlindIndex.compute($0, key: other, bits: 32) }
        #expect(mine != theirs)  // equal only with probability 2^-256
    }

    /// Pins the on-disk format: the leading bits, big-endian, of keyed BLAKE2b-256.
    /// Expected values from python3 `hashlib.blake2b(b"anna", key=bytes(range(32)), digest_size=32)`.
    @Test func matchesKeyedBLAKE2bPrefix() throws {
        let fixedKey = SecureBytes(copying: (0..<32).map(UInt8.init))
        let anna = Array("anna".utf8)
        #expect(try BlindIndex.compute(anna, key: fixedKey, bits: 1) == 1)
        #expect(try BlindIndex.compute(anna, key: fixedKey, bits: 16) == 58623)
        #expect(try BlindIndex.compute(anna, key: fixedKey, bits: 32) == 3_841_921_246)
    }
}
