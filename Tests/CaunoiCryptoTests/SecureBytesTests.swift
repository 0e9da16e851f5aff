import CaunoiCrypto
import Testing

struct SecureBytesTests {
    @Test func equalityComparesContentAndLength() {
        #expect(SecureBytes(utf8: "same") == SecureBytes(copying: Array("same".utf8)))
        #expect(SecureBytes(utf8: "same") != SecureBytes(utf8: "sane"))
        #expect(SecureBytes(utf8: "same") != SecureBytes(utf8: "same "))
        #expect(SecureBytes(copying: []) == SecureBytes(copying: []))
        #expect(SecureBytes(copying: [0]) != SecureBytes(copying: []))
        let random = SecureBytes.random(count: 32)
        #expect(random == random && random != SecureBytes.random(count: 32))
    }

    @Test func descriptionNeverShowsContent() {
        let secret = SecureBytes(utf8: "hunter2")
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), secret.debugDescription, "\([secret])"] {
            #expect(!text.contains("hunter2") && !text.contains(secret.bytes.hex))
            #expect(text.contains("SecureBytes(7 bytes)"))
        }
    }

    @Test func accessorsAndCopies() {
        let secret = SecureBytes(utf8: "Åsa")
        #expect(secret.count == 4)
        #expect(secret.bytes == Array("Åsa".utf8))
        #expect(secret.utf8String == "Åsa")
        #expect(SecureBytes(copying: [0xff, 0x41]).utf8String == "\u{FFFD}A")  // repaired, not trapped
        #expect(secret.subrange(0..<2).bytes == [0xc3, 0x85])
        #expect(secret.subrange(4..<4).count == 0)
        #expect(secret.appending(SecureBytes(utf8: "!")).utf8String == "Åsa!")
        #expect(SecureBytes.random(count: 0).count == 0)
        #expect(SecureBytes(count: 3) { $0.initializeMemory(as: UInt8.self, repeating: 9) }.bytes == [9, 9, 9])
    }

    @Test func throwingInitializerRethrows() {
        struct Refused: Error {}
        #expect(throws: Refused.self) { try SecureBytes(count: 8) { _ in throw Refused() } }
    }

    /// A locked key keeps its value, wipes like any other, and locking twice is harmless.
    @Test func lockingInMemoryKeepsTheValueAndStillWipes() {
        let key = SecureBytes.random(count: 32)
        let before = key.bytes
        let first = key.lockInMemory()
        #expect(key.lockInMemory() == first || first == false)
        #expect(key.bytes == before)
        key.wipe()
        #expect(key.bytes.allSatisfy { $0 == 0 })
    }
}
