import Foundation
import GRDB
import GRDBSQLite

/// The interior cells of one export before disclosure control: each combination of codes
/// (one per requested dimension, in request order) with the number of units counted there.
struct StatsCounts {
    var cells: [[String]: Int] = [:]
    /// The years the counted units fall in, when the table has a year or quarter dimension.
    var dataYears: ClosedRange<Int>?
}

/// Counts the units from plain coded columns only: no sealed column is touched.
///
/// One pass over the unit rows in table order, reading only the requested dimensions' codes
/// straight from SQLite's row buffer; codes become small numbers and a cell is one integer,
/// so the count is a hash-table increment per unit. Needs and referral kinds are read once
/// into memory, and only when a table asks for them. A woman is counted at her latest case
/// in the period; only women with several cases (found from the person index alone) need
/// remembering. Issue 7 measured the first version (a record of every dimension for every
/// unit, in Swift) at 2.35 s for 100,000 cases and 37 s for 1,000,000, and a `GROUP BY` in
/// SQL at 1.6 s (cases) and 5–7 s (persons) over 1,000,000: sorting was the cost.
/// `StatsCountingTests` checks this against the first version as a reference.
enum StatsRecords {
    static func count(_ db: Database, request: StatsRequest, dimensions: [StatsDimension], cap: Int) throws -> StatsCounts {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        let unitIsCase = request.unit != .associations
        let dated = request.unit == .associations ? "u.created_on" : request.unit == .referrals ? "r.created_on" : "u.opened_on"
        if let from = request.from { conditions.append("\(dated) >= ?"); arguments.append(from) }
        if let to = request.to { conditions.append("\(dated) <= ?"); arguments.append(to) }
        if let programme = request.programme, unitIsCase { conditions.append("u.programme = ?"); arguments.append(programme) }
        let source = switch request.unit {
        case .associations: "associations u"
        case .referrals: "referrals r JOIN cases u ON u.id = r.case_id JOIN agencies a ON a.id = r.agency_id"
        case .children: "children k JOIN cases u ON u.id = k.case_id"
        case .cases, .persons: "cases u"
        }
        let linked = unitIsCase && dimensions.contains { $0 == .associationCountry || $0 == .associationStatus }
        // Columns: one per dimension, then the case id, person id and opening day (case units).
        let columns = dimensions.map { expression($0, unit: request.unit) } + (unitIsCase ? ["u.id", "u.person_id", "u.opened_on"] : [])
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM \(source)
            \(linked ? "LEFT JOIN associations s ON s.id = u.association_id" : "")
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            """
        var codes = dimensions.map { _ in CodeNumbers() }
        // Multi-valued dimensions of a case, read once: case id → code numbers, sorted and capped.
        var lists: [Int: [String: [UInt32]]] = [:]
        if unitIsCase && request.unit != .referrals {
            for (index, dimension) in dimensions.enumerated() where dimension.isMultiValued {
                let listSQL = switch dimension {
                case .need: "SELECT case_id, need FROM case_needs ORDER BY case_id, need"
                case .contactKind: "SELECT DISTINCT case_id, kind FROM contacts ORDER BY case_id, kind"
                case .service: "SELECT DISTINCT case_id, service FROM services_delivered ORDER BY case_id, service"
                case .assessmentLevel: """
                    SELECT a.case_id, a.form || '.' || a.level AS level FROM assessments a
                    WHERE a.rowid = (SELECT max(b.rowid) FROM assessments b WHERE b.case_id = a.case_id AND b.form = a.form)
                    ORDER BY a.case_id, level
                    """
                case .serviceProvider: """
                    SELECT DISTINCT d.case_id, coalesce(a.kind, 'centre') AS provider FROM services_delivered d
                    LEFT JOIN agencies a ON a.id = d.agency_id ORDER BY d.case_id, provider
                    """
                default: "SELECT DISTINCT r.case_id, a.kind FROM referrals r JOIN agencies a ON a.id = r.agency_id ORDER BY r.case_id, a.kind"
                }
                // Rows come grouped by case: one dictionary insert per case, into a table sized once.
                var byCase: [String: [UInt32]] = [:]
                byCase.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0)
                var current = ""
                var values: [UInt32] = []
                try scan(db, sql: listSQL, arguments: []) { row in
                    if !row.equals(0, current) {
                        if !values.isEmpty { byCase[current] = values }
                        current = row.text(0)
                        values = []
                    }
                    if values.count < cap { values.append(codes[index].number(row.text(1))) }
                }
                if !values.isEmpty { byCase[current] = values }
                lists[index] = byCase
            }
        }
        let none = dimensions.indices.map { codes[$0].number(dimensions[$0].isMultiValued ? "none" : "unknown") }
        // Women with more than one case (anywhere): only they can have an earlier case to skip.
        let several: Set<String> = request.unit == .persons
            ? Set(try String.fetchAll(db, sql: "SELECT person_id FROM cases GROUP BY person_id HAVING count(*) > 1")) : []
        var counts: [UInt64: Int] = [:]
        var latest: [String: (day: String, caseID: String, cells: [UInt64])] = [:]
        var cells: [UInt64] = []
        try scan(db, sql: sql, arguments: StatementArguments(arguments)) { row in
            cells.removeAll(keepingCapacity: true)
            cells.append(0)
            let caseID = unitIsCase ? row.text(dimensions.count) : ""
            for index in dimensions.indices {
                let shift = UInt64(20 * index)
                if let byCase = lists[index] {
                    let values = byCase[caseID] ?? [none[index]]
                    cells = cells.flatMap { cell in values.map { cell | UInt64($0) << shift } }
                } else {
                    let number = row.isNull(index) ? none[index] : codes[index].number(row.text(index))
                    for position in cells.indices { cells[position] |= UInt64(number) << shift }
                }
            }
            if request.unit == .persons {
                let person = row.text(dimensions.count + 1)
                if several.contains(person) {
                    let day = row.text(dimensions.count + 2)
                    // Her latest case in the period; on the same day, the greater case id.
                    if let kept = latest[person], (kept.day, kept.caseID) >= (day, caseID) { return }
                    latest[person] = (day, caseID, cells)
                    return
                }
            }
            for cell in cells { counts[cell, default: 0] += 1 }
        }
        for kept in latest.values { for cell in kept.cells { counts[cell, default: 0] += 1 } }
        var result = StatsCounts()
        var years: [Int] = []
        let yearColumn = dimensions.firstIndex { $0 == .year || $0 == .quarter }
        for (cell, units) in counts {
            let key = dimensions.indices.map { codes[$0].code(UInt32((cell >> UInt64(20 * $0)) & 0xFFFFF)) }
            if let yearColumn, let year = Int(key[yearColumn].prefix(4)) { years.append(year) }
            result.cells[key] = units
        }
        if let low = years.min(), let high = years.max() { result.dataYears = low...high }
        return result
    }

    /// The SQL giving one dimension's code for the unit row `u` (and its association `s`);
    /// NULL becomes "unknown" (or "none" for multi-valued dimensions) when counted.
    private static func expression(_ dimension: StatsDimension, unit: StatsUnit) -> String {
        let dated = unit == .associations ? "u.created_on" : "u.opened_on"
        switch dimension {
        case .year: return "substr(\(dated), 1, 4)"
        case .quarter: return "substr(\(dated), 1, 4) || '-Q' || ((CAST(substr(\(dated), 6, 2) AS INTEGER) - 1) / 3 + 1)"
        case .associationCountry: return unit == .associations ? "u.country" : "coalesce(s.country, 'none')"
        case .associationStatus: return unit == .associations ? "u.status" : "coalesce(s.status, 'none')"
        case .programme: return "u.programme"
        case .centre: return "u.centre"
        case .originProvince: return "u.origin_province"
        case .destination: return "u.destination"
        case .ageBand: return "u.age_band"
        case .migration: return "u.migration"
        case .outcome: return "CASE WHEN u.status = 'closed' THEN coalesce(u.outcome, 'open') ELSE 'open' END"
        case .need: return unit == .referrals ? "r.service" : "NULL"
        case .referralKind: return unit == .referrals ? "a.kind" : "NULL"
        case .contactKind, .service, .serviceProvider, .assessmentLevel: return "NULL"
        case .childRegistration: return "k.birth_registration"
        case .childNationality: return "k.nationality"
        }
    }

    /// Steps a statement by hand and hands each row to `body` as SQLite's own buffer: GRDB's
    /// row values would allocate per column, which at a million rows is most of the time.
    private static func scan(_ db: Database, sql: String, arguments: StatementArguments, _ body: (RawRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try body(RawRow(handle: handle))
        }
    }

    /// Years of the period: from the request, else from the data, else this year.
    static func years(request: StatsRequest, dataYears: ClosedRange<Int>?, now: Date) -> ClosedRange<Int> {
        let thisYear = Day.year(Day.string(now)) ?? 0
        let low = request.from.flatMap(Day.year) ?? dataYears?.lowerBound ?? thisYear
        let high = request.to.flatMap(Day.year) ?? dataYears?.upperBound ?? thisYear
        return min(low, high)...max(low, high)
    }
}

/// One row of a statement being stepped, read in place.
private struct RawRow {
    let handle: OpaquePointer?

    func isNull(_ column: Int) -> Bool { sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL }

    /// Whether a column holds exactly this text, without making a String of it.
    func equals(_ column: Int, _ text: String) -> Bool {
        guard let bytes = sqlite3_column_text(handle, Int32(column)) else { return false }
        let count = Int(sqlite3_column_bytes(handle, Int32(column)))
        var copy = text
        return copy.withUTF8 { $0.count == count && (count == 0 || memcmp($0.baseAddress!, bytes, count) == 0) }
    }

    func text(_ column: Int) -> String {
        guard let bytes = sqlite3_column_text(handle, Int32(column)) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, Int32(column)))), as: UTF8.self)
    }
}

/// Codes of one dimension numbered as they are met (20 bits each: three dimensions fit in
/// one 64-bit cell number).
private struct CodeNumbers {
    private var numbers: [String: UInt32] = [:]
    private var codes: [String] = []

    mutating func number(_ code: String) -> UInt32 {
        if let known = numbers[code] { return known }
        let next = UInt32(codes.count)
        numbers[code] = next
        codes.append(code)
        return next
    }

    func code(_ number: UInt32) -> String { codes[Int(number)] }
}
