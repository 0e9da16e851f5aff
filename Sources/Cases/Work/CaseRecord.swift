import GRDB

/// The plain (non-personal) columns of a case, as listed to staff and used by statistics.
public struct CaseSummary: Sendable, Equatable, Codable {
    public let id: String
    public let person: String
    public let centre: String
    public let programme: Programme
    public let status: CaseStatus
    public let risk: RiskLevel?
    public let assignedTo: String?
    public let originProvince: String?
    public let destination: String?
    public let migration: String?
    public let ageBand: String?
    public let association: String?
    public let supportRequest: String?
    public let outcome: String?
    public let openedOn: String
    public let closedOn: String?
    /// The outcome a counsellor asked a manager to close the case with, while it waits.
    public let closureRequest: String?
    public var needs: [String]

    static let columns = """
        id, person_id, centre, programme, status, risk, assigned_to, origin_province, destination, migration,
        age_band, association_id, support_request, outcome, opened_on, closed_on, closure_request,
        (SELECT group_concat(need, ';') FROM (SELECT need FROM case_needs n WHERE n.case_id = cases.id ORDER BY need)) AS needs
        """

    init(row: Row) {
        id = row["id"]
        person = row["person_id"]
        centre = row["centre"]
        programme = row["programme"]
        status = row["status"]
        risk = row["risk"]
        assignedTo = row["assigned_to"]
        originProvince = row["origin_province"]
        destination = row["destination"]
        migration = row["migration"]
        ageBand = row["age_band"]
        association = row["association_id"]
        supportRequest = row["support_request"]
        outcome = row["outcome"]
        openedOn = row["opened_on"]
        closedOn = row["closed_on"]
        closureRequest = row["closure_request"]
        needs = (row["needs"] as String?).map { $0.split(separator: ";").map(String.init) } ?? []
    }

    static func fetch(_ db: Database, id: String) throws -> CaseSummary {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM cases WHERE id = ?"), arguments: [id]) else {
            throw CaunoiError.caseNotFound(id)
        }
        return CaseSummary(row: row)
    }
}
