import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `caunoi serve` as a process: it starts over an initialised database, answers `GET
/// /healthz`, logs a route pattern and never the path or query typed, and refuses to listen
/// beyond loopback without a TLS proxy in front (docs/WEB.md, "Process options").
@Suite("Serve")
struct ServeTests {
    @Test("the server answers /healthz, logs route patterns only, and stays on loopback")
    func serve() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let refused = try await d.run(["serve", "--listen", "0.0.0.0:8080"])
            #expect(refused.status == 64 && refused.stderr.contains("--behind-proxy"))
            #expect(try await d.run(["serve", "--listen", "nowhere"]).status == 64)
            #expect(try await d.run(["serve"], environment: ["CAUNOI_DB": d.directory.appendingPathComponent("none.db").path]).status == 66)

            let port = try Harness.freePort()
            let log = d.directory.appendingPathComponent("serve.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let logHandle = try FileHandle(forWritingTo: log)
            let server = Process()
            server.executableURL = URL(fileURLWithPath: d.binary)
            server.arguments = ["serve", "--listen", "127.0.0.1:\(port)"]
            var environment = Harness.baseEnvironment()
            environment["CAUNOI_DB"] = d.databasePath
            server.environment = environment
            server.standardOutput = logHandle
            server.standardError = logHandle
            try server.run()
            defer {
                server.terminate()
                server.waitUntilExit()
                try? logHandle.close()
            }
            var status = 0
            var body = ""
            // Up to 30 s: a loaded machine (the whole suite runs in parallel) starts it slowly.
            for _ in 0..<300 where status == 0 && server.isRunning {
                if let (data, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!) {
                    status = (response as? HTTPURLResponse)?.statusCode ?? 0
                    body = String(decoding: data, as: UTF8.self)
                } else {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(status == 200 && body == "ok\n")
            let probe = URL(string: "http://127.0.0.1:\(port)/unknown/\(Invented.hoaPassport)?name=\(Invented.hoaPhone)")!
            let (_, missing) = try await URLSession.shared.data(from: probe)
            #expect((missing as? HTTPURLResponse)?.statusCode == 404)
            // A case page without a login ends on the login page (303, followed).
            let casePage = URL(string: "http://127.0.0.1:\(port)/cases/\(Invented.hoaPassport)?name=\(Invented.hoaPhone)")!
            let (_, redirected) = try await URLSession.shared.data(from: casePage)
            #expect(redirected.url?.path == "/login")
            try await Task.sleep(for: .milliseconds(200))
            let logged = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
            #expect(logged.contains("GET /healthz 200"))
            #expect(logged.contains("127.0.0.1:\(port)"))
            #expect(!logged.contains(Invented.hoaPassport) && !logged.contains(Invented.hoaPhone), "the log holds what was typed in a URL")
        }
    }

    @Test("with its own certificate it serves HTTPS anywhere, cookies Secure with the __Host- prefix; a bad certificate is refused")
    func serveWithTLS() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            Issue.record("openssl and curl are needed for the TLS test (scripts/test installs them)")
            return
        }
        try await Deployment.with([.soloCounsellor]) { d in
            let cert = d.directory.appendingPathComponent("cert.pem").path, key = d.directory.appendingPathComponent("key.pem").path
            let made = try await Harness.launch("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                                    "-days", "2", "-subj", "/CN=localhost"], environment: Harness.baseEnvironment(),
                                                scratch: d.directory)
            #expect(made.status == 0)
            let garbage = d.directory.appendingPathComponent("garbage.pem").path
            _ = FileManager.default.createFile(atPath: garbage, contents: Data("not a certificate".utf8))
            let bad = try await d.run(["serve", "--tls-cert", garbage, "--tls-key", key])
            #expect(bad.status == 65 && bad.stderrLines.count == 1)
            #expect(try await d.run(["serve", "--tls-cert", cert]).status == 64)

            let port = try Harness.freePort()
            let server = Process()
            server.executableURL = URL(fileURLWithPath: d.binary)
            // Not loopback: allowed because the server itself speaks TLS.
            server.arguments = ["serve", "--listen", "0.0.0.0:\(port)", "--tls-cert", cert, "--tls-key", key]
            var environment = Harness.baseEnvironment()
            environment["CAUNOI_DB"] = d.databasePath
            server.environment = environment
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            var health = ""
            for _ in 0..<300 where health != "ok\n" && server.isRunning {
                let answer = try await Harness.launch("/usr/bin/curl", ["-sk", "https://127.0.0.1:\(port)/healthz"],
                                                      environment: Harness.baseEnvironment(), scratch: d.directory)
                health = answer.stdout
                if health != "ok\n" { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(health == "ok\n")
            let headers = try await Harness.launch("/usr/bin/curl", ["-sk", "-D", "-", "-o", "/dev/null", "https://127.0.0.1:\(port)/login"],
                                                   environment: Harness.baseEnvironment(), scratch: d.directory).stdout
            #expect(headers.contains("__Host-caunoi-login=") && headers.contains("Secure") && headers.contains("HttpOnly"))
            #expect(headers.lowercased().contains("strict-transport-security: max-age=31536000"))
            let plain = try await Harness.launch("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/healthz"],
                                                 environment: Harness.baseEnvironment(), scratch: d.directory).stdout
            #expect(plain == "000", "plain HTTP must not be answered")
        }
    }
}
