import CaunoiCrypto
import Foundation
import Testing

private struct SealedBoxCase: VectorCase {
    let tcId: Int
    let comment: String
    let result: VectorResult
    let secretKey, publicKey, msg, ct: Hex
}

/// Runs `python3 ARGUMENTS`; its trimmed standard output, or nil if it could not run or failed.
private func python3(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

private let pyNaClAvailable = python3(["-c", "import nacl.public"]) != nil

struct SealedBoxTests {
    /// Ciphertexts sealed by PyNaCl's `SealedBox(PublicKey).encrypt` (PyNaCl → ours).
    @Test func opensPyNaClVectors() throws {
        try runVectors("sealed_box_test", as: SealedBoxCase.self) { t in
            let pair = try BoxKeyPair(secretKey: SecureBytes(copying: t.secretKey.bytes))
            #expect(pair.publicKey == t.publicKey.bytes, "tcId \(t.tcId)")
            do {
                return try SealedBox.open(t.ct.bytes, with: pair).bytes == t.msg.bytes
            } catch CryptoError.authenticationFailed {
                return false
            }
        }
    }

    /// Ours → PyNaCl.
    @Test(.enabled(if: pyNaClAvailable, "needs python3 with PyNaCl"))
    func pyNaClOpensOurSealedBox() throws {
        let pair = BoxKeyPair.generate()
        let message = Array("grant: index key v3 for person 0042".utf8)
        let sealed = try SealedBox.seal(SecureBytes(copying: message), to: pair.publicKey)
        let script = """
            import sys
            from nacl.public import PrivateKey, SealedBox
            print(SealedBox(PrivateKey(bytes.fromhex(sys.argv[1]))).decrypt(bytes.fromhex(sys.argv[2])).hex())
            """
        let opened = try #require(python3(["-c", script, pair.secretKey.bytes.hex, sealed.hex]))
        #expect(opened == message.hex)
    }

    @Test(arguments: [0, 1, 1000])
    func roundTrip(length: Int) throws {
        let pair = BoxKeyPair.generate()
        let message = SecureBytes(copying: Random.bytes(length))
        let sealed = try SealedBox.seal(message, to: pair.publicKey)
        #expect(sealed.count == length + SealedBox.overheadByteCount)
        #expect(try SealedBox.open(sealed, with: pair) == message)
        #expect(try SealedBox.seal(message, to: pair.publicKey) != sealed)  // fresh ephemeral key each time
    }

    @Test func wrongKeyOrDamageFails() throws {
        let pair = BoxKeyPair.generate()
        let sealed = try SealedBox.seal(SecureBytes(utf8: "recovery wrap"), to: pair.publicKey)
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(sealed, with: BoxKeyPair.generate()) }
        for index in sealed.indices {
            var damaged = sealed
            damaged[index] ^= 0x20
            #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(damaged, with: pair) }
        }
        #expect(throws: CryptoError.malformed) { try SealedBox.open(Array(sealed.prefix(47)), with: pair) }
        #expect(throws: CryptoError.invalidKeyLength) { try SealedBox.seal(SecureBytes(utf8: "x"), to: Random.bytes(31)) }
    }
}
