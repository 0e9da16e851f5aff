/// Keyed BLAKE2b (`crypto_generichash`): blind indexes and labelled sub-key derivation.
public enum BLAKE2b {
    public static let minimumOutputByteCount = 16
    public static let maximumOutputByteCount = 64

    public static func hash(_ message: [UInt8], key: SecureBytes?, outputByteCount: Int = 32) throws -> [UInt8] {
        guard (minimumOutputByteCount...maximumOutputByteCount).contains(outputByteCount) else {
            throw CryptoError.invalidParameters
        }
        if let key, !(16...64).contains(key.count) { throw CryptoError.invalidKeyLength }
        return try sodiumGenericHash(message, key: key, outputByteCount: outputByteCount)
    }
}

/// A blind index: keyed BLAKE2b of a normalised value, truncated to `bits` bits so that equal
/// values collide by design and distinct values collide often enough to hide frequencies.
public enum BlindIndex {
    public static let bitRange = 1...32

    public static func compute(_ normalised: [UInt8], key: SecureBytes, bits: Int) throws -> Int64 {
        guard bitRange.contains(bits) else { throw CryptoError.invalidParameters }
        let digest = try BLAKE2b.hash(normalised, key: key, outputByteCount: 32)
        let first8 = digest[0..<8].reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Int64(first8 >> UInt64(64 - bits))
    }
}

/// Labelled sub-keys of a 32-byte master key: BLAKE2b keyed with the master over a fixed prefix
/// and the label. One index key thus gives independent keys per field and index kind.
public enum KeyDerivation {
    public static func subkey(of master: SecureBytes, label: String) throws -> SecureBytes {
        let digest = try BLAKE2b.hash(Array("caunoi.kdf.v1|\(label)".utf8), key: master, outputByteCount: 32)
        return SecureBytes(copying: digest)
    }
}
