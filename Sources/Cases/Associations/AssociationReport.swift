import GRDB

/// One line of `association report`: a code and how many (and, for activities, how many
/// people took part where reported).
public struct ReportCount: Sendable, Equatable, Codable {
    public let code: String
    public let count: Int
    public let participants: Int?
}

/// `association report`: counts of organisations and their activities. Associations are
/// organisations, not women, so these counts need no suppression; no contact data, name or
/// note is read.
public struct AssociationReport: Sendable, Equatable {
    public let year: Int?
    public let associations: Int
    public let byCountry: [ReportCount]
    public let byStatus: [ReportCount]
    public let activitiesByKind: [ReportCount]
}

extension CaseStore {
    /// With a year: associations registered by the end of that year (in their current status)
    /// and the activities of that year; without: all of them.
    public func associationReport(_ session: Session, policy: Policy, year: Int?) throws -> AssociationReport {
        try session.require(.counsellor, .manager, .central, .statistician)
        if let year, !(1900...2100).contains(year) { throw CaunoiError.invalid(.year) }
        let until = year.map { "\($0)-12-31" }
        let prefix = year.map { "\($0)-" }
        return try write { db in
            try audit(db, session, "association.report", record: year.map(String.init))
            let registered = "FROM associations WHERE (? IS NULL OR created_on <= ?)"
            let total = try Int.fetchOne(db, sql: "SELECT count(*) \(registered)", arguments: [until, until]) ?? 0
            let byCountry = try Row.fetchAll(db, sql: "SELECT country, count(*) AS n \(registered) GROUP BY country ORDER BY country",
                                             arguments: [until, until]).map { ReportCount(code: $0["country"], count: $0["n"], participants: nil) }
            var statuses: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n \(registered) GROUP BY status", arguments: [until, until]) {
                statuses[row["status"]] = row["n"]
            }
            var kinds: [String: (Int, Int?)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, count(*) AS n, sum(participants) AS people FROM association_activities
                WHERE (? IS NULL OR substr(on_day, 1, 5) = ?) GROUP BY kind
                """, arguments: [prefix, prefix]) {
                kinds[row["kind"]] = (row["n"], row["people"])
            }
            return AssociationReport(
                year: year, associations: total, byCountry: byCountry,
                byStatus: AssociationStatus.allCases.map { ReportCount(code: $0.rawValue, count: statuses[$0.rawValue] ?? 0, participants: nil) },
                activitiesByKind: policy.activityKinds.entries.map { entry in
                    ReportCount(code: entry.code, count: kinds[entry.code]?.0 ?? 0, participants: kinds[entry.code]?.1)
                })
        }
    }
}
