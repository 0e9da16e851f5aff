import GRDB

/// The statistics ledger rides on the signed audit chain: every export's audit entry commits
/// to the hash of the ledger row it wrote (`audit_log.state`). The budget, the stored noisy
/// answers and `stats ledger` read only rows whose hash a signed entry committed to, and
/// every committed row must still be there: deleting a row to reset the privacy budget,
/// editing ε or a stored answer, or inserting a row is an integrity failure naming it.
enum LedgerCommitment {
    static let label = "caunoi-stats-ledger/1"
    /// Audit actions whose state is a ledger row's hash.
    static let actions = ["stats.export", "stats.export.dp", "stats.ledger.certify"]

    static func hash(_ row: Row) throws -> [UInt8] { try RowDigest.hash(row, label: label) }

    /// The hash of the ledger row with this id (after it was inserted).
    static func hash(_ db: Database, id: String) throws -> [UInt8] {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM stats_ledger WHERE id = ?", arguments: [id]) else {
            throw CaunoiError.integrityFailure(record: "stats_ledger \(id)")
        }
        return try hash(row)
    }

    /// Every ledger row, oldest first, each checked against the chain's commitments.
    static func verifiedRows(_ db: Database) throws -> [Row] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM stats_ledger ORDER BY rowid")
        var byHash: [[UInt8]: String] = [:]
        for row in rows { byHash[try hash(row)] = row["id"] }
        let committed = try Row.fetchAll(db, sql: """
            SELECT seq, state FROM audit_log WHERE state IS NOT NULL AND action IN (\(actions.map { "'\($0)'" }.joined(separator: ", ")))
            """)
        var seen: Set<String> = []
        for entry in committed {
            guard let id = byHash[entry.bytes("state")] else {
                throw CaunoiError.integrityFailure(record: "stats_ledger (audit entry #\(entry["seq"] as Int64))")
            }
            seen.insert(id)
        }
        if let stray = rows.first(where: { !seen.contains($0["id"]) }) {
            throw CaunoiError.integrityFailure(record: "stats_ledger \(stray["id"] as String)")
        }
        return rows
    }
}
