import CaunoiCrypto
import GRDB

public enum TransferStatus: String, Sendable, Codable {
    case pending, accepted, declined
}

/// A transfer as either centre's managers see it (codes and ids only).
public struct Transfer: Sendable, Equatable {
    public let id: String
    public let person: String
    public let from: String
    public let to: String
    public let status: TransferStatus
    public let requestedBy: String
    public let requestedOn: String
    public let decidedBy: String?
    public let decidedOn: String?
    /// Her cases that move with her.
    public let cases: [String]

    init(row: Row, cases: [String]) {
        (id, person, from, to) = (row["id"], row["person_id"], row["from_centre"], row["to_centre"])
        status = TransferStatus(rawValue: row["status"]) ?? .pending
        (requestedBy, requestedOn, decidedBy, decidedOn) = (row["requested_by"], row["requested_on"], row["decided_by"], row["decided_on"])
        self.cases = cases
    }
}

extension CaseStore {
    /// A manager of her centre asks to transfer a woman (named by a case or person id), with
    /// every case of hers, to another centre: her data key is sealed to that centre's
    /// certified box key and nothing moves until its manager accepts. One transfer at a time.
    @discardableResult
    public func requestTransfer(_ session: Session, id: String, to centre: String, reason: PersonalText) throws -> String {
        try session.require(.manager)
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        let transferID = Ids.random(prefix: "W")
        try write { db in
            let (person, from) = try subjectPerson(db, id)
            try checkTransfer(db, session, person: person, from: from, to: centre, cases: herCases(db, person))
            try insertTransfer(db, session, transferID, person: person, from: from, to: centre, reason: reason,
                               vault: personVault(db, id: person, session: session))
        }
        return transferID
    }

    /// Transfers one case of hers only (she has others the centre goes on working). Her data
    /// key covers all her cases, so the receiving centre must not get it: the case is first
    /// given a person record of its own at this centre, with a new data key, her fields copied
    /// and every value of the case re-sealed under it (as a merge does, the other way), and that
    /// record is what is transferred. A case that is her only one is transferred as a whole.
    /// If the transfer is declined, the case stays here under its own record (`case merge`
    /// joins them again).
    @discardableResult
    public func requestCaseTransfer(_ session: Session, policy: Policy, caseID: String, to centre: String, reason: PersonalText) throws -> String {
        try session.require(.manager)
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        let transferID = Ids.random(prefix: "W")
        try write { db in
            let summary = try CaseSummary.fetch(db, id: caseID)
            let (person, from) = try subjectPerson(db, summary.person)
            try checkTransfer(db, session, person: person, from: from, to: centre, cases: [caseID])
            let (vault, fields, _) = try openPerson(db, id: person, session: session)
            guard try herCases(db, person).count > 1 else {
                try insertTransfer(db, session, transferID, person: person, from: from, to: centre, reason: reason, vault: vault)
                return
            }
            try CaseSeal.verify(db, caseID: caseID, vault: vault)
            let (own, ownVault) = try insertPerson(db, fields: fields, centre: self.centre(db, from), session: session, indexer: indexer)
            try reseal(db, cases: [caseID], from: vault, to: ownVault)
            try db.execute(sql: "UPDATE cases SET person_id = ? WHERE id = ?", arguments: [own, caseID])
            if let seal = try CaseSeal.update(db, caseID: caseID, vault: ownVault) {
                try audit(db, session, "case.split", record: caseID, centre: from, state: seal)
            }
            try audit(db, session, "person.split", record: person, centre: from)
            try insertTransfer(db, session, transferID, person: own, from: from, to: centre, reason: reason, vault: ownVault)
        }
        return transferID
    }

    /// What a transfer request needs: her centre is the session's, the other centre exists and
    /// differs, no transfer of hers waits, and none of the cases going has a referral in progress.
    private func checkTransfer(_ db: Database, _ session: Session, person: String, from: String, to centre: String, cases: [String]) throws {
        guard from == session.centre else { throw CaunoiError.notYourCentre }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM centres WHERE code = ?", arguments: [centre]) != nil else {
            throw CaunoiError.centreNotFound(centre)
        }
        guard centre != from else { throw CaunoiError.invalid(.centre) }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM transfers WHERE person_id = ? AND status = 'pending'", arguments: [person]) == nil else {
            throw CaunoiError.transferPending(person)
        }
        let open = ReferralStatus.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        for caseID in cases where try Bool.fetchOne(db, sql: "SELECT 1 FROM referrals WHERE case_id = ? AND status IN (\(open))",
                                                     arguments: [caseID]) != nil {
            throw CaunoiError.referralsInProgress(caseID)
        }
    }

    /// Seals her data key to the receiving centre and records the request on each of her cases.
    private func insertTransfer(_ db: Database, _ session: Session, _ transferID: String, person: String, from: String, to centre: String,
                                reason: PersonalText, vault: PersonVault) throws {
        let cases = try herCases(db, person)
        for caseID in cases { try CaseSeal.verify(db, caseID: caseID, vault: vault) }
        let (box, version) = try trusted(db, session).0.centreBox(centre)
        let sealed = try vault.sealedForTransfer(to: box, binding: Self.transferBinding(transferID, person: person, to: centre))
        try db.execute(sql: """
            INSERT INTO transfers (id, person_id, from_centre, to_centre, to_key_version, status, sealed_key, reason, requested_by, requested_on)
            VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
            """, arguments: [transferID, person, from, centre, version, sealed.blob,
                             try vault.seal(reason, table: "transfers", column: "reason", row: transferID), session.user, Day.today()])
        for caseID in cases {
            try recordEvent(db, caseID: caseID, kind: "transfer-requested", by: session.user, from: nil, to: nil, detail: centre,
                            reason: reason, vault: vault)
            if let seal = try CaseSeal.update(db, caseID: caseID, vault: vault) {
                try audit(db, session, "case.transfer-request", record: caseID, centre: from, state: seal)
            }
        }
        try audit(db, session, "transfer.request", record: transferID, centre: from)
        try audit(db, session, "transfer.request", record: transferID, centre: centre)
    }

    /// The receiving centre's manager accepts: her data key is opened with the centre's box
    /// key, wrapped under the centre's own key, her blind indexes rebuilt with its index key,
    /// and her person record and every case move (unassigned, as a new arrival). The sending
    /// centre can no longer open anything of hers in this file. Audited on both sides.
    public func acceptTransfer(_ session: Session, policy: Policy, id: String) throws {
        try session.require(.manager)
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        try write { db in
            let row = try pendingTransfer(db, id, for: session)
            let person: String = row["person_id"]
            let from: String = row["from_centre"]
            let to: String = row["to_centre"]
            guard let sealed = row.optionalBytes("sealed_key") else { throw CaunoiError.integrityFailure(record: "\(id) (transfers.sealed_key)") }
            let box = try BoxKeyPair(secretKey: KeyDerivation.subkey(of: session.centreKey(to, version: row["to_key_version"]), label: "centre.box"))
            let vault = try PersonVault.fromTransfer(sealed, with: box, personID: person, binding: Self.transferBinding(id, person: person, to: to),
                                                     record: "\(id) (transfers.sealed_key)")
            let cases = try herCases(db, person)
            for caseID in cases { try CaseSeal.verify(db, caseID: caseID, vault: vault) }
            // Her fields, opened with the key the transfer carried (a swapped key fails here).
            guard let personRow = try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id = ?", arguments: [person]) else {
                throw CaunoiError.personNotFound(person)
            }
            var blobs: [PersonColumn: [UInt8]] = [:]
            for column in PersonColumn.allCases { if let blob = personRow.optionalBytes(column.rawValue) { blobs[column] = blob } }
            let fields = try PersonFields.opened(from: blobs, with: vault)
            let (centreKey, version) = try session.currentCentreKey(to)
            try db.execute(sql: "UPDATE persons SET centre = ?, centre_key_version = ?, wrapped_dek = ? WHERE id = ?",
                           arguments: [to, version, try vault.wrapped(centreKey: centreKey, version: version), person])
            try rewritePerson(db, fields: fields, vault: vault, indexer: indexer)
            for caseID in cases {
                try db.execute(sql: "UPDATE cases SET centre = ?, assigned_to = NULL, updated_on = ? WHERE id = ?", arguments: [to, Day.today(), caseID])
                try db.execute(sql: "UPDATE tasks SET centre = ?, assigned_to = NULL WHERE case_id = ?", arguments: [to, caseID])
                try recordEvent(db, caseID: caseID, kind: "transferred", by: session.user, from: nil, to: nil, detail: "\(from) → \(to)")
                if let seal = try CaseSeal.update(db, caseID: caseID, vault: vault) {
                    try audit(db, session, "case.transfer", record: caseID, centre: to, state: seal)
                }
            }
            try db.execute(sql: "UPDATE transfers SET status = 'accepted', sealed_key = NULL, decided_by = ?, decided_on = ? WHERE id = ?",
                           arguments: [session.user, Day.today(), id])
            try audit(db, session, "transfer.accept", record: id, centre: to)
            try audit(db, session, "transfer.accept", record: id, centre: from)
        }
    }

    /// The receiving centre's manager declines; nothing moves, and the sealed key is deleted.
    public func declineTransfer(_ session: Session, id: String) throws {
        try session.require(.manager)
        try write { db in
            let row = try pendingTransfer(db, id, for: session)
            try db.execute(sql: "UPDATE transfers SET status = 'declined', sealed_key = NULL, decided_by = ?, decided_on = ? WHERE id = ?",
                           arguments: [session.user, Day.today(), id])
            try audit(db, session, "transfer.decline", record: id, centre: row["to_centre"])
            try audit(db, session, "transfer.decline", record: id, centre: row["from_centre"])
        }
    }

    /// Transfers to or from the session's centre (only those waiting to it: `incomingOnly`),
    /// newest first (managers).
    public func transfers(_ session: Session, pendingOnly: Bool = false, incomingOnly: Bool = false) throws -> [Transfer] {
        try session.require(.manager)
        return try write { db in
            try audit(db, session, "transfer.list")
            let centres = incomingOnly ? "to_centre = ?" : "(to_centre = ? OR from_centre = ?)"
            let arguments: StatementArguments = incomingOnly ? [session.centre] : [session.centre, session.centre]
            return try Row.fetchAll(db, sql: """
                SELECT * FROM transfers WHERE \(centres) \(pendingOnly || incomingOnly ? "AND status = 'pending'" : "")
                ORDER BY requested_on DESC, rowid DESC
                """, arguments: arguments).map { Transfer(row: $0, cases: try herCases(db, $0["person_id"])) }
        }
    }

    private func pendingTransfer(_ db: Database, _ id: String, for session: Session) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM transfers WHERE id = ?", arguments: [id]) else { throw CaunoiError.transferNotFound(id) }
        guard row["to_centre"] == session.centre else { throw CaunoiError.notYourCentre }
        guard row["status"] == TransferStatus.pending.rawValue else { throw CaunoiError.transferNotPending(id) }
        return row
    }

    private func herCases(_ db: Database, _ person: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [person])
    }

    static func transferBinding(_ id: String, person: String, to centre: String) -> String { "caunoi-transfer/1|\(id)|\(person)|\(centre)" }
}
