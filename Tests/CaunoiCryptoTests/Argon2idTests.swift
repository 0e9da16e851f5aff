import CaunoiCrypto
import Foundation
import Testing

private struct PasswordHashCase: VectorCase {
    let tcId: Int
    let comment: String
    let result: VectorResult
    let password, salt, out: Hex
    let opsLimit, memLimit: UInt64
}

struct Argon2idTests {
    // The RFC 9106 §5.3 Argon2id vector cannot be run here: it uses a secret K, associated data X and
    // parallelism 4, and libsodium's crypto_pwhash takes neither K nor X and always runs with p = 1.
    // The vectors are therefore computed (PyNaCl) and cross-checked with the reference libargon2.
    @Test func knownAnswers() throws {
        try runVectors("argon2id_test", as: PasswordHashCase.self) { t in
            let key = try Argon2id.deriveKey(
                passphrase: SecureBytes(copying: t.password.bytes), salt: t.salt.bytes,
                parameters: Argon2idParameters(opsLimit: t.opsLimit, memLimit: t.memLimit),
                outputByteCount: t.out.bytes.count)
            return key.bytes == t.out.bytes
        }
    }

    @Test func saltAndPassphraseMatter() throws {
        let salt = Random.bytes(Argon2id.saltByteCount)
        func derive(_ passphrase: String, _ salt: [UInt8]) throws -> SecureBytes {
            try Argon2id.deriveKey(passphrase: SecureBytes(utf8: passphrase), salt: salt, parameters: .minimum)
        }
        let key = try derive("correct horse", salt)
        #expect(key.count == 32)
        #expect(try derive("correct horse", salt) == key)
        #expect(try derive("correct horsE", salt) != key)
        #expect(try derive("correct horse", Random.bytes(Argon2id.saltByteCount)) != key)
        #expect(try derive("", salt).count == 32)
    }

    @Test func refusesBadParameters() {
        let passphrase = SecureBytes(utf8: "pw")
        let salt = Random.bytes(Argon2id.saltByteCount)
        #expect(throws: CryptoError.invalidParameters) {
            try Argon2id.deriveKey(passphrase: passphrase, salt: Random.bytes(15), parameters: .minimum)
        }
        #expect(throws: CryptoError.invalidParameters) {
            try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: Argon2idParameters(opsLimit: 0, memLimit: 8 << 10))
        }
        #expect(throws: CryptoError.invalidParameters) {
            try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: Argon2idParameters(opsLimit: 1, memLimit: (8 << 10) - 1))
        }
        for outputByteCount in [-1, 0, 15] {
            #expect(throws: CryptoError.invalidParameters) {
                try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: .minimum, outputByteCount: outputByteCount)
            }
        }
    }

    @Test func parametersRoundTripThroughJSON() throws {
        let decoded = try JSONDecoder().decode(Argon2idParameters.self, from: JSONEncoder().encode(Argon2idParameters.moderate))
        #expect(decoded == .moderate)
        #expect(Argon2idParameters.interactive == Argon2idParameters(opsLimit: 2, memLimit: 64 << 20))
    }
}
