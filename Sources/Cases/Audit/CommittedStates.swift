import GRDB

/// What `audit verify` checks beyond the chain itself: the records the signed entries committed
/// to must still be there and as committed. It needs no data key (it compares stored seals with
/// committed ones), so admins and central officers can run it.
enum CommittedStates {
    static func check(_ db: Database, trust: TrustChain) throws {
        // Each case's newest committed state against its seal now. A case whose woman was
        // erased has no seal any more, on purpose.
        let latest = try Row.fetchAll(db, sql: """
            SELECT a.record, a.state FROM audit_log a
            JOIN (SELECT record, max(seq) AS seq FROM audit_log WHERE state IS NOT NULL AND record IS NOT NULL
                  AND action NOT IN (\(LedgerCommitment.actions.map { "'\($0)'" }.joined(separator: ", "))) GROUP BY record) newest
              ON newest.record = a.record AND newest.seq = a.seq
            """)
        let seals = try db.cachedStatement(sql: """
            SELECT c.seal, EXISTS (SELECT 1 FROM erasures e WHERE e.person_id = c.person_id) AS erased FROM cases c WHERE c.id = ?
            """)
        for row in latest {
            let caseID: String = row["record"]
            guard let current = try Row.fetchOne(seals, arguments: [caseID]) else {
                throw CaunoiError.integrityFailure(record: "\(caseID) (deleted)")
            }
            if (current["erased"] as Bool?) == true { continue }
            guard current.optionalBytes("seal") == row.bytes("state") else { throw CaunoiError.integrityFailure(record: "\(caseID) (cases.seal)") }
        }
        _ = try LedgerCommitment.verifiedRows(db)
        // Every erasure was done by someone who signed for it.
        if let person = try String.fetchOne(db, sql: """
            SELECT e.person_id FROM erasures e WHERE NOT EXISTS (
                SELECT 1 FROM audit_log a WHERE a.record = e.person_id AND a.action IN ('subject.erase', 'subject.erase.retention', 'subject.erase.ledger'))
            LIMIT 1
            """) { throw CaunoiError.integrityFailure(record: "\(person) (erasures)") }
        // A removed account must stay revoked: deleting her revocation would let grants reach her.
        for name in try String.fetchAll(db, sql: "SELECT DISTINCT record FROM audit_log WHERE action = 'user.remove' AND record IS NOT NULL") {
            if try trust.user(name) != nil { throw CaunoiError.integrityFailure(record: "user \(name) (revocation)") }
        }
    }
}
