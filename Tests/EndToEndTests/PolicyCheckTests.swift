import Foundation
import Testing

/// Acceptance: `caunoi policy check` passes the shipped policy and names `file:line` of each
/// problem in a broken copy (CLI.md).
@Suite("Policy check")
struct PolicyCheckTests {
    /// Runs `policy check` with no database and no user.
    static func check(_ arguments: [String], in scratch: URL) async throws -> CLIResult {
        var env = Harness.baseEnvironment()
        env["CAUNOI_DB"] = scratch.appendingPathComponent("none.db").path
        let result = try await Harness.launch(try Harness.binary(), ["policy", "check"] + arguments, environment: env, scratch: scratch)
        Harness.checkHygiene(result, sourceLocation: #_sourceLocation)
        return result
    }

    /// A copy of the shipped policy in `dir`, with `file` edited by `edit`. Returns the copy and
    /// the 1-based line of the first line of the edited file containing `marker` after the edit.
    static func brokenCopy(in dir: URL, file: String, marker: String, occurrence: Int = 1,
                           edit: (String) -> String) throws -> (URL, Int) {
        let copy = dir.appendingPathComponent("policy")
        try FileManager.default.copyItem(at: Harness.policyDirectory, to: copy)
        let url = copy.appendingPathComponent(file)
        let original = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(original)
        #expect(edited != original, "the edit of \(file) changed nothing")
        try Data(edited.utf8).write(to: url)
        let lines = edited.components(separatedBy: "\n")
        let hits = lines.indices.filter { lines[$0].contains(marker) }
        let line = try #require(hits.count >= occurrence ? hits[occurrence - 1] : nil, "marker not found in \(file)") + 1
        return (copy, line)
    }

    @Test("the shipped policy passes")
    func shippedPolicyPasses() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let byEnvironment = try await Self.check([], in: dir)
            #expect(byEnvironment.status == 0, "stderr: \(byEnvironment.stderr)")
            #expect(byEnvironment.stderr.isEmpty)
            let byArgument = try await Self.check([Harness.policyDirectory.path, "--json"], in: dir)
            #expect(byArgument.status == 0, "stderr: \(byArgument.stderr)")
            let report = try JSON.object(byArgument)
            #expect(report["ok"] as? Bool == true)
            #expect((report["problems"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("age bands with a gap are refused with file:line")
    func ageBandGap() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let (copy, line) = try Self.brokenCopy(in: dir, file: "codes/age-bands.yaml", marker: "code: \"25-34\"") {
                $0.replacingOccurrences(of: "    min: 25\n", with: "    min: 26\n")
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("codes/age-bands.yaml:\(line)"), "expected codes/age-bands.yaml:\(line) in \(result.stderr)")
        }
    }

    @Test("a last age band with a maximum is refused with file:line")
    func ageBandClosed() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let (copy, _) = try Self.brokenCopy(in: dir, file: "codes/age-bands.yaml", marker: "min: 45") {
                $0.replacingOccurrences(of: "    min: 45\n", with: "    min: 45\n    max: 120\n")
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("codes/age-bands.yaml:"), "stderr: \(result.stderr)")
        }
    }

    @Test("blind-index bits that break the coincidence rule are refused with file:line")
    func blindIndexBits() async throws {
        try await Harness.withTemporaryDirectory { dir in
            // 24 bits for 1,000,000 rows: C = 0.06 < 2.
            let (copy, line) = try Self.brokenCopy(in: dir, file: "blind-index.yaml", marker: "  phone: 24") {
                $0.replacingOccurrences(of: "\n  phone: 16\n", with: "\n  phone: 24\n")
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("blind-index.yaml:\(line)"), "expected blind-index.yaml:\(line) in \(result.stderr)")
            #expect(result.stderr.contains("phone"))

            let json = try await Self.check([copy.path, "--json"], in: dir)
            #expect(json.status == 65)
            let problems = try #require(try JSON.object(json)["problems"] as? [[String: Any]])
            #expect(problems.contains { $0["file"] as? String == "blind-index.yaml" && $0["line"] as? Int == line })
        }
    }

    @Test("name and name_token bits add up under the coincidence rule")
    func blindIndexNameBitsAddUp() async throws {
        try await Harness.withTemporaryDirectory { dir in
            // 12 + 10 = 22 bits on the name field: C = 0.24 < 2, though each alone would pass.
            let (copy, _) = try Self.brokenCopy(in: dir, file: "blind-index.yaml", marker: "  name_token: 10") {
                $0.replacingOccurrences(of: "\n  name_token: 6\n", with: "\n  name_token: 10\n")
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("blind-index.yaml:"), "stderr: \(result.stderr)")
        }
    }

    @Test("a routing rule naming an unknown agency or need code is refused with file:line",
          arguments: [("agency: kr-kocun", "agency: kr-nowhere", "kr-nowhere"),
                      ("needs: [divorce-recognition]\n      destinations: [KR]", "needs: [divorce-recognitio]\n      destinations: [KR]",
                       "[divorce-recognitio]")])
    func unknownInRouting(original: String, replacement: String, marker: String) async throws {
        try await Harness.withTemporaryDirectory { dir in
            let (copy, line) = try Self.brokenCopy(in: dir, file: "routing.yaml", marker: marker) {
                $0.replacingOccurrences(of: original, with: replacement)
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("routing.yaml:\(line)"), "expected routing.yaml:\(line) in \(result.stderr)")
        }
    }

    @Test("an agency offering an unknown service is refused with file:line")
    func unknownServiceInAgencies() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let (copy, line) = try Self.brokenCopy(in: dir, file: "agencies.yaml", marker: "pre-marriage-counseling") {
                $0.replacingOccurrences(of: "services: [divorce-recognition, pre-marriage-counselling,",
                                        with: "services: [divorce-recognition, pre-marriage-counseling,")
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("agencies.yaml:\(line)"), "expected agencies.yaml:\(line) in \(result.stderr)")
        }
    }

    @Test("a duplicate need code is refused with file:line")
    func duplicateNeed() async throws {
        try await Harness.withTemporaryDirectory { dir in
            let (copy, line) = try Self.brokenCopy(in: dir, file: "codes/needs.yaml", marker: "code: \"health\"", occurrence: 2) {
                $0 + "  - code: \"health\"\n    vi: \"Chăm sóc sức khỏe (lặp)\"\n    en: \"Health care (repeated)\"\n"
            }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("codes/needs.yaml:\(line)"), "expected codes/needs.yaml:\(line) in \(result.stderr)")
            #expect(result.stderr.contains("health"))

            // A command needing the policy refuses to run on it, naming the same place.
            var env = Harness.baseEnvironment()
            env["CAUNOI_POLICY"] = copy.path
            env["CAUNOI_DB"] = dir.appendingPathComponent("none.db").path
            let open = try await Harness.launch(try Harness.binary(), ["case", "open", "--programme", "returnee", "--name", Invented.lyName],
                                                environment: env, scratch: dir)
            Harness.checkHygiene(open, sourceLocation: #_sourceLocation)
            #expect(open.status == 65)
            #expect(open.stderr.contains("codes/needs.yaml:\(line)"), "stderr: \(open.stderr)")
        }
    }

    /// One weakened line of security.yaml.
    struct Weakening: Sendable, CustomStringConvertible {
        let original: String
        let weakened: String
        let marker: String
        var description: String { weakened }
    }

    static let weakenings = [
        Weakening(original: "opslimit: 2", weakened: "opslimit: 1", marker: "opslimit"),
        Weakening(original: "memlimit_kib: 65536", weakened: "memlimit_kib: 8192", marker: "memlimit_kib"),
        Weakening(original: "memlimit_kib: 65536", weakened: "memlimit_kib: 1099511627776", marker: "memlimit_kib"),
        Weakening(original: "minimum_passphrase_length: 12", weakened: "minimum_passphrase_length: 8", marker: "minimum_passphrase_length"),
    ]

    /// Floors in code (issue 12): policy may raise the Argon2id limits and the passphrase
    /// length, never lower them; an absurd limit is a clear policy error, not exit 70.
    @Test("Argon2id limits below the floor or absurdly high, and short passphrases, are refused with file:line", arguments: weakenings)
    func securityFloors(edit: Weakening) async throws {
        let (original, weakened, marker) = (edit.original, edit.weakened, edit.marker)
        try await Harness.withTemporaryDirectory { dir in
            let (copy, _) = try Self.brokenCopy(in: dir, file: "security.yaml", marker: marker) { $0.replacingOccurrences(of: original, with: weakened) }
            let result = try await Self.check([copy.path], in: dir)
            #expect(result.status == 65)
            #expect(result.stderr.contains("security.yaml:") && result.stderr.contains(marker), "stderr: \(result.stderr)")
            // A command that needs the policy refuses the same way, before touching any file.
            var env = Harness.baseEnvironment()
            env["CAUNOI_POLICY"] = copy.path
            env["CAUNOI_DB"] = dir.appendingPathComponent("new.db").path
            env["CAUNOI_NEW_PASSPHRASE"] = "quantri-passphrase-01"
            let initialised = try await Harness.launch(try Harness.binary(), ["init", "--admin", "quantri"], environment: env, scratch: dir)
            #expect(initialised.status == 65, "init: \(initialised.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("new.db").path))
        }
    }
}
