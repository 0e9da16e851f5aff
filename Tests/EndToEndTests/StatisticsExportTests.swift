import Foundation
import Testing

/// Acceptance of issue 4 from outside: a statistician with no keys exports truthful,
/// suppressed tables whose small cells an independent linear-programming attacker (SciPy's
/// HiGHS) cannot narrow below the threshold; DP answers repeat and spend a budget; bad
/// requests are refused; every export is in the ledger.
@Suite("Statistics export")
struct StatisticsExportE2ETests {
    /// Invented intake: skewed provinces and destinations, so that some cells are small.
    /// Person "p0" has two cases (KR then TW): counted once, at her latest case.
    static func intake() -> (csv: String, truth: [[String]: Int]) {
        let provinces = Array(repeating: "01", count: 14) + Array(repeating: "79", count: 9)
            + Array(repeating: "92", count: 5) + ["31", "31", "48"]
        let destinations = ["KR", "TW", "KR", "JP", "TW", "KR", "CN", "TW"]
        var lines = ["programme,name,birth-year,phone,origin-province,destination,migration,need,risk,person-ref,opened-on"]
        var latest: [String: [String]] = [:]
        for (i, province) in provinces.enumerated() {
            let destination = destinations[(i * 5 + i / 3) % destinations.count]
            let ref = "p\(i)"
            if i == 0 {
                lines.append("returnee,Người Thử Thống Kê \(i),1990,09000000\(String(format: "%02d", i)),\(province),KR,marriage,health,low,\(ref),2026-02-01")
            }
            lines.append("returnee,Người Thử Thống Kê \(i),1990,09000000\(String(format: "%02d", i)),\(province),\(i == 0 ? "TW" : destination),labour,employment,low,\(ref),2026-\(String(format: "%02d", i % 9 + 3))-15")
            latest[ref] = [province, i == 0 ? "TW" : destination]
        }
        var truth: [[String]: Int] = [:]
        for cell in latest.values {
            for key in [cell, [cell[0], "*"], ["*", cell[1]], ["*", "*"]] { truth[key, default: 0] += 1 }
        }
        return (lines.joined(separator: "\n") + "\n", truth)
    }

    static func seeded(_ body: (Deployment, [[String]: Int]) async throws -> Void) async throws {
        try await Deployment.with([.manager, .counsellor, .statistician]) { d in
            let (csv, truth) = intake()
            try await d.ok(["case", "import", try d.write("intake.csv", csv)], as: .counsellor)
            try await body(d, truth)
        }
    }

    @Test("published cells are true counts, small cells are hidden, nothing personal leaves, CSV matches JSON")
    func truthfulAndSuppressed() async throws {
        try await Self.seeded { d, truth in
            let json = try await d.ok(["stats", "export", "--by", "origin_province,destination", "--format", "json"], as: .statistician)
            let export = try JSON.object(json)
            #expect(export["unit"] as? String == "persons")
            let cells = try #require(export["cells"] as? [[String: Any]])
            var primaries = 0
            for cell in cells {
                let key = try #require(cell["key"] as? [String: String])
                let k = [key["origin_province"]!, key["destination"]!]
                let n = truth[k, default: 0]
                switch cell["status"] as? String {
                case "published": #expect(cell["value"] as? Int == n, "\(k)")
                case "primary":
                    primaries += 1
                    #expect((1..<5).contains(n), "\(k) is primary with n = \(n)")
                    #expect(cell["value"] is NSNull)
                case "secondary": #expect(cell["value"] is NSNull)
                default: Issue.record("unexpected status \(cell["status"] ?? "nil")")
                }
                if (1..<5).contains(n) { #expect(cell["status"] as? String == "primary", "\(k) with n = \(n) is not suppressed") }
            }
            #expect(primaries > 0, "the intake must produce small cells for this test to mean anything")
            #expect(truth[["*", "*"]] == 31, "p0 is one person")
            let metadata = try #require(export["metadata"] as? [String: Any])
            #expect(metadata["policy_hash"] is String && metadata["exported_by"] as? String == Staff.statistician.name)

            let csv = try await d.ok(["stats", "export", "--by", "origin_province,destination", "--format", "csv"], as: .statistician)
            let rows = csv.stdout.split(separator: "\n")
            #expect(rows.first == "origin_province,destination,value,status")
            #expect(rows.count == cells.count + 1)
            for text in [json.stdout, csv.stdout] {
                #expect(!Invented.fold(text).contains("nguoi thu thong ke"))
                #expect(!text.contains("0900000"))
            }
        }
    }

    @Test("an independent LP attacker (SciPy HiGHS) cannot narrow any primary cell below the threshold",
          .enabled(if: Python.hasSciPy, "needs python3 with SciPy"))
    func independentAttack() async throws {
        try await Self.seeded { d, _ in
            let script = try d.write("attack.py", Self.attack)
            for (by, threshold) in [("origin_province,destination", "5"), ("origin_province", "3"), ("destination,year", "4")] {
                let out = d.directory.appendingPathComponent("export.json").path
                try? FileManager.default.removeItem(atPath: out)
                try await d.ok(["stats", "export", "--by", by, "--threshold", threshold, "--format", "json", "--out", out], as: .statistician)
                let attack = try await Harness.launch("/usr/bin/env", ["python3", script, out, threshold],
                                                      environment: Python.environment, scratch: d.directory)
                try #require(attack.status == 0, "attack script failed: \(attack.stderr)")
                let report = try JSON.object(attack)
                #expect((report["primary"] as? Int ?? 0) > 0, "\(by): no primary cell to attack")
                #expect(report["exposed"] as? [Any] == nil || (report["exposed"] as? [Any])?.isEmpty == true,
                        "\(by): exposed cells \(report["exposed"] ?? "")")
            }
        }
    }

    @Test("the attacker itself finds a small cell that only primary suppression hid",
          .enabled(if: Python.hasSciPy, "needs python3 with SciPy"))
    func attackerHasTeeth() async throws {
        try await Harness.withTemporaryDirectory { dir in
            // 2 | 10 / 10 | 10 with every margin published: the 2 follows from the margins.
            let values = [["x", "p"]: 2, ["x", "q"]: 10, ["y", "p"]: 10, ["y", "q"]: 10]
            var cells: [String] = []
            for a in ["x", "y", "*"] {
                for b in ["p", "q", "*"] {
                    let n = values.filter { ($0.key[0] == a || a == "*") && ($0.key[1] == b || b == "*") }.map(\.value).reduce(0, +)
                    let hidden = a == "x" && b == "p"
                    cells.append("{\"key\":{\"a\":\"\(a)\",\"b\":\"\(b)\"},\"value\":\(hidden ? "null" : String(n)),\"status\":\"\(hidden ? "primary" : "published")\"}")
                }
            }
            let export = dir.appendingPathComponent("unprotected.json")
            try Data("{\"dimensions\":[\"a\",\"b\"],\"cells\":[\(cells.joined(separator: ","))]}".utf8).write(to: export)
            let script = dir.appendingPathComponent("attack.py")
            try Data(Self.attack.utf8).write(to: script)
            let attack = try await Harness.launch("/usr/bin/env", ["python3", script.path, export.path, "5"],
                                                  environment: Python.environment, scratch: dir)
            try #require(attack.status == 0, "attack script failed: \(attack.stderr)")
            let exposed = try #require(try JSON.object(attack)["exposed"] as? [[String: Any]])
            #expect(exposed.count == 1)
            #expect(exposed.first?["key"] as? [String] == ["x", "p"])
        }
    }

    @Test("DP: every value noisy, an identical repeat returns the stored answer, the yearly budget is enforced with 77")
    func differentialPrivacy() async throws {
        try await Self.seeded { d, _ in
            let request = ["stats", "export", "--by", "destination", "--dp", "--epsilon", "1.5", "--format", "json"]
            let first = try await d.ok(request, as: .statistician)
            let cells = try #require(try JSON.object(first)["cells"] as? [[String: Any]])
            #expect(cells.allSatisfy { $0["status"] as? String == "noisy" && $0["value"] is Int })
            let again = try await d.ok(request, as: .statistician)
            #expect(try JSON.object(again)["cells"] as? NSArray == cells as NSArray)
            // 1.5 + 2.0 spent of 4.0; another 1.0 would exceed it.
            try await d.ok(["stats", "export", "--by", "origin_province", "--dp", "--epsilon", "2.0"], as: .statistician)
            let over = try await d.run(["stats", "export", "--by", "need", "--dp", "--epsilon", "1.0"], as: .statistician)
            #expect(over.status == 77)
            #expect(over.stderrLines.count == 1)
            let tooLarge = try await d.run(["stats", "export", "--by", "need", "--dp", "--epsilon", "3"], as: .statistician)
            #expect(tooLarge.status == 64 || tooLarge.status == 65)

            let ledger = try await d.ok(["stats", "ledger"], as: .statistician).stdout
            #expect(ledger.contains(Staff.statistician.name))
            #expect(ledger.contains("3.5"), "the budget spent this year is shown: \(ledger)")
        }
    }

    @Test("unknown dimension, threshold below 3, malformed date: 64/65 with one line; counsellors do not export")
    func badRequests() async throws {
        try await Self.seeded { d, _ in
            for arguments in [["--by", "shoe_size"], ["--by", "need", "--threshold", "2"], ["--by", "need", "--from", "2026-02-30"],
                              ["--by", "need", "--to", "tomorrow"], ["--by", "a,b,c,d"], ["--by", "need", "--unit", "households"]] {
                let result = try await d.run(["stats", "export"] + arguments, as: .statistician)
                #expect(result.status == 64 || result.status == 65, "\(arguments): exit \(result.status)")
                #expect(result.stderrLines.count == 1)
                #expect(result.stdout.isEmpty)
            }
            #expect(try await d.run(["stats", "export", "--by", "need"], as: .counsellor).status == 77)
            let dimensions = try await d.ok(["stats", "dimensions"], as: .statistician).stdout
            for name in ["programme", "centre", "origin_province", "destination", "age_band", "migration", "need", "outcome",
                         "referral_kind", "year", "quarter"] {
                #expect(dimensions.contains(name))
            }
        }
    }

    /// The attacker, written independently of caunoi's simplex: every cell not published is an
    /// unknown ≥ 0, every margin is the sum of its children, published cells are constants.
    static let attack = """
        import json, sys
        from scipy.optimize import linprog

        export = json.load(open(sys.argv[1]))
        threshold = int(sys.argv[2])
        dims = export["dimensions"]
        cells = {tuple(c["key"][d] for d in dims): c for c in export["cells"]}
        codes = [sorted({k[i] for k in cells if k[i] != "*"}) for i in range(len(dims))]
        hidden = [k for k, c in cells.items() if c["status"] != "published"]
        index = {k: i for i, k in enumerate(hidden)}
        rows, rhs = [], []
        for key in cells:
            for d, code in enumerate(key):
                if code != "*":
                    continue
                row, const = [0.0] * len(hidden), 0.0
                for k, sign in [(key, -1.0)] + [(key[:d] + (c,) + key[d + 1:], 1.0) for c in codes[d]]:
                    if k in index:
                        row[index[k]] += sign
                    else:
                        const -= sign * cells[k]["value"]
                if any(row):
                    rows.append(row)
                    rhs.append(const)
        exposed, primary = [], 0
        for k in hidden:
            if cells[k]["status"] != "primary":
                continue
            primary += 1
            objective = [0.0] * len(hidden)
            objective[index[k]] = 1.0
            low = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=(0, None), method="highs")
            high = linprog([-x for x in objective], A_eq=rows or None, b_eq=rhs or None, bounds=(0, None), method="highs")
            assert low.status == 0, low.message
            if high.status == 3:
                continue
            assert high.status == 0, high.message
            if -high.fun - low.fun < threshold - 1e-6:
                exposed.append({"key": list(k), "low": low.fun, "high": -high.fun})
        print(json.dumps({"primary": primary, "exposed": exposed}))
        """
}
