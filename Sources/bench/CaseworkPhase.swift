import CaunoiCrypto
import Cases
import Foundation

/// A week of casework on the sampled cases (issue 15): each gets a contact with a summary, a
/// service delivered with a note, a follow-up with a reason and a safety assessment, one write
/// (one transaction, seal renewed, audited) each; then the case page is opened again with those
/// rows in it. The baseline writes the same four rows in plain text, one transaction each, and
/// opens the case as before. Then a manager merges duplicates: twenty women recorded twice,
/// each duplicate with a week of casework, against the baseline moving a case to another
/// person in one plain transaction.
struct CaseworkPhase {
    var writes: [Double] = []
    var plainWrites: [Double] = []
    var show: [Double] = []
    var plainShow: [Double] = []
    var merges: [Double] = []
    var plainMerges: [Double] = []
    static let duplicates = 20

    static func measure(store: CaseStore, session: Session, manager: Session, policy: Policy, baseline: Baseline,
                        picks: [Int]) throws -> CaseworkPhase {
        var phase = CaseworkPhase()
        let caseIDs = try store.listCases(session, status: nil, programme: nil, assignedTo: nil, centre: nil).map(\.id)
        let worked = picks.map { caseIDs[$0 % caseIDs.count] }
        let today = Now.vietnamToday()
        let safety = try policy.assessmentForm("safety")
        let answers = Dictionary(uniqueKeysWithValues: safety.questions.map { ($0.entry.code, "no") })
        phase.writes = try Measure.latencies(worked) { id in
            try store.addContact(session, policy: policy, caseID: id, contact: ContactRecord(
                day: today, kind: "home-visit", minutes: 60, summary: PersonalText("Thăm nhà; chị đã tìm được việc làm ở xưởng may.")))
            try store.recordService(session, policy: policy, caseID: id, service: ServiceRecord(
                service: "legal-advice", day: today, outcome: .completed, note: PersonalText("Hướng dẫn hồ sơ ghi chú ly hôn.")))
            try store.addFollowUp(session, caseID: id, due: today, assignTo: nil, reason: PersonalText("Gọi lại sau khi có kết quả."))
            try store.assess(session, policy: policy, caseID: id, AssessmentRecord(form: safety.code, answers: answers))
        }.map { $0 / 4 }
        phase.plainWrites = try Measure.latencies(picks) { try baseline.addCasework($0) }.map { $0 / 4 }
        phase.show = try Measure.latencies(worked) { _ = try store.showCase(session, id: $0, policy: policy) }
        phase.plainShow = try Measure.latencies(picks) { _ = try baseline.show($0) }
        // Duplicates: the same invented woman opened twice, the second record worked for a week.
        var pairs: [(duplicate: String, kept: String)] = []
        for index in 0..<duplicates {
            var intake = CaseIntake(programme: .returnee)
            intake.person.name = PersonalText("Người Trùng Thứ \(index)")
            intake.person.phones = [PersonalText("0966\(String(format: "%06d", index))")]
            let kept = try store.openCase(session, policy: policy, intake: intake).id
            let duplicate = try store.openCase(session, policy: policy, intake: intake).id
            try store.addContact(session, policy: policy, caseID: duplicate, contact: ContactRecord(
                day: today, kind: "phone", minutes: 10, summary: PersonalText("Gọi hỏi thăm.")))
            try store.assess(session, policy: policy, caseID: duplicate, AssessmentRecord(form: safety.code, answers: answers))
            pairs.append((duplicate, kept))
        }
        phase.merges = try Measure.latencies(pairs) { try store.mergePerson(manager, policy: policy, id: $0.duplicate, into: $0.kept) }
        phase.plainMerges = try Measure.latencies(Array(picks.prefix(duplicates)).enumerated().map { $0 }) {
            try baseline.merge($0.element, into: picks[($0.offset + duplicates) % picks.count])
        }
        return phase
    }

    func rows(into report: Report) {
        report.row("casework write p50 (ms)", Measure.percentile(writes, 50), Measure.percentile(plainWrites, 50))
        report.row("casework write p99 (ms)", Measure.percentile(writes, 99), Measure.percentile(plainWrites, 99))
        report.row("open worked case p50 (ms)", Measure.percentile(show, 50), Measure.percentile(plainShow, 50))
        report.row("open worked case p99 (ms)", Measure.percentile(show, 99), Measure.percentile(plainShow, 99))
        report.row("merge a duplicate p50 (ms)", Measure.percentile(merges, 50), Measure.percentile(plainMerges, 50))
        report.row("merge a duplicate p99 (ms)", Measure.percentile(merges, 99), Measure.percentile(plainMerges, 99))
    }
}

extension Baseline {
    /// The plain side of a week's casework on case `index`: a contact, a service, a follow-up
    /// and an assessment's answers, as plain rows, one transaction each.
    func addCasework(_ index: Int) throws {
        for (kind, body) in [("contact", "Thăm nhà; chị đã tìm được việc làm ở xưởng may."), ("service", "Hướng dẫn hồ sơ ghi chú ly hôn."),
                             ("follow-up", "Gọi lại sau khi có kết quả."), ("assessment", "{\"threat-to-kill\":\"no\",\"weapon\":\"no\"}")] {
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS casework (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL,
                                                         on_day TEXT NOT NULL, body TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS casework_case ON casework(case_id);
                    """)
                try db.execute(sql: "INSERT INTO casework (case_id, kind, on_day, body) VALUES (?, ?, '2026-11-23', ?)",
                               arguments: ["BENCH-\(index)", kind, body])
            }
        }
    }
}

extension Baseline {
    /// The plain side of a merge: case `index` moves to the person of case `other`.
    func merge(_ index: Int, into other: Int) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE cases SET person_id = (SELECT person_id FROM cases WHERE id = ?) WHERE id = ?",
                           arguments: ["BENCH-\(other)", "BENCH-\(index)"])
        }
    }
}
