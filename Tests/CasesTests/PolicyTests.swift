import Foundation
import Testing
@testable import Cases

@Suite struct PolicyTests {
    let policy: Policy

    init() throws { policy = try Policy.load(from: Fixture.policyDirectory) }

    @Test func shippedPolicyHasNoProblems() {
        #expect(Policy.check(Fixture.policyDirectory).isEmpty)
    }

    @Test func codeListsHaveTheDocumentedSizes() {
        #expect(policy.needs.entries.count >= 21)
        #expect(policy.needs.contains("trafficking-identification"))
        #expect(policy.outcomes.entries.map(\.code) == ["resolved", "partially-resolved", "referred-elsewhere", "withdrew", "lost-contact", "relocated", "duplicate", "transferred", "other", "erased"])
        #expect(policy.provinces.entries.count == 34)
        #expect(policy.formerProvinces.count == 63)
        #expect(policy.countries.entries.count == 249)
    }

    @Test func provincesAcceptCodesFormerCodesAndNames() throws {
        #expect(try policy.province("01") == "01")
        #expect(try policy.province("30") == "31")
        #expect(try policy.province("93") == "92")
        #expect(try policy.province("Hai Duong") == "31")
        #expect(try policy.province("Hậu Giang") == "92")
        #expect(try policy.province("ha noi") == "01")
        #expect(throws: CaunoiError.self) { try policy.province("Atlantis") }
    }

    @Test func countriesAreCaseInsensitive() throws {
        #expect(try policy.country("kr") == "KR")
        #expect(throws: CaunoiError.self) { try policy.country("XX") }
    }

    @Test func ageBandsCoverEveryAge() {
        #expect(policy.ageBand(forAge: 0) == "0-17")
        #expect(policy.ageBand(forAge: 18) == "18-24")
        #expect(policy.ageBand(forAge: 34) == "25-34")
        #expect(policy.ageBand(forAge: 99) == "45+")
    }

    @Test func blindIndexBitsFollowTheCoincidenceRule() {
        let rows = Double(policy.blindIndex.expectedRows)
        for field in ["name", "phone", "id_number", "passport"] {
            let c = policy.blindIndex.coincidences(field: field)
            #expect(c >= 2 && c <= rows.squareRoot())
        }
    }

    @Test func brokenCopiesAreReportedWithFileAndLine() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Fixture.policyDirectory, to: copy)
        let bits = copy.appendingPathComponent("blind-index.yaml")
        let text = try String(contentsOf: bits, encoding: .utf8).replacingOccurrences(of: "phone: 16", with: "phone: 30")
        try text.write(to: bits, atomically: true, encoding: .utf8)
        let needs = copy.appendingPathComponent("codes/needs.yaml")
        try (String(contentsOf: needs, encoding: .utf8) + "  - code: shelter\n    vi: Trùng\n    en: Duplicate\n").write(to: needs, atomically: true, encoding: .utf8)
        let problems = Policy.check(copy)
        #expect(problems.contains { $0.file == "blind-index.yaml" && $0.problem.contains("phone") && $0.line > 1 })
        #expect(problems.contains { $0.file == "codes/needs.yaml" && $0.problem.contains("duplicate code shelter") && $0.line > 1 })
        #expect(throws: CaunoiError.self) { try Policy.load(from: copy) }
    }

    @Test func malformedYAMLNamesItsLine() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Fixture.policyDirectory, to: copy)
        try "outcomes:\n  - code: a\n    vi: b\n   en: [unclosed\n".write(to: copy.appendingPathComponent("codes/outcomes.yaml"), atomically: true, encoding: .utf8)
        let problems = Policy.check(copy)
        #expect(problems.contains { $0.file == "codes/outcomes.yaml" && $0.problem.hasPrefix("YAML") })
    }

    @Test func caseworkSettingsAreReadAndTheirLimitsChecked() throws {
        #expect(policy.casework == CaseworkSettings(backdateDays: 14, longestMinutes: 720, highRiskWithoutContactDays: 7, referralPastDue: true))
        #expect(policy.contactKinds.entries.map(\.code) == ["office-visit", "home-visit", "phone", "online-message", "accompaniment", "group-session"])
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Fixture.policyDirectory, to: copy)
        let file = copy.appendingPathComponent("casework.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "backdate_days: 14", with: "backdate_days: 365")
            .replacingOccurrences(of: "referral_past_due: true", with: "referral_past_due: often")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let problems = Policy.check(copy).filter { $0.file == "casework.yaml" }
        #expect(problems.contains { $0.problem.contains("backdate_days") && $0.line > 1 })
        #expect(problems.contains { $0.problem.contains("referral_past_due") && $0.line > 1 })
    }
}
