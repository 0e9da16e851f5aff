import Cases
import Foundation

/// The lookups of one scale, caunoi against the baseline on the same sampled women: by name
/// (capped like `case find`, and uncapped), by phone, and opening a case. Measured the same
/// way after an import (`ScaleRun.run`) and on kept databases (`--reuse`).
struct Lookups {
    var findName: [Double] = []
    var plainName: [Double] = []
    var findNameAll: [Double] = []
    var plainNameAll: [Double] = []
    var findPhone: [Double] = []
    var plainPhone: [Double] = []
    var show: [Double] = []
    var plainShow: [Double] = []
    var candidates = 0
    var women = 0
    var capped = 0
    var allWomen = 0
    /// A case opened here, for timing whole `caunoi case show` commands.
    var sampleCaseID = ""

    /// `fields` are the generated rows split into columns (1 = name, 3 = phone); `picks` index them.
    static func measure(store: CaseStore, session: Session, policy: Policy, baseline: Baseline, fields: [[String]], picks: [Int],
                        profiler: Profiler) throws -> Lookups {
        var l = Lookups()
        l.findName = try profiler.around("find-name") {
            try Measure.latencies(picks) {
                let result = try store.search(session, policy: policy, query: .name(fields[$0][1]))
                l.candidates += result.candidates
                l.women += result.women
                l.capped += result.more ? 1 : 0
            }
        }
        l.findNameAll = try Measure.latencies(picks) {
            l.allWomen += try store.search(session, policy: policy, query: .name(fields[$0][1]), limit: Int.max - 1).women
        }
        l.plainName = try Measure.latencies(picks) { _ = try baseline.findByName(fields[$0][1], limit: CaseStore.defaultFindLimit) }
        l.plainNameAll = try Measure.latencies(picks) { _ = try baseline.findByName(fields[$0][1]) }
        l.findPhone = try profiler.around("find-phone") {
            try Measure.latencies(picks) { _ = try store.findCases(session, policy: policy, query: .phone(fields[$0][3])) }
        }
        l.plainPhone = try Measure.latencies(picks) { _ = try baseline.findByPhone(fields[$0][3]) }
        let caseIDs = try store.listCases(session, status: nil, programme: nil, assignedTo: nil, centre: nil).map(\.id)
        let showPicks = picks.map { caseIDs[$0 % caseIDs.count] }
        l.sampleCaseID = showPicks.first ?? ""
        l.show = try profiler.around("show") { try Measure.latencies(showPicks) { _ = try store.showCase(session, id: $0) } }
        l.plainShow = try Measure.latencies(picks) { _ = try baseline.show($0) }
        return l
    }

    func rows(into report: Report) {
        report.row("find by name p50 (ms)", Measure.percentile(findName, 50), Measure.percentile(plainName, 50))
        report.row("find by name p99 (ms)", Measure.percentile(findName, 99), Measure.percentile(plainName, 99))
        report.row("find by name, no limit, p99 (ms)", Measure.percentile(findNameAll, 99), Measure.percentile(plainNameAll, 99))
        report.row("find by phone p50 (ms)", Measure.percentile(findPhone, 50), Measure.percentile(plainPhone, 50))
        report.row("find by phone p99 (ms)", Measure.percentile(findPhone, 99), Measure.percentile(plainPhone, 99))
        report.row("open case p50 (ms)", Measure.percentile(show, 50), Measure.percentile(plainShow, 50))
        report.row("open case p99 (ms)", Measure.percentile(show, 99), Measure.percentile(plainShow, 99))
    }

    /// Candidates per name lookup (blind-index matches examined), women shown and capped.
    var summary: String {
        let samples = findName.count
        let perLookup = { (count: Int) in String(format: "%.1f", Double(count) / Double(max(samples, 1))) }
        return "candidates decrypted per name lookup: \(perLookup(candidates)) (limit \(CaseStore.defaultFindLimit) women); "
            + "\(perLookup(women)) women shown, \(capped) of \(samples) lookups capped; with no limit \(perLookup(allWomen)) women match"
    }
}
