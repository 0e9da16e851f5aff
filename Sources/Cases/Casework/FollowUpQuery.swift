import Foundation
import GRDB

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
