/// A sealed field as stored in one BLOB column:
///
///     format (1 byte) ‖ key version (4 bytes, big-endian) ‖ nonce (24) ‖ ciphertext‖tag
///
/// The header names the key version, so opening never needs trial decryption. The associated
/// data binds the value to its place (table, column, row, person) and to the header, so a
/// value copied to another row or column, or given another key version, fails to open.
public enum SealedValue {
    public static let formatVersion: UInt8 = 1
    static let headerByteCount = 1 + 4 + XChaCha20Poly1305.nonceByteCount

    /// Where a sealed value lives. Every component is non-personal (ids, not names).
    public struct Place: Sendable, Equatable {
        public var table: String
        public var column: String
        public var row: String
        public var person: String

        public init(table: String, column: String, row: String, person: String) {
            self.table = table
            self.column = column
            self.row = row
            self.person = person
        }
    }

    public static func seal(_ plaintext: SecureBytes, key: SecureBytes, keyVersion: UInt32, place: Place) throws -> [UInt8] {
        let ad = associatedData(version: formatVersion, keyVersion: keyVersion, place: place)
        let (nonce, ciphertext) = try XChaCha20Poly1305.seal(plaintext, key: key, associatedData: ad)
        var blob: [UInt8] = [formatVersion]
        blob += bigEndianBytes(keyVersion)
        blob += nonce
        blob += ciphertext
        return blob
    }

    /// The key version recorded in a sealed value's header.
    public static func keyVersion(of blob: [UInt8]) throws -> UInt32 {
        try header(of: blob).keyVersion
    }

    public static func open(_ blob: [UInt8], key: SecureBytes, place: Place) throws -> SecureBytes {
        let (version, keyVersion) = try header(of: blob)
        let nonce = Array(blob[5..<headerByteCount])
        let ciphertext = Array(blob[headerByteCount...])
        let ad = associatedData(version: version, keyVersion: keyVersion, place: place)
        return try XChaCha20Poly1305.open(ciphertext, key: key, associatedData: ad, nonce: nonce)
    }

    private static func header(of blob: [UInt8]) throws -> (version: UInt8, keyVersion: UInt32) {
        guard blob.count >= headerByteCount + XChaCha20Poly1305.tagByteCount else { throw CryptoError.malformed }
        guard blob[0] == formatVersion else { throw CryptoError.unsupportedFormat(blob[0]) }
        let keyVersion = blob[1..<5].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        return (blob[0], keyVersion)
    }

    static func associatedData(version: UInt8, keyVersion: UInt32, place: Place) -> [UInt8] {
        var ad = Array("caunoi.sealed".utf8)
        ad.append(version)
        ad += bigEndianBytes(keyVersion)
        for part in [place.table, place.column, place.row, place.person] {
            let bytes = Array(part.utf8)
            ad += bigEndianBytes(UInt32(bytes.count))
            ad += bytes
        }
        return ad
    }
}

func bigEndianBytes(_ value: UInt32) -> [UInt8] {
    [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
     UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
}
