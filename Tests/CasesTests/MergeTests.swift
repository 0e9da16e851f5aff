import Foundation
import CaunoiCrypto
import GRDB
import Testing
@testable import Cases

/// Merging a woman recorded twice (issue 15): a manager moves every case of the duplicate to
/// the person kept; every value sealed under the duplicate's key is sealed again under the
/// kept person's, and the duplicate's key is deleted.
@Suite struct MergeTests {
    /// A case of the duplicate with a value in every sealed column a case can have.
    private func fullyWorked(_ f: Fixture) throws -> OpenedCase {
        let opened = try f.open("Nguyen Thi Hoa", phone: "0977000111", passport: "C7654321") {
            $0.needs = ["divorce-recognition"]
            $0.safeContact = PersonalText("Chỉ gọi sau 18 giờ")
        }
        let hoa = try f.session("hoa")
        let lan = try f.session("lan")
        try f.store.addNote(hoa, caseID: opened.id, text: PersonalText("Ghi chú của bản ghi trùng"))
        try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(
            day: Now.vietnamToday(), kind: "phone", time: "09:15", summary: PersonalText("Gọi hỏi thăm bản ghi trùng")))
        try f.store.addFollowUp(hoa, caseID: opened.id, due: Now.vietnamToday(), assignTo: nil, reason: PersonalText("Nhắc mang giấy tờ"))
        var son = ChildRecord()
        (son.name, son.dateOfBirth) = (PersonalText("Bé Trùng"), PersonalText("2020-02-02"))
        try f.store.addChild(hoa, policy: f.policy, caseID: opened.id, child: son)
        var husband = SpouseRecord(relation: .formerSpouse)
        (husband.name, husband.contact) = (PersonalText("Chồng Cũ Trùng"), PersonalText("+82 10 0000 1111"))
        try f.store.addSpouse(hoa, policy: f.policy, caseID: opened.id, spouse: husband)
        try f.store.addAttachment(hoa, policy: f.policy, caseID: opened.id, contents: SecureBytes(utf8: "NỘI DUNG TỆP CỦA BẢN GHI TRÙNG"),
                                  title: PersonalText("ban-an.pdf"), mediaType: "application/pdf", document: "foreign-divorce-judgment")
        let goal = try f.store.addGoal(hoa, policy: f.policy, caseID: opened.id, need: "divorce-recognition",
                                       description: PersonalText("Mục tiêu của bản ghi trùng"), responsible: nil, target: nil)
        try f.store.recordService(hoa, policy: f.policy, caseID: opened.id, service: ServiceRecord(
            service: "legal-advice", day: Now.vietnamToday(), outcome: .completed, goal: goal, note: PersonalText("Dịch vụ của bản ghi trùng")))
        let safety = try f.policy.assessmentForm("safety")
        try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(
            form: "safety", answers: AssessmentTests.answers(safety), note: PersonalText("Đánh giá của bản ghi trùng")))
        _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: opened.id, purpose: .referral, agencyID: nil, agencyKind: .justice,
                                    fields: nil, note: PersonalText("Chị đồng ý bằng lời"))
        let referral = try f.store.createReferral(hoa, policy: f.policy, request: ReferralRequest(caseID: opened.id, agencyID: "vn-moj-hanoi",
                                                                                                 service: "divorce-recognition"))
        _ = try f.store.withdrawReferral(hoa, id: referral.id, reason: PersonalText("Chị muốn tự đi"))
        let transfer = try f.store.requestTransfer(lan, id: opened.id, to: "CT-MC", reason: PersonalText("Lý do chuyển của bản ghi trùng"))
        try f.store.declineTransfer(f.session("mai"), id: transfer)
        try f.store.close(lan, policy: f.policy, caseID: opened.id, outcome: "resolved", reason: PersonalText("Đóng vì đã xong"))
        try f.store.reopen(lan, caseID: opened.id, reason: PersonalText("Mở lại vì chị quay lại"))
        return opened
    }

    @Test func everyValueOfTheDuplicateMovesUnderTheKeptKeyAndHerKeyIsGone() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let kept = try f.open("Nguyễn Thị Hoà", phone: "0912345678")
        let duplicate = try fullyWorked(f)
        let before = try f.raw { db in
            try Row.fetchAll(db, sql: "SELECT body FROM notes UNION ALL SELECT content FROM attachment_contents UNION ALL SELECT answers FROM assessments")
                .map { [UInt8]($0[0] as Data) }
        }
        let lan = try f.session("lan")
        let merged = try f.store.mergePerson(lan, policy: f.policy, id: duplicate.id, into: kept.person)
        #expect(merged == MergeResult(duplicate: duplicate.person, kept: kept.person, cases: [duplicate.id]))

        let hoa = try f.session("hoa")
        let view = try f.store.showCase(hoa, id: duplicate.id)
        #expect(view.summary.person == kept.person && view.person.name?.revealed == "Nguyễn Thị Hoà")
        #expect(view.safeContact?.revealed == "Chỉ gọi sau 18 giờ" && view.notes.first?.text.revealed == "Ghi chú của bản ghi trùng")
        #expect(view.contacts.first?.summary?.revealed == "Gọi hỏi thăm bản ghi trùng" && view.contacts.first?.time?.revealed == "09:15")
        #expect(view.followUps.contains { $0.note?.revealed == "Nhắc mang giấy tờ" })
        #expect(view.children.first?.name?.revealed == "Bé Trùng" && view.children.first?.dateOfBirth?.revealed == "2020-02-02")
        #expect(view.spouses.first?.contact?.revealed == "+82 10 0000 1111")
        #expect(view.plan.first?.description?.revealed == "Mục tiêu của bản ghi trùng")
        #expect(view.delivered.first?.note?.revealed == "Dịch vụ của bản ghi trùng")
        #expect(view.assessments.first?.note?.revealed == "Đánh giá của bản ghi trùng" && view.assessments.first?.answers?.isEmpty == false)
        #expect(view.consents.first?.note?.revealed == "Chị đồng ý bằng lời")
        #expect(view.events.contains { $0.reason?.revealed == "Đóng vì đã xong" } && view.events.last?.kind == "merged")
        let attachment = try #require(view.attachments.first)
        #expect(attachment.title?.revealed == "ban-an.pdf")
        #expect(try f.store.attachment(hoa, caseID: duplicate.id, id: attachment.id).contents.utf8String == "NỘI DUNG TỆP CỦA BẢN GHI TRÙNG")
        let referral = try f.store.showReferral(hoa, id: "\(duplicate.id)-R1")
        #expect(referral.events.contains { $0.reason?.revealed == "Chị muốn tự đi" } && referral.disclosure.fields["name"]?.string == "Nguyen Thi Hoa")
        #expect(try f.store.transfers(lan).first?.person == kept.person)

        // The kept record gained the duplicate's spelling, phone and passport: searches by either find her.
        let keptView = try f.store.showCase(hoa, id: kept.id)
        #expect(keptView.person.otherNames.isEmpty, "the same name without diacritics is not another name")
        #expect(keptView.person.phones.map(\.revealed) == ["0912345678", "0977000111"] && keptView.person.passport?.revealed == "C7654321")
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .phone("0977000111")).map(\.id).sorted() == [kept.id, duplicate.id].sorted())

        // The duplicate: no key, no fields, no index entries; her id answers where she went.
        let row = try #require(try f.raw { db in try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id = ?", arguments: [duplicate.person]) })
        #expect(row.optionalBytes("wrapped_dek") == nil && row.optionalBytes("name") == nil && row.optionalBytes("phones") == nil)
        #expect(try f.raw { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM blind_indexes WHERE person_id = ?", arguments: [duplicate.person]) } == 0)
        #expect(throws: CaunoiError.personMerged(duplicate.person, into: kept.person)) {
            _ = try f.store.mergePerson(lan, policy: f.policy, id: duplicate.person, into: kept.person)
        }
        // No ciphertext sealed under her key is left in the file or the WAL.
        let bytes = try f.fileBytes()
        for blob in before { #expect(!bytes.contains(blob.prefix(40))) }
        let log = try f.store.auditLog(f.session("root"))
        #expect(log.contains { $0.action == "person.merge" && $0.record == duplicate.person })
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
    }

    @Test func refusals() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let kept = try f.open("Nguyễn Thị Hoà")
        let duplicate = try f.open("Nguyễn Thị Hòa")
        let lan = try f.session("lan")
        #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) {
            _ = try f.store.mergePerson(f.session("hoa"), policy: f.policy, id: duplicate.id, into: kept.id)
        }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.mergePerson(f.session("mai"), policy: f.policy, id: duplicate.id, into: kept.id) }
        #expect(throws: CaunoiError.invalid(.into)) { _ = try f.store.mergePerson(lan, policy: f.policy, id: duplicate.id, into: duplicate.person) }
        #expect(throws: CaunoiError.caseNotFound("HN-OSSO-2026-99999")) {
            _ = try f.store.mergePerson(lan, policy: f.policy, id: duplicate.id, into: "HN-OSSO-2026-99999")
        }
        // Another centre's woman is not merged into this centre's.
        let elsewhere = try f.open("Nguyễn Thị Hoà", as: "mai")
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.mergePerson(lan, policy: f.policy, id: duplicate.id, into: elsewhere.id) }
        let transfer = try f.store.requestTransfer(lan, id: kept.id, to: "CT-MC", reason: PersonalText("Chị chuyển nhà"))
        #expect(throws: CaunoiError.transferPending(kept.person)) { _ = try f.store.mergePerson(lan, policy: f.policy, id: duplicate.id, into: kept.id) }
        try f.store.declineTransfer(f.session("mai"), id: transfer)
        // "Hòa" and "Hoà" are one name folded: the kept record gains no other name.
        try f.store.mergePerson(lan, policy: f.policy, id: duplicate.id, into: kept.id)
        #expect(try f.store.showCase(lan, id: kept.id).person.otherNames.isEmpty)
        #expect(throws: CaunoiError.personMerged(duplicate.person, into: kept.person)) { _ = try f.store.eraseSubject(lan, id: duplicate.person, confirm: duplicate.person) }
    }
}
