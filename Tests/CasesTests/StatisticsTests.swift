import Foundation
import Testing
@testable import Cases

@Suite struct LinearProgramTests {
    @Test func boundsOfASimpleSystem() {
        // x + y = 5, x - z = 1 (so x ≥ 1): x ranges over [1, 5].
        let a: [[Double]] = [[1, 1, 0], [1, 0, -1]]
        #expect(LinearProgram.minimise(c: [1, 0, 0], a: a, b: [5, 1]) == .optimal(1))
        #expect(LinearProgram.minimise(c: [-1, 0, 0], a: a, b: [5, 1]) == .optimal(-5))
        #expect(LinearProgram.minimise(c: [1], a: [[1]], b: [-1]) == .infeasible)
        #expect(LinearProgram.minimise(c: [-1, 0], a: [[1, -1]], b: [0]) == .unbounded)
    }
}

/// An attacker independent of the simplex: enumerate every non-negative integer table that
/// agrees with the published cells and the margins, and see how far each hidden cell moves.
private func bruteForceRanges(_ table: StatsTable, _ status: [[String]: Suppression.Status]) -> [[String]: ClosedRange<Int>] {
    let interior = table.keys.filter { !$0.contains(StatsTable.all) }
    let hidden = interior.filter { status[$0] != .published }
    let grand = Array(repeating: StatsTable.all, count: table.dimensions.count)
    // What each published margin leaves for its hidden interior cells.
    var remaining: [[String]: Int] = [:]
    for margin in table.keys where margin.contains(StatsTable.all) && status[margin] == .published {
        let inside = interior.filter { cell in zip(margin, cell).allSatisfy { $0 == StatsTable.all || $0 == $1 } }
        remaining[margin] = table.count(margin) - inside.filter { status[$0] == .published }.map(table.count).reduce(0, +)
    }
    let covering = hidden.map { cell in remaining.keys.filter { margin in zip(margin, cell).allSatisfy { $0 == StatsTable.all || $0 == $1 } } }
    // A hidden grand total leaves the sum open: search a band wider than the threshold.
    let cap = status[grand] == .published ? table.count(grand) : table.count(grand) + 6
    var ranges: [[String]: ClosedRange<Int>] = [:]
    var values = [Int](repeating: 0, count: hidden.count)
    func search(_ i: Int, _ sum: Int) {
        if i == hidden.count {
            guard remaining.values.allSatisfy({ $0 == 0 }) else { return }
            for (j, key) in hidden.enumerated() {
                ranges[key] = ranges[key].map { min($0.lowerBound, values[j])...max($0.upperBound, values[j]) } ?? values[j]...values[j]
            }
            return
        }
        let limit = covering[i].map { remaining[$0]! }.reduce(cap - sum, min)
        guard limit >= 0 else { return }
        for v in 0...limit {
            values[i] = v
            for margin in covering[i] { remaining[margin]! -= v }
            search(i + 1, sum + v)
            for margin in covering[i] { remaining[margin]! += v }
        }
    }
    search(0, 0)
    return ranges
}

@Suite struct SuppressionTests {
    /// Small 2×3 tables from a fixed generator (deterministic).
    private func tables() -> [StatsTable] {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(bound)) }
        return (0..<12).map { _ in
            var table = StatsTable(dimensions: ["a", "b"], codes: [["x", "y"], ["p", "q", "r"]])
            for a in ["x", "y"] { for b in ["p", "q", "r"] {
                let n = [0, 1, 2, 3, 6, 9][next(6)]
                if n > 0 { table.add([a, b], weight: n) }
            } }
            return table
        }
    }

    @Test func primaryCellsAreSmallNonZeroCellsAndTheRestIsPublishedTruthfully() {
        for table in tables() {
            let suppression = Suppression(table: table, threshold: 5)
            for key in table.keys {
                let n = table.count(key)
                if (1..<5).contains(n) { #expect(suppression.status[key] == .primary) }
                if suppression.status[key] == .primary { #expect((1..<5).contains(n)) }
            }
        }
    }

    @Test func noPrimaryCellCanBeNarrowedBelowTheThresholdByExhaustiveSearch() {
        for table in tables() {
            let suppression = Suppression(table: table, threshold: 5)
            let ranges = bruteForceRanges(table, suppression.status)
            for key in table.keys where suppression.status[key] == .primary && !key.contains(StatsTable.all) {
                guard let range = ranges[key] else { Issue.record("no completion found"); continue }
                #expect(range.upperBound - range.lowerBound >= 5, "\(key) ranges over \(range)")
            }
        }
    }

    @Test func anUnprotectedTableFailsTheAudit() {
        var table = StatsTable(dimensions: ["a", "b"], codes: [["x", "y"], ["p", "q"]])
        table.add(["x", "p"], weight: 2)
        table.add(["x", "q"], weight: 10)
        table.add(["y", "p"], weight: 10)
        table.add(["y", "q"], weight: 10)
        // Only the small cell hidden: the margins give it away.
        var status: [[String]: Suppression.Status] = [:]
        for key in table.keys { status[key] = .published }
        status[["x", "p"]] = .primary
        #expect(Suppression.audit(table: table, status: status, threshold: 5) == [["x", "p"]])
        // The independent attacker agrees: the cell is pinned to its true value.
        #expect(bruteForceRanges(table, status)[["x", "p"]] == 2...2)
        #expect(Suppression.audit(table: table, status: Suppression(table: table, threshold: 5).status, threshold: 5).isEmpty)
    }
}

@Suite struct DiscreteLaplaceTests {
    @Test func rationalEpsilonIsExact() {
        #expect(Rational(decimal: "0.5") == Rational(numerator: 1, denominator: 2))
        #expect(Rational(decimal: "1.25") == Rational(numerator: 5, denominator: 4))
        #expect(Rational(decimal: "0") == nil)
        #expect(Rational(decimal: "abc") == nil)
        #expect(Rational(decimal: "0.1234567") == nil)
    }

    @Test func samplesFollowTheDiscreteLaplaceDistribution() {
        // ε = 1, Δ = 1: P(k) = (1 - e⁻¹)/(1 + e⁻¹) · e^-|k|. 40,000 samples; each bin must lie
        // within 6 standard deviations of its expectation (a false alarm is ~1e-9 per bin).
        let sampler = DiscreteLaplace(epsilon: Rational(numerator: 1, denominator: 1), sensitivity: 1)
        let n = 40_000
        var counts: [Int: Int] = [:]
        for _ in 0..<n { counts[sampler.sample(), default: 0] += 1 }
        let q = exp(-1.0)
        for k in -4...4 {
            let p = (1 - q) / (1 + q) * pow(q, Double(abs(k)))
            let expected = Double(n) * p
            let sd = (Double(n) * p * (1 - p)).squareRoot()
            #expect(abs(Double(counts[k] ?? 0) - expected) < 6 * sd, "bin \(k): \(counts[k] ?? 0) vs \(expected)")
        }
        let mean = Double(counts.reduce(0) { $0 + $1.key * $1.value }) / Double(n)
        #expect(abs(mean) < 0.05)
    }

    @Test func theSamplerUsesNoFloatingPoint() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Cases/Statistics/DiscreteLaplace.swift")
        let code = try String(contentsOf: source, encoding: .utf8).split(separator: "\n")
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
        for forbidden in ["Double", "Float", "exp(", "log(", "random()", ".random("] {
            #expect(!code.contains(forbidden), "DiscreteLaplace.swift uses \(forbidden)")
        }
    }
}

@Suite struct StatisticsExportTests {
    private func seed(_ f: Fixture) throws -> [String] {
        var ids: [String] = []
        for i in 0..<12 {
            ids.append(try f.open("Người Thống Kê \(i)") {
                $0.originProvince = i < 8 ? "01" : "92"
                $0.destination = i % 3 == 0 ? "KR" : "TW"
                $0.needs = i % 2 == 0 ? ["shelter", "health"] : ["employment"]
                $0.openedOn = "2026-0\(i % 4 + 1)-10"
            }.person)
        }
        return ids
    }

    @Test func aStatisticianWithNoKeysExportsTruthfulPublishedCells() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        _ = try seed(f)
        let result = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: StatsRequest(dimensions: ["origin_province"]))
        let cells = Dictionary(uniqueKeysWithValues: result.cells.map { ($0.key[0], $0) })
        let truth = ["01": 8, "92": 4, "*": 12]
        #expect(cells["92"]?.status == "primary")
        #expect(cells["92"]?.value == nil)
        for (code, cell) in cells where cell.status == "published" { #expect(cell.value == truth[code, default: 0], "\(code)") }
        // One of the two other non-zero cells hides 92; zero cells stay published as 0.
        #expect([cells["01"]?.status, cells["*"]?.status].filter { $0 == "secondary" }.count == 1)
        #expect(cells["79"]?.value == 0)
        #expect(!result.json.canonical.contains("Người"))
    }

    @Test func aWomanWithSeveralCasesIsCountedOnce() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let first = try f.open("Một Người") { $0.destination = "KR"; $0.openedOn = "2026-01-01" }
        var again = CaseIntake(programme: .returnee)
        again.existingPersonID = first.person
        again.destination = "TW"
        again.openedOn = "2026-05-01"
        _ = try f.store.openCase(f.session("hoa"), policy: f.policy, intake: again)
        var request = StatsRequest(dimensions: ["destination"])
        request.threshold = 3
        let persons = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        // Counted once, at her latest case (TW): a 1 is suppressed, so read the truth from the table.
        #expect(persons.cells.filter { $0.status == "primary" }.map(\.key) .contains(["TW"]))
        #expect(!persons.cells.filter { $0.status != "published" }.map(\.key).contains(["KR"]))
        request.unit = .cases
        let cases = try f.store.exportStatistics(f.session("thu"), policy: f.policy, request: request)
        #expect(cases.cells.filter { $0.status == "primary" }.map(\.key).contains(["KR"]))
    }

    @Test func badRequestsAreRefused() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let thu = try f.session("thu")
        #expect(throws: CaunoiError.invalid(.by)) {
            _ = try f.store.exportStatistics(thu, policy: f.policy, request: StatsRequest(dimensions: ["shoe_size"]))
        }
        var low = StatsRequest(dimensions: ["need"])
        low.threshold = 2
        #expect(throws: CaunoiError.self) { _ = try f.store.exportStatistics(thu, policy: f.policy, request: low) }
        var date = StatsRequest(dimensions: ["need"])
        date.from = "2026-02-30"
        #expect(throws: CaunoiError.invalidDate(.from)) { _ = try f.store.exportStatistics(thu, policy: f.policy, request: date) }
        #expect(throws: CaunoiError.self) { _ = try f.store.exportStatistics(f.session("hoa"), policy: f.policy, request: StatsRequest(dimensions: ["need"])) }
    }

    @Test func dpRepeatsReturnTheStoredAnswerAndTheBudgetIsEnforced() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        _ = try seed(f)
        let thu = try f.session("thu")
        var request = StatsRequest(dimensions: ["need", "origin_province"])
        request.epsilon = "2"
        let first = try f.store.exportStatistics(thu, policy: f.policy, request: request)
        #expect(first.cells.allSatisfy { $0.status == "noisy" && ($0.value ?? -1) >= 0 })
        let again = try f.store.exportStatistics(thu, policy: f.policy, request: request)
        #expect(again.repeated)
        #expect(again.cells == first.cells)
        request.dimensions = ["need"]
        _ = try f.store.exportStatistics(thu, policy: f.policy, request: request)
        request.dimensions = ["origin_province"]
        #expect(throws: CaunoiError.privacyBudgetExhausted(year: Calendar(identifier: .gregorian).component(.year, from: Date()))) {
            _ = try f.store.exportStatistics(thu, policy: f.policy, request: request)
        }
        let ledger = try f.store.statsLedger(thu, policy: f.policy)
        #expect(ledger.entries.count == 2)
        #expect(ledger.entries.allSatisfy { $0.policyHash == f.policy.fingerprint })
    }
}
