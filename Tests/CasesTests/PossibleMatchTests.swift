import Testing
@testable import Cases

/// Before a second record of the same woman is made (issue 15): her name in another order and
/// without diacritics, or her phone, finds her in the user's centre, and nobody elsewhere.
@Suite struct PossibleMatchTests {
    @Test func herNamePhoneOrPassportFindsHerOnlyInTheUsersCentre() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let first = try f.open("Trần Thị Bích Ngọc", phone: "0912 345 678", passport: "C1234567")
        _ = try f.open("Lê Thị Hà")
        let hoa = try f.session("hoa")
        func match(_ configure: (inout PersonFields) -> Void) throws -> [PossibleMatch] {
            var fields = PersonFields()
            configure(&fields)
            return try f.store.possibleMatches(hoa, policy: f.policy, person: fields)
        }
        let byName = try match { $0.name = PersonalText("ngoc bich thi tran") }
        #expect(byName.map(\.person) == [first.person] && byName.first?.cases.map(\.id) == [first.id])
        #expect(try match { $0.phones = [PersonalText("0912345678")] }.map(\.person) == [first.person])
        #expect(try match { $0.passport = PersonalText("c1234567") }.map(\.person) == [first.person])
        #expect(try match { $0.name = PersonalText("Phạm Thị Mỹ") }.isEmpty)
        // Another centre's manager finds nothing of HN-OSSO's women; roles without cases are refused.
        var fields = PersonFields()
        fields.name = PersonalText("Trần Thị Bích Ngọc")
        #expect(try f.store.possibleMatches(f.session("mai"), policy: f.policy, person: fields).isEmpty)
        #expect(throws: CaunoiError.roleNotAllowed(role: "statistician")) {
            try f.store.possibleMatches(f.session("thu"), policy: f.policy, person: fields)
        }
        #expect(try f.store.auditLog(f.session("root")).contains { $0.action == "case.match" && $0.user == "hoa" })
    }
}
