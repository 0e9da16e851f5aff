import Foundation
import GRDB

/// Everything the Union holds about one woman, decrypted, for handing to her (PDPL right of
/// access): her fields, every case with its notes, history, consents and referrals, and who
/// read or changed her records (the audit entries about them).
public struct SubjectRecord: Sendable {
    public let person: String
    public let centre: String
    public let createdOn: String
    public let fields: PersonFields
    public let erasure: Erasure?
    public let cases: [SubjectCase]
    public let accessLog: [AuditEntry]
    public let exportedAt: String
    public let exportedBy: String
}

public struct SubjectCase: Sendable {
    public let view: CaseView
    public let consents: [Consent]
    public let referrals: [ReferralView]
    /// Her attached files, decrypted (none once her data is erased).
    public let files: [AttachmentFile]
}

extension CaseStore {
    /// Gathers one woman's record for her centre's staff, from her person id or any case id.
    /// After an erasure only codes and history steps remain, and that is what is exported.
    /// `deliver` writes the record out inside the transaction, so the audit entry exists
    /// exactly when the file does.
    public func exportSubject(_ session: Session, id: String, deliver: (SubjectRecord) throws -> Void) throws {
        try auditingRefusal(session, "subject.export", record: id) { try exportSubjectChecked(session, id: id, deliver: deliver) }
    }

    /// Writes her record to a new owner-only file at `path` (`render` gives its text), inside the
    /// transaction that records `subject.export`. If that transaction does not commit (a full
    /// disk, a locked database), the file is removed again: it exists exactly when its entry does.
    /// Returns her person id.
    @discardableResult
    public func exportSubject(_ session: Session, id: String, to path: String, render: (SubjectRecord) -> String) throws -> String {
        var person = ""
        var written = false
        do {
            try exportSubject(session, id: id) { record in
                person = record.person
                try OwnerOnlyFile.create(atPath: path, contents: Array(render(record).utf8), what: .output)
                written = true
            }
        } catch {
            if written { unlink(path) }
            throw error
        }
        return person
    }

    private func exportSubjectChecked(_ session: Session, id: String, deliver: (SubjectRecord) throws -> Void) throws {
        try session.require(.counsellor, .manager)
        try write { db in
            let personID = id.hasPrefix("P-") ? id : try CaseSummary.fetch(db, id: id).person
            guard let row = try Row.fetchOne(db, sql: "SELECT centre, created_on FROM persons WHERE id = ?", arguments: [personID]) else {
                throw CaunoiError.personNotFound(personID)
            }
            let centre: String = row["centre"]
            let erasure = try Erasure.fetch(db, person: personID)
            var vault: PersonVault?
            var fields = PersonFields()
            if erasure == nil {
                let opened = try openPerson(db, id: personID, session: session)
                (vault, fields) = (opened.0, opened.1)
            } else {
                guard centre == session.centre else { throw CaunoiError.notYourCentre }
            }
            let summaries = try Row.fetchAll(db, sql: "SELECT \(CaseSummary.columns) FROM cases WHERE person_id = ? ORDER BY id",
                                             arguments: [personID]).map(CaseSummary.init(row:))
            var cases: [SubjectCase] = []
            var records: [String] = [personID]
            for summary in summaries {
                let referrals = try Row.fetchAll(db, sql: "SELECT * FROM referrals WHERE case_id = ? ORDER BY rowid", arguments: [summary.id])
                    .map { row -> ReferralView in
                        if let vault { return try staffReferralView(db, row: row, vault: vault, session: session) }
                        let referral = Referral(row: row)
                        return ReferralView(referral: referral, disclosure: Disclosure(fields: [:], safeContact: ""),
                                            events: try loadReferralEvents(db, id: referral.id) { _ in nil })
                    }
                let view = try caseView(db, summary, session: session)
                let files = try vault.map { vault in try view.attachments.map { try readAttachment(db, $0, vault: vault) } } ?? []
                cases.append(SubjectCase(view: view, consents: try loadConsents(db, caseID: summary.id, vault: vault), referrals: referrals,
                                         files: files))
                records += [summary.id] + referrals.map(\.referral.id)
            }
            let placeholders = records.map { _ in "?" }.joined(separator: ", ")
            let accessLog = try Row.fetchAll(db, sql: """
                SELECT seq, at, user, action, record, centre FROM audit_log WHERE record IN (\(placeholders)) ORDER BY seq
                """, arguments: StatementArguments(records)).map {
                AuditEntry(seq: $0["seq"], at: $0["at"], user: $0["user"], action: $0["action"], record: $0["record"], centre: $0["centre"])
            }
            try audit(db, session, "subject.export", record: personID, centre: centre)
            try deliver(SubjectRecord(person: personID, centre: centre, createdOn: row["created_on"], fields: fields, erasure: erasure,
                                      cases: cases, accessLog: accessLog, exportedAt: AuditTrail.timestamp(), exportedBy: session.user))
        }
    }
}
