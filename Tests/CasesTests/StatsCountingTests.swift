import Foundation
import GRDB
import Testing
@testable import Cases

/// The statistics counts are computed in SQL since issue 7. This suite keeps the first,
/// record-by-record implementation as the reference and checks that both give the same
/// interior cells and data years for every unit, every dimension alone, pairs, a triple
/// and the period and programme filters, over generated cases with several cases per woman,
/// needs, closures, referrals and linked associations.
@Suite struct StatsCountingTests {
    // MARK: the reference (the first implementation of StatsRecords.load, unchanged in substance)

    struct Record { var values: [StatsDimension: [String]] }

    static func referenceRecords(_ db: Database, request: StatsRequest, cap: Int) throws -> [Record] {
        if request.unit == .associations {
            return try Row.fetchAll(db, sql: """
                SELECT country, status, created_on FROM associations WHERE (? IS NULL OR created_on >= ?) AND (? IS NULL OR created_on <= ?)
                """, arguments: [request.from, request.from, request.to, request.to]).map { row in
                let created: String = row["created_on"]
                let year = String(created.prefix(4))
                let month = Int(created.dropFirst(5).prefix(2)) ?? 1
                return Record(values: [.associationCountry: [row["country"]], .associationStatus: [row["status"]], .year: [year],
                                       .quarter: ["\(year)-Q\((month - 1) / 3 + 1)"]])
            }
        }
        var associations: [String: (country: String, status: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, country, status FROM associations") { associations[row["id"]] = (row["country"], row["status"]) }
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        let dateColumn = request.unit == .referrals ? "r.created_on" : "c.opened_on"
        if let from = request.from { conditions.append("\(dateColumn) >= ?"); arguments.append(from) }
        if let to = request.to { conditions.append("\(dateColumn) <= ?"); arguments.append(to) }
        if let programme = request.programme { conditions.append("c.programme = ?"); arguments.append(programme) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var needs: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT case_id, need FROM case_needs ORDER BY need") { needs[row["case_id"], default: []].append(row["need"]) }
        var kinds: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT r.case_id, a.kind FROM referrals r JOIN agencies a ON a.id = r.agency_id ORDER BY a.kind") {
            kinds[row["case_id"], default: []].append(row["kind"])
        }
        func capped(_ list: [String]?, none: String) -> [String] {
            guard let list, !list.isEmpty else { return [none] }
            return Array(list.prefix(cap))
        }
        var services: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT case_id, service FROM services_delivered ORDER BY service") {
            services[row["case_id"], default: []].append(row["service"])
        }
        var providers: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT d.case_id, coalesce(a.kind, 'centre') AS p FROM services_delivered d LEFT JOIN agencies a ON a.id = d.agency_id ORDER BY p
            """) {
            providers[row["case_id"], default: []].append(row["p"])
        }
        var contactKinds: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT case_id, kind FROM contacts ORDER BY kind") {
            contactKinds[row["case_id"], default: []].append(row["kind"])
        }
        // The latest assessment of each form (by rowid), as `form.level`.
        var latest: [String: [String: (Int64, String)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, case_id, form, level FROM assessments") {
            let (rowid, caseID, form): (Int64, String, String) = (row["rowid"], row["case_id"], row["form"])
            if let kept = latest[caseID]?[form], kept.0 > rowid { continue }
            latest[caseID, default: [:]][form] = (rowid, "\(form).\(row["level"] as String)")
        }
        let levels = latest.mapValues { $0.values.map(\.1).sorted() }
        func record(_ row: Row, need: [String]? = nil, kind: [String]? = nil, child: (String, String)? = nil) -> Record {
            let caseID: String = row["id"]
            let opened: String = row["opened_on"]
            let year = String(opened.prefix(4))
            let month = Int(opened.dropFirst(5).prefix(2)) ?? 1
            let status: String = row["status"]
            let association = (row["association_id"] as String?).flatMap { associations[$0] }
            return Record(values: [
                .programme: [row["programme"]], .centre: [row["centre"]], .originProvince: [row["origin_province"] ?? "unknown"],
                .destination: [row["destination"] ?? "unknown"], .ageBand: [row["age_band"] ?? "unknown"],
                .migration: [row["migration"] ?? "unknown"], .need: need ?? capped(needs[caseID], none: "none"),
                .outcome: [status == "closed" ? (row["outcome"] ?? "open") : "open"], .referralKind: kind ?? capped(kinds[caseID], none: "none"),
                .year: [year], .quarter: ["\(year)-Q\((month - 1) / 3 + 1)"],
                .associationCountry: [association?.country ?? "none"], .associationStatus: [association?.status ?? "none"],
                .contactKind: capped(contactKinds[caseID], none: "none"),
                .service: capped(services[caseID], none: "none"), .serviceProvider: capped(providers[caseID], none: "none"),
                .childRegistration: [child?.0 ?? "unknown"], .childNationality: [child?.1 ?? "unknown"],
                .assessmentLevel: capped(levels[caseID], none: "none"),
            ])
        }
        let columns = "c.id, c.person_id, c.programme, c.centre, c.origin_province, c.destination, c.age_band, c.migration, c.status, c.outcome, c.opened_on, c.association_id"
        switch request.unit {
        case .cases:
            return try Row.fetchAll(db, sql: "SELECT \(columns) FROM cases c \(whereClause)", arguments: StatementArguments(arguments)).map { record($0) }
        case .persons:
            let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM cases c \(whereClause) ORDER BY c.person_id, c.opened_on DESC, c.id DESC",
                                        arguments: StatementArguments(arguments))
            var seen: Set<String> = []
            return rows.filter { seen.insert($0["person_id"]).inserted }.map { record($0) }
        case .referrals:
            return try Row.fetchAll(db, sql: """
                SELECT \(columns), r.service, a.kind FROM referrals r JOIN cases c ON c.id = r.case_id JOIN agencies a ON a.id = r.agency_id \(whereClause)
                """, arguments: StatementArguments(arguments)).map { record($0, need: [$0["service"]], kind: [$0["kind"]]) }
        case .associations:
            return []
        case .children:
            return try Row.fetchAll(db, sql: """
                SELECT \(columns), k.birth_registration, k.nationality FROM children k JOIN cases c ON c.id = k.case_id \(whereClause)
                """, arguments: StatementArguments(arguments)).map { record($0, child: ($0["birth_registration"], $0["nationality"])) }
        }
    }

    static func referenceCounts(_ records: [Record], _ dimensions: [StatsDimension]) -> StatsCounts {
        var counts = StatsCounts()
        for record in records {
            let lists = dimensions.map { record.values[$0] ?? [] }
            for combination in lists.reduce([[]] as [[String]], { partial, list in partial.flatMap { p in list.map { p + [$0] } } }) {
                counts.cells[combination, default: 0] += 1
            }
        }
        let years = records.compactMap { $0.values[.year]?.first.flatMap { Int($0) } }
        if let low = years.min(), let high = years.max() { counts.dataYears = low...high }
        return counts
    }

    // MARK: generated data

    /// 240 cases of about 170 invented women, from a fixed generator.
    static func seed(_ f: Fixture) throws {
        var state: UInt64 = 7
        func pick(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let hoa = try f.session("hoa")
        var associations: [String] = []
        for (name, country) in [("Hội Thử Một", "KR"), ("Hội Thử Hai", "JP")] {
            var input = AssociationInput()
            input.name = name
            input.country = country
            associations.append(try f.store.addAssociation(hoa, policy: f.policy, input: input))
        }
        let provinces = ["", "01", "31", "92", "79"]
        let destinations = ["", "KR", "TW", "JP", "CN"]
        let needs = f.policy.needs.entries.map(\.code)
        let migration = [""] + f.policy.migrationTypes.entries.map(\.code).prefix(3)
        var lines = ["programme,name,birth-year,origin-province,destination,migration,need,opened-on,person-ref,association"]
        var birthYears: [String: String] = [:]  // a woman's later rows repeat her first row's values
        for row in 0..<240 {
            let ref = pick(3) == 0 ? "w\(pick(40))" : "r\(row)"
            let birthYear = birthYears[ref] ?? (pick(4) == 0 ? "" : String(1960 + pick(45)))
            birthYears[ref] = birthYear
            let chosenNeeds = (0..<pick(4)).map { _ in needs[pick(needs.count)] }
            let day = String(format: "%04d-%02d-%02d", 2022 + pick(4), 1 + pick(12), 1 + pick(28))
            lines.append([
                pick(2) == 0 ? "marriage" : "returnee", "Người Đếm \(ref)", birthYear,
                provinces[pick(provinces.count)], destinations[pick(destinations.count)], migration[pick(migration.count)],
                chosenNeeds.joined(separator: ";"), day, ref, pick(5) == 0 ? associations[pick(2)] : "",
            ].joined(separator: ","))
        }
        // Women with two cases opened on the same day: the greater case id is her latest.
        for tie in 0..<4 {
            for destination in ["KR", "JP"] {
                lines.append("returnee,Người Cùng Ngày \(tie),1990,01,\(destination),,,2025-0\(tie + 1)-15,tie\(tie),")
            }
        }
        _ = try f.store.importCases(hoa, policy: f.policy, data: Data(lines.joined(separator: "\n").utf8), format: .csv, dryRun: false)
        let caseIDs = try f.store.read { db in try String.fetchAll(db, sql: "SELECT id FROM cases ORDER BY id") }
        let outcomes = f.policy.outcomes.entries.map(\.code).filter { $0 != "erased" }
        for id in caseIDs where pick(3) == 0 {
            try f.rewrite("UPDATE cases SET status = 'closed', outcome = ?, closed_on = '2026-06-01' WHERE id = ?", [outcomes[pick(outcomes.count)], id], case: id)
        }
        // Referrals to two kinds of agency, some cases twice.
        for id in caseIDs.prefix(30) where pick(2) == 0 {
            // What the routing rules ask of a case before these referrals.
            try f.tamper("UPDATE cases SET origin_province = '01', destination = 'KR', status = 'open', outcome = NULL, closed_on = NULL WHERE id = ?", [id])
            try f.rewrite("INSERT OR IGNORE INTO case_needs (case_id, need) VALUES (?, 'divorce-recognition'), (?, 'custody')", [id, id], case: id)
            for (agency, kind, service) in [("vn-moj-hanoi", AgencyKind.justice, "divorce-recognition"), ("vn-legalaid-hanoi", .legalAid, "custody")]
            where pick(2) == 0 {
                _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: id, purpose: .referral, agencyID: nil, agencyKind: kind, fields: nil, note: nil)
                _ = try f.store.createReferral(hoa, policy: f.policy, request: ReferralRequest(caseID: id, agencyID: agency, service: service))
            }
        }
        // Contacts of several kinds (some cases twice the same kind), and children (issue 15).
        let kinds = f.policy.contactKinds.entries.map(\.code)
        let registrations = f.policy.birthRegistration.entries.map(\.code)
        let nationalities = f.policy.nationalityStatus.entries.map(\.code)
        for (index, id) in caseIDs.enumerated() where pick(3) == 0 {
            for contact in 0..<(1 + pick(3)) {
                try f.rewrite("INSERT INTO contacts (id, case_id, on_day, kind, by_user, recorded_by, recorded_on) VALUES (?, ?, '2026-01-05', ?, 'hoa', 'hoa', '2026-01-05')",
                              ["K-\(index)-\(contact)", id, kinds[pick(kinds.count)]], case: id)
            }
            for delivered in 0..<pick(3) {
                let services = f.policy.services.entries.map(\.code)
                try f.rewrite("""
                    INSERT INTO services_delivered (id, case_id, service, agency_id, on_day, outcome, recorded_by, recorded_on)
                    VALUES (?, ?, ?, ?, '2026-01-06', 'completed', 'hoa', '2026-01-06')
                    """, ["Q-\(index)-\(delivered)", id, services[pick(services.count)], pick(2) == 0 ? nil : "vn-moj-hanoi"], case: id)
            }
            // Assessments with both forms, some re-assessed: only the latest of each form counts.
            for assessment in 0..<pick(4) {
                let form = f.policy.assessments[pick(f.policy.assessments.count)]
                let level = form.levels[pick(form.levels.count)].entry.code
                try f.rewrite("""
                    INSERT INTO assessments (id, case_id, form, form_digest, suggested_level, level, assessed_by, assessed_on)
                    VALUES (?, ?, ?, ?, ?, ?, 'hoa', '2026-01-07')
                    """, ["V-\(index)-\(assessment)", id, form.code, form.digest, level, level], case: id)
            }
            for child in 0..<pick(3) {
                try f.rewrite("""
                    INSERT INTO children (id, case_id, birth_registration, nationality, added_by, added_on, updated_on)
                    VALUES (?, ?, ?, ?, 'hoa', '2026-01-05', '2026-01-05')
                    """, ["F-\(index)-\(child)", id, registrations[pick(registrations.count)], nationalities[pick(nationalities.count)]], case: id)
            }
        }
    }

    @Test func sqlCountsEqualTheRecordByRecordReference() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        try Self.seed(f)
        let counted = try f.store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals") ?? 0, try Int.fetchOne(db, sql: "SELECT count(DISTINCT person_id) FROM cases") ?? 0)
        }
        #expect(counted.0 >= 5, "the generated data has referrals")
        #expect(counted.1 < 240, "the generated data has women with several cases")
        #expect(try f.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM children") ?? 0 } >= 20, "the generated data has children")
        let all = StatsDimension.allCases
        var shapes: [[StatsDimension]] = all.map { [$0] }
        shapes += [[.originProvince, .destination], [.need, .referralKind], [.destination, .need], [.year, .quarter],
                   [.associationCountry, .outcome], [.programme, .ageBand, .need], [.migration, .centre],
                   [.contactKind, .need], [.childRegistration, .childNationality], [.childRegistration, .destination, .contactKind],
                   [.service, .serviceProvider], [.service, .programme], [.assessmentLevel, .programme], [.assessmentLevel, .need]]
        var filters: [(String?, String?, Programme?)] = [(nil, nil, nil), ("2024-03-01", "2025-10-31", nil), (nil, "2024-12-31", .returnee)]
        filters.append(("2026-11-24", nil, nil))  // an empty period
        for unit in StatsUnit.allCases {
            for dimensions in shapes {
                if unit == .associations && !dimensions.allSatisfy(StatsDimension.ofAssociations.contains) { continue }
                if unit != .children && dimensions.contains(where: StatsDimension.ofChildren.contains) { continue }
                if unit == .referrals && dimensions.contains(where: ([.contactKind, .service, .serviceProvider, .assessmentLevel] as [StatsDimension]).contains) { continue }
                for (from, to, programme) in filters {
                    if unit == .associations && programme != nil { continue }
                    var request = StatsRequest(dimensions: dimensions.map(\.rawValue))
                    request.unit = unit
                    request.from = from
                    request.to = to
                    request.programme = programme
                    for cap in [1, 3] {
                        let (mine, reference) = try f.store.read { db in
                            (try StatsRecords.count(db, request: request, dimensions: dimensions, cap: cap),
                             Self.referenceCounts(try Self.referenceRecords(db, request: request, cap: cap), dimensions))
                        }
                        #expect(mine.cells == reference.cells, "\(unit) \(dimensions) \(String(describing: from)) \(String(describing: to)) cap \(cap)")
                        if dimensions.contains(.year) || dimensions.contains(.quarter) {
                            #expect(mine.dataYears == reference.dataYears, "\(unit) \(dimensions)")
                        }
                    }
                }
            }
        }
    }
}
