import CaunoiCrypto
import Foundation
import GRDB

/// The newest audit entry a user saw, as kept in her keyslot (`KeyID.auditHead`): 8 bytes of
/// sequence number (big-endian) and the entry's 32-byte hash.
enum AuditHead {
    static func current(_ db: Database) throws -> SecureBytes {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") else {
            throw CaunoiError.auditChainBroken(entry: 1)
        }
        let seq = UInt64(row["seq"] as Int64)
        return SecureBytes(copying: (0..<8).map { UInt8(truncatingIfNeeded: seq >> (56 - 8 * $0)) } + row.bytes("hash"))
    }

    /// Throws naming the entry unless the trail still holds it, unchanged.
    static func check(_ db: Database, _ head: SecureBytes) throws {
        let bytes = head.bytes
        guard bytes.count == 40 else { throw CaunoiError.integrityFailure(record: "keyslot") }
        let seq = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard seq <= UInt64(Int64.max) else { throw CaunoiError.integrityFailure(record: "keyslot") }
        let stored = try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [Int64(seq)])
        guard let stored, [UInt8](stored) == Array(bytes[8...]) else { throw CaunoiError.auditChainBroken(entry: Int64(seq)) }
    }
}
