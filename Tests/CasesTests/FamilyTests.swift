import Foundation
import GRDB
import Testing
@testable import Cases

/// Her family (issue 15): children with plain codes and sealed names, a foreign spouse, needs
/// that name the child they concern, and referrals that name a child only when her consent
/// covers it.
@Suite struct FamilyTests {
    /// A returnee from Korea with a son born there, whose birth registration she needs.
    private func motherAndSon(_ f: Fixture) throws -> (caseID: String, child: String) {
        let opened = try f.open("Nguyễn Thị Hoà", passport: "C1234567") {
            $0.needs = ["child-birth-registration", "divorce-recognition"]
            $0.destination = "KR"
            $0.originProvince = "01"
        }
        var son = ChildRecord()
        son.name = PersonalText("Kim Min-jun")
        son.dateOfBirth = PersonalText("2019-05-20")
        son.sex = .male
        son.birthCountry = "Hàn Quốc"
        son.birthRegistration = "not-registered"
        son.nationality = "foreign"
        son.livesWithHer = true
        son.needs = ["child-birth-registration"]
        return (opened.id, try f.store.addChild(f.session("hoa"), policy: f.policy, caseID: opened.id, child: son))
    }

    @Test func childrenAndASpouseAreRecordedCodesPlainNamesSealed() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let (caseID, childID) = try motherAndSon(f)
        let hoa = try f.session("hoa")
        var spouse = SpouseRecord(relation: .spouse)
        spouse.nationality = "KR"
        spouse.name = PersonalText("Park Ji-hoon")
        spouse.contact = PersonalText("+82 10 5555 0101")
        let spouseID = try f.store.addSpouse(hoa, policy: f.policy, caseID: caseID, spouse: spouse)
        let view = try f.store.showCase(hoa, id: caseID)
        let child = try #require(view.children.first)
        #expect(child.id == childID && child.name?.revealed == "Kim Min-jun" && child.dateOfBirth?.revealed == "2019-05-20")
        #expect(child.sex == .male && child.birthCountry == "KR" && child.birthRegistration == "not-registered")
        #expect(child.nationality == "foreign" && child.livesWithHer == true && child.needs == ["child-birth-registration"])
        #expect(view.spouses.first?.name?.revealed == "Park Ji-hoon" && view.spouses.first?.nationality == "KR")

        // The registration is completed and the divorce recognised.
        var registered = ChildRecord()
        registered.birthRegistration = "registered"
        registered.needs = []
        try f.store.updateChild(hoa, policy: f.policy, caseID: caseID, childID: childID, update: registered)
        try f.store.updateSpouse(hoa, policy: f.policy, caseID: caseID, spouseID: spouseID, update: SpouseRecord(relation: .formerSpouse))
        let after = try f.store.showCase(hoa, id: caseID)
        #expect(after.children.first?.birthRegistration == "registered" && after.children.first?.needs == [])
        #expect(after.children.first?.name?.revealed == "Kim Min-jun" && after.spouses.first?.relation == .formerSpouse)

        let bytes = try f.fileBytes()
        for secret in ["Kim Min-jun", "2019-05-20", "Park Ji-hoon", "5555 0101"] {
            #expect(!bytes.contains(ArraySlice(Array(secret.utf8))), "\(secret) in the clear")
        }
    }

    @Test func badFamilyValuesAreRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let (caseID, childID) = try motherAndSon(f)
        let hoa = try f.session("hoa")
        func add(_ change: (inout ChildRecord) -> Void) throws {
            var child = ChildRecord()
            change(&child)
            try f.store.addChild(hoa, policy: f.policy, caseID: caseID, child: child)
        }
        #expect(throws: CaunoiError.unknownCode(list: "birth-registration", code: "maybe")) { try add { $0.birthRegistration = "maybe" } }
        #expect(throws: CaunoiError.unknownCode(list: "nationality-status", code: "martian")) { try add { $0.nationality = "martian" } }
        #expect(throws: CaunoiError.invalid(.birthCountry)) { try add { $0.birthCountry = "Atlantis" } }
        #expect(throws: CaunoiError.invalidDate(.dob)) { try add { $0.dateOfBirth = PersonalText("2019-02-30") } }
        #expect(throws: CaunoiError.implausibleDate(.dob)) { try add { $0.dateOfBirth = PersonalText("2999-01-01") } }
        #expect(throws: CaunoiError.invalid(.need)) { try add { $0.needs = ["shelter"] } }  // not a need of her case
        #expect(throws: CaunoiError.invalid(.child)) {
            try f.store.updateChild(hoa, policy: f.policy, caseID: caseID, childID: "F-NOTACHILD000", update: ChildRecord())
        }
        #expect(throws: CaunoiError.notYourCentre) {
            try f.store.updateChild(f.session("mai"), policy: f.policy, caseID: caseID, childID: childID, update: ChildRecord())
        }
        #expect(throws: CaunoiError.roleNotAllowed(role: "statistician")) {
            try f.store.addSpouse(f.session("thu"), policy: f.policy, caseID: caseID, spouse: SpouseRecord())
        }
        // Another case's child cannot be changed through this one.
        let other = try f.open("Lê Thị Khác")
        #expect(throws: CaunoiError.invalid(.child)) {
            try f.store.updateChild(hoa, policy: f.policy, caseID: other.id, childID: childID, update: ChildRecord())
        }
    }

    @Test func aReferralNamesTheChildOnlyWhenHerConsentCoversChildren() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let (caseID, _) = try motherAndSon(f)
        let hoa = try f.session("hoa")
        let request = ReferralRequest(caseID: caseID, agencyID: "vn-moj-hanoi", service: "child-birth-registration")
        // Consent to the Justice office for her own identity only: the rule needs `children` too.
        _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: caseID, purpose: .referral, agencyID: nil, agencyKind: .justice,
                                             fields: [.name, .otherNames, .dob, .idNumber, .passport, .originProvince, .destination], note: nil)
        #expect(throws: CaunoiError.consentMissing) { _ = try f.store.createReferral(hoa, policy: f.policy, request: request) }
        // Her consent widened to every field (children included): the son is named.
        _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: caseID, purpose: .referral, agencyID: nil, agencyKind: .justice,
                                    fields: nil, note: nil)
        let referral = try f.store.createReferral(hoa, policy: f.policy, request: request)
        let shown = try f.store.showReferral(hoa, id: referral.id)
        guard case .array(let children)? = shown.disclosure.fields["children"] else { Issue.record("no child named"); return }
        #expect(children.count == 1 && children.first?["name"]?.string == "Kim Min-jun" && children.first?["birth_country"]?.string == "KR")
        // A referral for another need names no child.
        let divorce = try f.store.createReferral(hoa, policy: f.policy, request: ReferralRequest(caseID: caseID, agencyID: "vn-moj-hanoi",
                                                                                                 service: "divorce-recognition"))
        #expect(try f.store.showReferral(hoa, id: divorce.id).disclosure.fields["children"] == nil)
    }

    @Test func erasureShredsHerChildrensAndSpousesDetails() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let (caseID, _) = try motherAndSon(f)
        var spouse = SpouseRecord(relation: .formerSpouse)
        spouse.name = PersonalText("Park Ji-hoon")
        try f.store.addSpouse(f.session("hoa"), policy: f.policy, caseID: caseID, spouse: spouse)
        let sealed = try f.raw { db in
            try Row.fetchAll(db, sql: "SELECT name AS v FROM children UNION ALL SELECT dob FROM children UNION ALL SELECT name FROM spouses")
                .compactMap { ($0["v"] as Data?).map { [UInt8]($0) } }
        }
        #expect(sealed.count == 3)
        _ = try f.store.eraseSubject(f.session("lan"), id: caseID, confirm: caseID)
        let bytes = try f.fileBytes()
        for blob in sealed { #expect(!bytes.contains(blob.prefix(40)), "a sealed family value is still in the file") }
        let erased = try f.store.showCase(f.session("hoa"), id: caseID)
        #expect(erased.children.first?.name == nil && erased.children.first?.birthRegistration == "not-registered")
    }

    @Test func statisticsCountChildrenByRegistrationWithTheUsualSuppression() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        var truth: [String: Int] = [:]
        for index in 0..<9 {
            let opened = try f.open("Người Mẹ \(index)") { $0.destination = index < 6 ? "KR" : "TW" }
            var child = ChildRecord()
            child.birthRegistration = index < 7 ? "not-registered" : "registered"
            truth[child.birthRegistration!, default: 0] += 1
            try f.store.addChild(hoa, policy: f.policy, caseID: opened.id, child: child)
        }
        var request = StatsRequest(dimensions: ["child_registration"])
        request.unit = .children
        request.threshold = 3
        let result = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        let cells = Dictionary(uniqueKeysWithValues: result.cells.map { ($0.key[0], $0) })
        #expect(cells["registered"]?.status == "primary" && cells["registered"]?.value == nil)
        for (code, cell) in cells where cell.status == "published" && code != "*" { #expect(cell.value == truth[code, default: 0], "\(code)") }
        #expect(cells["in-progress"]?.value == 0)
        // Child dimensions need the children unit; children get no DP.
        #expect(throws: CaunoiError.conflicting(.by, .unit)) {
            _ = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: StatsRequest(dimensions: ["child_registration"]))
        }
        request.epsilon = "0.5"
        #expect(throws: CaunoiError.conflicting(.dp, .unit)) { _ = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request) }
    }
}
