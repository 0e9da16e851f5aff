import Foundation
import GRDB

/// The interior cells of one export before disclosure control: each combination of codes
/// (one per requested dimension, in request order) with the number of units counted there.
struct StatsCounts {
    var cells: [[String]: Int] = [:]
    /// The years the counted units fall in, when the table has a year or quarter dimension.
    var dataYears: ClosedRange<Int>?
}

/// Counts the units from plain coded columns only: no sealed column is touched.
///
/// SQLite does the counting (one `GROUP BY` over the requested dimensions' expressions), so
/// only distinct combinations come back to Swift, where multi-valued dimensions (needs,
/// referral kinds) are capped and multiplied out. The first version built a record of every
/// dimension for every unit in Swift and read every need and referral kind whatever was
/// asked: 2.35 s for a 2-D table over 100,000 cases (issue 7, docs/BENCHMARKS.md).
/// `StatsCountingTests` checks this against that first version as a reference.
enum StatsRecords {
    /// Separates the values of a multi-valued dimension inside one SQL field. Codes never
    /// hold it (code lists are checked by `policy check`, agency kinds are fixed).
    static let separator = "\u{1F}"

    static func count(_ db: Database, request: StatsRequest, dimensions: [StatsDimension], cap: Int) throws -> StatsCounts {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        let source: String
        if request.unit == .associations {
            if let from = request.from { conditions.append("created_on >= ?"); arguments.append(from) }
            if let to = request.to { conditions.append("created_on <= ?"); arguments.append(to) }
            source = "associations u"
        } else {
            let dated = request.unit == .referrals ? "r.created_on" : "c.opened_on"
            if let from = request.from { conditions.append("\(dated) >= ?"); arguments.append(from) }
            if let to = request.to { conditions.append("\(dated) <= ?"); arguments.append(to) }
            if let programme = request.programme { conditions.append("c.programme = ?"); arguments.append(programme) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            conditions = []
            switch request.unit {
            case .persons:
                // Her latest case opened in the period, ties broken by the greater case id:
                // with exactly one max(), SQLite takes the other columns from that row.
                // `opened_on` is always ten characters (YYYY-MM-DD), so the concatenation
                // orders by day, then id.
                source = "(SELECT c.*, max(c.opened_on || c.id) FROM cases c \(filter) GROUP BY c.person_id) u"
            case .referrals:
                source = """
                    (SELECT c.*, r.service AS referral_service, a.kind AS referral_agency_kind FROM referrals r
                     JOIN cases c ON c.id = r.case_id JOIN agencies a ON a.id = r.agency_id \(filter)) u
                    """
            default:
                source = "(SELECT c.* FROM cases c \(filter)) u"
            }
        }
        let linked = request.unit != .associations && dimensions.contains { $0 == .associationCountry || $0 == .associationStatus }
        let columns = dimensions.enumerated().map { "\(expression($0.element, unit: request.unit)) AS d\($0.offset)" }
        let groups = dimensions.indices.map { "d\($0)" }.joined(separator: ", ")
        let sql = """
            SELECT \(columns.joined(separator: ", ")), count(*) AS units FROM \(source)
            \(linked ? "LEFT JOIN associations s ON s.id = u.association_id" : "")
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY \(groups)
            """
        var counts = StatsCounts()
        let yearColumn = dimensions.firstIndex { $0 == .year || $0 == .quarter }
        var years: [Int] = []
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
            let units: Int = row["units"]
            let lists = dimensions.indices.map { index -> [String] in
                let text: String? = row["d\(index)"]
                let dimension = dimensions[index]
                guard dimension.isMultiValued, request.unit != .referrals else { return [text ?? "none"] }
                guard let text, !text.isEmpty else { return ["none"] }
                return Array(text.components(separatedBy: separator).sorted().prefix(cap))
            }
            if let yearColumn, let year = lists[yearColumn].first.flatMap({ Int($0.prefix(4)) }) { years.append(year) }
            for combination in lists.reduce([[]] as [[String]], { partial, list in partial.flatMap { p in list.map { p + [$0] } } }) {
                counts.cells[combination, default: 0] += units
            }
        }
        if let low = years.min(), let high = years.max() { counts.dataYears = low...high }
        return counts
    }

    /// The SQL giving one dimension's code for the unit row `u` (and its association `s`).
    private static func expression(_ dimension: StatsDimension, unit: StatsUnit) -> String {
        let dated = unit == .associations ? "u.created_on" : "u.opened_on"
        switch dimension {
        case .year: return "substr(\(dated), 1, 4)"
        case .quarter: return "substr(\(dated), 1, 4) || '-Q' || ((CAST(substr(\(dated), 6, 2) AS INTEGER) - 1) / 3 + 1)"
        case .associationCountry: return unit == .associations ? "u.country" : "coalesce(s.country, 'none')"
        case .associationStatus: return unit == .associations ? "u.status" : "coalesce(s.status, 'none')"
        case .programme: return "u.programme"
        case .centre: return "u.centre"
        case .originProvince: return "coalesce(u.origin_province, 'unknown')"
        case .destination: return "coalesce(u.destination, 'unknown')"
        case .ageBand: return "coalesce(u.age_band, 'unknown')"
        case .migration: return "coalesce(u.migration, 'unknown')"
        case .outcome: return "CASE WHEN u.status = 'closed' THEN coalesce(u.outcome, 'open') ELSE 'open' END"
        case .need:
            return unit == .referrals ? "u.referral_service"
                : "(SELECT group_concat(n.need, char(31)) FROM case_needs n WHERE n.case_id = u.id)"
        case .referralKind:
            return unit == .referrals ? "u.referral_agency_kind"
                : """
                  (SELECT group_concat(kind, char(31)) FROM (SELECT DISTINCT a.kind AS kind FROM referrals r
                   JOIN agencies a ON a.id = r.agency_id WHERE r.case_id = u.id))
                  """
        }
    }

    /// Years of the period: from the request, else from the data, else this year.
    static func years(request: StatsRequest, dataYears: ClosedRange<Int>?, now: Date) -> ClosedRange<Int> {
        let thisYear = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now).year ?? 2026
        let low = request.from.flatMap(Day.year) ?? dataYears?.lowerBound ?? thisYear
        let high = request.to.flatMap(Day.year) ?? dataYears?.upperBound ?? thisYear
        return min(low, high)...max(low, high)
    }
}
