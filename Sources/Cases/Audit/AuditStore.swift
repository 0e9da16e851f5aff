import Foundation
import GRDB

extension CaseStore {
    /// Records what the session's user just did, in the caller's transaction, signed with her
    /// key. `centre` defaults to hers.
    func audit(_ db: Database, _ session: Session, _ action: String, record: String? = nil, centre: String? = nil,
               state: [UInt8]? = nil) throws {
        try session.requireStillValid(db)
        try AuditTrail.append(db, user: session.user, action: action, record: record, centre: centre ?? session.centre,
                              signer: session.signingKeyPair, state: state)
    }

    /// A failed unlock, recorded on its own (the unlock's transaction was rolled back). Only
    /// an existing account's name is kept: a mistyped name could be anything.
    func auditFailedUnlock(user: String) {
        _ = try? write { db in
            let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [user]) ?? false
            try AuditTrail.append(db, user: known ? user : "?", action: AuditTrail.unsignedAction, record: nil, centre: nil, signer: nil)
        }
    }

    /// Runs a read of one record; when it is refused for lack of role, centre or key (77), the
    /// refusal itself is recorded (`<action>.refused`, signed, in its own transaction: the
    /// read's was rolled back) before the error goes on. Someone probing other centres' cases
    /// leaves a trail.
    func auditingRefusal<T>(_ session: Session, _ action: String, record: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CaunoiError where error.kind == .notPermitted {
            _ = try? write { db in try audit(db, session, action + ".refused", record: record) }
            throw error
        }
    }

    /// The trail, oldest first: everything for the admin and central officers, her centre's
    /// entries for a manager. Reading it is itself recorded.
    public func auditLog(_ session: Session, caseID: String? = nil, user: String? = nil, since: String? = nil) throws -> [AuditEntry] {
        try session.require(.admin, .central, .manager)
        if let since, Day.parse(since) == nil { throw CaunoiError.invalidDate(.since) }
        return try write { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if session.role == .manager { conditions.append("centre = ?"); arguments.append(session.centre ?? "") }
            if let caseID {
                // The case itself and its referrals (CASE-Rn).
                conditions.append("(record = ? OR record GLOB ?)")
                arguments += [caseID, caseID + "-R[0-9]*"]
            }
            if let user { conditions.append("user = ?"); arguments.append(user) }
            if let since { conditions.append("at >= ?"); arguments.append(since) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let entries = try Row.fetchAll(db, sql: "SELECT seq, at, user, action, record, centre FROM audit_log \(filter) ORDER BY seq",
                                           arguments: StatementArguments(arguments)).map {
                AuditEntry(seq: $0["seq"], at: $0["at"], user: $0["user"], action: $0["action"], record: $0["record"], centre: $0["centre"])
            }
            try audit(db, session, "audit.read", record: caseID)
            return entries
        }
    }

    /// Checks the whole chain and every signature against the signing keys certified for each
    /// user (never a plain table the file editor could add to); then that the records the chain
    /// committed to are still as it says: every case its last write sealed (a deleted case, or
    /// one put back to an older state, is named), every statistics-ledger row, and every removed
    /// account still revoked. Throws naming the first bad entry or record; returns how many
    /// entries were checked.
    public func verifyAudit(_ session: Session) throws -> Int64 {
        try session.require(.admin, .central, .manager)
        return try write { db in
            let (trust, _) = try trusted(db, session)
            var keys: [String: Set<Data>] = [:]
            for name in try String.fetchAll(db, sql: "SELECT DISTINCT subject FROM certificates WHERE kind = 'user'") {
                keys[name] = Set(try trust.signingKeys(of: name).map { Data($0) })
            }
            if let bad = try AuditTrail.firstBadEntry(db, keys: keys) { throw CaunoiError.auditChainBroken(entry: bad) }
            try CommittedStates.check(db, trust: trust)
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            try audit(db, session, "audit.verify")
            return count
        }
    }
}
