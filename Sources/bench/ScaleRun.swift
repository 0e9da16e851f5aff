import Cases
import CaunoiCrypto
import Foundation
import GRDB

/// One scale: the same generated cases into caunoi (sealed fields, blind indexes, audit) and
/// into the plaintext baseline, then the same lookups against both.
struct ScaleRun {
    let scale: Int
    let seed: UInt64
    let policy: Policy
    static let chunk = 10_000
    static let samples = 200
    static let passphrase = "bench-passphrase-not-secret"
    let profiler = Profiler()
    /// Where to leave the two databases instead of deleting them (`--keep DIR`), for study.
    var keep: String? = nil

    func run() async throws {
        let dir = keep.map { URL(fileURLWithPath: $0).appendingPathComponent(Bench.label(scale)) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-bench-\(UUID().uuidString)")
        if FileManager.default.fileExists(atPath: dir.path) { try FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        print("\n== \(Bench.label(scale)) cases ==")

        // Data: generated once, used by both sides.
        var generator = Generator(seed: seed)
        let rows = (0..<scale).map { _ in generator.csvRow(openedYear: 2025) }
        let fields = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

        // caunoi: a deployment with one centre, a counsellor with the policy's Argon2id limits, a statistician.
        let dbPath = dir.appendingPathComponent("caunoi.db").path
        let store = try CaseStore.open(path: dbPath, create: true)
        // Admin and statistician with the fastest Argon2id: their unlocks are not measured.
        let quick = SecuritySettings(argon2id: .minimum, minimumPassphraseLength: 12)
        let recovery = try store.initialise(admin: "bench-admin", passphrase: SecureBytes(utf8: Self.passphrase), security: quick)
        let admin = try store.unlock(user: "bench-admin", passphrase: SecureBytes(utf8: Self.passphrase))
        _ = try store.addCentre(admin, code: "BENCH", name: "Benchmark centre", province: "01", kind: .osso)
        _ = try store.addUser(admin, name: "counsellor", role: .counsellor, centre: "BENCH", passphrase: SecureBytes(utf8: Self.passphrase),
                              security: policy.security, recovery: recovery)
        _ = try store.addUser(admin, name: "statistician", role: .statistician, centre: nil, passphrase: SecureBytes(utf8: Self.passphrase),
                              security: quick, recovery: nil)
        _ = try store.addUser(admin, name: "manager", role: .manager, centre: "BENCH", passphrase: SecureBytes(utf8: Self.passphrase),
                              security: quick, recovery: recovery)
        let session = try store.unlock(user: "counsellor", passphrase: SecureBytes(utf8: Self.passphrase))
        let manager = try store.unlock(user: "manager", passphrase: SecureBytes(utf8: Self.passphrase))
        let baseline = try Baseline(path: dir.appendingPathComponent("baseline.db").path)

        // Import, in files of 10,000 rows (one transaction each), both sides.
        // What the import does before touching the database (parsing, validation, the key
        // check), on the first file: the part of the import cost that is not storage.
        let firstFile = Data(([Generator.csvHeader] + rows[0..<min(Self.chunk, scale)]).joined(separator: "\n").utf8)
        let frontEnd = try Measure.timeWithCPU { _ = try store.importCases(session, policy: policy, data: firstFile, format: .csv, dryRun: true) }
        var sealed = (wall: 0.0, cpu: 0.0)
        var plain = (wall: 0.0, cpu: 0.0)
        for start in stride(from: 0, to: scale, by: Self.chunk) {
            let end = min(start + Self.chunk, scale)
            let csv = Data(([Generator.csvHeader] + rows[start..<end]).joined(separator: "\n").utf8)
            let sealedChunk = try profiler.around("import") {
                try Measure.timeWithCPU { _ = try store.importCases(session, policy: policy, data: csv, format: .csv, dryRun: false) }
            }
            let plainChunk = try Measure.timeWithCPU { try baseline.insert(rows: fields[start..<end], firstIndex: start) }
            sealed = (sealed.wall + sealedChunk.wall, sealed.cpu + sealedChunk.cpu)
            plain = (plain.wall + plainChunk.wall, plain.cpu + plainChunk.cpu)
        }
        try baseline.checkpoint()
        try store.checkpoint()

        // Lookups: the same sampled names and phones on both sides.
        var picker = Generator(seed: seed ^ 0xA5A5)
        let picks = (0..<Self.samples).map { _ in picker.below(scale) }
        let lookups = try Lookups.measure(store: store, session: session, policy: policy, baseline: baseline, fields: fields, picks: picks,
                                          profiler: profiler)
        // A week of casework on the sampled cases, then their pages again (issue 15).
        let casework = try profiler.around("casework") {
            try CaseworkPhase.measure(store: store, session: session, manager: manager, policy: policy, baseline: baseline, picks: picks)
        }
        // A two-dimensional suppressed export over every case.
        let statistician = try store.unlock(user: "statistician", passphrase: SecureBytes(utf8: Self.passphrase))
        let (exportSeconds, table) = try profiler.around("export") {
            try Measure.time {
                try store.exportStatistics(statistician, policy: policy, request: StatsRequest(dimensions: ["origin_province", "destination"]))
            }
        }

        // Sizes after checkpoints (the WAL folded in).
        try store.checkpoint()
        let sealedBytes = Double(Measure.fileSize(dbPath)) / Double(scale)
        let plainBytes = Double(Measure.fileSize(baseline.path)) / Double(scale)

        let report = Report()
        report.row("import (cases/s)", Double(scale) / sealed.wall, Double(scale) / plain.wall, higherIsBetter: true)
        report.row("import CPU (µs/case)", sealed.cpu / Double(scale) * 1e6, plain.cpu / Double(scale) * 1e6)
        report.row("  of which parse and validate (µs)", frontEnd.cpu / Double(min(Self.chunk, scale)) * 1e6, nil)
        lookups.rows(into: report)
        casework.rows(into: report)
        report.row("2-D suppressed export (s)", exportSeconds, nil)
        report.row("database bytes per case", sealedBytes, plainBytes)
        report.print()
        print(lookups.summary)
        print("export cells \(table.cells.count), "
              + "suppressed \(table.cells.filter { $0.value == nil }.count); peak memory \(String(format: "%.0f", Measure.peakMemoryMiB())) MiB")
        try commandCosts(dbPath: dbPath, caseID: lookups.sampleCaseID)
        try await web(store: store, session: session, dbPath: dbPath, fields: fields)
    }

    /// The web phase against this database, when the `caunoi` binary is built beside the bench.
    func web(store: CaseStore, session: Session, dbPath: String, fields: [[String]]) async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("caunoi").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("web phase skipped: build the caunoi product beside caunoi-bench")
            return
        }
        let caseIDs = try store.listCases(session, status: nil, programme: nil, assignedTo: nil, centre: nil).map(\.id)
        try await WebPhase(binary: binary, dbPath: dbPath, policyPath: policy.directory.path, caseIDs: caseIDs, names: fields.map { $0[1] },
                           user: "counsellor", passphrase: Self.passphrase).run()
    }

    /// What one `caunoi case show` costs end to end, and its parts: process start, Argon2id
    /// with the policy's limits, opening the database.
    private func commandCosts(dbPath: String, caseID: String) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("caunoi").path
        let salt = [UInt8](repeating: 7, count: 16)
        let argon = Measure.latencies(Array(0..<5)) { _ in
            _ = try? Argon2id.deriveKey(passphrase: SecureBytes(utf8: Self.passphrase), salt: salt, parameters: policy.security.argon2id)
        }
        let open = try Measure.latencies(Array(0..<5)) { _ in _ = try CaseStore.open(path: dbPath) }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("per command: Argon2id \(format(Measure.percentile(argon, 50))) ms, database open \(format(Measure.percentile(open, 50))) ms "
                  + "(build the caunoi product beside caunoi-bench to time whole commands)")
            return
        }
        var environment = ProcessInfo.processInfo.environment
        environment["CAUNOI_DB"] = dbPath
        environment["CAUNOI_USER"] = "counsellor"
        environment["CAUNOI_PASSPHRASE"] = Self.passphrase
        environment["CAUNOI_POLICY"] = policy.directory.path
        func launch(_ arguments: [String]) throws -> Double {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return try Measure.time {
                try process.run()
                process.waitUntilExit()
            }.0 * 1000
        }
        let start = try (0..<5).map { _ in try launch(["--help"]) }
        let show = try (0..<5).map { _ in try launch(["case", "show", caseID]) }
        print("per command (median of 5): process start \(format(Measure.percentile(start, 50))) ms, Argon2id "
              + "\(format(Measure.percentile(argon, 50))) ms, database open \(format(Measure.percentile(open, 50))) ms, "
              + "`case show` end to end \(format(Measure.percentile(show, 50))) ms")
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// The printed table: caunoi's figure, the baseline's, and their ratio.
final class Report {
    private var lines: [(String, Double, Double?, Bool)] = []

    func row(_ name: String, _ sealed: Double, _ plain: Double?, higherIsBetter: Bool = false) {
        lines.append((name, sealed, plain, higherIsBetter))
    }

    func print() {
        Swift.print("metric".padding(toLength: 36, withPad: " ", startingAt: 0) + "      caunoi    baseline    ratio")
        for (name, sealed, plain, higher) in lines {
            let ratio = plain.map { String(format: "%7.2f×", sealed / $0) } ?? "       -"
            let plainText = plain.map { String(format: "%10.2f", $0) } ?? "         -"
            Swift.print(name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%12.2f", sealed) + plainText + "  " + ratio
                        + (higher ? " (of baseline)" : ""))
        }
    }
}
