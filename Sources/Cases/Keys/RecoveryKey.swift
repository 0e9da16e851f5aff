import CaunoiCrypto
import Foundation

/// The recovery key: an X25519 secret shown once at `init` and kept offline. Its public half
/// is stored, so anyone (e.g. an admin adding a centre) can wrap a key *for* recovery, but only
/// its holder can unwrap. Written as 64 hex digits in groups of 8.
public struct RecoveryKey: Sendable {
    let keyPair: BoxKeyPair

    static func generate() -> RecoveryKey { RecoveryKey(keyPair: .generate()) }

    /// The text form printed once or written to the recovery file.
    public var text: SecureBytes {
        let hex = keyPair.secretKey.bytes.map { String(format: "%02x", $0) }.joined()
        let groups = stride(from: 0, to: hex.count, by: 8).map { i -> String in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return String(hex[start..<hex.index(start, offsetBy: 8)])
        }
        return SecureBytes(utf8: "caunoi-recovery-1 " + groups.joined(separator: "-"))
    }

    /// Parses the text form (spaces, dashes and case do not matter).
    public static func parse(_ text: SecureBytes) throws -> RecoveryKey {
        var body = text.utf8String.lowercased()
        if let range = body.range(of: "caunoi-recovery-1") { body.removeSubrange(range) }
        let hex = body.filter { $0.isHexDigit }
        guard hex.count == 64, body.allSatisfy({ $0.isHexDigit || $0 == "-" || $0.isWhitespace }) else {
            throw CaunoiError.wrongRecoveryKey
        }
        var bytes = [UInt8]()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let secret = SecureBytes(copying: bytes)
        return RecoveryKey(keyPair: try BoxKeyPair(secretKey: secret))
    }

    public static func read(file: String) throws -> RecoveryKey {
        guard let data = FileManager.default.contents(atPath: file) else { throw CaunoiError.fileNotFound(.recoveryKey) }
        return try parse(SecureBytes(copying: data))
    }
}
