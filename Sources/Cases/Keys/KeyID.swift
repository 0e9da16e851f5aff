import CaunoiCrypto

/// Names of the keys a keyslot, grant or recovery wrap can hold. Stored; never rename.
public enum KeyID: Hashable, Sendable {
    /// The user's own X25519 secret (receives grants).
    case ownBox
    /// The user's own Ed25519 seed (signs audit entries and packets).
    case ownSigning
    /// The deployment-wide index key of databases made before issue 12: retired (indexes are
    /// rebuilt per centre by `keys certify`); still read once to check the root at the first
    /// unlock after the upgrade, then dropped from the keyslot.
    case index
    /// A centre's index key: blind-index sub-keys of that centre's persons are derived from it,
    /// so two centres' records of one woman share no index value. It does not rotate with the
    /// centre key (no re-indexing).
    case centreIndex(String)
    /// The central review key pair's secret half.
    case centralReview
    /// A centre key, by centre code and version.
    case centre(String, version: Int)
    /// The deployment root's public key, pinned in the keyslot: every certificate is checked
    /// against it, and the file cannot change it because the slot is sealed.
    case trustRoot
    /// Not a key: the sequence number (8 bytes) and hash (32) of the newest audit entry she saw
    /// at her last unlock. Sealed in her keyslot, so cutting the trail back behind it (to hide
    /// what was done since, or to put records back to an older state with their commitments)
    /// is found at her next unlock.
    case auditHead

    public var rawValue: String {
        switch self {
        case .ownBox: "own.box"
        case .ownSigning: "own.sign"
        case .index: "index.v1"
        case .centralReview: "central.v1"
        case .trustRoot: "trust.root"
        case .auditHead: "audit.head"
        case .centre(let code, let version): "centre.\(code).v\(version)"
        case .centreIndex(let code): "index.\(code)"
        }
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "own.box": self = .ownBox
        case "own.sign": self = .ownSigning
        case "index.v1": self = .index
        case "central.v1": self = .centralReview
        case "trust.root": self = .trustRoot
        case "audit.head": self = .auditHead
        default:
            let parts = rawValue.split(separator: ".")
            // Centre codes are upper-case, so `index.v1` can never be a centre's.
            if parts.count == 2, parts[0] == "index", parts[1].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "-" }) {
                self = .centreIndex(String(parts[1]))
                return
            }
            guard parts.count == 3, parts[0] == "centre", parts[2].hasPrefix("v"),
                  let version = Int(parts[2].dropFirst()) else { return nil }
            self = .centre(String(parts[1]), version: version)
        }
    }
}

/// A set of named keys, serialised into wiping memory for sealing into a keyslot or grant:
/// repeated `id length (2 bytes) ‖ id ‖ key length (2 bytes) ‖ key`.
struct KeyBundle {
    var keys: [KeyID: SecureBytes] = [:]

    func encoded() -> SecureBytes {
        let entries = keys.map { (Array($0.key.rawValue.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        let total = entries.reduce(0) { $0 + 4 + $1.0.count + $1.1.count }
        return SecureBytes(count: total) { out in
            var offset = 0
            func put(_ bytes: UnsafeRawBufferPointer) {
                let length = UInt16(bytes.count)
                out[offset] = UInt8(length >> 8)
                out[offset + 1] = UInt8(length & 0xff)
                UnsafeMutableRawBufferPointer(rebasing: out[(offset + 2)...]).copyMemory(from: bytes)
                offset += 2 + bytes.count
            }
            for (id, key) in entries {
                id.withUnsafeBytes(put)
                key.withUnsafeBytes(put)
            }
        }
    }

    static func decode(_ data: SecureBytes) throws -> KeyBundle {
        var bundle = KeyBundle()
        try data.withUnsafeBytes { bytes in
            var offset = 0
            func take() throws -> Range<Int> {
                guard offset + 2 <= bytes.count else { throw CaunoiError.integrityFailure(record: "keyslot") }
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                guard offset + 2 + length <= bytes.count else { throw CaunoiError.integrityFailure(record: "keyslot") }
                defer { offset += 2 + length }
                return (offset + 2)..<(offset + 2 + length)
            }
            while offset < bytes.count {
                let idRange = try take()
                let keyRange = try take()
                guard let id = KeyID(rawValue: String(decoding: bytes[idRange], as: UTF8.self)) else {
                    throw CaunoiError.integrityFailure(record: "keyslot")
                }
                bundle.keys[id] = SecureBytes(copying: bytes[keyRange])
            }
        }
        return bundle
    }
}
