import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Liveness, the unknown path, the loopback rule and the process hardening.
@Suite struct HealthTests {
    @Test func healthzAnswersWithoutASessionAndUnknownPathsGetOurPage() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok && health.body == "ok\n" && health.headers[.cacheControl] == "no-store")
            let unknown = try await browser.get("/no-such-page")
            #expect(unknown.status == .notFound && unknown.body.contains("<html lang=\"vi\">"))
            #expect(unknown.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
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
