import Foundation
import Testing
@testable import Cases

/// The async face of the core (issue 13): blocking work runs off the caller's thread with the
/// clock in force, and Argon2id derivations are capped.
@Suite struct AsyncWorkTests {
    actor Gauge {
        var now = 0
        var most = 0
        func enter() { now += 1; most = max(most, now) }
        func leave() { now -= 1 }
    }

    @Test func workRunsWithTheCallersClockAndLoginsAreCapped() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let store = f.store
        let day = try await Now.$clock.withValue(try #require(FixedClock(day: "2023-09-02"))) {
            try await store.perform { Day.today() }
        }
        #expect(day == "2023-09-02")

        let limiter = DerivationLimiter(limit: 2)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await limiter.run {
                        await gauge.enter()
                        try await Task.sleep(for: .milliseconds(40))
                        await gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        let (most, left) = (await gauge.most, await gauge.now)
        #expect(most <= 2 && left == 0)
        #expect(await limiter.active == 0)

        let session = try await store.unlock(user: "hoa", passphrase: Fixture.passphrase("hoa"), limiter: limiter)
        #expect(session.user == "hoa")
        await #expect(throws: CaunoiError.wrongPassphrase) {
            _ = try await store.unlock(user: "hoa", passphrase: Fixture.passphrase("not hoa"), limiter: limiter)
        }
        #expect(await limiter.active == 0, "a failed login gives its place back")
    }
}
