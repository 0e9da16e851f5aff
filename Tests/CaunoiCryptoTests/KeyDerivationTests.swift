import CaunoiCrypto
import Testing

struct KeyDerivationTests {
    let master = SecureBytes.random(count: 32)

    @Test func deterministic() throws {
        let first = try KeyDerivation.subkey(of: master, label: "person.name/exact")
        let again = try KeyDerivation.subkey(of: SecureBytes(copying: master.bytes), label: "person.name/exact")
        #expect(first == again)
        #expect(first.count == 32)
    }

    @Test func differentLabelsGiveDifferentKeys() throws {
        let labels = ["person.name/exact", "person.name/prefix", "person.birthdate/exact", "", "a|b", "a", "b"]
        let keys = try labels.map { try KeyDerivation.subkey(of: master, label: $0).bytes }
        #expect(Set(keys.map(\.hex)).count == labels.count)
    }

    @Test func differentMastersGiveDifferentKeys() throws {
        let other = SecureBytes.random(count: 32)
        #expect(try KeyDerivation.subkey(of: master, label: "x") != KeyDerivation.subkey(of: other, label: "x"))
    }

    /// Pins the derivation. Expected value from python3
    /// `hashlib.blake2b(b"caunoi.kdf.v1|person.name/exact", key=bytes(range(32)), digest_size=32)`.
    @Test func matchesKeyedBLAKE2b() throws {
        let fixed = SecureBytes(copying: (0..<32).map(UInt8.init))
        let subkey = try KeyDerivation.subkey(of: fixed, label: "person.name/exact")
        #expect(subkey.bytes.hex == "de0498243679bb23086e9d67b9c77c73787e34389cfe1fb2a44b2aac57a7eeac")
    }

    @Test func refusesShortMaster() {
        #expect(throws: CryptoError.invalidKeyLength) { try KeyDerivation.subkey(of: SecureBytes.random(count: 8), label: "x") }
    }
}
