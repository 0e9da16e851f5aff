import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases
import Views

/// Subject erasure (crypto-shredding) and subject export (issue 5): after erasure nothing of
/// hers can be opened or found, none of her ciphertexts is left in the file, and her cases
/// keep their codes. The export holds everything, and is audited.
@Suite struct ErasureTests {
    /// A woman with everything a case can hold: sealed fields, a note, a consent with a note,
    /// and a high-risk referral returned by central review with a reason (sealed to the centre
    /// and to the central key, not under her DEK).
    private func worked(_ f: Fixture) throws -> (caseID: String, person: String, referral: String) {
        let referral = try makeReferral(f, risk: .high)
        let hoa = try f.session("hoa")
        try f.store.addNote(hoa, caseID: referral.caseID, text: PersonalText("Ghi chú bí mật về chuyến đi"))
        _ = try f.store.returnReferral(f.session("trung"), id: referral.id, reason: PersonalText("Thiếu số hộ chiếu mới"))
        let person = try f.store.showCase(hoa, id: referral.caseID).summary.person
        return (referral.caseID, person, referral.id)
    }

    /// Raw bytes of every sealed value of hers, as an attacker holding the file sees them.
    private func ciphertexts(_ f: Fixture, person: String) throws -> [[UInt8]] {
        try f.raw { db in
            var blobs: [[UInt8]] = []
            for sql in ["SELECT wrapped_dek, name, phones, passport FROM persons WHERE id = ?",
                        "SELECT n.body FROM notes n JOIN cases c ON c.id = n.case_id WHERE c.person_id = ?",
                        "SELECT c.safe_contact FROM cases c WHERE c.person_id = ?",
                        "SELECT r.disclosed, r.review_box FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.person_id = ?",
                        """
                        SELECT e.reason_for_centre, e.reason_for_central FROM referral_events e JOIN referrals r ON r.id = e.referral_id
                        JOIN cases c ON c.id = r.case_id WHERE c.person_id = ?
                        """] {
                for row in try Row.fetchAll(db, sql: sql, arguments: [person]) {
                    for index in 0..<row.count { if let data = row[index] as Data? { blobs.append([UInt8](data)) } }
                }
            }
            return blobs
        }
    }

    @Test func erasureShredsEverySealedValueAndKeepsTheCodes() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let (caseID, person, referralID) = try worked(f)
        let before = try ciphertexts(f, person: person)
        #expect(before.count == 9)  // DEK, name, passport, note, safe contact, disclosure ×2, return reason ×2
        let bystander = try f.open("Trần Thị Người Khác", phone: "0977000111")

        let report = try f.store.eraseSubject(f.session("lan"), id: caseID, confirm: caseID)
        #expect(report.erasure.person == person && report.erasure.basis == .request && report.cases == [caseID])

        // Nothing sealed, indexed or noted of hers is left; the ledger says who and when.
        try f.raw { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id = ?", arguments: [person]))
            for column in ["wrapped_dek"] + PersonColumn.allCases.map(\.rawValue) { #expect(row[column] as Data? == nil, "\(column)") }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM blind_indexes WHERE person_id = ?", arguments: [person]) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM notes WHERE case_id = ?", arguments: [caseID]) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM consents WHERE case_id = ? AND note IS NOT NULL", arguments: [caseID]) == 0)
            let referral = try #require(try Row.fetchOne(db, sql: "SELECT * FROM referrals WHERE id = ?", arguments: [referralID]))
            #expect(referral["status"] as String == "withdrawn" && referral["disclosed"] as Data? == nil && referral["review_box"] as Data? == nil)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM referral_events WHERE referral_id = ?
                  AND (reason IS NOT NULL OR reason_for_centre IS NOT NULL OR reason_for_central IS NOT NULL)
                """, arguments: [referralID]) == 0)
            #expect(try String.fetchOne(db, sql: "SELECT basis FROM erasures WHERE person_id = ?", arguments: [person]) == "request")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM blind_indexes WHERE person_id = ?", arguments: [bystander.person]) ?? 0 > 0)
        }
        // Not one of her ciphertexts is left anywhere in the file or its WAL (secure_delete, checkpoint).
        let bytes = try f.fileBytes()
        for blob in before { #expect(!bytes.contains(blob.prefix(40)), "a ciphertext of hers is still in the file") }

        // Her case keeps its codes and shows as erased; search no longer finds her.
        let hoa = try f.session("hoa")
        let view = try f.store.showCase(hoa, id: caseID)
        #expect(view.erasure?.person == person && view.person.name == nil && view.notes.isEmpty && view.safeContact == nil)
        #expect(view.summary.status == .closed && view.summary.outcome == "erased")
        #expect(view.summary.destination == "KR" && view.summary.needs == ["divorce-recognition"])
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .name("Nguyễn Thị Hoà")).isEmpty)
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .passport("C1234567")).isEmpty)
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .phone("0977000111")).map(\.id) == [bystander.id])
        #expect(try f.store.showCase(hoa, id: bystander.id).person.name?.revealed == "Trần Thị Người Khác")
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
        #expect(try f.store.auditLog(f.session("root")).contains { $0.action == "subject.erase" && $0.record == person })
    }

    @Test func erasureIsRefusedUnlessAManagerOfHerCentreConfirms() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Lê Thị Xác Nhận")
        #expect(throws: CaunoiError.confirmationMismatch(.confirm)) { _ = try f.store.eraseSubject(f.session("lan"), id: opened.id, confirm: "x") }
        #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) { _ = try f.store.eraseSubject(f.session("hoa"), id: opened.id, confirm: opened.id) }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.eraseSubject(f.session("mai"), id: opened.id, confirm: opened.id) }
        #expect(throws: CaunoiError.personNotFound("P-NOSUCHPERSON")) {
            _ = try f.store.eraseSubject(f.session("lan"), id: "P-NOSUCHPERSON", confirm: "P-NOSUCHPERSON")
        }
        #expect(try f.store.showCase(f.session("hoa"), id: opened.id).person.name != nil)
        _ = try f.store.eraseSubject(f.session("lan"), id: opened.person, confirm: opened.person)
        #expect(throws: CaunoiError.subjectErased(opened.person)) { _ = try f.store.eraseSubject(f.session("lan"), id: opened.id, confirm: opened.id) }
        #expect(throws: CaunoiError.subjectErased(opened.person)) {
            try f.store.addNote(f.session("hoa"), caseID: opened.id, text: PersonalText("không được"))
        }
        var intake = CaseIntake(programme: .returnee)
        intake.existingPersonID = opened.person
        #expect(throws: CaunoiError.subjectErased(opened.person)) { _ = try f.store.openCase(f.session("hoa"), policy: f.policy, intake: intake) }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.showCase(f.session("mai"), id: opened.id) }
    }

    @Test func erasureNamesTheReferralsAlreadySentAndReviewSaysErasedNotAltered() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let referral = try makeReferral(f, risk: .high)
        _ = try f.store.approveReferral(f.session("trung"), id: referral.id)
        _ = try f.store.sendReferral(f.session("hoa"), policy: f.policy, id: referral.id, letter: true)
        let report = try f.store.eraseSubject(f.session("lan"), id: referral.caseID, confirm: referral.caseID)
        #expect(report.sentReferrals == [referral.id])
        #expect(throws: CaunoiError.subjectErased(report.erasure.person)) { _ = try f.store.showReferral(f.session("trung"), id: referral.id) }
        #expect(throws: CaunoiError.subjectErased(report.erasure.person)) { _ = try f.store.showReferral(f.session("hoa"), id: referral.id) }
        #expect(try f.store.reviewQueue(f.session("trung")).isEmpty)
    }

    @Test func theOutcomeErasedIsReservedForErasure() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Phan Thị Dành Riêng")
        #expect(throws: CaunoiError.invalid(.outcome)) {
            try f.store.close(f.session("hoa"), policy: f.policy, caseID: opened.id, outcome: "erased", reason: nil)
        }
    }

    @Test func subjectExportHoldsEverythingAndIsAudited() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let (caseID, person, referralID) = try worked(f)
        var exported: SubjectRecord?
        try f.store.exportSubject(f.session("lan"), id: person) { exported = $0 }
        let record = try #require(exported)
        let json = record.json
        #expect(json["person"]?["name"]?.string == "Nguyễn Thị Hoà" && json["person"]?["passport"]?.string == "C1234567")
        guard case .array(let cases)? = json["cases"], let first = cases.first else { Issue.record("no cases"); return }
        #expect(first["id"]?.string == caseID && first["safe_contact"]?.string == "Chỉ nhắn tin")
        #expect(first["notes"].map { $0.canonical.contains("Ghi chú bí mật về chuyến đi") } == true)
        #expect(first["referrals"].map { $0.canonical.contains(referralID) && $0.canonical.contains("Thiếu số hộ chiếu mới") } == true)
        #expect(first["consents"].map { $0.canonical.contains("justice") } == true)
        guard case .array(let log)? = json["access_log"] else { Issue.record("no access log"); return }
        let actions = log.compactMap { $0["action"]?.string }
        #expect(Array(actions.prefix(3)) == ["case.open", "consent.give", "referral.create"])
        let html = record.html(policy: f.policy)
        #expect(html.contains("<html lang=\"vi\">") && html.contains("Nguyễn Thị Hoà") && html.contains("Họ và tên / Name"))
        #expect(try f.store.auditLog(f.session("root")).contains { $0.action == "subject.export" && $0.record == person && $0.user == "lan" })

        // Refused outside her centre and without keys; nothing is delivered then.
        for user in ["mai", "thu", "trung"] {
            #expect(throws: CaunoiError.self) { try f.store.exportSubject(f.session(user), id: caseID) { _ in Issue.record("delivered to \(user)") } }
        }
        // A failed delivery leaves no audit entry.
        #expect(throws: CaunoiError.cannotCreate(.output)) {
            try f.store.exportSubject(f.session("lan"), id: caseID) { _ in throw CaunoiError.cannotCreate(.output) }
        }
        #expect(try f.store.auditLog(f.session("root")).filter { $0.action == "subject.export" }.count == 1)

        // After erasure the export says so and holds codes only.
        _ = try f.store.eraseSubject(f.session("lan"), id: person, confirm: person)
        try f.store.exportSubject(f.session("hoa"), id: caseID) { exported = $0 }
        let after = try #require(exported).json
        #expect(after["erasure"]?["basis"]?.string == "request" && after["person"]?["name"] == .null)
        #expect(!after.canonical.contains("Nguyễn") && !after.canonical.contains("Ghi chú bí mật") && after.canonical.contains("\"KR\""))
    }
}

extension Fixture {
    /// Reads the file through a second connection, as an attacker (or an auditor) would.
    func raw<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("test.db").path)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// Changes the file behind caunoi's back (back-dating closures, restoring a keyslot).
    func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("test.db").path)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    /// Changes a case in the file as time would have (back-dating a closure, say), then re-seals
    /// it and commits the new seal in the audit trail as caunoi would, so that the test sees what
    /// it is about rather than the integrity layer catching the edit.
    func rewrite(_ sql: String, _ arguments: StatementArguments = [], case id: String, as user: String = "hoa") throws {
        try tamper(sql, arguments)
        let session = try session(user)
        try store.write { db in
            let summary = try CaseSummary.fetch(db, id: id)
            let vault = try store.personVault(db, id: summary.person, session: session)
            if let seal = try CaseSeal.update(db, caseID: id, vault: vault) {
                try store.audit(db, session, "test.rewrite", record: id, centre: summary.centre, state: seal)
            }
        }
    }

    /// The database file and its WAL, as bytes.
    func fileBytes() throws -> [UInt8] {
        let base = directory.appendingPathComponent("test.db").path
        return ["", "-wal"].flatMap { suffix in [UInt8](FileManager.default.contents(atPath: base + suffix) ?? Data()) }
    }
}

extension Array where Element == UInt8 {
    func contains(_ needle: ArraySlice<UInt8>) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        let first = needle.first!
        var index = 0
        while index <= count - needle.count {
            if self[index] == first, self[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
