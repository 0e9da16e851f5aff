import Foundation
import Testing
@testable import Cases

/// Routing as a week of use showed it must work (issue 16): a woman is offered her own
/// province's Justice department, legal-aid centre and Women's Union, never another
/// province's bodies; and the directory covers every current province.
@Suite struct RoutingTests {
    /// Hà Nội, Lào Cai, Nghệ An, Huế and Cà Mau: a city, the mountains, the centre, the south.
    static let provinces = ["01": "hanoi", "15": "laocai", "40": "nghean", "46": "hue", "96": "camau"]

    @Test(arguments: Array(provinces.keys).sorted())
    func aWomanIsOfferedHerOwnProvincesBodies(province: String) throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let slug = try #require(Self.provinces[province])
        let opened = try f.open("Người Ở Tỉnh \(province)") {
            $0.originProvince = province
            $0.needs = ["divorce-recognition", "family-counselling", "health"]
        }
        let suggested = try f.store.suggestReferrals(f.session("hoa"), policy: f.policy, caseID: opened.id)
        let justice = suggested.filter { $0.rule == "divorce-recognition-justice" }.map(\.agency)
        let legalAid = suggested.filter { $0.rule == "divorce-recognition-legal-aid" }.map(\.agency)
        let union = suggested.filter { $0.rule == "family-counselling-womens-union" }.map(\.agency)
        #expect(justice == ["vn-moj-\(slug)"] && legalAid == ["vn-legalaid-\(slug)"] && union == ["vn-vwu-\(slug)"])
        // No other province's body is ever offered (the Hồ Chí Minh City hospital is only for its own).
        let directory = try f.store.agencies(f.session("hoa"), policy: f.policy)
        for suggestion in suggested {
            let agency = try #require(directory.first { $0.id == suggestion.agency })
            #expect(agency.provinces.isEmpty || agency.provinces.contains(province), "\(agency.id) offered in \(province)")
        }
        #expect(province == "79" || !suggested.contains { $0.agency == "vn-hcmc-hungvuong" })
    }

    @Test func aWomanWhoseProvinceIsUnknownIsOfferedNationalBodiesOnly() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Người Chưa Rõ Tỉnh") { $0.needs = ["divorce-recognition", "health"] }
        let suggested = try f.store.suggestReferrals(f.session("hoa"), policy: f.policy, caseID: opened.id)
        let directory = try f.store.agencies(f.session("hoa"), policy: f.policy)
        #expect(suggested.contains { $0.agency == "vn-moj" })
        #expect(suggested.allSatisfy { suggestion in directory.first { $0.id == suggestion.agency }?.provinces.isEmpty == true })
    }

    @Test func everyProvinceHasItsThreeBodiesAndPolicyCheckSaysWhenOneIsMissing() throws {
        let policy = try Policy.load(from: Fixture.policyDirectory)
        #expect(AgencyDirectoryFile.provincialGaps(policy.agencies, provinces: policy.provinces).isEmpty)
        #expect(policy.provinces.entries.count == 34)
        let withoutNghean = policy.agencies.filter { $0.id != "vn-legalaid-nghean" }
        let gaps = AgencyDirectoryFile.provincialGaps(withoutNghean, provinces: policy.provinces)
        #expect(gaps.map(\.problem) == ["province 40 (Nghe An) has no a State Legal Aid Centre (kind legal-aid)"]
                || gaps.count == 1 && gaps[0].problem.hasPrefix("province 40"))
        // Foreign partners carry a Vietnamese name; letters to them are in English.
        let danuri = try #require(policy.agencies.first { $0.id == "kr-danuri" })
        #expect(danuri.nameVi?.isEmpty == false && danuri.language == .en)
    }
}
