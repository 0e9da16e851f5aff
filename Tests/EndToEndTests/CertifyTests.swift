import Foundation
import Testing

/// `keys certify` as a command, on the database written before certificates
/// (Tests/Fixtures/v6): its JSON names the root and every account as the file listed it, a
/// centre-less account with `"centre": null`, roles by code; its text names roles by label.
@Suite("Certify")
struct CertifyTests {
    @Test("keys certify --json on the v6 fixture: the root, the accounts (null centres kept), once only")
    func certifyTheOldDatabase() async throws {
        try await Harness.withTemporaryDirectory { directory in
            let fixtures = Harness.packageRoot.appendingPathComponent("Tests/Fixtures/v6")
            let database = directory.appendingPathComponent("old.db").path
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("v6-database.bin").path, toPath: database)
            var environment = Harness.baseEnvironment()
            environment["CAUNOI_DB"] = database
            environment["CAUNOI_USER"] = "quantri"
            environment["CAUNOI_PASSPHRASE"] = "fixture passphrase quantri"
            let key = fixtures.appendingPathComponent("v6-recovery-key.txt").path
            let binary = try Harness.binary()
            let done = try await Harness.launch(binary, ["keys", "certify", "--recovery-key-file", key, "--json"], environment: environment,
                                                scratch: directory)
            #expect(done.status == 0, "\(done.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: done.stdoutData) as? [String: Any])
            #expect((object["root_fingerprint"] as? String)?.isEmpty == false)
            #expect(object["centre_versions"] is Int && object["pending_grants"] is Int)
            let accounts = try #require(object["accounts"] as? [[String: Any]])
            let admin = try #require(accounts.first { $0["name"] as? String == "quantri" })
            #expect(admin["role"] as? String == "admin" && admin["centre"] is NSNull && admin["active"] as? Bool == true)
            #expect(accounts.contains { $0["name"] as? String == "hanh" && $0["active"] as? Bool == false })
            let again = try await Harness.launch(binary, ["keys", "certify", "--recovery-key-file", key], environment: environment,
                                                 scratch: directory)
            #expect(again.status == 65 && again.stderrLines.count == 1)
        }
    }
}
