import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// `retention run` (issue 5): only women whose cases all closed at least their programme's
/// period ago, with no referral in progress, are erased; `--dry-run` changes nothing.
@Suite struct RetentionTests {
    static let today = "2026-11-23"

    /// Closes a case through caunoi, then back-dates the closure in the file.
    private func closed(_ f: Fixture, _ id: String, on day: String) throws {
        try f.store.close(f.session("lan"), policy: f.policy, caseID: id, outcome: "resolved", reason: PersonalText("Đã ổn định"))
        try f.rewrite("UPDATE cases SET closed_on = ? WHERE id = ?", [day, id], case: id)
    }

    @Test func onlyWhatThePolicyNoLongerAllowsIsErased() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(f.policy.retention.keepYears == [.returnee: 10, .marriage: 5, .association: 5])
        // Due: returnee closed 2015 (10 years → 2025-01-01); marriage closed mid-2020 (5 → 2025-06-01).
        let returneeOld = try f.open("Thị Hết Hạn Một")
        try closed(f, returneeOld.id, on: "2015-01-01")
        let marriageOld = try f.open("Thị Hết Hạn Hai") { $0.programme = .marriage }
        try closed(f, marriageOld.id, on: "2020-06-01")
        // Kept: a returnee case closed 2020 (due 2030).
        let returneeRecent = try f.open("Thị Còn Hạn Một")
        try closed(f, returneeRecent.id, on: "2020-01-01")
        // Kept: the longest period among her cases decides (a returnee case closed 2019 → 2029).
        let mixed = try f.open("Thị Hai Chương Trình") { $0.programme = .marriage }
        try closed(f, mixed.id, on: "2015-06-01")
        var second = CaseIntake(programme: .returnee)
        second.existingPersonID = mixed.person
        let mixedSecond = try f.store.openCase(f.session("hoa"), policy: f.policy, intake: second)
        try closed(f, mixedSecond.id, on: "2019-03-01")
        // Kept: one case still open.
        let stillOpen = try f.open("Thị Đang Mở") { $0.programme = .marriage }
        try closed(f, stillOpen.id, on: "2010-01-01")
        var third = CaseIntake(programme: .marriage)
        third.existingPersonID = stillOpen.person
        _ = try f.store.openCase(f.session("hoa"), policy: f.policy, intake: third)
        // Kept: a referral still in progress holds her data even though her case is long closed.
        let referred = try makeReferral(f)
        try closed(f, referred.caseID, on: "2012-01-01")
        // Another centre's woman, due, is not a manager's business but is an admin's.
        let elsewhere = try f.open("Thị Trung Tâm Khác", as: "mai")
        try f.store.close(f.session("mai"), policy: f.policy, caseID: elsewhere.id, outcome: "resolved", reason: nil)
        try f.rewrite("UPDATE cases SET closed_on = '2014-01-01' WHERE id = ?", [elsewhere.id], case: elsewhere.id, as: "mai")

        let lan = try f.session("lan")
        let dry = try f.store.runRetention(lan, policy: f.policy, dryRun: true, today: Self.today)
        #expect(Set(dry.map(\.person)) == [returneeOld.person, marriageOld.person])
        #expect(dry.first { $0.person == marriageOld.person }?.dueOn == "2025-06-01")
        #expect(try f.store.showCase(f.session("hoa"), id: returneeOld.id).erasure == nil)
        #expect(try f.raw { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM erasures") } == 0)

        let done = try f.store.runRetention(lan, policy: f.policy, dryRun: false, today: Self.today)
        #expect(done == dry)
        let hoa = try f.session("hoa")
        for id in [returneeOld.id, marriageOld.id] { #expect(try f.store.showCase(hoa, id: id).erasure?.basis == .retention) }
        for id in [returneeRecent.id, mixed.id, stillOpen.id, referred.caseID] { #expect(try f.store.showCase(hoa, id: id).erasure == nil) }
        #expect(try f.store.runRetention(lan, policy: f.policy, dryRun: true, today: Self.today).isEmpty)

        // The admin covers every centre; each erasure is audited.
        let all = try f.store.runRetention(f.session("root"), policy: f.policy, dryRun: false, today: Self.today)
        #expect(all.map(\.person) == [elsewhere.person])
        #expect(try f.store.showCase(f.session("mai"), id: elsewhere.id).erasure != nil)
        let log = try f.store.auditLog(f.session("root"))
        #expect(log.filter { $0.action == "subject.erase.retention" }.count == 3)
        #expect(log.contains { $0.action == "retention.dry-run" && $0.user == "lan" })
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
        #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) { _ = try f.store.runRetention(hoa, policy: f.policy, dryRun: true) }
    }

    @Test func yearsAreAddedOnTheCalendar() {
        #expect(CaseStore.adding(years: 5, to: "2020-06-01") == "2025-06-01")
        #expect(CaseStore.adding(years: 1, to: "2024-02-29") == "2025-02-28")
        #expect(CaseStore.adding(years: 4, to: "2024-02-29") == "2028-02-29")
        #expect(CaseStore.adding(years: Int.max / 2, to: "2024-01-01") == "9999-12-31")
    }

    @Test func policyCheckNamesAMissingOrBadPeriod() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Fixture.policyDirectory, to: copy)
        try "keep_after_closing_years:\n  marriage: 5\n  returnee: 0\n  refugee: 3\n"
            .write(to: copy.appendingPathComponent("retention.yaml"), atomically: true, encoding: .utf8)
        let problems = Policy.check(copy).filter { $0.file == "retention.yaml" }
        #expect(problems.contains { $0.line == 3 && $0.problem.contains("returnee") })
        #expect(problems.contains { $0.line == 4 && $0.problem.contains("refugee") })
        #expect(problems.contains { $0.problem.contains("association") })
    }
}

/// Schema v5 rebuilds `persons` and `referrals`: every row of a v4 database must survive,
/// with the rows that point at them.
@Suite struct MigrationTests {
    @Test func aVersionFourDatabaseKeepsEveryRow() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let referral = try makeReferral(f, risk: .high)
        _ = try f.store.returnReferral(f.session("trung"), id: referral.id, reason: PersonalText("Lý do trả lại"))
        // Rebuild the same content in a v4 file: copy every table's rows.
        let path = f.directory.appendingPathComponent("v4.db").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v4-audit")
        try old.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS live", arguments: [f.directory.appendingPathComponent("test.db").path])
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for table in ["meta", "centres", "recovery_wraps", "users", "keyslots", "key_grants", "persons", "blind_indexes",
                          "case_sequences", "cases", "case_needs", "case_events", "notes", "agencies", "agency_codes", "consents",
                          "referrals", "referral_events", "audit_log"] {
                try db.execute(sql: "DELETE FROM main.\(table)")
                let columns = try db.columns(in: table, in: "main").map(\.name).joined(separator: ", ")
                try db.execute(sql: "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM live.\(table)")
            }
            try db.execute(sql: "DETACH DATABASE live")
        }
        try old.close()
        let migrated = try CaseStore.open(path: path)
        // The copied keyslots pin this deployment's root already; the admin certifies once.
        _ = try migrated.certifyDeployment(admin: "root", passphrase: Fixture.passphrase("root"), recovery: f.recovery, policy: Policy.load(from: Fixture.policyDirectory))
        let hoa = try migrated.unlock(user: "hoa", passphrase: Fixture.passphrase("hoa"))
        #expect(try migrated.showCase(hoa, id: referral.caseID).person.name?.revealed == "Nguyễn Thị Hoà")
        let view = try migrated.showReferral(hoa, id: referral.id)
        #expect(view.referral.status == .draft && view.events.compactMap(\.reason?.revealed) == ["Lý do trả lại"])
        #expect(try migrated.findCases(hoa, policy: f.policy, query: .passport("C1234567")).map(\.id) == [referral.caseID])
        _ = try migrated.eraseSubject(migrated.unlock(user: "lan", passphrase: Fixture.passphrase("lan")), id: referral.caseID, confirm: referral.caseID)
        #expect(try migrated.showCase(hoa, id: referral.caseID).erasure != nil)
    }
}
