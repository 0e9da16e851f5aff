import GRDB

/// A case as shown to a user who may read it: plain codes plus decrypted fields.
public struct CaseView: Sendable {
    public let summary: CaseSummary
    public let person: PersonFields
    public let safeContact: PersonalText?
    public let notes: [NoteView]
    public let events: [EventView]
    /// Her consents (notes opened only while her data key exists) and the case's referrals.
    public let consents: [Consent]
    public let referrals: [Referral]
    /// Contacts, oldest first; follow-ups, manual and raised by rules, open and done.
    public let contacts: [ContactView]
    public let followUps: [FollowUpNote]
    /// Her children and her foreign spouse or former spouse.
    public let children: [ChildView]
    public let spouses: [SpouseView]
    /// Her documents checklist and the files attached (listed; contents read on request).
    public let documents: [DocumentEntry]
    public let attachments: [AttachmentView]
    /// Her case plan (goals with planned services) and the services delivered.
    public let plan: [GoalView]
    public let delivered: [DeliveredService]
    /// Her assessments with every form, newest first (the history).
    public let assessments: [AssessmentView]
    /// Set when her personal data was erased: the fields above are then empty, codes remain.
    public let erasure: Erasure?
}

public struct NoteView: Sendable {
    public let id: String
    public let author: String
    public let createdOn: String
    public let text: PersonalText
}

public struct EventView: Sendable {
    public let on: String
    public let by: String
    public let kind: String
    public let from: String?
    public let to: String?
    public let detail: String?
    public let reason: PersonalText?
}

extension CaseStore {
    /// Decrypts a case for its own centre's staff; everyone else is refused (77), and any
    /// sealed value that fails to open is an integrity failure naming the record (65).
    /// With a policy, the follow-ups its rules raise are shown too.
    public func showCase(_ session: Session, id: String, policy: Policy? = nil) throws -> CaseView {
        try auditingRefusal(session, "case.read", record: id) {
            try session.require(.counsellor, .manager)
            return try write { db in
                let summary = try CaseSummary.fetch(db, id: id)
                let view = try caseView(db, summary, session: session, casework: policy?.casework)
                try audit(db, session, "case.read", record: id, centre: summary.centre)
                return view
            }
        }
    }

    /// One case decrypted with the session's keys. An erased woman's case shows its codes and
    /// history steps only, to her centre's staff.
    func caseView(_ db: Database, _ summary: CaseSummary, session: Session, casework: CaseworkSettings? = nil) throws -> CaseView {
        let id = summary.id
        var vault: PersonVault?
        var person = PersonFields()
        let erasure = try Erasure.fetch(db, person: summary.person)
        if erasure == nil {
            let opened = try openPerson(db, id: summary.person, session: session)
            (vault, person) = (opened.0, opened.1)
        } else {
            guard session.role.worksCases, summary.centre == session.centre else { throw CaunoiError.notYourCentre }
        }
        let safeContact = try vault?.openIfPresent(
            Row.fetchOne(db.cachedStatement(sql: "SELECT safe_contact FROM cases WHERE id = ?"), arguments: [id])?.optionalBytes("safe_contact"),
            table: "cases", column: "safe_contact", row: id)
        let notes = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, author, created_on, body FROM notes WHERE case_id = ? ORDER BY rowid"), arguments: [id])
            .compactMap { row -> NoteView? in
                guard let vault else { return nil }
                return NoteView(id: row["id"], author: row["author"], createdOn: row["created_on"],
                                text: try vault.open(row.bytes("body"), table: "notes", column: "body", row: row["id"]))
            }
        let events = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, on_day, by_user, kind, from_status, to_status, detail, reason FROM case_events WHERE case_id = ? ORDER BY rowid
            """), arguments: [id]).map { row in
            EventView(on: row["on_day"], by: row["by_user"], kind: row["kind"], from: row["from_status"], to: row["to_status"],
                      detail: row["detail"],
                      reason: try vault?.openIfPresent(row.optionalBytes("reason"), table: "case_events", column: "reason", row: row["id"]))
        }
        let consents = try loadConsents(db, caseID: id, vault: vault)
        let contacts = try loadContacts(db, caseID: id, vault: vault)
        let followUps = try loadFollowUps(db, summary, vault: vault, policy: casework)
        let children = try loadChildren(db, caseID: id, vault: vault)
        let spouses = try loadSpouses(db, caseID: id, vault: vault)
        let documents = try loadDocuments(db, caseID: id)
        let attachments = try loadAttachments(db, caseID: id, vault: vault)
        let plan = try loadPlan(db, caseID: id, vault: vault)
        let delivered = try loadDelivered(db, caseID: id, vault: vault)
        let assessments = try loadAssessments(db, caseID: id, vault: vault)
        let referrals = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM referrals WHERE case_id = ? ORDER BY rowid"), arguments: [id])
            .map(Referral.init(row:))
        // After the values opened (a damaged one is named by its own record): the case as a whole.
        if let vault { try CaseSeal.verify(db, caseID: id, vault: vault) }
        return CaseView(summary: summary, person: person, safeContact: safeContact, notes: notes, events: events,
                        consents: consents, referrals: referrals, contacts: contacts, followUps: followUps,
                        children: children, spouses: spouses, documents: documents, attachments: attachments,
                        plan: plan, delivered: delivered, assessments: assessments, erasure: erasure)
    }

    /// Plain columns only, for the user's own centre (managers and counsellors).
    public func listCases(_ session: Session, status: CaseStatus?, programme: Programme?, assignedTo: String?, centre: String?) throws -> [CaseSummary] {
        try listCases(session, CaseFilter(status: status, programme: programme, assignedTo: assignedTo, centre: centre)).cases
    }

    /// One page of the centre's cases matching `filter`, newest first by id within the page
    /// order, with the total so that a face can show "page 2 of 40". No page: every case.
    public func listCases(_ session: Session, _ filter: CaseFilter, page: CasePageRequest? = nil) throws -> CaseListPage {
        try session.require(.counsellor, .manager)
        let own = session.centre ?? ""
        if let centre = filter.centre, centre != own { throw CaunoiError.notYourCentre }
        return try write { db in
            try audit(db, session, "case.list")
            var conditions = ["centre = ?"]
            var arguments: [(any DatabaseValueConvertible)?] = [own]
            if let status = filter.status { conditions.append("status = ?"); arguments.append(status) }
            if let programme = filter.programme { conditions.append("programme = ?"); arguments.append(programme) }
            switch filter.assignedTo {
            case nil: break
            case ""?: conditions.append("assigned_to IS NULL")
            case let user?: conditions.append("assigned_to = ?"); arguments.append(user)
            }
            if filter.activeOnly { conditions.append("status != 'closed'") }
            let whereClause = conditions.joined(separator: " AND ")
            var sql = "SELECT \(CaseSummary.columns) FROM cases WHERE \(whereClause) ORDER BY id"
            var total: Int?
            if let page {
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE \(whereClause)", arguments: StatementArguments(arguments)) ?? 0
                sql += " LIMIT \(page.size) OFFSET \(page.offset)"
            }
            let cases = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(CaseSummary.init(row:))
            return CaseListPage(cases: cases, total: total ?? cases.count)
        }
    }
}

/// Which of a centre's cases to list. `assignedTo: ""` means nobody's (unassigned).
public struct CaseFilter: Sendable, Equatable {
    public var status: CaseStatus?
    public var programme: Programme?
    public var assignedTo: String?
    public var centre: String?
    /// Open and active cases only (a caseload).
    public var activeOnly = false

    public init(status: CaseStatus? = nil, programme: Programme? = nil, assignedTo: String? = nil, centre: String? = nil, activeOnly: Bool = false) {
        (self.status, self.programme, self.assignedTo, self.centre, self.activeOnly) = (status, programme, assignedTo, centre, activeOnly)
    }
}

/// A page of a list: `number` from 1, `size` rows.
public struct CasePageRequest: Sendable, Equatable {
    public let number: Int
    public let size: Int

    public init(number: Int, size: Int) {
        self.number = max(1, number)
        self.size = min(max(1, size), 500)
    }

    var offset: Int { (number - 1) * size }
}

public struct CaseListPage: Sendable {
    public let cases: [CaseSummary]
    /// Matching cases in all pages.
    public let total: Int
}
