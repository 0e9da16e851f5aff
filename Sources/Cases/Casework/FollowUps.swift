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

/// The follow-ups of a centre, or of one case, worked out from its rows.
struct FollowUpQuery {
    let db: Database
    let centre: String
    let caseID: String?
    /// nil: the rules are not applied (manual follow-ups only).
    let settings: CaseworkSettings?
    /// Only what may be hers: cases and tasks assigned to this user, and, when the flag is
    /// set (a manager), unassigned ones. A superset of the final list, which is filtered
    /// exactly afterwards; it keeps a counsellor's dashboard from scanning the whole centre.
    var assignee: (user: String, unassignedToo: Bool)?

    init(db: Database, centre: String, caseID: String?, settings: CaseworkSettings?) {
        (self.db, self.centre, self.caseID, self.settings) = (db, centre, caseID, settings)
    }

    /// Open follow-ups due up to `through` (every open one when nil), oldest first.
    func open(through: String?) throws -> [FollowUp] {
        var all = try manual()
        if let settings {
            if settings.highRiskWithoutContactDays > 0 { all += try withoutContact(days: settings.highRiskWithoutContactDays) }
            if settings.referralPastDue { all += try referralsPastDue() }
            if settings.shelterStayEndingDays > 0 { all += try shelterStaysEnding(days: settings.shelterStayEndingDays) }
        }
        if wantsManagers { all += try closureRequests() }
        let done = try doneKeys(all.filter { $0.reason != .manual }.map(\.key))
        return all.filter { !done.contains($0.key) && $0.due <= (through ?? $0.due) }
            .sorted { ($0.due, $0.caseID, $0.key) < ($1.due, $1.caseID, $1.key) }
    }

    private var scope: (sql: String, arguments: StatementArguments) {
        if let caseID { return ("c.centre = ? AND c.id = ?", [centre, caseID]) }
        if let assignee {
            // Referrals past due of unassigned cases are their makers': kept for the final filter.
            return ("c.centre = ? AND (c.assigned_to = ? OR c.assigned_to IS NULL)", [centre, assignee.user])
        }
        return ("c.centre = ?", [centre])
    }

    /// The centre (or the one case), whoever the cases are assigned to: closure requests are
    /// the managers' whatever case they are about.
    private var centreScope: (sql: String, arguments: StatementArguments) {
        if let caseID { return ("c.centre = ? AND c.id = ?", [centre, caseID]) }
        return ("c.centre = ?", [centre])
    }

    /// Whether closure requests (the managers') are wanted at all.
    private var wantsManagers: Bool { assignee?.unassignedToo ?? true }

    /// Manual follow-ups, by whom the task (not the case) is assigned to.
    private func manual() throws -> [FollowUp] {
        var conditions = ["t.centre = ?", "t.reason = 'manual'", "t.done_on IS NULL"]
        var arguments: StatementArguments = [centre]
        if let caseID { conditions.append("t.case_id = ?"); arguments += [caseID] }
        if let assignee {
            conditions.append(assignee.unassignedToo ? "(t.assigned_to = ? OR t.assigned_to IS NULL)" : "t.assigned_to = ?")
            arguments += [assignee.user]
        }
        return try Row.fetchAll(db, sql: "SELECT t.* FROM tasks t WHERE \(conditions.joined(separator: " AND "))", arguments: arguments)
            .map(Self.followUp(task:))
    }

    /// High-risk cases not closed, due `days` after their last contact (or their opening).
    private func withoutContact(days: Int) throws -> [FollowUp] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.assigned_to, coalesce((SELECT max(k.on_day) FROM contacts k WHERE k.case_id = c.id), c.opened_on) AS last
            FROM cases c WHERE \(scope.sql) AND c.status <> 'closed' AND c.risk = 'high' \(assignee?.unassignedToo == false ? "AND c.assigned_to IS NOT NULL" : "")
            """, arguments: scope.arguments).compactMap { row in
            guard let due = Day.adding(days: days, to: row["last"]) else { return nil }
            let id: String = row["id"]
            return FollowUp(key: "\(FollowUpReason.noContact.rawValue)/\(id)/\(due)", caseID: id, reason: .noContact, due: due,
                            assignedTo: row["assigned_to"], detail: nil, doneBy: nil, doneOn: nil)
        }
    }

    /// Referrals still unanswered after their due time, due on its Vietnam day.
    private func referralsPastDue() throws -> [FollowUp] {
        let now = Timestamp.format(Now.clock.now())
        let unanswered = ReferralStatus.unanswered.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try Row.fetchAll(db, sql: """
            SELECT r.id, r.case_id, r.due, r.created_by, c.assigned_to FROM referrals r JOIN cases c ON c.id = r.case_id
            WHERE \(scope.sql) AND r.status IN (\(unanswered)) AND r.due < ?
            """, arguments: scope.arguments + [now]).compactMap { row in
            guard let instant = Timestamp.parse(row["due"]) else { return nil }
            let due = Day.string(instant.addingTimeInterval(Now.vietnamOffset))
            let referral: String = row["id"]
            return FollowUp(key: "\(FollowUpReason.referralPastDue.rawValue)/\(row["case_id"] as String)/\(referral)/\(due)",
                            caseID: row["case_id"], reason: .referralPastDue, due: due,
                            assignedTo: (row["assigned_to"] as String?) ?? row["created_by"], detail: referral, doneBy: nil, doneOn: nil)
        }
    }

    /// Shelter stays planned under an open goal, due `days` before the stay's last day.
    private func shelterStaysEnding(days: Int) throws -> [FollowUp] {
        try Row.fetchAll(db, sql: """
            SELECT s.id, s.case_id, s.target_on, coalesce(s.responsible, c.assigned_to) AS whose FROM plan_services s
            JOIN plan_goals g ON g.id = s.goal_id JOIN cases c ON c.id = s.case_id
            WHERE \(centreScope.sql) AND c.status <> 'closed' AND g.status = 'open' AND s.service = 'shelter-stay' AND s.target_on IS NOT NULL
            """, arguments: centreScope.arguments).compactMap { row in
            guard let due = Day.adding(days: -days, to: row["target_on"]) else { return nil }
            let planned: String = row["id"]
            return FollowUp(key: "\(FollowUpReason.shelterStayEnding.rawValue)/\(row["case_id"] as String)/\(planned)/\(due)", caseID: row["case_id"],
                            reason: .shelterStayEnding, due: due, assignedTo: row["whose"], detail: row["target_on"], doneBy: nil, doneOn: nil)
        }
    }

    /// Closure requests waiting for a manager, due the day they were made.
    private func closureRequests() throws -> [FollowUp] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.closure_request,
                   (SELECT e.on_day FROM case_events e WHERE e.case_id = c.id AND e.kind = 'closure-requested' ORDER BY e.rowid DESC LIMIT 1) AS asked
            FROM cases c WHERE \(centreScope.sql) AND c.closure_request IS NOT NULL
            """, arguments: centreScope.arguments).map { row in
            let id: String = row["id"]
            let asked: String = row["asked"] ?? Now.vietnamToday()
            return FollowUp(key: "\(FollowUpReason.closureRequest.rawValue)/\(id)/\(asked)", caseID: id, reason: .closureRequest, due: asked,
                            assignedTo: nil, detail: row["closure_request"], doneBy: nil, doneOn: nil)
        }
    }

    private func doneKeys(_ keys: [String]) throws -> Set<String> {
        var done: Set<String> = []
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM tasks WHERE rule_key = ?")
        for key in keys where try Bool.fetchOne(statement, arguments: [key]) != nil { done.insert(key) }
        return done
    }

    static func followUp(task row: Row) -> FollowUp {
        let reason = FollowUpReason(rawValue: row["reason"]) ?? .manual
        return FollowUp(key: reason == .manual ? row["id"] : row["rule_key"], caseID: row["case_id"], reason: reason, due: row["due_on"],
                        assignedTo: row["assigned_to"], detail: nil, doneBy: row["done_by"], doneOn: row["done_on"])
    }

    /// The case a follow-up key belongs to: a task's row, or the case named in a rule's key.
    static func caseID(_ db: Database, key: String) throws -> String {
        if key.hasPrefix("T-") {
            guard let caseID = try String.fetchOne(db, sql: "SELECT case_id FROM tasks WHERE id = ?", arguments: [key]) else {
                throw CaunoiError.taskNotFound(key)
            }
            return caseID
        }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, FollowUpReason(rawValue: String(parts[0])) != nil,
              try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [String(parts[1])]) != nil else {
            throw CaunoiError.taskNotFound(key)
        }
        return String(parts[1])
    }
}
