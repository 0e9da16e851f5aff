import Foundation
import GRDB
import Testing
@testable import Cases

/// Her case plan (issue 15): goals for her needs, services planned by the centre or partners,
/// services delivered with their outcomes, and what the statistics count of them.
@Suite struct CasePlanTests {
    @Test func aPlanWithServicesAndWhatWasDeliveredAgainstIt() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà") { $0.needs = ["divorce-recognition", "psychosocial"] }
        let hoa = try f.session("hoa")
        let today = Now.vietnamToday()
        let target = try #require(Day.adding(days: 30, to: today))
        let goal = try f.store.addGoal(hoa, policy: f.policy, caseID: opened.id, need: "divorce-recognition",
                                       description: PersonalText("Ghi chú ly hôn tại Sở Tư pháp"), responsible: "hoa", target: target)
        try f.store.planService(hoa, policy: f.policy, caseID: opened.id, goalID: goal, service: "legal-advice", agency: nil, responsible: "hoa",
                                target: target)
        try f.store.planService(hoa, policy: f.policy, caseID: opened.id, goalID: goal, service: "document-assistance", agency: "vn-moj-hanoi",
                                responsible: nil, target: nil)
        try f.store.recordService(hoa, policy: f.policy, caseID: opened.id, service: ServiceRecord(
            service: "legal-advice", day: today, outcome: .completed, goal: goal, note: PersonalText("Đã hướng dẫn hồ sơ")))
        try f.store.recordService(hoa, policy: f.policy, caseID: opened.id, service: ServiceRecord(
            service: "document-assistance", day: today, outcome: .partlyCompleted, agency: "vn-moj-hanoi", goal: goal))
        try f.store.setGoalStatus(hoa, caseID: opened.id, goalID: goal, status: .partlyMet)
        let view = try f.store.showCase(hoa, id: opened.id)
        let shown = try #require(view.plan.first)
        #expect(shown.id == goal && shown.need == "divorce-recognition" && shown.status == .partlyMet && shown.closedOn == Day.today())
        #expect(shown.description?.revealed == "Ghi chú ly hôn tại Sở Tư pháp" && shown.target == target && shown.responsible == "hoa")
        #expect(shown.planned.map(\.service) == ["legal-advice", "document-assistance"] && shown.planned.map(\.agency) == [nil, "vn-moj-hanoi"])
        #expect(view.delivered.map(\.outcome) == [.completed, .partlyCompleted] && view.delivered.first?.note?.revealed == "Đã hướng dẫn hồ sơ")
        #expect(view.delivered.allSatisfy { $0.goal == goal } && view.summary.status == .active)
        #expect(!(try f.fileBytes()).contains(ArraySlice(Array("Ghi chú ly hôn".utf8))))
    }

    @Test func badPlansAndServicesAreRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà") { $0.needs = ["psychosocial"] }
        let hoa = try f.session("hoa")
        let today = Now.vietnamToday()
        #expect(throws: CaunoiError.invalid(.need)) {
            try f.store.addGoal(hoa, policy: f.policy, caseID: opened.id, need: "shelter", description: nil, responsible: nil, target: nil)
        }
        #expect(throws: CaunoiError.invalid(.target)) {
            try f.store.addGoal(hoa, policy: f.policy, caseID: opened.id, need: "psychosocial", description: nil, responsible: nil, target: "2020-01-01")
        }
        #expect(throws: CaunoiError.notYourCentre) {
            try f.store.addGoal(hoa, policy: f.policy, caseID: opened.id, need: "psychosocial", description: nil, responsible: "mai", target: nil)
        }
        let goal = try f.store.addGoal(hoa, policy: f.policy, caseID: opened.id, need: "psychosocial", description: nil, responsible: nil, target: nil)
        #expect(throws: CaunoiError.unknownCode(list: "service", code: "massage")) {
            try f.store.planService(hoa, policy: f.policy, caseID: opened.id, goalID: goal, service: "massage", agency: nil, responsible: nil, target: nil)
        }
        #expect(throws: CaunoiError.agencyNotFound("nowhere")) {
            try f.store.planService(hoa, policy: f.policy, caseID: opened.id, goalID: goal, service: "legal-aid", agency: "nowhere", responsible: nil,
                                    target: nil)
        }
        #expect(throws: CaunoiError.invalid(.goal)) {
            try f.store.planService(hoa, policy: f.policy, caseID: opened.id, goalID: "J-NOTAGOAL0000", service: "legal-aid", agency: nil,
                                    responsible: nil, target: nil)
        }
        let tomorrow = try #require(Day.adding(days: 1, to: today))
        #expect(throws: CaunoiError.implausibleDate(.date)) {
            try f.store.recordService(hoa, policy: f.policy, caseID: opened.id, service: ServiceRecord(service: "legal-aid", day: tomorrow, outcome: .completed))
        }
        #expect(throws: CaunoiError.implausibleDate(.date)) {
            try f.store.recordService(hoa, policy: f.policy, caseID: opened.id, service: ServiceRecord(service: "legal-aid", day: "2001-01-01", outcome: .completed))
        }
        #expect(throws: CaunoiError.notYourCentre) {
            try f.store.recordService(f.session("mai"), policy: f.policy, caseID: opened.id, service: ServiceRecord(service: "legal-aid", day: today,
                                                                                                                   outcome: .completed))
        }
        // A goal of another case is not reached through this one.
        let other = try f.open("Lê Thị Khác")
        #expect(throws: CaunoiError.invalid(.goal)) { try f.store.setGoalStatus(hoa, caseID: other.id, goalID: goal, status: .met) }
    }

    @Test func erasureShredsThePlansWordsAndStatisticsCountServicesByCodeAndProvider() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        let today = Now.vietnamToday()
        var truth: [String: Int] = [:]
        var first = ""
        for index in 0..<8 {
            let opened = try f.open("Người Nhận \(index)")
            if index == 0 { first = opened.id }
            try f.store.recordService(hoa, policy: f.policy, caseID: opened.id, service: ServiceRecord(
                service: "legal-advice", day: today, outcome: .completed, agency: index < 6 ? nil : "vn-moj-hanoi",
                note: PersonalText("Ghi chú dịch vụ \(index)")))
            truth[index < 6 ? "centre" : "justice", default: 0] += 1
        }
        var request = StatsRequest(dimensions: ["service_provider"])
        request.unit = .cases
        request.threshold = 3
        let result = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        let cells = Dictionary(uniqueKeysWithValues: result.cells.map { ($0.key[0], $0) })
        #expect(cells["justice"]?.status == "primary")
        for (code, cell) in cells where cell.status == "published" && code != "*" { #expect(cell.value == truth[code, default: 0], "\(code)") }
        var byService = StatsRequest(dimensions: ["service"])
        byService.unit = .cases
        byService.threshold = 3
        let services = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: byService)
        #expect(services.cells.first { $0.key == ["legal-advice"] }?.value == 8)

        let notes = try f.raw { db in try Row.fetchAll(db, sql: "SELECT note FROM services_delivered WHERE case_id = ?", arguments: [first])
            .compactMap { ($0["note"] as Data?).map { [UInt8]($0) } } }
        _ = try f.store.eraseSubject(f.session("lan"), id: first, confirm: first)
        let bytes = try f.fileBytes()
        for blob in notes { #expect(!bytes.contains(blob.prefix(40))) }
        #expect(try f.store.showCase(hoa, id: first).delivered.first?.note == nil)
    }
}
