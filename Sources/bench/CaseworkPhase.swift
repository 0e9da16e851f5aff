import CaunoiCrypto
import Cases
import Foundation

/// A week of casework on the sampled cases (issue 15): each gets a contact with a summary, a
/// service delivered with a note, and a follow-up with a reason, one write (one transaction,
/// seal renewed, audited) each; then the case page is opened again with those rows in it.
/// The baseline writes the same three rows in plain text, one transaction each, and opens the
/// case as before.
struct CaseworkPhase {
    var writes: [Double] = []
    var plainWrites: [Double] = []
    var show: [Double] = []
    var plainShow: [Double] = []

    static func measure(store: CaseStore, session: Session, policy: Policy, baseline: Baseline, picks: [Int]) throws -> CaseworkPhase {
        var phase = CaseworkPhase()
        let caseIDs = try store.listCases(session, status: nil, programme: nil, assignedTo: nil, centre: nil).map(\.id)
        let worked = picks.map { caseIDs[$0 % caseIDs.count] }
        let today = Now.vietnamToday()
        phase.writes = try Measure.latencies(worked) { id in
            try store.addContact(session, policy: policy, caseID: id, contact: ContactRecord(
                day: today, kind: "home-visit", minutes: 60, summary: PersonalText("Thăm nhà; chị đã tìm được việc làm ở xưởng may.")))
            try store.recordService(session, policy: policy, caseID: id, service: ServiceRecord(
                service: "legal-advice", day: today, outcome: .completed, note: PersonalText("Hướng dẫn hồ sơ ghi chú ly hôn.")))
            try store.addFollowUp(session, caseID: id, due: today, assignTo: nil, reason: PersonalText("Gọi lại sau khi có kết quả."))
        }.map { $0 / 3 }
        phase.plainWrites = try Measure.latencies(picks) { try baseline.addCasework($0) }.map { $0 / 3 }
        phase.show = try Measure.latencies(worked) { _ = try store.showCase(session, id: $0, policy: policy) }
        phase.plainShow = try Measure.latencies(picks) { _ = try baseline.show($0) }
        return phase
    }

    func rows(into report: Report) {
        report.row("casework write p50 (ms)", Measure.percentile(writes, 50), Measure.percentile(plainWrites, 50))
        report.row("casework write p99 (ms)", Measure.percentile(writes, 99), Measure.percentile(plainWrites, 99))
        report.row("open worked case p50 (ms)", Measure.percentile(show, 50), Measure.percentile(plainShow, 50))
        report.row("open worked case p99 (ms)", Measure.percentile(show, 99), Measure.percentile(plainShow, 99))
    }
}

extension Baseline {
    /// The plain side of a week's casework on case `index`: a contact, a service and a
    /// follow-up, as plain rows, one transaction each.
    func addCasework(_ index: Int) throws {
        for (kind, body) in [("contact", "Thăm nhà; chị đã tìm được việc làm ở xưởng may."), ("service", "Hướng dẫn hồ sơ ghi chú ly hôn."),
                             ("follow-up", "Gọi lại sau khi có kết quả.")] {
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
