import GRDB

public enum GoalStatus: String, Sendable, CaseIterable, Codable {
    case open, met
    case partlyMet = "partly-met"
    case dropped
}

public enum ServiceOutcome: String, Sendable, CaseIterable, Codable {
    case completed
    case partlyCompleted = "partly-completed"
    case notCompleted = "not-completed"
    /// She chose not to take it (she may refuse support: Law 53/2024).
    case refused
}

/// A goal of her case plan, with the services planned for it.
public struct GoalView: Sendable {
    public let id: String
    public let need: String
    public let status: GoalStatus
    public let responsible: String?
    public let target: String?
    public let description: PersonalText?
    public let createdBy: String
    public let createdOn: String
    public let closedOn: String?
    public let planned: [PlannedService]
}

public struct PlannedService: Sendable, Equatable {
    public let id: String
    public let service: String
    /// nil: the centre itself.
    public let agency: String?
    public let responsible: String?
    public let target: String?
}

/// A service delivered, by the centre (agency nil) or a partner.
public struct DeliveredService: Sendable {
    public let id: String
    public let goal: String?
    public let service: String
    public let agency: String?
    public let day: String
    public let outcome: ServiceOutcome
    public let note: PersonalText?
    public let recordedBy: String
    public let recordedOn: String
}

/// A service delivered, as staff enter it.
public struct ServiceRecord: Sendable {
    public var service: String
    public var day: String
    public var outcome: ServiceOutcome
    public var agency: String?
    public var goal: String?
    public var note: PersonalText?

    public init(service: String, day: String, outcome: ServiceOutcome, agency: String? = nil, goal: String? = nil, note: PersonalText? = nil) {
        (self.service, self.day, self.outcome, self.agency, self.goal, self.note) = (service, day, outcome, agency, goal, note)
    }
}

extension CaseStore {
    /// Adds a goal for one of the case's needs, with a sealed description, a responsible
    /// caseworker of her centre and a target day (today or later).
    @discardableResult
    public func addGoal(_ session: Session, policy: Policy, caseID: String, need: String, description: PersonalText?,
                        responsible: String?, target: String?) throws -> String {
        let need = try policy.needs.validate(need)
        try Self.checkTarget(target)
        let goalID = Ids.random(prefix: "J")
        try withCase(session, caseID, action: "case.plan") { db, summary, vault in
            guard summary.needs.contains(need) else { throw CaunoiError.invalid(.need) }
            if let responsible { try requireCaseworker(db, responsible, of: summary.centre, field: .responsible) }
            try db.execute(sql: """
                INSERT INTO plan_goals (id, case_id, need, status, responsible, target_on, description, created_by, created_on)
                VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)
                """, arguments: [goalID, caseID, need, responsible, target,
                                 try vault.sealIfPresent(description.flatMap { $0.isBlank ? nil : $0 }, table: "plan_goals", column: "description",
                                                         row: goalID),
                                 session.user, Day.today()])
        }
        return goalID
    }

    /// Marks a goal met, partly met or dropped (or open again).
    public func setGoalStatus(_ session: Session, caseID: String, goalID: String, status: GoalStatus) throws {
        try withCase(session, caseID, action: "case.plan") { db, _, _ in
            try db.execute(sql: "UPDATE plan_goals SET status = ?, closed_on = ? WHERE id = ? AND case_id = ?",
                           arguments: [status.rawValue, status == .open ? nil : Day.today(), goalID, caseID])
            guard db.changesCount == 1 else { throw CaunoiError.invalid(.goal) }
        }
    }

    /// Plans a service for a goal: by the centre, or by a partner agency of the directory.
    @discardableResult
    public func planService(_ session: Session, policy: Policy, caseID: String, goalID: String, service: String, agency: String?,
                            responsible: String?, target: String?) throws -> String {
        let service = try policy.services.validate(service)
        if let agency { _ = try self.agency(session, policy: policy, id: agency) }
        try Self.checkTarget(target)
        let plannedID = Ids.random(prefix: "L")
        try withCase(session, caseID, action: "case.plan") { db, summary, _ in
            try requireGoal(db, goalID, caseID: caseID)
            if let responsible { try requireCaseworker(db, responsible, of: summary.centre, field: .responsible) }
            try db.execute(sql: """
                INSERT INTO plan_services (id, case_id, goal_id, service, agency_id, responsible, target_on, created_by, created_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [plannedID, caseID, goalID, service, agency, responsible, target, session.user, Day.today()])
        }
        return plannedID
    }

    /// Records a service delivered: on a day since the case was opened and not in the future,
    /// by the centre or a partner agency, with its outcome and, if given, the goal it served.
    @discardableResult
    public func recordService(_ session: Session, policy: Policy, caseID: String, service record: ServiceRecord) throws -> String {
        let service = try policy.services.validate(record.service)
        if let provider = record.agency { _ = try agency(session, policy: policy, id: provider) }
        guard Day.isValid(record.day) else { throw CaunoiError.invalidDate(.date) }
        guard record.day <= Now.vietnamToday() else { throw CaunoiError.implausibleDate(.date) }
        let deliveredID = Ids.random(prefix: "Q")
        try withCase(session, caseID, action: "case.service") { db, summary, vault in
            guard record.day >= summary.openedOn else { throw CaunoiError.implausibleDate(.date) }
            if let goal = record.goal { try requireGoal(db, goal, caseID: caseID) }
            try db.execute(sql: """
                INSERT INTO services_delivered (id, case_id, goal_id, service, agency_id, on_day, outcome, note, recorded_by, recorded_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [deliveredID, caseID, record.goal, service, record.agency, record.day, record.outcome.rawValue,
                                 try vault.sealIfPresent(record.note.flatMap { $0.isBlank ? nil : $0 }, table: "services_delivered",
                                                         column: "note", row: deliveredID),
                                 session.user, Day.today()])
            try activateIfOpen(db, summary, by: session.user)
        }
        return deliveredID
    }

    private func requireGoal(_ db: Database, _ goalID: String, caseID: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plan_goals WHERE id = ? AND case_id = ?", arguments: [goalID, caseID]) != nil else {
            throw CaunoiError.invalid(.goal)
        }
    }

    private static func checkTarget(_ target: String?) throws {
        guard let target else { return }
        guard Day.isValid(target) else { throw CaunoiError.invalidDate(.target) }
        guard let ahead = Day.between(Now.vietnamToday(), target), (0...1830).contains(ahead) else { throw CaunoiError.invalid(.target) }
    }

    func loadPlan(_ db: Database, caseID: String, vault: PersonVault?) throws -> [GoalView] {
        var planned: [String: [PlannedService]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM plan_services WHERE case_id = ? ORDER BY rowid"), arguments: [caseID]) {
            planned[row["goal_id"], default: []].append(PlannedService(id: row["id"], service: row["service"], agency: row["agency_id"],
                                                                       responsible: row["responsible"], target: row["target_on"]))
        }
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM plan_goals WHERE case_id = ? ORDER BY rowid"), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return GoalView(id: id, need: row["need"], status: GoalStatus(rawValue: row["status"]) ?? .open, responsible: row["responsible"],
                            target: row["target_on"],
                            description: try vault?.openIfPresent(row.optionalBytes("description"), table: "plan_goals", column: "description", row: id),
                            createdBy: row["created_by"], createdOn: row["created_on"], closedOn: row["closed_on"], planned: planned[id] ?? [])
        }
    }

    func loadDelivered(_ db: Database, caseID: String, vault: PersonVault?) throws -> [DeliveredService] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM services_delivered WHERE case_id = ? ORDER BY on_day, rowid"), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return DeliveredService(id: id, goal: row["goal_id"], service: row["service"], agency: row["agency_id"], day: row["on_day"],
                                    outcome: ServiceOutcome(rawValue: row["outcome"]) ?? .completed,
                                    note: try vault?.openIfPresent(row.optionalBytes("note"), table: "services_delivered", column: "note", row: id),
                                    recordedBy: row["recorded_by"], recordedOn: row["recorded_on"])
        }
    }
}
