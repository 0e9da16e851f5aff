import Foundation
import GRDB
import Testing
@testable import Cases

/// Central review as a week of use showed it must work (issue 16): a returned referral is
/// corrected and resubmitted with what it discloses built again, the officer sees why it is
/// reviewed, who sent it, since when, what changed and the cover note, and may approve with
/// a note the centre reads.
@Suite struct ReviewTests {
    /// A woman still in Korea facing violence, at high risk: an emergency to Danuri, abroad,
    /// waiting for central review.
    static func danuriEmergency(_ f: Fixture, name: String = "Lê Thị Ở Hàn") throws -> Referral {
        let hoa = try f.session("hoa")
        let opened = try f.open(name) {
            $0.risk = .high
            $0.needs = ["gbv-protection"]
            $0.destination = "KR"
        }
        _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: opened.id, purpose: .referral, agencyID: "kr-danuri", agencyKind: nil,
                                    fields: nil, note: nil)
        return try f.store.createReferral(hoa, policy: f.policy, request: ReferralRequest(caseID: opened.id, agencyID: "kr-danuri",
                                                                                          service: "gbv-protection"))
    }

    @Test func theQueueIsOldestFirstByTheDayEachWentBackToReview() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let trung = try f.session("trung")
        let first = try Now.$clock.withValue(try #require(FixedClock(day: "2026-11-02"))) { try Self.danuriEmergency(f, name: "Người Thứ Nhất") }
        let second = try Now.$clock.withValue(try #require(FixedClock(day: "2026-11-05"))) { try Self.danuriEmergency(f, name: "Người Thứ Hai") }
        #expect(try f.store.reviewQueue(trung).map(\.referral.id) == [first.id, second.id])
        // Returned and resubmitted later, the first now waits since then: behind the second.
        try Now.$clock.withValue(try #require(FixedClock(day: "2026-11-08"))) {
            _ = try f.store.returnReferral(trung, id: first.id, reason: PersonalText("Thiếu số điện thoại"))
            _ = try f.store.submitReferral(f.session("hoa"), policy: f.policy, id: first.id)
        }
        let queue = try f.store.reviewQueue(trung)
        #expect(queue.map(\.referral.id) == [second.id, first.id] && queue.last?.review?.waitingSince == "2026-11-08")
    }
    @Test func aReturnedReferralIsCorrectedAndTheOfficerSeesWhatChanged() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        let trung = try f.session("trung")
        let opened = try f.open("Nguyễn Thị Hoà", passport: "C1234567") {
            $0.risk = .high
            $0.needs = ["divorce-recognition"]
            $0.destination = "KR"
        }
        _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: opened.id, purpose: .referral, agencyID: nil, agencyKind: .justice,
                                    fields: nil, note: nil)
        var request = ReferralRequest(caseID: opened.id, agencyID: "vn-moj-hanoi", service: "divorce-recognition")
        request.note = PersonalText("Chị cần ghi chú ly hôn trước tháng Một")
        let referral = try f.store.createReferral(hoa, policy: f.policy, request: request)
        #expect(referral.status == .pendingReview)
        var queued = try #require(try f.store.reviewQueue(trung).first)
        #expect(queued.review?.reasons == [.highRisk] && queued.review?.submittedBy == "hoa" && queued.review?.changedSinceReturn == nil)
        #expect(queued.review?.waitingSince == Day.today() && queued.disclosure.fields["id_number"] == nil)
        #expect(queued.events.contains { $0.kind == "note" && $0.reason?.revealed == "Chị cần ghi chú ly hôn trước tháng Một" },
                "the cover note reaches the officer")

        _ = try f.store.returnReferral(trung, id: referral.id, reason: PersonalText("Thiếu số CCCD"))
        // Resubmitted unchanged: the officer is told nothing changed.
        _ = try f.store.submitReferral(hoa, policy: f.policy, id: referral.id)
        #expect(try f.store.reviewQueue(trung).first?.review?.changedSinceReturn == [])
        _ = try f.store.returnReferral(trung, id: referral.id, reason: PersonalText("Vẫn thiếu số CCCD"))
        var update = CaseUpdate()
        update.person.idNumber = PersonalText("001190000001")
        try f.store.updateCase(hoa, policy: f.policy, caseID: opened.id, update: update)
        _ = try f.store.submitReferral(hoa, policy: f.policy, id: referral.id, note: PersonalText("Đã bổ sung số CCCD"))
        queued = try #require(try f.store.reviewQueue(trung).first)
        #expect(queued.disclosure.fields["id_number"]?.string == "001190000001", "the disclosure is built again from the case")
        #expect(queued.review?.changedSinceReturn == ["id_number"])
        #expect(queued.events.contains { $0.reason?.revealed == "Đã bổ sung số CCCD" })
        // The centre's own copy is the new one too.
        #expect(try f.store.showReferral(hoa, id: referral.id).disclosure.fields["id_number"]?.string == "001190000001")

        let approved = try f.store.approveReferral(trung, id: referral.id, note: PersonalText("Đồng ý; gửi trong tuần"))
        #expect(approved.status == .ready)
        #expect(try f.store.showReferral(hoa, id: referral.id).events.contains { $0.kind == "approved" && $0.reason?.revealed == "Đồng ý; gửi trong tuần" })
        #expect(!(try f.fileBytes()).contains(ArraySlice(Array("gửi trong tuần".utf8))))
    }

    @Test func theReasonsForReviewComeFromTheReferralItsAgencyAndTheRisk() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        // A woman still in Korea facing violence, high risk: Danuri, abroad, reviewed for both.
        let referral = try Self.danuriEmergency(f)
        let shown = try f.store.showReferral(f.session("trung"), id: referral.id)
        #expect(shown.review?.reasons == [.highRisk, .crossBorder] && shown.review?.rule == "gbv-protection-korea-emergency")
        #expect(try f.store.showReferral(hoa, id: referral.id).review == nil, "the centre's view carries no review context")
    }

    @Test func anEmergencyIsSentBeforeReviewByAManagerAndReviewedAfterTheFact() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        let lan = try f.session("lan")
        let trung = try f.session("trung")
        let referral = try Self.danuriEmergency(f)
        #expect(referral.priority == .emergency && referral.status == .pendingReview)
        // Not sendable before review; a counsellor may not release it; a reason is needed.
        #expect(throws: CaunoiError.self) { _ = try f.store.sendReferral(lan, policy: f.policy, id: referral.id, letter: true) }
        #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) {
            _ = try f.store.releaseForEmergency(hoa, id: referral.id, reason: PersonalText("Chị cần chỗ ở đêm nay"))
        }
        #expect(throws: CaunoiError.missing(.reason)) { _ = try f.store.releaseForEmergency(lan, id: referral.id, reason: PersonalText(" ")) }
        #expect(throws: CaunoiError.notYourCentre) {
            _ = try f.store.releaseForEmergency(f.session("mai"), id: referral.id, reason: PersonalText("x"))
        }
        let released = try f.store.releaseForEmergency(lan, id: referral.id, reason: PersonalText("Chị cần chỗ ở đêm nay"))
        #expect(released.status == .ready)
        guard case .letter = try f.store.sendReferral(lan, policy: f.policy, id: referral.id, letter: true) else {
            Issue.record("no letter")
            return
        }
        // The officer sees it, marked, with the manager's reason; records the review; it leaves the queue.
        let queued = try #require(try f.store.reviewQueue(trung).first { $0.referral.id == referral.id })
        #expect(queued.review?.afterTheFact == true && queued.referral.status == .sent)
        #expect(queued.events.contains { $0.kind == "emergency-release" && $0.reason?.revealed == "Chị cần chỗ ở đêm nay" })
        try f.store.reviewAfterTheFact(trung, id: referral.id, note: PersonalText("Đồng ý với quyết định khẩn cấp"))
        #expect(try f.store.reviewQueue(trung).isEmpty)
        #expect(throws: CaunoiError.self) { _ = try f.store.reviewAfterTheFact(trung, id: referral.id, note: nil) }
        #expect(try f.store.showReferral(hoa, id: referral.id).events.contains { $0.reason?.revealed == "Đồng ý với quyết định khẩn cấp" })
        let log = try f.store.auditLog(f.session("root"))
        #expect(log.contains { $0.action == "referral.emergency" && $0.record == referral.id && $0.user == "lan" })

        // Only emergencies: a normal referral waiting for review is not released.
        let normal = try makeReferral(f, risk: .high)
        #expect(throws: CaunoiError.invalidReferralTransition(referral: normal.id, from: "pending-review", to: "emergency-release")) {
            _ = try f.store.releaseForEmergency(lan, id: normal.id, reason: PersonalText("x"))
        }
    }
}
