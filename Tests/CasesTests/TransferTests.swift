import Foundation
import CaunoiCrypto
import GRDB
import Testing
@testable import Cases

/// Transfers between centres (issue 15): she moves province; her manager asks, the receiving
/// centre's manager accepts, and her data key is re-wrapped under the receiving centre's key.
@Suite struct TransferTests {
    private func worked(_ f: Fixture) throws -> OpenedCase {
        let opened = try f.open("Phạm Thị Chuyển", phone: "0911222333") { $0.needs = ["child-birth-registration"] }
        let hoa = try f.session("hoa")
        try f.store.addNote(hoa, caseID: opened.id, text: PersonalText("Chị chuyển về Cần Thơ sống với mẹ."))
        try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(
            day: Now.vietnamToday(), kind: "phone", summary: PersonalText("Gọi báo sẽ chuyển nhà")))
        var son = ChildRecord()
        son.name = PersonalText("Bé Min")
        try f.store.addChild(hoa, policy: f.policy, caseID: opened.id, child: son)
        try f.store.assign(f.session("lan"), caseID: opened.id, to: "hoa")
        return opened
    }

    @Test func theReceivingCentreReadsEverythingAndTheSendingCentreNothing() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try worked(f)
        let transfer = try f.store.requestTransfer(f.session("lan"), id: opened.id, to: "CT-MC", reason: PersonalText("Chị chuyển về Cần Thơ"))
        // Waiting: nothing has moved yet.
        #expect(try f.store.showCase(f.session("hoa"), id: opened.id).summary.centre == "HN-OSSO")
        let waiting = try f.store.transfers(f.session("mai"), pendingOnly: true)
        #expect(waiting.map(\.id) == [transfer] && waiting.first?.cases == [opened.id] && waiting.first?.from == "HN-OSSO")
        #expect(try f.store.transfers(f.session("lan")).first?.status == .pending)

        try f.store.acceptTransfer(f.session("mai"), policy: f.policy, id: transfer)
        let mai = try f.session("mai")
        let view = try f.store.showCase(mai, id: opened.id)
        #expect(view.summary.centre == "CT-MC" && view.summary.assignedTo == nil)
        #expect(view.person.name?.revealed == "Phạm Thị Chuyển" && view.notes.first?.text.revealed == "Chị chuyển về Cần Thơ sống với mẹ.")
        #expect(view.contacts.first?.summary?.revealed == "Gọi báo sẽ chuyển nhà" && view.children.first?.name?.revealed == "Bé Min")
        #expect(view.events.map(\.kind).suffix(2) == ["transfer-requested", "transferred"])
        // Found at her new centre by name and phone; no longer at the old one.
        #expect(try f.store.findCases(mai, policy: f.policy, query: .phone("0911222333")).map(\.id) == [opened.id])
        #expect(try f.store.findCases(f.session("hoa"), policy: f.policy, query: .phone("0911222333")).isEmpty)
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.showCase(f.session("hoa"), id: opened.id) }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.showCase(f.session("lan"), id: opened.id) }
        // The key copy is gone; both centres' trails say so.
        let sealed = try f.raw { db in try Row.fetchOne(db, sql: "SELECT sealed_key, status FROM transfers WHERE id = ?", arguments: [transfer]) }
        #expect(sealed?.optionalBytes("sealed_key") == nil && sealed?["status"] == "accepted")
        let log = try f.store.auditLog(f.session("root"))
        #expect(log.contains { $0.action == "transfer.accept" && $0.centre == "HN-OSSO" } && log.contains { $0.action == "transfer.accept" && $0.centre == "CT-MC" })
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
        // Her new centre works the case.
        try f.store.addNote(mai, caseID: opened.id, text: PersonalText("Đã gặp chị tại Cần Thơ."))
    }

    @Test func refusalsAndADecline() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try worked(f)
        let lan = try f.session("lan")
        let reason = PersonalText("Chuyển nơi ở")
        #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) { _ = try f.store.requestTransfer(f.session("hoa"), id: opened.id, to: "CT-MC", reason: reason) }
        #expect(throws: CaunoiError.centreNotFound("XX-NOWHERE")) { _ = try f.store.requestTransfer(lan, id: opened.id, to: "XX-NOWHERE", reason: reason) }
        #expect(throws: CaunoiError.invalid(.centre)) { _ = try f.store.requestTransfer(lan, id: opened.id, to: "HN-OSSO", reason: reason) }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.requestTransfer(f.session("mai"), id: opened.id, to: "HN-OSSO", reason: reason) }
        #expect(throws: CaunoiError.missing(.reason)) { _ = try f.store.requestTransfer(lan, id: opened.id, to: "CT-MC", reason: PersonalText(" ")) }
        let transfer = try f.store.requestTransfer(lan, id: opened.id, to: "CT-MC", reason: reason)
        #expect(throws: CaunoiError.transferPending(opened.person)) { _ = try f.store.requestTransfer(lan, id: opened.id, to: "CT-MC", reason: reason) }
        #expect(throws: CaunoiError.notYourCentre) { try f.store.acceptTransfer(lan, policy: f.policy, id: transfer) }
        #expect(throws: CaunoiError.transferNotFound("W-NOSUCHTHING")) { try f.store.acceptTransfer(f.session("mai"), policy: f.policy, id: "W-NOSUCHTHING") }
        try f.store.declineTransfer(f.session("mai"), id: transfer)
        #expect(throws: CaunoiError.transferNotPending(transfer)) { try f.store.acceptTransfer(f.session("mai"), policy: f.policy, id: transfer) }
        #expect(try f.store.showCase(f.session("hoa"), id: opened.id).summary.centre == "HN-OSSO")
        // Her referrals in progress stay with the centre that made them: answered or withdrawn first.
        let referral = try makeReferral(f)
        #expect(throws: CaunoiError.referralsInProgress(referral.caseID)) {
            _ = try f.store.requestTransfer(lan, id: referral.caseID, to: "CT-MC", reason: reason)
        }
    }

    @Test func oneCaseOnlyGoesWithADataKeyOfItsOwnAndHerOtherCasesStay() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let first = try worked(f)
        let hoa = try f.session("hoa")
        let lan = try f.session("lan")
        let second = try f.open("Phạm Thị Chuyển") { $0.existingPersonID = first.person; $0.person = PersonFields() }
        try f.store.addNote(hoa, caseID: second.id, text: PersonalText("Hồ sơ ở lại Hà Nội"))
        try f.store.addAttachment(hoa, policy: f.policy, caseID: first.id, contents: SecureBytes(utf8: "GIẤY TỜ ĐI CÙNG HỒ SƠ"), title: nil,
                                  mediaType: nil, document: nil)
        let transfer = try f.store.requestCaseTransfer(lan, policy: f.policy, caseID: first.id, to: "CT-MC", reason: PersonalText("Chuyển một hồ sơ"))
        // The case has a record of its own, sealed under a new key; her other case keeps hers.
        let moving = try f.store.showCase(hoa, id: first.id)
        #expect(moving.summary.person != first.person && moving.summary.centre == "HN-OSSO" && moving.person.name?.revealed == "Phạm Thị Chuyển")
        #expect(moving.notes.first?.text.revealed == "Chị chuyển về Cần Thơ sống với mẹ.")
        let waiting = try f.store.transfers(f.session("mai"), pendingOnly: true)
        #expect(waiting.first?.id == transfer && waiting.first?.person == moving.summary.person && waiting.first?.cases == [first.id])

        try f.store.acceptTransfer(f.session("mai"), policy: f.policy, id: transfer)
        let mai = try f.session("mai")
        let arrived = try f.store.showCase(mai, id: first.id)
        #expect(arrived.summary.centre == "CT-MC" && arrived.children.first?.name?.revealed == "Bé Min")
        let attachment = try #require(arrived.attachments.first)
        #expect(try f.store.attachment(mai, caseID: first.id, id: attachment.id).contents.utf8String == "GIẤY TỜ ĐI CÙNG HỒ SƠ")
        // Her other case stays, readable here and not there; the moved one the other way round.
        #expect(try f.store.showCase(hoa, id: second.id).notes.first?.text.revealed == "Hồ sơ ở lại Hà Nội")
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.showCase(mai, id: second.id) }
        #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.showCase(hoa, id: first.id) }
        #expect(try f.store.showCase(hoa, id: second.id).summary.person == first.person)
        let log = try f.store.auditLog(f.session("root"))
        #expect(log.contains { $0.action == "person.split" && $0.record == first.person })
        #expect(try f.store.verifyAudit(f.session("root")) > 0)
    }

    @Test func aWomansOnlyCaseGoesAsAWholeAndOnlyTheMovingCasesReferralsHoldATransfer() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let lan = try f.session("lan")
        let alone = try worked(f)
        let transfer = try f.store.requestCaseTransfer(lan, policy: f.policy, caseID: alone.id, to: "CT-MC", reason: PersonalText("Chuyển nơi ở"))
        #expect(try f.store.transfers(lan).first { $0.id == transfer }?.person == alone.person)
        // A referral in progress on her other case does not hold this one back.
        let referral = try makeReferral(f)
        let person = try f.store.showCase(f.session("hoa"), id: referral.caseID).summary.person
        let other = try f.open("Người Có Hai Hồ Sơ") { $0.existingPersonID = person; $0.person = PersonFields() }
        #expect(throws: CaunoiError.referralsInProgress(referral.caseID)) {
            _ = try f.store.requestCaseTransfer(lan, policy: f.policy, caseID: referral.caseID, to: "CT-MC", reason: PersonalText("x"))
        }
        #expect(throws: CaunoiError.referralsInProgress(referral.caseID)) {
            _ = try f.store.requestTransfer(lan, id: other.id, to: "CT-MC", reason: PersonalText("x"))
        }
        _ = try f.store.requestCaseTransfer(lan, policy: f.policy, caseID: other.id, to: "CT-MC", reason: PersonalText("Chỉ hồ sơ này"))
        #expect(throws: CaunoiError.notYourCentre) {
            _ = try f.store.requestCaseTransfer(f.session("mai"), policy: f.policy, caseID: other.id, to: "HN-OSSO", reason: PersonalText("x"))
        }
    }

    @Test func aTransferRedirectedInTheFileOpensNothingAndErasureDeletesTheKeyCopy() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try worked(f)
        let other = try f.open("Lê Thị Khác")
        let transfer = try f.store.requestTransfer(f.session("lan"), id: opened.id, to: "CT-MC", reason: PersonalText("Chuyển nơi ở"))
        // Someone with the file points the transfer at another woman: her key is bound to this one.
        try f.tamper("UPDATE transfers SET person_id = ? WHERE id = ?", [other.person, transfer])
        #expect(throws: CaunoiError.integrityFailure(record: "\(transfer) (transfers.sealed_key)")) {
            try f.store.acceptTransfer(f.session("mai"), policy: f.policy, id: transfer)
        }
        try f.tamper("UPDATE transfers SET person_id = ? WHERE id = ?", [opened.person, transfer])
        let copy = try f.raw { db in try Row.fetchOne(db, sql: "SELECT sealed_key FROM transfers WHERE id = ?", arguments: [transfer])?.optionalBytes("sealed_key") }
        let key = try #require(copy)
        _ = try f.store.eraseSubject(f.session("lan"), id: opened.id, confirm: opened.id)
        #expect(!(try f.fileBytes()).contains(key.prefix(40)), "the sealed copy of her key is gone from the file")
        #expect(throws: CaunoiError.transferNotPending(transfer)) { try f.store.acceptTransfer(f.session("mai"), policy: f.policy, id: transfer) }
    }
}
