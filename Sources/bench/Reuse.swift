import Cases
import Crypto
import Foundation

/// `caunoi-bench --reuse DIR --scale N`: the lookups again on databases an earlier
/// `--keep DIR` run left, without importing again, so a large scale can be studied (and
/// profiled with scripts/profile's phases) in seconds rather than a quarter of an hour.
extension ScaleRun {
    func lookupsOnly(directory: String) throws {
        let dir = URL(fileURLWithPath: directory).appendingPathComponent(Bench.label(scale))
        let dbPath = dir.appendingPathComponent("caunoi.db").path
        guard FileManager.default.fileExists(atPath: dbPath) else {
            FileHandle.standardError.write(Data("no kept database at \(dbPath): run with --keep first\n".utf8))
            exit(66)
        }
        var generator = Generator(seed: seed)
        let fields = (0..<scale).map { _ in
            generator.csvRow(openedYear: 2026).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let store = try CaseStore.open(path: dbPath)
        let session = try store.unlock(user: "counsellor", passphrase: SecureBytes(utf8: Self.passphrase))
        var picker = Generator(seed: seed ^ 0xA5A5)
        let picks = (0..<Self.samples).map { _ in picker.below(scale) }
        var candidates = 0
        let findName = try profiler.around("find-name") {
            try Measure.latencies(picks) { candidates += try store.search(session, policy: policy, query: .name(fields[$0][1])).candidates }
        }
        let findPhone = try profiler.around("find-phone") {
            try Measure.latencies(picks) { _ = try store.findCases(session, policy: policy, query: .phone(fields[$0][3])) }
        }
        let baseline = try Baseline(existing: dir.appendingPathComponent("baseline.db").path)
        let plainName = try Measure.latencies(picks) { _ = try baseline.findByName(fields[$0][1], limit: CaseStore.defaultFindLimit) }
        let plainPhone = try Measure.latencies(picks) { _ = try baseline.findByPhone(fields[$0][3]) }
        print("\n== \(Bench.label(scale)) cases, kept databases ==")
        let report = Report()
        report.row("find by name p50 (ms)", Measure.percentile(findName, 50), Measure.percentile(plainName, 50))
        report.row("find by name p99 (ms)", Measure.percentile(findName, 99), Measure.percentile(plainName, 99))
        report.row("find by phone p50 (ms)", Measure.percentile(findPhone, 50), Measure.percentile(plainPhone, 50))
        report.row("find by phone p99 (ms)", Measure.percentile(findPhone, 99), Measure.percentile(plainPhone, 99))
        report.print()
        print("candidates decrypted per name lookup: \(String(format: "%.1f", Double(candidates) / Double(Self.samples)))")
    }
}
