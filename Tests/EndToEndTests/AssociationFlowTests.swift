import Foundation
import Testing

/// Acceptance (issue 6): from a new association to a member's returnee case and its
/// referral, through the built binary; contact data never in the file in the clear.
@Suite("Associations")
struct AssociationFlowTests {
    static let contactName = "Chị Đầu Mối Thử Nghiệm"
    static let contactPhone = "+82 10 5555 0101"
    static let contactEmail = "daumoi.thunghiem@example.invalid"
    static let note = "Hội họp vào chủ nhật đầu tháng ở nhà văn hoá"

    @Test("a new association, its support request, a member's returnee case and her referral; report and statistics")
    func associationToReferral() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor, .statistician]) { d in
            // The other centre (CT-HN) keeps the association.
            let added = try JSON.object(try await d.ok([
                "association", "add", "--name", "Hội Phụ nữ Việt Nam tại Busan", "--country", "KR", "--city", "Busan",
                "--founded", "2017-09", "--members", "85", "--contact-name", Self.contactName, "--contact-phone", Self.contactPhone,
                "--contact-email", Self.contactEmail, "--website", "https://busan.example.invalid", "--note", Self.note, "--json",
            ], as: .otherCounsellor))
            let id = try #require(added["id"] as? String)
            for path in d.databaseFiles {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                for secret in [Self.contactName, Self.contactPhone, Self.contactEmail, Self.note] {
                    for needle in Invented.needles(secret) { #expect(!bytes.containsBytes(needle), "contact data in the clear in \(path)") }
                }
            }
            try await d.ok(["association", "activity", id, "--date", "2026-03-08", "--kind", "event", "--participants", "60",
                            "--note", "Mừng ngày 8/3"], as: .otherCounsellor)
            let support = try await d.openCase(["--name", Self.contactName, "--association", id, "--request", "legal-registration-abroad"],
                                               as: .otherCounsellor, programme: "association")

            // A member in trouble: a returnee case at HN-OSSO, linked to the association, referred.
            let member = try await ReferralFlowTests.openReferralCase(d, extra: ["--association", id])
            try await d.ok(["consent", "give", member.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            let referral = try JSON.object(try await d.ok(["referral", "create", member.id, "--agency", "vn-moj-hanoi",
                                                           "--service", "divorce-recognition", "--json"], as: .counsellor))
            #expect(referral["id"] as? String == "\(member.id)-R1")
            #expect(try await d.show(member.id)["association"] as? String == id)

            // Each centre sees the association's plain data, its own linked cases, and only the
            // keeping centre its contact.
            let here = try JSON.object(try await d.ok(["association", "show", id, "--json"], as: .counsellor))
            #expect((here["cases"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [member.id])
            #expect(here["contact"] == nil || here["contact"] is NSNull)
            let keeper = try JSON.object(try await d.ok(["association", "show", id, "--json"], as: .otherCounsellor))
            #expect((keeper["cases"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [support.id])
            #expect((keeper["contact"] as? [String: Any])?["phone"] as? String == Self.contactPhone)
            let text = try await d.ok(["association", "show", id], as: .counsellor)
            #expect(text.stdout.contains(member.id) && !text.stdout.contains(Self.contactPhone) && !text.stdout.contains(support.id))

            // Status: dissolved is final unless reopened with a reason.
            try await d.ok(["association", "update", id, "--status", "dissolved"], as: .otherCounsellor)
            let refused = try await d.run(["association", "update", id, "--status", "active"], as: .otherCounsellor)
            #expect(refused.status == 65 && refused.stderrLines.count == 1)
            try await d.ok(["association", "update", id, "--status", "active", "--reason", "Bầu lại ban chấp hành"], as: .otherCounsellor)
            #expect(try await d.run(["association", "update", id, "--members", "90"], as: .counsellor).status == 77)

            // Report and statistics: counts only, no contact data.
            let report = try await d.ok(["association", "report", "--year", "2026", "--json"], as: .statistician)
            let parsed = try JSON.object(report)
            #expect(parsed["associations"] as? Int == 1)
            #expect((parsed["by_country"] as? [[String: Any]])?.first?["code"] as? String == "KR")
            #expect(!report.stdout.contains("Busan") && !report.stdout.contains(Self.contactName))
            let stats = try await d.ok(["stats", "export", "--unit", "associations", "--by", "association_country,association_status",
                                        "--format", "csv"], as: .statistician)
            #expect(stats.stdout.contains("KR,active,1,published"))
            #expect(!stats.stdout.contains(Self.contactName) && !stats.stdout.contains("Busan"))

            // Bad input: one line, the documented code.
            #expect(try await d.run(["association", "show", "A-NOSUCHASSOC2"], as: .counsellor).status == 66)
            #expect(try await d.run(["case", "open", "--programme", "association", "--name", "X", "--association", id], as: .otherCounsellor).status == 64)
            #expect(try await d.run(["association", "add", "--name", "Hội", "--country", "ZZ"], as: .counsellor).status == 65)
            #expect(try await d.run(["association", "activity", id, "--date", "2026-13-01", "--kind", "event"], as: .otherCounsellor).status == 65)
            #expect(try await d.run(["audit", "verify"], as: .manager).status == 0)
        }
    }
}
