import GRDB

/// Why a woman's data was erased (the ledger's `basis`).
public enum ErasureBasis: String, Sendable, Codable, DatabaseValueConvertible {
    /// She asked (PDPL 91/2025/QH15, right to deletion); a manager of her centre carried it out.
    case request
    /// `retention run`: every case of hers closed longer ago than policy keeps data.
    case retention
    /// Re-applied from the live database's ledger when a backup was restored.
    case ledger
}

/// One row of the erasure ledger: ids and codes only.
public struct Erasure: Sendable, Equatable, Codable {
    public let person: String
    public let centre: String
    public let erasedOn: String
    public let by: String
    public let basis: ErasureBasis

    /// Her erasure, if she was erased. An erasure deletes her data key in the same transaction,
    /// so a ledger row beside a key still there was written behind caunoi's back (to make her
    /// look erased, or to exempt her cases from `audit verify`): an integrity failure.
    static func fetch(_ db: Database, person: String) throws -> Erasure? {
        guard let erasure = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM erasures WHERE person_id = ?"), arguments: [person]).map(Erasure.init(row:)) else {
            return nil
        }
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT wrapped_dek IS NOT NULL FROM persons WHERE id = ?"), arguments: [person]) == true {
            throw CaunoiError.integrityFailure(record: "\(person) (erasures)")
        }
        return erasure
    }

    static func fetchAll(_ db: Database) throws -> [Erasure] {
        try Row.fetchAll(db, sql: "SELECT * FROM erasures ORDER BY erased_on, person_id").map(Erasure.init(row:))
    }

    init(person: String, centre: String, erasedOn: String, by: String, basis: ErasureBasis) {
        self.person = person
        self.centre = centre
        self.erasedOn = erasedOn
        self.by = by
        self.basis = basis
    }

    init(row: Row) {
        self.init(person: row["person_id"], centre: row["centre"], erasedOn: row["erased_on"], by: row["by_user"],
                  basis: ErasureBasis(rawValue: row["basis"]) ?? .request)
    }
}

/// What `subject erase` did.
public struct ErasureReport: Sendable {
    public let erasure: Erasure
    /// Her cases, which keep their codes and show as erased.
    public let cases: [String]
    /// Referrals already sent to an agency: her data is also there, and the centre should
    /// ask the agency to delete it (caunoi cannot reach into their files).
    public let sentReferrals: [String]
    /// False when another process kept the WAL from being emptied at once.
    public let walCleared: Bool
}

extension CaseStore {
    /// Erases one woman's personal data for good (crypto-shredding): `id` is her person id or
    /// one of her case ids, and `confirm` must repeat it. A manager of her centre only.
    public func eraseSubject(_ session: Session, id: String, confirm: String) throws -> ErasureReport {
        try session.require(.manager)
        guard confirm == id else { throw CaunoiError.confirmationMismatch(.confirm) }
        let (erasure, cases, sent) = try write { db in
            let (person, centre) = try subjectPerson(db, id)
            guard centre == session.centre else { throw CaunoiError.notYourCentre }
            let sent = try String.fetchAll(db, sql: """
                SELECT DISTINCT r.id FROM referrals r JOIN cases c ON c.id = r.case_id JOIN referral_events e ON e.referral_id = r.id
                WHERE c.person_id = ? AND e.kind = 'sent' ORDER BY r.id
                """, arguments: [person])
            try audit(db, session, "subject.erase", record: person, centre: centre)
            let (erasure, cases) = try Shredder.shred(db, person: person, by: session.user, basis: .request)
            return (erasure, cases, sent)
        }
        return ErasureReport(erasure: erasure, cases: cases, sentReferrals: sent, walCleared: try checkpoint())
    }

    /// The person behind a person id or a case id, with her centre; refuses an erased one.
    func subjectPerson(_ db: Database, _ id: String) throws -> (person: String, centre: String) {
        let row = id.hasPrefix("P-")
            ? try Row.fetchOne(db, sql: "SELECT id, centre FROM persons WHERE id = ?", arguments: [id])
            : try Row.fetchOne(db, sql: "SELECT person_id AS id, centre FROM cases WHERE id = ?", arguments: [id])
        guard let row else { throw id.hasPrefix("P-") ? CaunoiError.personNotFound(id) : CaunoiError.caseNotFound(id) }
        let person: String = row["id"]
        try Self.requireNotMerged(db, person)
        if try Erasure.fetch(db, person: person) != nil { throw CaunoiError.subjectErased(person) }
        return (person, row["centre"])
    }
}

/// Crypto-shredding of one person, in the caller's transaction. Needs no key: it deletes her
/// wrapped DEK (so any ciphertext of hers left in this file is noise; a backup made earlier
/// still holds it, which is why restores re-apply the erasure ledger), clears
/// every sealed value of hers (contact summaries, follow-up reasons, her children's and
/// spouse's details, her attached files and her assessments' answers too) including those
/// sealed to the central and centre review keys, deletes her notes and blind-index entries, closes her open cases with outcome `erased`,
/// withdraws her open referrals, and writes the ledger. Plain codes stay for statistics.
/// `secure_delete` zeroes the freed bytes; callers checkpoint the WAL after committing.
enum Shredder {
    static let outcome = "erased"

    @discardableResult
    static func shred(_ db: Database, person: String, by user: String, basis: ErasureBasis, on day: String = Day.today()) throws -> (Erasure, [String]) {
        guard let centre = try String.fetchOne(db, sql: "SELECT centre FROM persons WHERE id = ?", arguments: [person]) else {
            throw CaunoiError.personNotFound(person)
        }
        let cases = try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [person])
        let ofHerCases = "IN (SELECT id FROM cases WHERE person_id = ?)"
        let ofHerReferrals = "IN (SELECT r.id FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.person_id = ?)"
        try db.execute(sql: """
            UPDATE persons SET wrapped_dek = NULL, name = NULL, other_names = NULL, dob = NULL, birth_year = NULL, phones = NULL,
                               email = NULL, id_number = NULL, passport = NULL, address = NULL
            WHERE id = ?
            """, arguments: [person])
        try db.execute(sql: "DELETE FROM blind_indexes WHERE person_id = ?", arguments: [person])
        try db.execute(sql: "DELETE FROM notes WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE case_events SET reason = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE consents SET note = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE contacts SET at_time = NULL, summary = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE tasks SET note = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE children SET name = NULL, dob = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE spouses SET name = NULL, contact = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "DELETE FROM attachment_contents WHERE attachment_id IN (SELECT id FROM attachments WHERE case_id \(ofHerCases))",
                       arguments: [person])
        try db.execute(sql: "UPDATE attachments SET title = NULL, media_type = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE plan_goals SET description = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        // A transfer waiting holds a copy of her data key, sealed to the other centre: deleted.
        try db.execute(sql: """
            UPDATE transfers SET sealed_key = NULL, reason = NULL,
                   status = CASE status WHEN 'pending' THEN 'declined' ELSE status END,
                   decided_by = coalesce(decided_by, ?), decided_on = coalesce(decided_on, ?)
            WHERE person_id = ?
            """, arguments: [user, day, person])
        try db.execute(sql: "UPDATE services_delivered SET note = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE assessments SET answers = NULL, note = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        try db.execute(sql: "UPDATE cases SET closure_request = NULL WHERE person_id = ?", arguments: [person])
        try db.execute(sql: """
            UPDATE referral_events SET reason = NULL, reason_for_centre = NULL, reason_for_central = NULL WHERE referral_id \(ofHerReferrals)
            """, arguments: [person])
        let openReferrals = try Referral.fetchAll(db, sql: "SELECT * FROM referrals WHERE id \(ofHerReferrals)", arguments: [person])
            .filter { ReferralStatus.open.contains($0.status) }
        try db.execute(sql: "UPDATE referrals SET disclosed = NULL, review_box = NULL WHERE case_id \(ofHerCases)", arguments: [person])
        for referral in openReferrals {
            try db.execute(sql: "UPDATE referrals SET status = 'withdrawn' WHERE id = ?", arguments: [referral.id])
            try db.execute(sql: """
                INSERT INTO referral_events (id, referral_id, on_day, by_user, kind, from_status, to_status, detail)
                VALUES (?, ?, ?, ?, 'withdrawn', ?, 'withdrawn', 'erased')
                """, arguments: [Ids.random(prefix: "E"), referral.id, day, user, referral.status])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, status FROM cases WHERE person_id = ? AND status <> 'closed'", arguments: [person]) {
            try db.execute(sql: "UPDATE cases SET status = 'closed', outcome = ?, closed_on = ? WHERE id = ?",
                           arguments: [outcome, day, row["id"] as String])
            try db.execute(sql: """
                INSERT INTO case_events (id, case_id, on_day, by_user, kind, from_status, to_status, detail)
                VALUES (?, ?, ?, ?, 'closed', ?, 'closed', ?)
                """, arguments: [Ids.random(prefix: "E"), row["id"] as String, day, user, row["status"] as String, outcome])
        }
        // Her seals go with her key: nobody can check them any more, and nothing personal is left.
        try db.execute(sql: "UPDATE cases SET safe_contact = NULL, seal = NULL, updated_on = ? WHERE person_id = ?", arguments: [day, person])
        let erasure = Erasure(person: person, centre: centre, erasedOn: day, by: user, basis: basis)
        try db.execute(sql: "INSERT INTO erasures (person_id, centre, erased_on, by_user, basis) VALUES (?, ?, ?, ?, ?)",
                       arguments: [person, centre, day, user, basis])
        return (erasure, cases)
    }
}

extension Referral {
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Referral] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(Referral.init(row:))
    }
}
