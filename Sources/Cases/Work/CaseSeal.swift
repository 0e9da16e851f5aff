import CaunoiCrypto
import Foundation
import GRDB

/// The case seal: a MAC, under a key derived from the woman's data key, over every plain
/// column of a case and of the rows that belong to it (needs, notes, history steps, consents),
/// stored in `cases.seal`. Anyone who can open her data checks it on every read, so a lowered
/// risk level, a case moved to another centre, a widened consent, a deleted note, a note moved
/// in from her other case or an older ciphertext put back is an integrity failure naming the
/// case, not an answer. Each write's audit entry commits to the new seal (`audit_log.state`),
/// so a whole case put back to an older, consistent state is caught too.
enum CaseSeal {
    /// The tables whose rows belong to a case (by `case_id`) and are covered.
    static let parts = ["case_needs", "notes", "case_events", "consents"]
    /// Tables added after cases were first sealed: covered when they hold rows of the case, so
    /// that a case sealed before they existed keeps its seal (and deleting all of a case's
    /// rows from one still changes what is covered: the stored seal was made with them).
    static let laterParts = ["contacts", "tasks", "children", "spouses", "need_children", "case_documents", "attachments", "plan_goals", "plan_services", "services_delivered", "assessments"]

    /// Canonical JSON of the case row (without its seal) and its parts (`RowDigest`).
    static func message(_ db: Database, caseID: String) throws -> [UInt8] {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE id = ?"), arguments: [caseID]) else {
            throw CaunoiError.caseNotFound(caseID)
        }
        var object: [String: JSONValue] = ["format": .string("caunoi-case-seal/1"), "case": try RowDigest.json(row, skipping: "seal")]
        for table in parts + laterParts {
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE case_id = ?"), arguments: [caseID])
            if rows.isEmpty, laterParts.contains(table) { continue }
            // In the order of their serialisations, each computed once.
            let values = try rows.map { row -> (JSONValue, [UInt8]) in let value = try RowDigest.json(row); return (value, value.canonicalBytes) }
            object[table] = .array(values.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0))
        }
        return JSONValue.object(object).canonicalBytes
    }

    static func compute(_ db: Database, caseID: String, vault: PersonVault) throws -> [UInt8] {
        try BLAKE2b.hash(message(db, caseID: caseID), key: vault.subkey("case.seal"), outputByteCount: 32)
    }

    /// Checks the stored seal against the case as it is now, and against the state the last
    /// signed audit entry about the case committed to. Her erased cases have no seal (no key).
    static func verify(_ db: Database, caseID: String, vault: PersonVault) throws {
        let failure = CaunoiError.integrityFailure(record: "\(caseID) (cases.seal)")
        guard let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT seal FROM cases WHERE id = ?"), arguments: [caseID])?
            .optionalBytes("seal") else { throw failure }
        guard SecureBytes(copying: stored) == SecureBytes(copying: try compute(db, caseID: caseID, vault: vault)) else { throw failure }
        if let committed = try AuditTrail.lastState(db, record: caseID), committed != stored { throw failure }
    }

    /// Recomputes and stores the seal; returns it when it changed (nil when nothing did).
    @discardableResult
    static func update(_ db: Database, caseID: String, vault: PersonVault) throws -> [UInt8]? {
        let seal = try compute(db, caseID: caseID, vault: vault)
        let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT seal FROM cases WHERE id = ?"), arguments: [caseID])?.optionalBytes("seal")
        guard stored != seal else { return nil }
        try db.cachedStatement(sql: "UPDATE cases SET seal = ? WHERE id = ?").execute(arguments: [seal.blob, caseID])
        return seal
    }
}
