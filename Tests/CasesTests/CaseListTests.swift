import Testing
@testable import Cases

/// The case list a web page shows: filters, unassigned cases, pages with their total, and the
/// colleagues a case may be assigned to.
@Suite struct CaseListTests {
    @Test func pagesFiltersAndColleagues() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let ids = try ["Nguyễn Thị An", "Trần Thị Bình", "Lê Thị Cúc"].map { try f.open($0).id }
        let lan = try f.session("lan"), hoa = try f.session("hoa")
        try f.store.assign(lan, caseID: ids[1], to: "lan")
        try f.store.close(hoa, policy: f.policy, caseID: ids[2], outcome: "resolved", reason: nil)

        let first = try f.store.listCases(hoa, CaseFilter(), page: CasePageRequest(number: 1, size: 2))
        let second = try f.store.listCases(hoa, CaseFilter(), page: CasePageRequest(number: 2, size: 2))
        #expect(first.total == 3 && second.total == 3)
        #expect(first.cases.map(\.id) + second.cases.map(\.id) == ids)
        #expect(try f.store.listCases(hoa, CaseFilter(), page: CasePageRequest(number: 9, size: 2)).cases.isEmpty)

        #expect(try f.store.listCases(lan, CaseFilter(assignedTo: "lan")).cases.map(\.id) == [ids[1]])
        #expect(try f.store.listCases(lan, CaseFilter(activeOnly: true)).cases.map(\.id) == [ids[0], ids[1]])
        #expect(try f.store.listCases(lan, CaseFilter(status: .closed)).cases.map(\.id) == [ids[2]])
        // The opener is assigned her new cases, so none is unassigned here.
        #expect(try f.store.listCases(lan, CaseFilter(assignedTo: "")).cases.isEmpty)

        #expect(try f.store.colleagues(hoa) == ["hoa", "lan"])
        #expect(throws: CaunoiError.roleNotAllowed(role: "statistician")) { try f.store.colleagues(f.session("thu")) }
        #expect(throws: CaunoiError.notYourCentre) { try f.store.listCases(f.session("mai"), CaseFilter(centre: "HN-OSSO")) }
    }
}
