import Foundation
import GRDB

/// Why a follow-up exists: made by hand, or raised by a rule of `policy/casework.yaml`.
public enum FollowUpReason: String, Sendable, CaseIterable, Codable {
    case manual
    /// A high-risk case with no contact for the policy's number of days.
    case noContact = "no-contact"
    /// A referral nobody has answered by its due time.
    case referralPastDue = "referral-past-due"
    /// A counsellor asked to close a case that needs a manager's approval.
    case closureRequest = "closure-request"
    /// A shelter stay in her plan ends soon: where does she go next?
    case shelterStayEnding = "shelter-stay-ending"
}

/// Something to do on a case by a day. Manual follow-ups are stored from the start (with a
/// sealed note); a rule's follow-up is worked out from the case as it is, under a key that
/// names the case, the referral and the day it fell due, and is stored only once someone
/// marks it done. So a rule's follow-up ends by itself when what raised it ends (a contact is
/// written down, the agency answers, the manager decides), and a new one is raised if the
/// situation returns.
public struct FollowUp: Sendable, Equatable {
    /// The task id of a manual follow-up, or the rule's key: what `completeFollowUp` takes.
    public let key: String
    public let caseID: String
    public let reason: FollowUpReason
    public let due: String
    /// Whose it is; nil: the centre's managers'.
    public let assignedTo: String?
    /// A referral id, or the outcome a closure request asks for.
    public let detail: String?
    public let doneBy: String?
    public let doneOn: String?

    public var isDone: Bool { doneOn != nil }
    /// Still open after its due day (Vietnam's calendar).
    public func isOverdue(on today: String = Now.vietnamToday()) -> Bool { !isDone && due < today }
    /// Due today or earlier (what a dashboard lists first).
    public func isDue(on today: String = Now.vietnamToday()) -> Bool { due <= today }
    /// Closure requests end with a manager's decision, never by being ticked off.
    public var canBeMarkedDone: Bool { !isDone && reason != .closureRequest }
}

/// Whose follow-ups to list.
public enum FollowUpScope: Sendable, Equatable {
    /// The session's own: assigned to her, and, for a manager, the centre's unassigned ones.
    case mine
    /// Every follow-up of the session's centre (managers).
    case centre
}

extension CaseStore {
    /// The open follow-ups falling due up to `through` (Vietnam day; default today), oldest
    /// first: what the dashboard shows as overdue and due today. No personal data.
    public func dueFollowUps(_ session: Session, policy: Policy, scope: FollowUpScope, through: String? = nil) throws -> [FollowUp] {
        try session.require(.counsellor, .manager)
        if scope == .centre { try session.require(.manager) }
        let centre = session.centre ?? ""
        let horizon = through ?? Now.vietnamToday()
        let managersToo = session.role == .manager
        // Worked out in a read transaction: over a centre's cases it takes a while, and the
        // writer (every page's audit entry) must not wait for it.
        let due = try read { db in
            var query = FollowUpQuery(db: db, centre: centre, caseID: nil, settings: policy.casework)
            if scope == .mine { query.assignee = (session.user, managersToo) }
            return try query.open(through: horizon)
                .filter { scope == .centre || $0.assignedTo == session.user || ($0.assignedTo == nil && managersToo) }
        }
        try write { db in try audit(db, session, "followup.list") }
        return due
    }

    /// Adds a follow-up by hand: due today or later (within two years), for an active
    /// caseworker of her centre (default: whoever the case is assigned to, else oneself),
    /// with a sealed reason.
    @discardableResult
    public func addFollowUp(_ session: Session, caseID: String, due: String, assignTo: String?, reason: PersonalText) throws -> String {
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        guard Day.isValid(due) else { throw CaunoiError.invalidDate(.due) }
        let today = Now.vietnamToday()
        guard let ahead = Day.between(today, due), (0...730).contains(ahead) else { throw CaunoiError.invalid(.due) }
        let taskID = Ids.random(prefix: "T")
        try withCase(session, caseID, action: "followup.add") { db, summary, vault in
            let assignee = assignTo ?? summary.assignedTo ?? session.user
            try requireCaseworker(db, assignee, of: summary.centre, field: .assignTo)
            try db.execute(sql: """
                INSERT INTO tasks (id, case_id, centre, reason, due_on, assigned_to, note, created_by, created_on)
                VALUES (?, ?, ?, 'manual', ?, ?, ?, ?, ?)
                """, arguments: [taskID, caseID, summary.centre, due, assignee,
                                 try vault.seal(reason, table: "tasks", column: "note", row: taskID), session.user, today])
        }
        return taskID
    }

    /// The case a follow-up key belongs to (a face checks a key posted on one case's page is
    /// that case's); not found for a key that names none.
    public func followUpCase(_ session: Session, key: String) throws -> String {
        try session.require(.counsellor, .manager)
        return try read { db in try FollowUpQuery.caseID(db, key: key) }
    }

    /// Marks a follow-up done, keeping who and when: a manual one by its task id, a rule's by
    /// its key while the rule still raises it (a key made up or already ended is not found).
    public func completeFollowUp(_ session: Session, policy: Policy, key: String) throws {
        let caseID = try read { db in try FollowUpQuery.caseID(db, key: key) }
        try withCase(session, caseID, action: "followup.done") { db, summary, _ in
            let today = Now.vietnamToday()
            let live = try FollowUpQuery(db: db, centre: summary.centre, caseID: caseID, settings: policy.casework).open(through: nil)
            guard let followUp = live.first(where: { $0.key == key }) else { throw CaunoiError.taskNotFound(key) }
            guard followUp.canBeMarkedDone else { throw CaunoiError.invalid(.task) }
            if followUp.reason == .manual {
                try db.execute(sql: "UPDATE tasks SET done_by = ?, done_on = ? WHERE id = ?", arguments: [session.user, today, key])
            } else {
                try db.execute(sql: """
                    INSERT INTO tasks (id, case_id, centre, reason, rule_key, due_on, assigned_to, created_by, created_on, done_by, done_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [Ids.random(prefix: "T"), caseID, summary.centre, followUp.reason.rawValue, key, followUp.due,
                                     followUp.assignedTo, session.user, today, session.user, today])
            }
        }
    }
}

/// A manual follow-up with its sealed reason, for the case page.
public struct FollowUpNote: Sendable {
    public let followUp: FollowUp
    public let note: PersonalText?
}

extension CaseStore {
    /// A case's follow-ups, open and done, with the reasons of the manual ones opened.
    func loadFollowUps(_ db: Database, _ summary: CaseSummary, vault: PersonVault?, policy: CaseworkSettings?) throws -> [FollowUpNote] {
        let query = FollowUpQuery(db: db, centre: summary.centre, caseID: summary.id, settings: policy)
        let live = try query.open(through: nil)
        let stored = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM tasks WHERE case_id = ? ORDER BY due_on, rowid"),
                                      arguments: [summary.id])
        var notes: [FollowUpNote] = []
        for row in stored {
            let followUp = FollowUpQuery.followUp(task: row)
            let note = try vault?.openIfPresent(row.optionalBytes("note"), table: "tasks", column: "note", row: row["id"])
            notes.append(FollowUpNote(followUp: followUp, note: note))
        }
        for followUp in live where followUp.reason != .manual { notes.append(FollowUpNote(followUp: followUp, note: nil)) }
        return notes
    }
}
