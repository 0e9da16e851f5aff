import Foundation
import Testing

/// `caunoi-bench` keeps working: a small scale runs end to end (import, lookups, export,
/// per-command cost through the `caunoi` binary beside it), keeps its databases, reruns the
/// lookups on them, and refuses bad arguments. The figures themselves are not checked here:
/// timing belongs in the benchmark, never in a test.
@Suite("Benchmark")
struct BenchmarkTests {
    @Test("caunoi-bench runs at a small scale, keeps and reuses its databases, refuses bad arguments")
    func smallScale() async throws {
        let caunoi = try Harness.binary()
        let bench = URL(fileURLWithPath: caunoi).deletingLastPathComponent().appendingPathComponent("caunoi-bench").path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build the caunoi-bench product beside caunoi")
        try await Harness.withTemporaryDirectory { dir in
            var environment = Harness.baseEnvironment()
            environment["CAUNOI_POLICY"] = Harness.policyDirectory.path
            let keep = dir.appendingPathComponent("kept").path
            let run = try await Harness.launch(bench, ["--scale", "400", "--seed", "7", "--keep", keep], environment: environment, scratch: dir)
            #expect(run.status == 0, "\(run.stderr)")
            for row in ["import (cases/s)", "import CPU (µs/case)", "find by name p99 (ms)", "find by name, no limit, p99 (ms)",
                        "find by phone p99 (ms)", "open case p99 (ms)", "2-D suppressed export (s)", "database bytes per case",
                        "candidates decrypted", "`case show` end to end"] {
                #expect(run.stdout.contains(row), "missing: \(row)")
            }
            #expect(!Invented.fold(run.stdout).contains("nguyen"), "the bench prints figures, not names")
            #expect(FileManager.default.fileExists(atPath: keep + "/400/caunoi.db"))
            let reuse = try await Harness.launch(bench, ["--scale", "400", "--seed", "7", "--reuse", keep], environment: environment, scratch: dir)
            #expect(reuse.status == 0, "\(reuse.stderr)")
            #expect(reuse.stdout.contains("candidates decrypted per name lookup"))
            let missing = try await Harness.launch(bench, ["--scale", "400", "--reuse", dir.appendingPathComponent("none").path],
                                                   environment: environment, scratch: dir)
            #expect(missing.status == 66)
            let bad = try await Harness.launch(bench, ["--scale", "zero"], environment: environment, scratch: dir)
            #expect(bad.status == 64)
        }
    }
}
