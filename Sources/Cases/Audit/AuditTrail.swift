import CaunoiCrypto
import Foundation
import GRDB

/// One entry of the audit trail. Identifiers and codes only: the record is a case, person,
/// referral, agency or user id, never a name or any other personal value.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int64
    public let at: String
    public let user: String
    public let action: String
    public let record: String?
    public let centre: String?
    /// The state of the record this entry's write left (a case's seal), if it changed one.
    var state: [UInt8]? = nil

    /// The bytes the hash covers: canonical JSON of the entry and the previous hash, so
    /// that no field can be moved into another without changing it.
    func message(previous: [UInt8]) -> [UInt8] {
        var object: [String: JSONValue] = [
            "format": .string("caunoi-audit/1"), "seq": .int(Int(seq)), "at": .string(at), "user": .string(user),
            "action": .string(action), "prev": .string(Data(previous).base64EncodedString()),
        ]
        if let record { object["record"] = .string(record) }
        if let centre { object["centre"] = .string(centre) }
        if let state { object["state"] = .string(Data(state).base64EncodedString()) }
        return JSONValue.object(object).canonicalBytes
    }
}

/// Appending to and checking the hash-chained, signed audit trail.
enum AuditTrail {
    static let genesis = [UInt8](repeating: 0, count: 32)
    /// The only action recorded without a signature: nobody is authenticated yet.
    static let unsignedAction = "unlock.failed"

    /// UTC to the second, e.g. 2026-11-22T19:10:20Z.
    static func timestamp(_ date: Date = Now.clock.now()) -> String {
        Timestamp.format(date)
    }

    /// Appends one entry in the caller's transaction, signed with `signer` (nil only for a
    /// failed unlock).
    static func append(_ db: Database, user: String, action: String, record: String?, centre: String?,
                       signer: SigningKeyPair?, state: [UInt8]? = nil) throws {
        // Cached statements: every command appends at least one entry (issue 7 profile).
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
        // Numbering continues from the recorded head, so that entries cut off the end leave a
        // gap that later entries cannot close.
        let head = try recordedHead(db)
        let seq = max(last?["seq"] as Int64? ?? 0, head) + 1
        let previous = last.map { [UInt8]($0["hash"] as Data) } ?? genesis
        let entry = AuditEntry(seq: seq, at: timestamp(), user: user, action: action, record: record, centre: centre, state: state)
        let hash = try BLAKE2b.hash(entry.message(previous: previous), key: nil, outputByteCount: 32)
        let signature = try signer?.signature(for: hash)
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (seq, at, user, action, record, centre, prev, hash, signer, signature, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [seq, entry.at, user, action, record, centre, Data(previous), Data(hash),
                             signer.map { Data($0.publicKey) }, signature.map { Data($0) }, state.map { Data($0) }])
    }

    /// The state the newest signed entry about `record` committed to, if any entry did.
    static func lastState(_ db: Database, record: String) throws -> [UInt8]? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT state FROM audit_log WHERE record = ? AND state IS NOT NULL ORDER BY seq DESC LIMIT 1
            """), arguments: [record])?.optionalBytes("state")
    }

    /// The last sequence number ever appended (kept in `meta` by a trigger).
    static func recordedHead(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'audit_head'")) ?? 0
    }

    /// Walks the whole chain. Returns the sequence number of the first entry that is out of
    /// place, altered, wrongly signed or missing, or nil when every entry checks.
    /// `keys` are each user's certified signing keys (every one she has had).
    static func firstBadEntry(_ db: Database, keys: [String: Set<Data>]) throws -> Int64? {
        var previous = genesis
        var expected: Int64 = 1
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
        while let row = try rows.next() {
            let entry = AuditEntry(seq: row["seq"], at: row["at"], user: row["user"], action: row["action"],
                                   record: row["record"], centre: row["centre"], state: row.optionalBytes("state"))
            guard entry.seq == expected else { return expected }
            guard [UInt8](row["prev"] as Data) == previous else { return entry.seq }
            let hash = try BLAKE2b.hash(entry.message(previous: previous), key: nil, outputByteCount: 32)
            guard [UInt8](row["hash"] as Data) == hash else { return entry.seq }
            if let signer = row["signer"] as Data?, let signature = row["signature"] as Data? {
                guard keys[entry.user]?.contains(signer) == true,
                      Ed25519.isValid(signature: [UInt8](signature), for: hash, publicKey: [UInt8](signer)) else { return entry.seq }
            } else if entry.action != unsignedAction {
                return entry.seq
            }
            previous = hash
            expected += 1
        }
        // Entries cut off the end: the head recorded on every append says how many there were.
        let head = try recordedHead(db)
        return head >= expected ? expected : nil
    }
}
