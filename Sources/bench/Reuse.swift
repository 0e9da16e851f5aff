import Cases
import CaunoiCrypto
import Foundation

/// `caunoi-bench --reuse DIR --scale N`: the lookups again on databases an earlier
/// `--keep DIR` run left, without importing again, so a large scale can be studied (and
/// profiled with scripts/profile's phases) in seconds rather than a quarter of an hour.
extension ScaleRun {
    func lookupsOnly(directory: String) async throws {
        let dir = URL(fileURLWithPath: directory).appendingPathComponent(Bench.label(scale))
        let dbPath = dir.appendingPathComponent("caunoi.db").path
        guard FileManager.default.fileExists(atPath: dbPath) else {
            FileHandle.standardError.write(Data("no kept database at \(dbPath): run with --keep first\n".utf8))
            exit(66)
        }
        var generator = Generator(seed: seed)
        let fields = (0..<scale).map { _ in
            generator.csvRow(openedYear: 2025).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let store = try CaseStore.open(path: dbPath)
        let session = try store.unlock(user: "counsellor", passphrase: SecureBytes(utf8: Self.passphrase))
        var picker = Generator(seed: seed ^ 0xA5A5)
        let picks = (0..<Self.samples).map { _ in picker.below(scale) }
        let baseline = try Baseline(existing: dir.appendingPathComponent("baseline.db").path)
        let lookups = try Lookups.measure(store: store, session: session, policy: policy, baseline: baseline, fields: fields, picks: picks,
                                          profiler: profiler)
        print("\n== \(Bench.label(scale)) cases, kept databases ==")
        let report = Report()
        lookups.rows(into: report)
        report.print()
        print(lookups.summary)
        try await web(store: store, session: session, dbPath: dbPath, fields: fields)
    }
}
