import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The web target builds with the web stack and answers in process (issue 13); the pages and
/// their route tests come with the login (issue 14).
@Suite struct HealthTests {
    @Test func healthzAnswersWithoutASession() async throws {
        let app = Application(router: WebApplication.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(uri: "/cases/HN-OSSO-2026-00001", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func listenAddressesParseAndOnlyLoopbackIsAllowedWithoutAProxy() {
        #expect(ListenAddress(parsing: "127.0.0.1:8080") == .standard)
        #expect(ListenAddress(parsing: ":9000") == ListenAddress(host: "127.0.0.1", port: 9000))
        #expect(ListenAddress(parsing: "[::1]:8443") == ListenAddress(host: "::1", port: 8443))
        for bad in ["", "8080", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "host:port", "::1:80", "a b:80"] {
            #expect(ListenAddress(parsing: bad) == nil, "\(bad)")
        }
        for loopback in ["127.0.0.1:8080", "127.1.2.3:80", "localhost:80", "[::1]:80"] {
            #expect(ListenAddress(parsing: loopback)!.isAllowed(behindProxy: false), "\(loopback)")
        }
        for open in ["0.0.0.0:8080", "192.168.1.5:80", "[::]:80", "example.org:443", "127.0.0.1.evil:80"] {
            let address = ListenAddress(parsing: open)!
            #expect(!address.isAllowed(behindProxy: false), "\(open)")
            #expect(address.isAllowed(behindProxy: true), "\(open)")
        }
    }
}
