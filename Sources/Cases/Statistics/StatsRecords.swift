import Foundation
import GRDB

/// Reads the counted units from plain columns only: no sealed column is touched.
enum StatsRecords {
    static func load(_ db: Database, request: StatsRequest, cap: Int) throws -> [StatsRecord] {
        if request.unit == .associations { return try loadAssociations(db, request: request) }
        // Linked associations' codes, read only when a table asks for them.
        var associations: [String: (country: String, status: String)] = [:]
        if request.dimensions.contains(where: { $0.hasPrefix("association_") }) {
            for row in try Row.fetchAll(db, sql: "SELECT id, country, status FROM associations") {
                associations[row["id"]] = (row["country"], row["status"])
            }
        }
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        let dateColumn = request.unit == .referrals ? "r.created_on" : "c.opened_on"
        if let from = request.from { conditions.append("\(dateColumn) >= ?"); arguments.append(from) }
        if let to = request.to { conditions.append("\(dateColumn) <= ?"); arguments.append(to) }
        if let programme = request.programme { conditions.append("c.programme = ?"); arguments.append(programme) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var needs: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT case_id, need FROM case_needs ORDER BY need") {
            needs[row["case_id"], default: []].append(row["need"])
        }
        var kinds: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT r.case_id, a.kind FROM referrals r JOIN agencies a ON a.id = r.agency_id ORDER BY a.kind") {
            kinds[row["case_id"], default: []].append(row["kind"])
        }
        func capped(_ list: [String]?, none: String) -> [String] {
            guard let list, !list.isEmpty else { return [none] }
            return Array(list.prefix(cap))
        }
        func record(_ row: Row, need: [String]? = nil, kind: [String]? = nil) -> StatsRecord {
            let caseID: String = row["id"]
            let opened: String = row["opened_on"]
            let year = String(opened.prefix(4))
            let month = Int(opened.dropFirst(5).prefix(2)) ?? 1
            let status: String = row["status"]
            let association = (row["association_id"] as String?).flatMap { associations[$0] }
            return StatsRecord(values: [
                .programme: [row["programme"]],
                .centre: [row["centre"]],
                .originProvince: [row["origin_province"] ?? "unknown"],
                .destination: [row["destination"] ?? "unknown"],
                .ageBand: [row["age_band"] ?? "unknown"],
                .migration: [row["migration"] ?? "unknown"],
                .need: need ?? capped(needs[caseID], none: "none"),
                .outcome: [status == "closed" ? (row["outcome"] ?? "open") : "open"],
                .referralKind: kind ?? capped(kinds[caseID], none: "none"),
                .year: [year],
                .quarter: ["\(year)-Q\((month - 1) / 3 + 1)"],
                .associationCountry: [association?.country ?? "none"],
                .associationStatus: [association?.status ?? "none"],
            ])
        }
        let columns = """
            c.id, c.person_id, c.programme, c.centre, c.origin_province, c.destination, c.age_band, c.migration, c.status, c.outcome,
            c.opened_on, c.association_id
            """
        switch request.unit {
        case .cases:
            return try Row.fetchAll(db, sql: "SELECT \(columns) FROM cases c \(whereClause) ORDER BY c.id", arguments: StatementArguments(arguments))
                .map { record($0) }
        case .persons:
            // Her latest case opened in the period (ties broken by case id): counted once.
            let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM cases c \(whereClause) ORDER BY c.person_id, c.opened_on DESC, c.id DESC",
                                        arguments: StatementArguments(arguments))
            var seen: Set<String> = []
            return rows.filter { seen.insert($0["person_id"]).inserted }.map { record($0) }
        case .referrals:
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(columns), r.service, a.kind FROM referrals r JOIN cases c ON c.id = r.case_id JOIN agencies a ON a.id = r.agency_id
                \(whereClause) ORDER BY r.id
                """, arguments: StatementArguments(arguments))
            return rows.map { record($0, need: [$0["service"]], kind: [$0["kind"]]) }
        case .associations:
            return []
        }
    }

    /// Associations themselves, by the day they were registered (`--from`/`--to`).
    private static func loadAssociations(_ db: Database, request: StatsRequest) throws -> [StatsRecord] {
        try Row.fetchAll(db, sql: """
            SELECT country, status, created_on FROM associations WHERE (? IS NULL OR created_on >= ?) AND (? IS NULL OR created_on <= ?)
            ORDER BY id
            """, arguments: [request.from, request.from, request.to, request.to]).map { row in
            let created: String = row["created_on"]
            let year = String(created.prefix(4))
            let month = Int(created.dropFirst(5).prefix(2)) ?? 1
            return StatsRecord(values: [.associationCountry: [row["country"]], .associationStatus: [row["status"]], .year: [year],
                                        .quarter: ["\(year)-Q\((month - 1) / 3 + 1)"]])
        }
    }

    /// Years of the period: from the request, else from the data, else this year.
    static func years(request: StatsRequest, records: [StatsRecord], now: Date) -> ClosedRange<Int> {
        let dataYears = records.compactMap { $0.values[.year]?.first.flatMap { Int($0) } }
        let thisYear = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now).year ?? 2026
        let low = request.from.flatMap(Day.year) ?? dataYears.min() ?? thisYear
        let high = request.to.flatMap(Day.year) ?? dataYears.max() ?? thisYear
        return min(low, high)...max(low, high)
    }
}
