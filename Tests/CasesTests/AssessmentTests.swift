import Foundation
import GRDB
import Testing
@testable import Cases

/// Structured assessments (issue 15): forms read from policy, levels suggested from the
/// answers, the safety form setting the case's risk, the history kept, answers sealed and
/// shredded, and the levels counted in statistics.
@Suite struct AssessmentTests {
    /// Every question of the form answered `answer`, except those given.
    static func answers(_ form: AssessmentForm, all answer: String = "no", except: [String: String] = [:]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: form.questions.map { ($0.entry.code, except[$0.entry.code] ?? answer) })
    }

    @Test func theShippedFormsSuggestLevelsFromWeightsAndFloors() throws {
        let policy = try Policy.load(from: Fixture.policyDirectory)
        #expect(policy.assessments.map(\.code) == ["safety", "trafficking-indicators"])
        let safety = try policy.assessmentForm("safety")
        #expect(safety.setsCaseRisk && safety.levels.map(\.entry.code) == ["low", "medium", "high"])
        #expect(safety.suggest(Self.answers(safety)) == (0, "low"))
        // Two risk factors of weight 2: medium by score.
        #expect(safety.suggest(Self.answers(safety, except: ["violence-escalating": "yes", "afraid-to-go-home": "yes"])) == (4, "medium"))
        // A threat to kill alone scores 3 but means high danger on its own.
        #expect(safety.suggest(Self.answers(safety, except: ["threat-to-kill": "yes"])) == (3, "high"))
        // "Not known" counts for nothing.
        #expect(safety.suggest(Self.answers(safety, all: "unknown")) == (0, "low"))
        let trafficking = try policy.assessmentForm("trafficking-indicators")
        #expect(!trafficking.setsCaseRisk && trafficking.levels.map(\.entry.code) == ["none", "some", "strong"])
        #expect(trafficking.suggest(Self.answers(trafficking, except: ["deceived-about-job": "yes"])).level == "some")
        #expect(trafficking.suggest(Self.answers(trafficking, except: ["sold-into-marriage": "yes"])).level == "strong")
        #expect(Set(trafficking.questions.compactMap(\.group)) == Set(trafficking.groups.map(\.code)))
    }

    @Test func theSafetyAssessmentSetsTheRiskAndKeepsItsHistorySealed() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà") { $0.risk = .low }
        let hoa = try f.session("hoa")
        let safety = try f.policy.assessmentForm("safety")
        let first = try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(
            form: "safety", answers: Self.answers(safety, except: ["strangulation": "yes", "afraid-to-go-home": "yes"]),
            note: PersonalText("Chị kể lại lần bị bóp cổ tháng trước")))
        #expect(first.score == 5 && first.suggestedLevel == "high" && first.level == "high" && first.riskChangedFrom == "low")
        var view = try f.store.showCase(hoa, id: opened.id)
        #expect(view.summary.risk == .high && view.summary.status == .active)
        #expect(view.events.contains { $0.detail == "risk low → high (safety)" })
        // A re-assessment a counsellor decides differently, saying why: the history keeps both.
        #expect(throws: CaunoiError.missing(.note)) {
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: Self.answers(safety), level: "medium"))
        }
        let second = try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(
            form: "safety", answers: Self.answers(safety), level: "medium", note: PersonalText("Đã chuyển đến nhà tạm lánh, vẫn theo dõi")))
        #expect(second.suggestedLevel == "low" && second.level == "medium" && second.riskChangedFrom == "high")
        let trafficking = try f.policy.assessmentForm("trafficking-indicators")
        try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(
            form: "trafficking-indicators", answers: Self.answers(trafficking, all: "unknown", except: ["confinement": "yes"])))
        view = try f.store.showCase(hoa, id: opened.id)
        #expect(view.summary.risk == .medium)
        #expect(view.assessments.map(\.form) == ["trafficking-indicators", "safety", "safety"])
        #expect(view.assessments.map(\.level) == ["strong", "medium", "high"])
        #expect(view.assessments[2].answers?["strangulation"] == "yes" && view.assessments[2].score == 5)
        #expect(view.assessments[1].note?.revealed == "Đã chuyển đến nhà tạm lánh, vẫn theo dõi")
        #expect(view.assessments.allSatisfy { $0.askedWithCurrentWording(f.policy) })
        let bytes = try f.fileBytes()
        #expect(!bytes.contains(ArraySlice(Array("strangulation".utf8))) && !bytes.contains(ArraySlice(Array("bóp cổ".utf8))))

        // Erasure shreds her answers and notes; the levels stay for statistics.
        let sealed = try f.raw { db in try Row.fetchAll(db, sql: "SELECT answers, note FROM assessments")
            .flatMap { row in [row["answers"] as Data?, row["note"] as Data?].compactMap { $0.map { [UInt8]($0) } } } }
        #expect(sealed.count == 5)
        _ = try f.store.eraseSubject(f.session("lan"), id: opened.id, confirm: opened.id)
        let after = try f.fileBytes()
        for blob in sealed { #expect(!after.contains(blob.prefix(40))) }
        let erased = try f.store.showCase(hoa, id: opened.id)
        #expect(erased.assessments.count == 3 && erased.assessments.allSatisfy { $0.answers == nil && $0.note == nil })
    }

    @Test func badAssessmentsAreRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let opened = try f.open("Nguyễn Thị Hoà")
        let hoa = try f.session("hoa")
        let safety = try f.policy.assessmentForm("safety")
        let full = Self.answers(safety)
        #expect(throws: CaunoiError.unknownCode(list: "assessment", code: "mood")) {
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "mood", answers: full))
        }
        var extra = full
        extra["owns-a-dog"] = "yes"
        #expect(throws: CaunoiError.unknownCode(list: "question", code: "owns-a-dog")) {
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: extra))
        }
        #expect(throws: CaunoiError.unknownCode(list: "answer", code: "maybe")) {
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: Self.answers(safety, except: ["weapon": "maybe"])))
        }
        var half = full
        half["weapon"] = nil
        #expect(throws: CaunoiError.missing(.answer)) {
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: half))
        }
        #expect(throws: CaunoiError.unknownCode(list: "level", code: "strong")) {
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: full, level: "strong", note: PersonalText("x")))
        }
        #expect(throws: CaunoiError.notYourCentre) {
            try f.store.assess(f.session("mai"), policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: full))
        }
        #expect(throws: CaunoiError.self) {
            try f.store.assess(f.session("thu"), policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: full))
        }
        #expect(try f.store.showCase(hoa, id: opened.id).assessments.isEmpty)
    }

    @Test func statisticsCountTheLatestLevelOfEachForm() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let hoa = try f.session("hoa")
        let safety = try f.policy.assessmentForm("safety")
        for index in 0..<9 {
            let opened = try f.open("Người Được Đánh Giá \(index)")
            // Every case first assessed high; six of them later low. Only the latest counts.
            try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(
                form: "safety", answers: Self.answers(safety, except: ["weapon": "yes"])))
            if index < 6 { try f.store.assess(hoa, policy: f.policy, caseID: opened.id, AssessmentRecord(form: "safety", answers: Self.answers(safety))) }
        }
        var request = StatsRequest(dimensions: ["assessment_level"])
        request.unit = .cases
        request.threshold = 3
        let result = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        let cells = Dictionary(uniqueKeysWithValues: result.cells.map { ($0.key[0], $0) })
        #expect(cells["safety.low"]?.value == 6 && cells["safety.high"]?.value == 3)
        #expect(cells["none"]?.value == 0 && cells["*"]?.value == 9)
        #expect(cells["trafficking-indicators.strong"] != nil && cells["safety.medium"]?.value == 0)
        var referrals = StatsRequest(dimensions: ["assessment_level"])
        referrals.unit = .referrals
        #expect(throws: CaunoiError.conflicting(.by, .unit)) { try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: referrals) }
    }

    @Test func formProblemsAreNamedByFileAndLine() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Fixture.policyDirectory, to: copy)
        let file = copy.appendingPathComponent("assessments/safety.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "at_least: high", with: "at_least: extreme")
            .replacingOccurrences(of: "{code: medium,", with: "{code: serious,")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let problems = Policy.check(copy).filter { $0.file == "assessments/safety.yaml" }
        #expect(problems.contains { $0.problem.contains("extreme") && $0.line > 1 })
        #expect(problems.contains { $0.problem.contains("serious is not a risk code") && $0.line > 1 })
        try FileManager.default.removeItem(at: copy.appendingPathComponent("assessments"))
        #expect(Policy.check(copy).contains { $0.file == "assessments" })
    }
}
