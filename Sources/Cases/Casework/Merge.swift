import CaunoiCrypto
import GRDB

/// What a merge did: the duplicate person, the person kept, and the cases that moved.
public struct MergeResult: Sendable, Equatable {
    public let duplicate: String
    public let kept: String
    public let cases: [String]
}

/// Every value sealed under a woman's data key in the rows of her cases, by table and column
/// (the row's `id` is part of each value's associated data). A merge re-seals each of them
/// under the kept person's key; a column missing here would be left sealed under a key that
/// is then deleted, and the merge tests, which open every value of a fully worked case
/// afterwards, would fail.
enum SealedCaseColumns {
    /// Tables with a `case_id`.
    static let byCase: [(table: String, column: String)] = [
        ("notes", "body"), ("case_events", "reason"), ("consents", "note"), ("contacts", "at_time"), ("contacts", "summary"),
        ("tasks", "note"), ("children", "name"), ("children", "dob"), ("spouses", "name"), ("spouses", "contact"),
        ("attachments", "title"), ("attachments", "media_type"), ("plan_goals", "description"), ("services_delivered", "note"),
        ("assessments", "answers"), ("assessments", "note"), ("referrals", "disclosed"),
    ]
}

extension CaseStore {
    /// A manager merges a woman recorded twice in her centre: every case of the duplicate
    /// (named by a case or person id) moves to the person kept. Each value sealed under the
    /// duplicate's data key is opened and sealed again under the kept person's key, her files
    /// re-encrypted; the names, phones and numbers only the duplicate had are added to the kept
    /// record (so searches by either find her); then the duplicate's key and fields are deleted,
    /// as in an erasure, and `merges` says where she went. Refused while either has a
    /// transfer waiting. Audited; each moved case's history says it was merged.
    @discardableResult
    public func mergePerson(_ session: Session, policy: Policy, id: String, into target: String) throws -> MergeResult {
        try session.require(.manager)
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        let result = try write { db -> MergeResult in
            let (duplicate, from) = try subjectPerson(db, id)
            let (kept, to) = try subjectPerson(db, target)
            guard duplicate != kept else { throw CaunoiError.invalid(.into) }
            guard from == session.centre, to == session.centre else { throw CaunoiError.notYourCentre }
            for person in [duplicate, kept] where try Bool.fetchOne(db, sql: "SELECT 1 FROM transfers WHERE person_id = ? AND status = 'pending'",
                                                                     arguments: [person]) != nil {
                throw CaunoiError.transferPending(person)
            }
            let (old, oldFields, _) = try openPerson(db, id: duplicate, session: session)
            let (new, keptFields, _) = try openPerson(db, id: kept, session: session)
            let moving = try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [duplicate])
            for caseID in moving { try CaseSeal.verify(db, caseID: caseID, vault: old) }
            for caseID in try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ?", arguments: [kept]) {
                try CaseSeal.verify(db, caseID: caseID, vault: new)
            }
            try reseal(db, cases: moving, from: old, to: new)
            try reseal(db, transfersOf: duplicate, from: old, to: new)
            var fields = keptFields
            fields.absorb(oldFields)
            try rewritePerson(db, fields: fields, vault: new, indexer: indexer)
            try db.execute(sql: "UPDATE cases SET person_id = ? WHERE person_id = ?", arguments: [kept, duplicate])
            try db.execute(sql: "UPDATE transfers SET person_id = ? WHERE person_id = ?", arguments: [kept, duplicate])
            // The duplicate's key and fields go, as in an erasure: nothing sealed under it is left.
            let columns = PersonColumn.allCases.map { "\($0.rawValue) = NULL" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE persons SET wrapped_dek = NULL, \(columns) WHERE id = ?", arguments: [duplicate])
            try db.execute(sql: "DELETE FROM blind_indexes WHERE person_id = ?", arguments: [duplicate])
            try db.execute(sql: "INSERT INTO merges (person_id, into_person, centre, by_user, merged_on) VALUES (?, ?, ?, ?, ?)",
                           arguments: [duplicate, kept, to, session.user, Day.today()])
            for caseID in moving {
                try recordEvent(db, caseID: caseID, kind: "merged", by: session.user, from: nil, to: nil, detail: "\(duplicate) → \(kept)")
                if let seal = try CaseSeal.update(db, caseID: caseID, vault: new) {
                    try audit(db, session, "case.merge", record: caseID, centre: to, state: seal)
                }
            }
            try audit(db, session, "person.merge", record: duplicate, centre: to)
            try audit(db, session, "person.merge", record: kept, centre: to)
            return MergeResult(duplicate: duplicate, kept: kept, cases: moving)
        }
        // secure_delete zeroed the freed pages in the database; the WAL still holds them until a checkpoint.
        _ = try checkpoint()
        return result
    }

    /// Re-seals the reasons of a person's transfers from one data key to another.
    func reseal(_ db: Database, transfersOf person: String, from old: PersonVault, to new: PersonVault) throws {
        try Self.move(db, "transfers", "reason", where: "person_id = ?", [person], from: old, to: new)
    }

    private static func move(_ db: Database, _ table: String, _ column: String, where condition: String, _ arguments: StatementArguments,
                             from old: PersonVault, to new: PersonVault) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, \(column) FROM \(table) WHERE \(condition) AND \(column) IS NOT NULL", arguments: arguments) {
            let rowID: String = row["id"]
            let value = try old.open(row.bytes(column), table: table, column: column, row: rowID)
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?",
                           arguments: [try new.seal(value, table: table, column: column, row: rowID), rowID])
        }
    }

    /// Re-seals every value of the cases from one data key to another, and re-encrypts their files.
    func reseal(_ db: Database, cases: [String], from old: PersonVault, to new: PersonVault) throws {
        func move(_ table: String, _ column: String, where condition: String, _ arguments: StatementArguments) throws {
            try Self.move(db, table, column, where: condition, arguments, from: old, to: new)
        }
        for caseID in cases {
            try move("cases", "safe_contact", where: "id = ?", [caseID])
            for (table, column) in SealedCaseColumns.byCase { try move(table, column, where: "case_id = ?", [caseID]) }
            try move("referral_events", "reason", where: "referral_id IN (SELECT id FROM referrals WHERE case_id = ?)", [caseID])
            for row in try Row.fetchAll(db, sql: """
                SELECT c.attachment_id, c.content FROM attachment_contents c JOIN attachments a ON a.id = c.attachment_id WHERE a.case_id = ?
                """, arguments: [caseID]) {
                let attachment: String = row["attachment_id"]
                let plain: SecureBytes
                do { plain = try SecretStream.decrypt(row.bytes("content"), key: old.subkey("attachment|\(attachment)")) } catch {
                    throw CaunoiError.integrityFailure(record: "\(attachment) (attachment_contents.content)")
                }
                let sealed = try SecretStream.encrypt(plain, key: new.subkey("attachment|\(attachment)"))
                try db.execute(sql: "UPDATE attachment_contents SET content = ? WHERE attachment_id = ?", arguments: [sealed.blob, attachment])
                // The hash the case seal covers follows the new ciphertext.
                try db.execute(sql: "UPDATE attachments SET content_hash = ? WHERE id = ?",
                               arguments: [try BLAKE2b.hash(sealed, key: nil, outputByteCount: 32).blob, attachment])
            }
        }
    }
}

extension PersonFields {
    /// Takes from a duplicate record of the same woman what this one lacks: her other spelling
    /// of the name and other names, phones not already here, and the single fields left empty.
    mutating func absorb(_ other: PersonFields) {
        let names = allNames.map { WipedNormalForms.Name($0) }
        for candidate in other.allNames where !names.contains(where: { $0.sameName(as: WipedNormalForms.Name(candidate)) })
            && !otherNames.contains(where: { WipedNormalForms.Name($0).sameName(as: WipedNormalForms.Name(candidate)) }) {
            if name == nil { name = candidate } else { otherNames.append(candidate) }
        }
        for phone in other.phones where !phones.contains(where: { WipedNormalForms.phone($0) == WipedNormalForms.phone(phone) }) {
            phones.append(phone)
        }
        dateOfBirth = dateOfBirth ?? other.dateOfBirth
        birthYear = birthYear ?? other.birthYear
        email = email ?? other.email
        idNumber = idNumber ?? other.idNumber
        passport = passport ?? other.passport
        address = address ?? other.address
    }
}
