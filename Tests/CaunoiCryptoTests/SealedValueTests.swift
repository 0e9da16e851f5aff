import CaunoiCrypto
import Testing

struct SealedValueTests {
    let key = SecureBytes.random(count: 32)
    let place = SealedValue.Place(table: "person", column: "name", row: "p-0042", person: "p-0042")

    @Test(arguments: ["", "A", "Åsa Öberg-Nguyễn 🌱", String(repeating: "x", count: 10_000)])
    func roundTrip(text: String) throws {
        let blob = try SealedValue.seal(SecureBytes(utf8: text), key: key, keyVersion: 7, place: place)
        #expect(blob.count == 1 + 4 + 24 + text.utf8.count + 16)
        #expect(blob[0] == SealedValue.formatVersion)
        #expect(try SealedValue.open(blob, key: key, place: place).utf8String == text)
    }

    @Test func keyVersionIsReadFromTheHeader() throws {
        let blob = try SealedValue.seal(SecureBytes(utf8: "x"), key: key, keyVersion: 0x0102_0304, place: place)
        #expect(Array(blob[1..<5]) == [1, 2, 3, 4])
        #expect(try SealedValue.keyVersion(of: blob) == 0x0102_0304)
        #expect(try SealedValue.keyVersion(of: SealedValue.seal(SecureBytes(utf8: "x"), key: key, keyVersion: .max, place: place)) == .max)
        #expect(throws: CryptoError.malformed) { try SealedValue.keyVersion(of: Array(blob.prefix(44))) }
        #expect(throws: CryptoError.unsupportedFormat(2)) { try SealedValue.keyVersion(of: [2] + blob.dropFirst()) }
    }

    @Test func everyFlippedByteIsRefused() throws {
        let blob = try SealedValue.seal(SecureBytes(utf8: "hi"), key: key, keyVersion: 3, place: place)
        for index in blob.indices {
            var damaged = blob
            damaged[index] ^= 0x01
            // The format byte is checked first; any other change breaks the tag (the key version is in the AD).
            let expected = index == 0 ? CryptoError.unsupportedFormat(damaged[0]) : .authenticationFailed
            #expect(throws: expected, "byte \(index)") { try SealedValue.open(damaged, key: key, place: place) }
        }
    }

    @Test func changedKeyVersionHeaderIsRefused() throws {
        let blob = try SealedValue.seal(SecureBytes(utf8: "x"), key: key, keyVersion: 5, place: place)
        var relabelled = blob
        relabelled[4] = 6
        #expect(try SealedValue.keyVersion(of: relabelled) == 6)
        #expect(throws: CryptoError.authenticationFailed) { try SealedValue.open(relabelled, key: key, place: place) }
    }

    @Test func anotherPlaceIsRefused() throws {
        let blob = try SealedValue.seal(SecureBytes(utf8: "x"), key: key, keyVersion: 1, place: place)
        var moved = [place, place, place, place]
        moved[0].table = "case"
        moved[1].column = "note"
        moved[2].row = "p-0043"
        moved[3].person = "p-0043"
        for other in moved {
            #expect(throws: CryptoError.authenticationFailed, "\(other)") { try SealedValue.open(blob, key: key, place: other) }
        }
        // Components are length-prefixed: moving a character across a boundary is another place.
        let ab = SealedValue.Place(table: "ab", column: "c", row: "r", person: "p")
        let shifted = SealedValue.Place(table: "a", column: "bc", row: "r", person: "p")
        let sealed = try SealedValue.seal(SecureBytes(utf8: "x"), key: key, keyVersion: 1, place: ab)
        #expect(throws: CryptoError.authenticationFailed) { try SealedValue.open(sealed, key: key, place: shifted) }
    }

    @Test func wrongKeyOrShapeIsRefused() throws {
        let blob = try SealedValue.seal(SecureBytes(utf8: "x"), key: key, keyVersion: 1, place: place)
        #expect(throws: CryptoError.authenticationFailed) { try SealedValue.open(blob, key: SecureBytes.random(count: 32), place: place) }
        #expect(throws: CryptoError.malformed) { try SealedValue.open([], key: key, place: place) }
        #expect(throws: CryptoError.malformed) { try SealedValue.open(Array(blob.prefix(44)), key: key, place: place) }
        #expect(throws: CryptoError.authenticationFailed) { try SealedValue.open(Array(blob.dropLast()), key: key, place: place) }
        #expect(throws: CryptoError.invalidKeyLength) {
            try SealedValue.seal(SecureBytes(utf8: "x"), key: SecureBytes.random(count: 16), keyVersion: 1, place: place)
        }
    }
}
