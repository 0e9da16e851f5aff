import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

/// Overseas Vietnamese women's associations (issue 6): contact data sealed like a person's,
/// status history, linked cases shown only where readable, activities, report and statistics.
@Suite struct AssociationTests {
    /// An association kept by HN-OSSO, registered by its counsellor.
    private func register(_ f: Fixture, name: String = "Hội Phụ nữ Việt Nam tại Seoul", country: String = "kr",
                          status: AssociationStatus? = nil) throws -> String {
        var input = AssociationInput()
        input.name = name
        input.country = country
        input.city = "Seoul"
        input.founded = "2018-05"
        input.members = 140
        input.status = status
        input.website = "https://hoi-thu-nghiem.example.invalid"
        input.contact.name = PersonalText("Chị Liên Hệ Thử")
        input.contact.phone = PersonalText("+82 10 0000 1234")
        input.contact.email = PersonalText("lienhe.thu@example.invalid")
        input.contact.note = PersonalText("Chỉ gọi vào cuối tuần")
        return try f.store.addAssociation(f.session("hoa"), policy: f.policy, input: input)
    }

    @Test func contactDataIsSealedAndOnlyTheKeepingCentreOpensIt() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try register(f)
        let bytes = try f.fileBytes()
        for secret in ["Chị Liên Hệ Thử", "+82 10 0000 1234", "lienhe.thu@example.invalid", "Chỉ gọi vào cuối tuần"] {
            #expect(!bytes.contains(ArraySlice(Array(secret.utf8))), "contact data in the clear")
        }
        // Organisational data is plain by design.
        #expect(bytes.contains(ArraySlice(Array("Hội Phụ nữ Việt Nam tại Seoul".utf8))))

        let own = try f.store.showAssociation(f.session("lan"), id: id)
        #expect(own.contact?.name?.revealed == "Chị Liên Hệ Thử" && own.contact?.note?.revealed == "Chỉ gọi vào cuối tuần")
        #expect(own.summary.country == "KR" && own.summary.members == 140 && own.summary.status == .active)
        for user in ["mai", "trung"] {
            let other = try f.store.showAssociation(f.session(user), id: id)
            #expect(other.contact == nil && other.summary.name == "Hội Phụ nữ Việt Nam tại Seoul")
        }
        #expect(throws: CaunoiError.roleNotAllowed(role: "statistician")) { _ = try f.store.showAssociation(f.session("thu"), id: id) }
        var change = AssociationInput()
        change.members = 150
        #expect(throws: CaunoiError.notYourCentre) { try f.store.updateAssociation(f.session("mai"), policy: f.policy, id: id, input: change) }
        #expect(throws: CaunoiError.associationNotFound("A-NOSUCHASSOC")) { _ = try f.store.showAssociation(f.session("hoa"), id: "A-NOSUCHASSOC") }

        // A contact value moved into another association's row fails as an integrity error.
        let second = try register(f, name: "Hội thứ hai", country: "jp")
        try f.tamper("UPDATE associations SET contact_phone = (SELECT contact_phone FROM associations WHERE id = ?) WHERE id = ?", [id, second])
        #expect(throws: CaunoiError.integrityFailure(record: "\(second) (associations.contact_phone)")) {
            _ = try f.store.showAssociation(f.session("hoa"), id: second)
        }
    }

    @Test func badInputIsRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        var input = AssociationInput()
        input.name = "Hội"
        #expect(throws: CaunoiError.missing(.country)) { _ = try f.store.addAssociation(f.session("hoa"), policy: f.policy, input: input) }
        input.country = "XX"
        #expect(throws: CaunoiError.unknownCode(list: "country", code: "XX")) { _ = try f.store.addAssociation(f.session("hoa"), policy: f.policy, input: input) }
        input.country = "DE"
        for founded in ["18", "2018-13", "2018-5", "year"] {
            input.founded = founded
            #expect(throws: CaunoiError.invalidDate(.founded)) { _ = try f.store.addAssociation(f.session("hoa"), policy: f.policy, input: input) }
        }
        input.founded = nil
        input.members = -1
        #expect(throws: CaunoiError.self) { _ = try f.store.addAssociation(f.session("hoa"), policy: f.policy, input: input) }
        input.members = nil
        input.website = "javascript:alert(1)"
        #expect(throws: CaunoiError.self) { _ = try f.store.addAssociation(f.session("hoa"), policy: f.policy, input: input) }
        input.website = nil
        #expect(throws: CaunoiError.roleNotAllowed(role: "central")) { _ = try f.store.addAssociation(f.session("trung"), policy: f.policy, input: input) }
        #expect(try f.store.associations(f.session("hoa"), policy: f.policy, country: nil, status: nil).isEmpty)
    }

    @Test func statusChangesAreCheckedAndKeptAsHistory() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try register(f, status: .forming)
        func move(_ status: AssociationStatus, reason: String? = nil) throws {
            var input = AssociationInput()
            input.status = status
            input.reason = reason.map(PersonalText.init)
            try f.store.updateAssociation(f.session("hoa"), policy: f.policy, id: id, input: input)
        }
        try move(.active)
        #expect(throws: CaunoiError.invalidAssociationTransition(association: id, from: "active", to: "forming")) { try move(.forming) }
        #expect(throws: CaunoiError.conflicting(.reason, .status)) { try move(.dormant, reason: "không cần") }
        try move(.dormant)
        try move(.dissolved)
        #expect(throws: CaunoiError.invalidAssociationTransition(association: id, from: "dissolved", to: "active")) { try move(.active) }
        #expect(throws: CaunoiError.invalidAssociationTransition(association: id, from: "dissolved", to: "active")) { try move(.active, reason: "  ") }
        try move(.active, reason: "Ban chấp hành mới được bầu")
        let history = try f.store.showAssociation(f.session("lan"), id: id).history
        #expect(history.map(\.kind) == ["registered", "status", "status", "status", "status"])
        #expect(history.compactMap(\.to) == ["forming", "active", "dormant", "dissolved", "active"])
        #expect(history.last?.reason?.revealed == "Ban chấp hành mới được bầu")
        #expect(try f.store.showAssociation(f.session("mai"), id: id).history.allSatisfy { $0.reason == nil })
        #expect(try f.store.auditLog(f.session("root")).filter { $0.action == "association.update" && $0.record == id }.count == 4)
    }

    @Test func linkedCasesShowOnlyWhereTheReaderMayReadThem() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try register(f)
        let request = try f.open("Chị Liên Hệ Thử") {
            $0.programme = .association
            $0.associationID = id
            $0.supportRequest = "legal-registration-abroad"
        }
        let member = try f.open("Hội Viên Ở Cần Thơ", as: "mai") { $0.associationID = id; $0.destination = "KR" }
        #expect(try f.store.showAssociation(f.session("hoa"), id: id).cases.map(\.id) == [request.id])
        #expect(try f.store.showAssociation(f.session("mai"), id: id).cases.map(\.id) == [member.id])
        #expect(try f.store.showAssociation(f.session("trung"), id: id).cases.isEmpty)
        #expect(try f.store.showCase(f.session("hoa"), id: request.id).summary.supportRequest == "legal-registration-abroad")

        #expect(throws: CaunoiError.missing(.association)) { _ = try f.open("A") { $0.programme = .association } }
        #expect(throws: CaunoiError.missing(.request)) { _ = try f.open("A") { $0.programme = .association; $0.associationID = id } }
        #expect(throws: CaunoiError.unknownCode(list: "support-request", code: "money")) {
            _ = try f.open("A") { $0.programme = .association; $0.associationID = id; $0.supportRequest = "money" }
        }
        #expect(throws: CaunoiError.conflicting(.request, .programme)) { _ = try f.open("A") { $0.supportRequest = "founding-guidance" } }
        #expect(throws: CaunoiError.associationNotFound("A-NOSUCHASSOC")) { _ = try f.open("A") { $0.associationID = "A-NOSUCHASSOC" } }
    }

    @Test func activitiesReportAndStatisticsCountOrganisations() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let seoul = try register(f)
        _ = try register(f, name: "Hội Phụ nữ Việt Nam tại Đài Bắc", country: "TW", status: .forming)
        let hoa = try f.session("hoa")
        _ = try f.store.recordActivity(hoa, policy: f.policy, id: seoul, on: "2026-03-08", kind: "event", participants: 80, note: PersonalText("Ngày 8/3"))
        _ = try f.store.recordActivity(hoa, policy: f.policy, id: seoul, on: "2026-06-01", kind: "training", participants: nil, note: nil)
        _ = try f.store.recordActivity(hoa, policy: f.policy, id: seoul, on: "2025-10-20", kind: "event", participants: 30, note: nil)
        #expect(throws: CaunoiError.unknownCode(list: "activity-kind", code: "party")) {
            _ = try f.store.recordActivity(hoa, policy: f.policy, id: seoul, on: "2026-01-01", kind: "party", participants: nil, note: nil)
        }
        #expect(throws: CaunoiError.invalidDate(.date)) {
            _ = try f.store.recordActivity(hoa, policy: f.policy, id: seoul, on: "2026-02-30", kind: "event", participants: nil, note: nil)
        }
        #expect(throws: CaunoiError.notYourCentre) {
            _ = try f.store.recordActivity(f.session("mai"), policy: f.policy, id: seoul, on: "2026-01-01", kind: "event", participants: nil, note: nil)
        }
        let activities = try f.store.showAssociation(f.session("lan"), id: seoul).activities
        #expect(activities.map(\.on) == ["2025-10-20", "2026-03-08", "2026-06-01"] && activities[1].note?.revealed == "Ngày 8/3")

        let report = try f.store.associationReport(f.session("thu"), policy: f.policy, year: 2026)
        #expect(report.associations == 2)
        #expect(report.byCountry == [ReportCount(code: "KR", count: 1, participants: nil), ReportCount(code: "TW", count: 1, participants: nil)])
        #expect(report.byStatus.map(\.count) == [1, 1, 0, 0])
        #expect(report.activitiesByKind.first { $0.code == "event" } == ReportCount(code: "event", count: 1, participants: 80))
        #expect(report.activitiesByKind.first { $0.code == "training" }?.count == 1)
        #expect(try f.store.associationReport(f.session("thu"), policy: f.policy, year: nil).activitiesByKind.first?.count == 2)
        #expect(try f.store.associationReport(f.session("thu"), policy: f.policy, year: 2017).associations == 0)

        // Organisations are counted without suppression; women linked to them with it.
        var request = StatsRequest(dimensions: ["association_country"])
        request.unit = .associations
        let table = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        #expect(table.cells.first { $0.key == ["KR"] }?.value == 1 && table.cells.allSatisfy { $0.status == "published" })
        request.epsilon = "0.5"
        #expect(throws: CaunoiError.conflicting(.dp, .unit)) { _ = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request) }
        var needs = StatsRequest(dimensions: ["need"])
        needs.unit = .associations
        #expect(throws: CaunoiError.conflicting(.by, .unit)) { _ = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: needs) }
        _ = try f.open("Hội Viên Một") { $0.associationID = seoul }
        let women = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: StatsRequest(dimensions: ["association_country"]))
        #expect(women.cells.first { $0.key == ["KR"] }?.status == "primary")
    }

    @Test func rotationRewrapsTheAssociationsKeyToo() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try register(f)
        let rotation = try f.store.rotateCentreKey(f.session("lan"), centre: "HN-OSSO", recovery: nil)
        #expect(rotation.rewrapped == 1)
        #expect(try f.store.showAssociation(f.session("hoa"), id: id).contact?.phone?.revealed == "+82 10 0000 1234")
        let version = try f.raw { db in try Int.fetchOne(db, sql: "SELECT centre_key_version FROM associations WHERE id = ?", arguments: [id]) }
        #expect(version == 2)
    }
}
