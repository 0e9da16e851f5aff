import CaunoiCrypto
import Foundation
import GRDB
import Testing
@testable import Cases

@Suite struct ReferralLifecycleTests {
    @Test func onlyTheDocumentedTransitionsAreAllowed() {
        let allowed: Set<String> = [
            "draft>pending-review", "draft>ready", "pending-review>ready", "pending-review>draft", "ready>sent",
            "sent>accepted", "sent>declined", "accepted>completed",
            "draft>withdrawn", "pending-review>withdrawn", "ready>withdrawn", "sent>withdrawn", "accepted>withdrawn",
        ]
        for from in ReferralStatus.allCases {
            for to in ReferralStatus.allCases {
                #expect(from.canBecome(to) == allowed.contains("\(from.rawValue)>\(to.rawValue)"), "\(from) → \(to)")
            }
        }
    }

    @Test func overdueMeansUnansweredAndPastDue() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let referral = try makeReferral(f)
        #expect(!referral.isOverdue(now: Date()))
        #expect(referral.isOverdue(now: Date().addingTimeInterval(15 * 24 * 3600)))
    }
}

@Suite struct ConsentAndRoutingTests {
    @Test func consentCoversOnlyItsAgencyOrKindAndFields() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let justice = try f.store.agency(f.session("lan"), policy: f.policy, id: "vn-moj-hanoi")
        let police = try #require(f.policy.agencies.first { $0.kind == .police })
        let consent = Consent(id: "C-1", caseID: "X", purpose: .referral, agencyID: nil, agencyKind: .justice,
                              fields: [.name, .dob], note: nil, givenOn: "2026-01-01", givenBy: "hoa", withdrawnOn: nil)
        #expect(consent.covers(justice, fields: [.name]))
        #expect(consent.covers(justice, fields: [.name, .dob]))
        #expect(!consent.covers(justice, fields: [.name, .passport]))
        #expect(!consent.covers(police, fields: [.name]))
        let withdrawn = Consent(id: "C-2", caseID: "X", purpose: .referral, agencyID: "vn-moj-hanoi", agencyKind: nil, fields: nil,
                                note: nil, givenOn: "2026-01-01", givenBy: "hoa", withdrawnOn: "2026-02-01")
        #expect(!withdrawn.covers(justice, fields: [.name]))
    }

    @Test func everyNeedHasARuleAndAnAgency() {
        let f = try? Fixture()
        defer { f?.cleanUp() }
        guard let policy = f?.policy else { Issue.record("no policy"); return }
        for need in policy.needs.entries {
            #expect(policy.routing.rules.contains { $0.service == need.code }, "\(need.code) has no rule")
            #expect(policy.agencies.contains { $0.services.contains(need.code) }, "\(need.code) has no agency")
        }
        #expect(policy.routing.dueHours == [.emergency: 24, .urgent: 72, .normal: 336])
    }

    @Test func suggestionsFollowTheRulesInOrderAndStayInTheirCountries() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà") {
            $0.needs = ["divorce-recognition"]
            $0.destination = "KR"
            $0.originProvince = "01"
        }
        let suggestions = try f.store.suggestReferrals(f.session("hoa"), policy: f.policy, caseID: opened.id)
        #expect(!suggestions.isEmpty)
        #expect(suggestions.allSatisfy { $0.service == "divorce-recognition" })
        #expect(suggestions.contains { $0.agency == "vn-moj-hanoi" })
        let directory = Dictionary(uniqueKeysWithValues: f.policy.agencies.map { ($0.id, $0) })
        for suggestion in suggestions {
            let countries = directory[suggestion.agency]?.countries ?? []
            #expect(countries.isEmpty || countries.contains("VN") || countries.contains("KR"), "\(suggestion.agency) works elsewhere")
        }
        let ruleOrder = f.policy.routing.rules.map(\.id)
        let positions = suggestions.map { ruleOrder.firstIndex(of: $0.rule) ?? -1 }
        #expect(positions == positions.sorted())
    }

    /// routing.yaml: "Central review is required, whatever the rule says, for any referral
    /// of a case whose risk is high" (this rule alone does not ask for review).
    @Test func aHighRiskCaseAlwaysGoesThroughCentralReview() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let rule = try #require(f.policy.routing.rules.first { $0.service == "divorce-recognition" && $0.agency == "vn-moj-hanoi" || $0.agencyKind == .justice && $0.service == "divorce-recognition" })
        #expect(!rule.review)
        #expect(try makeReferral(f).status == .ready)
        let high = try makeReferral(f, risk: .high)
        #expect(high.status == .pendingReview && high.review)
        let suggestions = try f.store.suggestReferrals(f.session("hoa"), policy: f.policy, caseID: high.caseID)
        #expect(!suggestions.isEmpty && suggestions.allSatisfy(\.review))
        #expect(try f.store.reviewQueue(f.session("trung")).map(\.referral.id) == [high.id])
    }
}

@Suite struct CanonicalJSONTests {
    @Test func keysSortedNoWhitespaceRawUnicodeAndMinimalEscapes() {
        let value = JSONValue.object([
            "b": .array([.int(1), .bool(true), .null]),
            "a": .string("Hoà \"x\" \\ \n\t\u{01}/"),
            "A": .object([:]),
        ])
        #expect(value.canonical == #"{"A":{},"a":"Hoà \"x\" \\ \n\t\u0001/","b":[1,true,null]}"#)
    }

    @Test func decodingAndReEncodingIsStable() throws {
        let text = #"{ "z": [1, "two", false, null], "a": {"k": "vẫn"} }"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value.canonical == #"{"a":{"k":"vẫn"},"z":[1,"two",false,null]}"#)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(value.canonical.utf8)) == value)
    }
}

@Suite struct PacketTests {
    /// A deployment in miniature: a root, an admin it certified, and a centre certificate the
    /// admin signed for the centre's signing key.
    struct Chain {
        let root = SigningKeyPair.generate()
        let admin = SigningKeyPair.generate()
        let centre = SigningKeyPair.generate()
        var certificates: [SignedCertificate] = []

        init(centreCode: String = "HN-OSSO", adminRole: Role = .admin, adminCentre: String? = nil) throws {
            let adminCertificate = Certificate(serial: "C-1", kind: .user, deployment: "D-1", subject: "quantri", role: adminRole,
                                               centre: adminCentre, boxPublic: BoxKeyPair.generate().publicKey, signPublic: admin.publicKey,
                                               issuer: Certificate.root, issuedAt: "2026-12-01T00:00:00Z")
            let centreCertificate = Certificate(serial: "C-2", kind: .centre, deployment: "D-1", subject: centreCode, centre: centreCode,
                                                boxPublic: BoxKeyPair.generate().publicKey, signPublic: centre.publicKey, keyVersion: 1,
                                                indexPublic: BoxKeyPair.generate().publicKey, issuer: "quantri", issuedAt: "2026-12-01T00:00:01Z")
            certificates = [try SignedCertificate.sign(centreCertificate, with: admin), try SignedCertificate.sign(adminCertificate, with: root)]
        }

        func packet(to agency: BoxKeyPair, _ extra: [String: JSONValue] = [:], from centreCode: String = "HN-OSSO") throws -> String {
            try ReferralPacket.seal(["format": .string(ReferralPacket.format), "from_centre": .string(centreCode),
                                     "disclosed": .object(["name": .string("Trần Thị Lan")])].merging(extra) { $1 },
                                    signer: centre, chain: certificates, to: agency.publicKey)
        }
    }

    @Test func aPacketOpensWithTheAgencyKeyAndNamesItsCertifiedCentre() throws {
        let agency = BoxKeyPair.generate()
        let chain = try Chain()
        let text = try chain.packet(to: agency)
        #expect(text.hasPrefix("-----BEGIN CAUNOI REFERRAL-----\n"))
        #expect(text.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.count <= 76 })
        let opened = try ReferralPacket.open(text, keyPair: agency, root: chain.root.publicKey)
        #expect(opened.signingCentre == "HN-OSSO")
        #expect(opened.payload["disclosed"]?["name"]?.string == "Trần Thị Lan")
        #expect(throws: CaunoiError.packetUnreadable) { _ = try ReferralPacket.open(text, keyPair: BoxKeyPair.generate(), root: chain.root.publicKey) }
        // Against another deployment's root the same packet proves nothing.
        #expect(throws: CaunoiError.integrityFailure(record: "packet signature")) { _ = try ReferralPacket.open(text, keyPair: agency, root: SigningKeyPair.generate().publicKey) }
    }

    @Test func forgeriesAreNotTakenForTheCentre() throws {
        let agency = BoxKeyPair.generate()
        let chain = try Chain()
        // A forger with a whole deployment of her own: her chain ends at her root, not the pinned one.
        let forger = try Chain()
        #expect(throws: CaunoiError.integrityFailure(record: "packet signature")) { _ = try ReferralPacket.open(forger.packet(to: agency), keyPair: agency, root: chain.root.publicKey) }
        // The real chain, but signed with her own key.
        var stolen = try Chain()
        stolen.certificates = chain.certificates
        #expect(throws: CaunoiError.integrityFailure(record: "packet signature")) { _ = try ReferralPacket.open(stolen.packet(to: agency), keyPair: agency, root: chain.root.publicKey) }
        // The real centre's chain claimed for another centre.
        #expect(throws: CaunoiError.integrityFailure(record: "packet signature")) { _ = try ReferralPacket.open(chain.packet(to: agency, from: "CT-HN"), keyPair: agency, root: chain.root.publicKey) }
        // A manager of another centre cannot certify this centre's key.
        let managerElsewhere = try Chain(adminRole: .manager, adminCentre: "CT-HN")
        #expect(throws: CaunoiError.integrityFailure(record: "packet signature")) { _ = try ReferralPacket.open(managerElsewhere.packet(to: agency), keyPair: agency, root: managerElsewhere.root.publicKey) }
        // A signed payload changed after signing.
        let original = try ReferralPacket.open(chain.packet(to: agency, ["n": .int(1)]), keyPair: agency, root: chain.root.publicKey)
        guard case .object(var members) = original.payload else { Issue.record("not an object"); return }
        members["n"] = .int(2)
        let altered = ReferralPacket.armor(try SealedBox.seal(SecureBytes(utf8: JSONValue.object(members).canonical), to: agency.publicKey),
                                           begin: ReferralPacket.begin, end: ReferralPacket.end)
        #expect(throws: CaunoiError.integrityFailure(record: "packet signature")) { _ = try ReferralPacket.open(altered, keyPair: agency, root: chain.root.publicKey) }
    }
}

@Suite struct HSDSTests {
    @Test func exportThenImportGivesTheSameDirectory() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        var withKey = Agency(id: "test-agency", name: "Cơ quan thử", kind: .legalAid)
        withKey.services = ["legal-counselling", "custody"]
        withKey.provinces = ["01", "92"]
        withKey.countries = ["VN"]
        withKey.publicKey = BoxKeyPair.generate().publicKey
        withKey.address = "1 Phố Thử"
        try f.store.addAgency(f.session("lan"), policy: f.policy, agency: withKey)
        let before = try f.store.agencies(f.session("lan"), policy: f.policy)
        let exported = try HSDS.export(before, policy: f.policy)
        let imported = try HSDS.parse(exported, defaultKind: .ngo, policy: f.policy)
        #expect(imported == before)
    }

    @Test func sheltersNeverCarryAnAddressOut() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        var shelter = Agency(id: "test-shelter", name: "Nhà tạm lánh thử", kind: .shelter)
        shelter.services = ["shelter"]
        shelter.address = "Địa chỉ bí mật"
        try f.store.addAgency(f.session("lan"), policy: f.policy, agency: shelter)
        let stored = try f.store.agency(f.session("lan"), policy: f.policy, id: "test-shelter")
        #expect(stored.address == nil)
        let text = String(decoding: try HSDS.export([shelter], policy: f.policy), as: UTF8.self)
        #expect(!text.contains("Địa chỉ bí mật"))
    }

    @Test func malformedOrganisationsAreNamedAndNothingIsWritten() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        #expect(throws: CaunoiError.hsdsInvalid(organisation: 2, field: "name")) {
            _ = try HSDS.parse(Data(#"[{"id":"a-1","name":"A"},{"id":"b-2"}]"#.utf8), defaultKind: .ngo, policy: f.policy)
        }
        #expect(throws: CaunoiError.malformedFile("HSDS")) { _ = try HSDS.parse(Data("[{".utf8), defaultKind: .ngo, policy: f.policy) }
    }
}

/// A referral to the Hà Nội Justice department with consent: ready, or pending central
/// review for a high-risk case.
func makeReferral(_ f: Fixture, risk: RiskLevel? = nil) throws -> Referral {
    let opened = try f.open("Nguyễn Thị Hoà", passport: "C1234567") {
        $0.risk = risk
        $0.needs = ["divorce-recognition"]
        $0.destination = "KR"
        $0.originProvince = "01"
        $0.safeContact = PersonalText("Chỉ nhắn tin")
    }
    let hoa = try f.session("hoa")
    _ = try f.store.giveConsent(hoa, policy: f.policy, caseID: opened.id, purpose: .referral, agencyID: nil, agencyKind: .justice,
                                fields: nil, note: nil)
    return try f.store.createReferral(hoa, policy: f.policy, request: ReferralRequest(caseID: opened.id, agencyID: "vn-moj-hanoi", service: "divorce-recognition"))
}
