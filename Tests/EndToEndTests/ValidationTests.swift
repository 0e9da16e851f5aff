import Foundation
import Testing

/// Acceptance: typed codes and dates are checked against policy, usage errors give 64, and a
/// missing passphrase without a terminal is refused (CLI.md).
@Suite("Validation")
struct ValidationTests {
    @Test("bad codes and dates are 65, missing name and unknown subcommand 64, no passphrase and no TTY 77")
    func validation() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            func open(_ fields: [String]) async throws -> CLIResult {
                try await d.run(["case", "open", "--programme", "returnee"] + fields, as: .counsellor)
            }
            func expectOneLine(_ result: CLIResult, _ status: Int32, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(result.status == status, "\(comment): exit \(result.status), \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderrLines.count == 1, "\(comment): stderr \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderr.hasPrefix("caunoi: "), "\(comment): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
            }

            let unknownNeed = try await open(["--name", Invented.thaoName, "--need", "teleportation"])
            expectOneLine(unknownNeed, 65, "unknown need")
            #expect(unknownNeed.stderr.contains("teleportation"), "the bad code is echoed: \(unknownNeed.stderr)")

            for bad in ["1990-02-30", "1990-13-01", "17/04/1991", "1991-4-17", "ngày mai"] {
                expectOneLine(try await open(["--name", Invented.thaoName, "--dob", bad]), 65, "bad --dob")
            }
            let unknownProvince = try await open(["--name", Invented.thaoName, "--origin-province", "Atlantis"])
            expectOneLine(unknownProvince, 65, "unknown province")
            expectOneLine(try await open(["--name", Invented.thaoName, "--origin-province", "99"]), 65, "unknown province code")
            expectOneLine(try await open(["--name", Invented.thaoName, "--destination", "XX"]), 65, "unknown country")
            expectOneLine(try await open(["--name", Invented.thaoName, "--migration", "tourism"]), 65, "unknown migration")

            // Nothing was written by the refused intakes.
            #expect(try await d.listCases().isEmpty)

            // A province typed by its name without diacritics is stored as its current code:
            // Hải Dương (former 30) now belongs to Hải Phòng, "31".
            let haiDuong = try await d.openCase(["--name", Invented.thaoName, "--origin-province", "Hai Duong"])
            let haNoi = try await d.openCase(["--name", Invented.lyName, "--origin-province", "hà nội"])
            let listed = try await d.listCases()
            #expect(listed.first { $0.id == haiDuong.id }?.originProvince == "31")
            #expect(listed.first { $0.id == haNoi.id }?.originProvince == "01")

            // Missing --name: a usage or data error, one clean line.
            let noName = try await open(["--phone", Invented.thaoPhone])
            #expect(noName.status == 64 || noName.status == 65, "missing --name: exit \(noName.status)")
            expectOneLine(noName, noName.status, "missing --name")
            #expect(noName.stderr.contains("--name"))
            let blankName = try await open(["--name", "   "])
            #expect(blankName.status == 64 || blankName.status == 65, "blank --name: exit \(blankName.status)")
            expectOneLine(blankName, blankName.status, "blank --name")

            // An unknown subcommand is a usage error.
            #expect(try await d.run(["case", "frobnicate"], as: .counsellor).status == 64)
            #expect(try await d.run(["frobnicate"], as: .counsellor).status == 64)

            // No CAUNOI_PASSPHRASE and no terminal: refused with 77 (setsid detaches any
            // controlling terminal the test runner may have).
            var noPassphrase = ["case", "list"]
            var launcher = try Harness.binary()
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") {
                noPassphrase = ["-w", launcher] + noPassphrase
                launcher = "/usr/bin/setsid"
            }
            var env = Harness.baseEnvironment()
            env["CAUNOI_DB"] = d.databasePath
            env["CAUNOI_USER"] = Staff.counsellor.name
            let refused = try await Harness.launch(launcher, noPassphrase, environment: env, scratch: d.directory)
            Harness.checkHygiene(refused, sourceLocation: #_sourceLocation)
            expectOneLine(refused, 77, "no passphrase, no TTY")
        }
    }
}
