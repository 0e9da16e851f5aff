import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Cases
@testable import Web

/// The server holds a user's keys only while she is logged in: after logout, idle expiry and
/// her removal, the registry holds no session for her cookie and the keys it held are zero.
/// Failed logins are limited per account and per address.
@Suite struct SessionWipeTests {
    final class MovableClock: CaseClock, @unchecked Sendable {
        var seconds: TimeInterval = 0
        func now() -> Date { Date(timeIntervalSince1970: 1_800_000_000 + seconds) }
    }

    /// The live core session behind the browser's cookie.
    static func session(_ fixture: WebFixture, _ browser: Browser) async throws -> (String, Session) {
        let id = try #require(browser.cookies["caunoi"])
        let live = await fixture.services.sessions.session(id)
        let session = try #require(live)
        return (id, session)
    }

    static func isGone(_ fixture: WebFixture, _ id: String) async -> Bool {
        await fixture.services.sessions.session(id) == nil
    }

    @Test func logoutIdleExpiryAndRemovalWipeTheKeys() async throws {
        let clock = MovableClock()
        let fixture = try WebFixture(sessions: SessionRegistry(limits: .init(idle: 15 * 60, lifetime: 8 * 3_600)))
        try await Now.$clock.withValue(clock) {
            try await fixture.test { browser in
                // Logout.
                try await browser.logIn("hoa")
                let (loggedOut, first) = try await Self.session(fixture, browser)
                #expect(!first.holdsNoKey)
                try await browser.get("/")
                try await browser.post("/logout", [])
                let loggedOutGone = await Self.isGone(fixture, loggedOut)
                #expect(first.holdsNoKey && loggedOutGone)

                // Idle expiry: 16 minutes without a request.
                try await browser.logIn("hoa")
                let (idle, second) = try await Self.session(fixture, browser)
                clock.seconds += 10 * 60
                #expect(try await browser.get("/").status == .ok)
                clock.seconds += 16 * 60
                #expect(try await browser.get("/").location == "/login")
                let idleGone = await Self.isGone(fixture, idle)
                #expect(second.holdsNoKey && idleGone)

                // Removal by her manager (another browser): her session ends at once.
                try await browser.logIn("hoa")
                let (removedID, third) = try await Self.session(fixture, browser)
                let manager = Browser(client: browser.client)
                try await manager.logIn("lan")
                try await manager.get("/admin/users")
                #expect(try await manager.post("/admin/users/hoa/remove", []).status == .ok)
                let removedIDGone = await Self.isGone(fixture, removedID)
                #expect(third.holdsNoKey && removedIDGone)
                #expect(try await browser.get("/").location == "/login")
                // And she cannot log in again: the same answer as a wrong passphrase.
                let again = try await browser.logIn("hoa")
                let wrong = try await browser.logIn("lan", passphrase: "not her passphrase")
                #expect(again.status == .unauthorized && wrong.status == .unauthorized)
            }
        }
    }

    @Test func aSessionTheCoreRefusesEndsAtItsNextRequest() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            try await browser.logIn("hoa")
            let (id, session) = try await Self.session(fixture, browser)
            // Removed outside the server (the CLI, say): the registry still holds her session...
            let lan = try fixture.store.unlock(user: "lan", passphrase: .init(utf8: WebFixture.passphrase("lan")))
            try fixture.store.removeUser(lan, name: "hoa")
            // ...until her next request, which the core refuses: keys wiped, login page.
            #expect(try await browser.get("/cases").location == "/login")
            let idGone = await Self.isGone(fixture, id)
            #expect(session.holdsNoKey && idGone)
        }
    }

    @Test func aRotatedCentreKeyEndsItsStaffsSessionsAtTheirNextRequest() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            try await browser.logIn("hoa")
            let (id, session) = try await Self.session(fixture, browser)
            let lan = try fixture.store.unlock(user: "lan", passphrase: .init(utf8: WebFixture.passphrase("lan")))
            _ = try fixture.store.rotateCentreKey(lan, centre: "HN-OSSO", recovery: nil)
            #expect(try await browser.get("/cases").location == "/login")
            let gone = await Self.isGone(fixture, id)
            #expect(session.holdsNoKey && gone)
            // A new login holds the new key version and works.
            #expect(try await browser.logIn("hoa").status == .seeOther)
            #expect(try await browser.get("/cases").status == .ok)
        }
    }

    @Test func failedLoginsAreLimitedPerAccountAndPerAddress() async throws {
        let fixture = try WebFixture(throttle: LoginThrottle(limits: .init(perAccount: 3, perAddress: 5, window: 15 * 60)))
        try await fixture.test { browser in
            for _ in 0..<3 { #expect(try await browser.logIn("hoa", passphrase: "guess").status == .unauthorized) }
            // The right passphrase no longer helps for this account...
            #expect(try await browser.logIn("hoa").status == .tooManyRequests)
            // ...another account still logs in, until the address has failed too often.
            #expect(try await browser.logIn("lan").status == .seeOther)
            try await browser.get("/")
            try await browser.post("/logout", [])
            for _ in 0..<2 { #expect(try await browser.logIn("mai", passphrase: "guess").status == .unauthorized) }
            #expect(try await browser.logIn("trung").status == .tooManyRequests)
        }
    }

    @Test func theLanguageSwitchesToEnglishAndBack() async throws {
        try await WebFixture().test { browser in
            try await browser.get("/lang/en")
            #expect(try await browser.get("/login").body.contains("Log in to Cầu Nối"))
            try await browser.get("/lang/vi")
            #expect(try await browser.get("/login").body.contains("Đăng nhập Cầu Nối"))
        }
    }
}
