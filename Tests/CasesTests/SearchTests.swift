import Testing
@testable import Cases

@Suite struct SearchTests {
    @Test func namesAreFoundWhateverTheirFormOrOrder() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try f.open("Nguyễn Thị Hoà").id
        _ = try f.open("Nguyễn Thị Lan")
        let hoa = try f.session("hoa")
        for query in ["Nguyễn Thị Hoà", "nguyen thi hoa", "HOA NGUYEN THI", "Nguyễn Thị Hòa"] {
            #expect(try f.store.findCases(hoa, policy: f.policy, query: .name(query)).map(\.id) == [id])
        }
    }

    @Test func partialNamesFallBackToTokens() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let a = try f.open("Nguyễn Thị Hoà").id
        let b = try f.open("Trần Thị Hoà").id
        _ = try f.open("Trần Văn Nam")
        let found = try f.store.findCases(f.session("hoa"), policy: f.policy, query: .name("hoà")).map(\.id)
        #expect(found.sorted() == [a, b].sorted())
    }

    /// A common name is capped at `limit` women (each with all her cases), says so, and
    /// decrypts only until one more than the limit matched.
    @Test func commonNamesAreCappedAtTheLimit() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        var women: [String] = []
        for _ in 0..<5 { women.append(try f.open("Nguyễn Thị Lan").person) }
        var again = CaseIntake(programme: .marriage)
        again.existingPersonID = women[0]
        _ = try f.store.openCase(f.session("hoa"), policy: f.policy, intake: again)
        _ = try f.open("Trần Thị Mai")
        let hoa = try f.session("hoa")
        let all = try f.store.search(hoa, policy: f.policy, query: .name("nguyen thi lan"))
        #expect(all.women == 5 && all.cases.count == 6 && !all.more)
        #expect(all.candidates >= 5)
        let capped = try f.store.search(hoa, policy: f.policy, query: .name("nguyen thi lan"), limit: 2)
        #expect(capped.women == 2 && capped.more)
        #expect(capped.candidates <= all.candidates)
        #expect(Set(capped.cases.map(\.name)) == ["Nguyễn Thị Lan"])
        let exact = try f.store.search(hoa, policy: f.policy, query: .name("nguyen thi lan"), limit: 5)
        #expect(exact.women == 5 && !exact.more)
        #expect(throws: CaunoiError.invalid(.limit)) {
            _ = try f.store.search(hoa, policy: f.policy, query: .name("lan"), limit: 0)
        }
    }

    @Test func phonesPassportsAndIDsAreNormalised() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try f.open("Hồ Thị Xuân", phone: "0912345678", passport: "C1234567") { $0.person.idNumber = PersonalText("001190012345") }.id
        let hoa = try f.session("hoa")
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .phone("+84 912 345 678")).map(\.id) == [id])
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .passport("c 123-4567")).map(\.id) == [id])
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .idNumber("001 190 012 345")).map(\.id) == [id])
        #expect(try f.store.findCases(hoa, policy: f.policy, query: .phone("0912345679")).isEmpty)
    }

    @Test func searchSeesOnlyReadableCentres() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        _ = try f.open("Nguyễn Thị Hoà", phone: "0912345678")
        #expect(try f.store.findCases(f.session("mai"), policy: f.policy, query: .name("nguyen thi hoa")).isEmpty)
        #expect(try f.store.findCases(f.session("mai"), policy: f.policy, query: .phone("0912345678")).isEmpty)
        #expect(throws: CaunoiError.self) { _ = try f.store.findCases(f.session("thu"), policy: f.policy, query: .name("hoa")) }
        #expect(throws: CaunoiError.self) { _ = try f.store.findCases(f.session("root"), policy: f.policy, query: .name("hoa")) }
    }

    @Test func openingWarnsAboutPossibleDuplicates() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let first = try f.open("Nguyễn Thị Hoà", phone: "0912345678")
        #expect(first.possibleDuplicates.isEmpty)
        #expect(try f.open("HOA NGUYEN THI").possibleDuplicates == [first.id])
        #expect(try f.open("Someone Else", phone: "+84 912 345 678").possibleDuplicates.contains(first.id))
        #expect(try f.open("Nobody Related", phone: "0999999999").possibleDuplicates.isEmpty)
        // Another centre's manager is not told about cases she may not read.
        #expect(try f.open("Nguyễn Thị Hoà", as: "mai").possibleDuplicates.isEmpty)
    }
}
