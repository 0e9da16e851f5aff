import Foundation
import GRDB
import Testing
@testable import Cases
import Views

/// The caseworker's daily work (issue 15): contacts, follow-ups and closure approval.
@Suite struct CaseworkTests {
    @discardableResult
    static func on<T>(_ day: String, _ body: () throws -> T) throws -> T {
        try Now.$clock.withValue(try #require(FixedClock(day: day)), operation: body)
    }

    @Test func aContactIsWrittenDownSealedAndShown() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try Self.on("2026-03-02") { try f.open("Phạm Thị Liên") }
        try Self.on("2026-03-05") {
            let hoa = try f.session("hoa")
            let id = try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(
                day: "2026-03-04", kind: "home-visit", time: "09:30", minutes: 90, summary: PersonalText("Chị Liên kể về con gái")))
            let view = try f.store.showCase(hoa, id: opened.id)
            let contact = try #require(view.contacts.first)
            #expect(contact.id == id && contact.day == "2026-03-04" && contact.kind == "home-visit" && contact.minutes == 90)
            #expect(contact.time?.revealed == "09:30" && contact.summary?.revealed == "Chị Liên kể về con gái")
            #expect(contact.staff == "hoa" && contact.recordedBy == "hoa" && contact.recordedOn == "2026-03-05")
            #expect(view.summary.status == .active)
            // A colleague's contact, written down by someone else.
            try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(day: "2026-03-05", kind: "phone", staff: "lan"))
            #expect(try f.store.showCase(hoa, id: opened.id).contacts.map(\.staff) == ["hoa", "lan"])
            // Neither the time nor the summary is in the file as text.
            let bytes = try f.fileBytes()
            #expect(!bytes.contains(ArraySlice(Array("con gái".utf8))) && !bytes.contains(ArraySlice(Array("09:30".utf8))))
        }
    }

    @Test func contactsOutsideTheirLimitsAreRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try Self.on("2026-03-02") { try f.open("Phạm Thị Liên") }
        try Self.on("2026-03-20") {
            let hoa = try f.session("hoa")
            func add(_ contact: ContactRecord) throws { try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: contact) }
            let range = CaunoiError.contactDateOutOfRange(backdateDays: f.policy.casework.backdateDays)
            #expect(f.policy.casework.backdateDays == 14)
            #expect(throws: range) { try add(ContactRecord(day: "2026-03-05", kind: "phone")) }  // 15 days back
            #expect(throws: range) { try add(ContactRecord(day: "2026-03-21", kind: "phone")) }  // tomorrow
            #expect(throws: range) { try add(ContactRecord(day: "2026-03-20", kind: "phone", time: "23:59")) }  // later today (19:00 now)
            #expect(throws: CaunoiError.unknownCode(list: "contact-kind", code: "letter")) { try add(ContactRecord(day: "2026-03-20", kind: "letter")) }
            #expect(throws: CaunoiError.invalidDate(.date)) { try add(ContactRecord(day: "2026-02-30", kind: "phone")) }
            #expect(throws: CaunoiError.invalid(.time)) { try add(ContactRecord(day: "2026-03-20", kind: "phone", time: "24:10")) }
            #expect(throws: CaunoiError.invalid(.minutes)) { try add(ContactRecord(day: "2026-03-20", kind: "phone", minutes: 721)) }
            #expect(throws: CaunoiError.invalid(.minutes)) { try add(ContactRecord(day: "2026-03-20", kind: "phone", minutes: 0)) }
            #expect(throws: CaunoiError.notYourCentre) { try add(ContactRecord(day: "2026-03-20", kind: "phone", staff: "mai")) }
            #expect(throws: CaunoiError.invalid(.staff)) { try add(ContactRecord(day: "2026-03-20", kind: "phone", staff: "nobody")) }
            #expect(throws: CaunoiError.notYourCentre) {
                try f.store.addContact(f.session("mai"), policy: f.policy, caseID: opened.id, contact: ContactRecord(day: "2026-03-20", kind: "phone"))
            }
            #expect(throws: CaunoiError.roleNotAllowed(role: "statistician")) {
                try f.store.addContact(f.session("thu"), policy: f.policy, caseID: opened.id, contact: ContactRecord(day: "2026-03-20", kind: "phone"))
            }
            try add(ContactRecord(day: "2026-03-06", kind: "phone"))  // 14 days back: the limit itself
        }
        // Not before the case was opened, even within the backdating limit.
        let later = try Self.on("2026-03-20") { try f.open("Đỗ Thị Hạnh") }
        try Self.on("2026-03-21") {
            #expect(throws: CaunoiError.contactDateOutOfRange(backdateDays: 14)) {
                try f.store.addContact(f.session("hoa"), policy: f.policy, caseID: later.id, contact: ContactRecord(day: "2026-03-19", kind: "phone"))
            }
        }
    }

    @Test func aHighRiskCaseWithoutContactRaisesAFollowUpThatAContactEnds() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try Self.on("2026-03-02") { try f.open("Phạm Thị Liên") { $0.risk = .high } }
        try Self.on("2026-03-02") { try f.store.assign(f.session("lan"), caseID: opened.id, to: "hoa") }
        let key = "no-contact/\(opened.id)/2026-03-09"
        try Self.on("2026-03-08") {
            #expect(try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine).isEmpty)
            // Coming up within the week, for a face that shows what is ahead.
            let ahead = try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine, through: "2026-03-15")
            #expect(ahead.map(\.key) == [key])
        }
        try Self.on("2026-03-10") {
            let due = try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine)
            #expect(due == [FollowUp(key: key, caseID: opened.id, reason: .noContact, due: "2026-03-09", assignedTo: "hoa",
                                     detail: nil, doneBy: nil, doneOn: nil)])
            #expect(try f.store.dueFollowUps(f.session("lan"), policy: f.policy, scope: .mine).isEmpty)  // hoa's, not unassigned
            #expect(try f.store.dueFollowUps(f.session("lan"), policy: f.policy, scope: .centre).map(\.key) == [key])
            #expect(try f.store.dueFollowUps(f.session("mai"), policy: f.policy, scope: .centre).isEmpty)
            #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) {
                _ = try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .centre)
            }
            try f.store.addContact(f.session("hoa"), policy: f.policy, caseID: opened.id, contact: ContactRecord(day: "2026-03-10", kind: "phone"))
            #expect(try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine).isEmpty)
            #expect(throws: CaunoiError.taskNotFound(key)) { try f.store.completeFollowUp(f.session("hoa"), policy: f.policy, key: key) }
        }
        // A week after that contact it is raised again, and marking it done keeps who and when.
        try Self.on("2026-03-18") {
            let again = "no-contact/\(opened.id)/2026-03-17"
            #expect(try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine).map(\.key) == [again])
            #expect(throws: CaunoiError.notYourCentre) { try f.store.completeFollowUp(f.session("mai"), policy: f.policy, key: again) }
            try f.store.completeFollowUp(f.session("hoa"), policy: f.policy, key: again)
            #expect(try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine).isEmpty)
            let done = try f.store.showCase(f.session("hoa"), id: opened.id, policy: f.policy).followUps.map(\.followUp)
            #expect(done.map(\.key) == [again] && done.first?.doneBy == "hoa" && done.first?.doneOn == "2026-03-18")
        }
        #expect(throws: CaunoiError.taskNotFound("no-contact/XX/2026-01-01")) {
            try f.store.completeFollowUp(f.session("hoa"), policy: f.policy, key: "no-contact/XX/2026-01-01")
        }
    }

    @Test func aShelterStayEndingRaisesAFollowUpUntilHerGoalIsDecided() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try Self.on("2026-03-02") { try f.open("Phạm Thị Liên") { $0.needs = ["shelter"] } }
        let goal = try Self.on("2026-03-02") {
            let lan = try f.session("lan")
            let goal = try f.store.addGoal(lan, policy: f.policy, caseID: opened.id, need: "shelter", description: nil, responsible: "hoa", target: nil)
            try f.store.planService(lan, policy: f.policy, caseID: opened.id, goalID: goal, service: "shelter-stay", agency: nil, responsible: "hoa",
                                    target: "2026-03-20")
            return goal
        }
        #expect(f.policy.casework.shelterStayEndingDays == 3)
        let early = try Self.on("2026-03-16") { try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine) }
        #expect(early.isEmpty)
        try Self.on("2026-03-17") {
            let due = try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine)
            #expect(due.map(\.reason) == [.shelterStayEnding] && due.first?.detail == "2026-03-20" && due.first?.assignedTo == "hoa")
            try f.store.setGoalStatus(f.session("hoa"), caseID: opened.id, goalID: goal, status: .met)
            #expect(try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine).isEmpty)
        }
    }

    @Test func aManualFollowUpHasASealedReasonAnAssigneeAndADueDay() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try Self.on("2026-03-02") { try f.open("Phạm Thị Liên") }
        let taskID = try Self.on("2026-03-03") {
            let lan = try f.session("lan")
            #expect(throws: CaunoiError.invalid(.due)) {
                try f.store.addFollowUp(lan, caseID: opened.id, due: "2026-03-02", assignTo: "hoa", reason: PersonalText("Gọi lại"))
            }
            #expect(throws: CaunoiError.notYourCentre) {
                try f.store.addFollowUp(lan, caseID: opened.id, due: "2026-03-06", assignTo: "mai", reason: PersonalText("Gọi lại"))
            }
            #expect(throws: CaunoiError.missing(.reason)) {
                try f.store.addFollowUp(lan, caseID: opened.id, due: "2026-03-06", assignTo: "hoa", reason: PersonalText("  "))
            }
            // The case is lan's; the task is hoa's: it is on hoa's list, not lan's.
            try f.store.assign(lan, caseID: opened.id, to: "lan")
            return try f.store.addFollowUp(lan, caseID: opened.id, due: "2026-03-06", assignTo: "hoa",
                                           reason: PersonalText("Hỏi lại về phiên toà ly hôn"))
        }
        try Self.on("2026-03-06") {
            let hoa = try f.session("hoa")
            let due = try f.store.dueFollowUps(hoa, policy: f.policy, scope: .mine)
            #expect(due.map(\.key) == [taskID] && due.first?.reason == .manual && due.first?.assignedTo == "hoa")
            #expect(try f.store.dueFollowUps(f.session("lan"), policy: f.policy, scope: .mine).isEmpty)
            #expect(try f.store.dueFollowUps(f.session("lan"), policy: f.policy, scope: .centre).map(\.key) == [taskID])
            let shown = try f.store.showCase(hoa, id: opened.id, policy: f.policy).followUps
            #expect(shown.first?.note?.revealed == "Hỏi lại về phiên toà ly hôn")
            try f.store.completeFollowUp(hoa, policy: f.policy, key: taskID)
            #expect(try f.store.dueFollowUps(hoa, policy: f.policy, scope: .mine).isEmpty)
            #expect(throws: CaunoiError.taskNotFound(taskID)) { try f.store.completeFollowUp(hoa, policy: f.policy, key: taskID) }
            let after = try f.store.showCase(hoa, id: opened.id, policy: f.policy).followUps
            #expect(after.first?.followUp.doneBy == "hoa" && after.first?.followUp.doneOn == "2026-03-06")
        }
    }

    @Test func aReferralPastItsDueTimeRaisesAFollowUpUntilItIsAnswered() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let referral = try makeReferral(f)
        let dueDay = String(referral.due.prefix(10))
        let later = try #require(Day.adding(days: 3, to: dueDay))
        try Self.on(later) {
            let due = try f.store.dueFollowUps(f.session("hoa"), policy: f.policy, scope: .mine)
            #expect(due.count == 1 && due.first?.reason == .referralPastDue && due.first?.detail == referral.id)
            #expect(due.first?.assignedTo == "hoa")  // unassigned case: whoever made the referral
        }
    }

    @Test func closingAHighRiskCaseNeedsAManagersApproval() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let risky = try Self.on("2026-03-02") { try f.open("Phạm Thị Liên") { $0.risk = .high } }
        let plain = try Self.on("2026-03-02") { try f.open("Đỗ Thị Hạnh") }
        try Self.on("2026-03-04") {
            let hoa = try f.session("hoa")
            let lan = try f.session("lan")
            #expect(try f.store.closureOptions(hoa, caseID: risky.id) == ClosureOptions(step: .requestApproval, mayDecline: false))
            #expect(try f.store.closureOptions(lan, caseID: risky.id) == ClosureOptions(step: .approve, mayDecline: false))
            #expect(try f.store.closureOptions(hoa, caseID: plain.id) == ClosureOptions(step: .close, mayDecline: false))
            #expect(throws: CaunoiError.notYourCentre) { _ = try f.store.closureOptions(f.session("mai"), caseID: plain.id) }
            #expect(throws: CaunoiError.approvalNeeded(caseID: risky.id)) {
                try f.store.close(hoa, policy: f.policy, caseID: risky.id, outcome: "resolved", reason: nil)
            }
            #expect(throws: CaunoiError.noClosureRequest(caseID: risky.id)) { try f.store.declineClosure(lan, caseID: risky.id, reason: PersonalText("x")) }
            try f.store.requestClosure(hoa, policy: f.policy, caseID: risky.id, outcome: "duplicate", reason: PersonalText("Trùng với hồ sơ cũ"))
            #expect(try f.store.showCase(hoa, id: risky.id).summary.closureRequest == "duplicate")
            #expect(try f.store.closureOptions(lan, caseID: risky.id) == ClosureOptions(step: .approve, mayDecline: true))
            let waiting = try f.store.dueFollowUps(lan, policy: f.policy, scope: .mine)
            #expect(waiting.map(\.reason) == [.closureRequest] && waiting.first?.detail == "duplicate" && waiting.first?.canBeMarkedDone == false)
            #expect(throws: CaunoiError.invalid(.task)) { try f.store.completeFollowUp(lan, policy: f.policy, key: waiting[0].key) }
            #expect(throws: CaunoiError.roleNotAllowed(role: "counsellor")) {
                try f.store.declineClosure(hoa, caseID: risky.id, reason: PersonalText("x"))
            }
            try f.store.declineClosure(lan, caseID: risky.id, reason: PersonalText("Chưa liên lạc được với chị"))
            #expect(try f.store.showCase(hoa, id: risky.id).summary.closureRequest == nil)
            #expect(try f.store.dueFollowUps(lan, policy: f.policy, scope: .mine).isEmpty)
            // The manager closes it herself, and must say why.
            #expect(throws: CaunoiError.missing(.reason)) { try f.store.close(lan, policy: f.policy, caseID: risky.id, outcome: "resolved", reason: nil) }
            try f.store.requestClosure(hoa, policy: f.policy, caseID: risky.id, outcome: "resolved", reason: PersonalText("Đã ổn định"))
            try f.store.close(lan, policy: f.policy, caseID: risky.id, outcome: "resolved", reason: PersonalText("Đồng ý: đã ổn định"))
            let closed = try f.store.showCase(lan, id: risky.id)
            #expect(closed.summary.status == .closed && closed.summary.closureRequest == nil && closed.summary.outcome == "resolved")
            #expect(closed.events.map(\.kind).suffix(4) == ["closure-requested", "closure-declined", "closure-requested", "closed"])
            // A case at no risk and with no referral waiting: the counsellor closes it.
            try f.store.close(hoa, policy: f.policy, caseID: plain.id, outcome: "transferred", reason: nil)
        }
    }

    @Test func referralsStillWaitingNeedApprovalToo() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let referral = try makeReferral(f)
        #expect(throws: CaunoiError.approvalNeeded(caseID: referral.caseID)) {
            try f.store.close(f.session("hoa"), policy: f.policy, caseID: referral.caseID, outcome: "resolved", reason: nil)
        }
        _ = try f.store.withdrawReferral(f.session("hoa"), id: referral.id, reason: PersonalText("Chị không cần nữa"))
        try f.store.close(f.session("hoa"), policy: f.policy, caseID: referral.caseID, outcome: "resolved", reason: nil)
    }

    @Test func contactsAndFollowUpsAreSealedWithTheCase() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Phạm Thị Liên")
        let hoa = try f.session("hoa")
        try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(day: Now.vietnamToday(), kind: "phone"))
        try f.tamper("UPDATE contacts SET kind = 'home-visit'")
        #expect(throws: CaunoiError.integrityFailure(record: "\(opened.id) (cases.seal)")) { _ = try f.store.showCase(hoa, id: opened.id) }
        try f.tamper("UPDATE contacts SET kind = 'phone'")
        _ = try f.store.showCase(hoa, id: opened.id)
        try f.tamper("DELETE FROM contacts")
        #expect(throws: CaunoiError.integrityFailure(record: "\(opened.id) (cases.seal)")) { _ = try f.store.showCase(hoa, id: opened.id) }
    }

    @Test func erasureShredsContactsAndFollowUpReasonsAndRotationKeepsThemReadable() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Phạm Thị Liên")
        let hoa = try f.session("hoa")
        try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(
            day: Now.vietnamToday(), kind: "office-visit", time: "08:15", summary: PersonalText("Tóm tắt buổi gặp")))
        try f.store.addFollowUp(hoa, caseID: opened.id, due: Now.vietnamToday(), assignTo: nil, reason: PersonalText("Lý do theo dõi"))
        _ = try f.store.rotateCentreKey(f.session("lan"), centre: "HN-OSSO", recovery: nil)
        let rotated = try f.store.showCase(f.session("hoa"), id: opened.id)
        #expect(rotated.contacts.first?.summary?.revealed == "Tóm tắt buổi gặp" && rotated.followUps.first?.note?.revealed == "Lý do theo dõi")
        let sealed = try f.raw { db in
            try Row.fetchAll(db, sql: "SELECT at_time AS v FROM contacts UNION ALL SELECT summary FROM contacts UNION ALL SELECT note FROM tasks")
                .compactMap { ($0["v"] as Data?).map { [UInt8]($0) } }
        }
        #expect(sealed.count == 3)
        _ = try f.store.eraseSubject(f.session("lan"), id: opened.id, confirm: opened.id)
        let bytes = try f.fileBytes()
        for blob in sealed { #expect(!bytes.contains(blob.prefix(40)), "a sealed contact or follow-up value is still in the file") }
        let erased = try f.store.showCase(f.session("hoa"), id: opened.id)
        #expect(erased.contacts.count == 1 && erased.contacts.first?.summary == nil && erased.contacts.first?.kind == "office-visit")
    }

    @Test func herSubjectExportHoldsHerContactsAndFollowUps() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Phạm Thị Liên")
        let hoa = try f.session("hoa")
        try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(
            day: Now.vietnamToday(), kind: "accompaniment", minutes: 240, summary: PersonalText("Đi cùng chị đến toà án")))
        try f.store.addFollowUp(hoa, caseID: opened.id, due: Now.vietnamToday(), assignTo: nil, reason: PersonalText("Gọi hỏi kết quả phiên toà"))
        var exported: SubjectRecord?
        try f.store.exportSubject(hoa, id: opened.id) { exported = $0 }
        let record = try #require(exported)
        let json = record.json.canonical
        #expect(json.contains("Đi cùng chị đến toà án") && json.contains("\"accompaniment\"") && json.contains("Gọi hỏi kết quả phiên toà"))
        let html = record.html(policy: f.policy)
        #expect(html.contains("Tiếp xúc / Contacts") && html.contains("Đi cùng chị đến toà án") && html.contains("Gọi hỏi kết quả phiên toà"))
    }

    @Test func statisticsCountCasesByTheKindsOfContactTheyHad() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        let today = Now.vietnamToday()
        var truth = ["phone": 0, "home-visit": 0, "none": 0]
        for index in 0..<10 {
            let opened = try f.open("Người Thử \(index)")
            if index < 7 {
                try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(day: today, kind: "phone"))
                truth["phone", default: 0] += 1
            }
            if index < 2 {  // a second call counts nothing more; a home visit does
                try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(day: today, kind: "phone"))
                try f.store.addContact(hoa, policy: f.policy, caseID: opened.id, contact: ContactRecord(day: today, kind: "home-visit"))
                truth["home-visit", default: 0] += 1
            }
            if index >= 7 { truth["none", default: 0] += 1 }
        }
        var request = StatsRequest(dimensions: ["contact_kind"])
        request.unit = .cases
        request.threshold = 3
        let result = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        let cells = Dictionary(uniqueKeysWithValues: result.cells.map { ($0.key[0], $0) })
        #expect(cells["home-visit"]?.status == "primary" && cells["home-visit"]?.value == nil)
        #expect(cells["accompaniment"]?.value == 0)
        for (code, cell) in cells where cell.status == "published" && code != "*" {
            #expect(cell.value == truth[code, default: 0], "\(code)")
        }
        #expect(cells["phone"]?.value == 7 || cells["phone"]?.status == "secondary")
        request.unit = .referrals
        #expect(throws: CaunoiError.conflicting(.by, .unit)) { _ = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request) }
    }
}
