import CaunoiCrypto
import Foundation
import Testing
@testable import Cases

/// Sessions a server keeps for hours (issue 13): they expire, are wiped, and stop working when
/// their user is removed or her centre key rotates.
@Suite struct SessionTests {
    /// A clock the test moves by hand (seconds after a fixed instant).
    final class MovableClock: CaseClock, @unchecked Sendable {
        var seconds: TimeInterval = 0
        func now() -> Date { Date(timeIntervalSince1970: 1_800_000_000 + seconds) }
    }

    static func isWiped(_ session: Session) -> Bool {
        session.keys.values.allSatisfy { $0.bytes.allSatisfy { $0 == 0 } }
    }

    @Test func aRemovedUsersSessionIsRefusedAndLeavesNothing() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try f.open("Lò Thị Xuân").id
        let hoa = try f.session("hoa")
        _ = try f.store.showCase(hoa, id: id)
        _ = try f.store.removeUser(f.session("lan"), name: "hoa")
        #expect(throws: CaunoiError.sessionEnded) { _ = try f.store.showCase(hoa, id: id) }
        #expect(throws: CaunoiError.sessionEnded) { try f.store.addNote(hoa, caseID: id, text: PersonalText("Không được ghi")) }
        #expect(try f.store.showCase(f.session("lan"), id: id).notes.isEmpty)
    }

    @Test func aRotatedCentreKeyEndsTheCentresSessions() throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let id = try f.open("Lò Thị Xuân").id
        let hoa = try f.session("hoa")
        _ = try f.store.rotateCentreKey(f.session("lan"), centre: "HN-OSSO", recovery: nil)
        #expect(throws: CaunoiError.sessionEnded) { _ = try f.store.listCases(hoa, status: nil, programme: nil, assignedTo: nil, centre: nil) }
        // Her case's key was rewrapped under the new version, which the old session never held.
        #expect(throws: CaunoiError.keysMissing) { _ = try f.store.showCase(hoa, id: id) }
        #expect(try f.store.showCase(f.session("hoa"), id: id).summary.id == id, "a new login works")
    }

    @Test func theRegistryEndsIdleOldAndRevokedSessionsAndWipesTheirKeys() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let clock = MovableClock()
        try await Now.$clock.withValue(clock) {
            let registry = SessionRegistry(limits: .init(idle: 15 * 60, lifetime: 8 * 3_600))
            let hoa = try f.session("hoa"), lan = try f.session("lan"), trung = try f.session("trung")
            let hoaID = await registry.add(hoa), lanID = await registry.add(lan), trungID = await registry.add(trung)
            #expect(Set([hoaID, lanID, trungID]).count == 3 && [hoaID, lanID, trungID].allSatisfy { $0.count == 64 })
            clock.seconds = 10 * 60
            #expect(await registry.session(hoaID) != nil)
            #expect(await registry.session(lanID) != nil)
            // trung was idle for 16 minutes: gone, keys zeroed; the others were seen 6 minutes ago.
            clock.seconds = 16 * 60
            await registry.endExpired()
            #expect(await registry.session(trungID) == nil)
            #expect(Self.isWiped(trung))
            #expect(await registry.session(hoaID) != nil)
            // Revoking a user ends her sessions only.
            await registry.revoke(user: "lan")
            #expect(Self.isWiped(lan) && !Self.isWiped(hoa))
            #expect(await registry.count == 1)
            // However active, a session lasts 8 hours at most.
            while clock.seconds < 8 * 3_600 - 600 {
                clock.seconds += 600
                #expect(await registry.session(hoaID) != nil)
            }
            clock.seconds = 8 * 3_600 + 1
            #expect(await registry.session(hoaID) == nil)
            #expect(Self.isWiped(hoa))
            #expect(await registry.count == 0)
            #expect(await registry.session("not-a-session") == nil)
        }
    }

    @Test func logoutWipesAtOnce() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let registry = SessionRegistry()
        let hoa = try f.session("hoa")
        let id = await registry.add(hoa)
        await registry.end(id)
        #expect(Self.isWiped(hoa))
        #expect(await registry.session(id) == nil)
    }

    /// A session ended while a request holds it keeps its keys until that request is done, and
    /// a wiped session can seal nothing (it would seal under zeros).
    @Test func aHeldSessionIsWipedOnlyWhenReleasedAndAWipedOneSealsNothing() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let registry = SessionRegistry()
        let hoa = try f.session("hoa")
        let id = await registry.add(hoa)
        #expect(await registry.acquire(id) != nil)
        await registry.end(id)
        #expect(await registry.session(id) == nil && !Self.isWiped(hoa), "still held by a request")
        await registry.release(id)
        #expect(Self.isWiped(hoa))
        var intake = CaseIntake(programme: .returnee)
        intake.person.name = PersonalText("Nguyễn Thị Hoà")
        #expect(throws: CaunoiError.sessionEnded) { _ = try f.store.openCase(hoa, policy: f.policy, intake: intake) }
    }

    /// Attempts are counted when they start, so attempts sent together cannot all pass.
    @Test func loginAttemptsAreCountedWhenTheyStart() async throws {
        let throttle = LoginThrottle(limits: .init(perAccount: 3, perAddress: 10, window: 900))
        for _ in 0..<3 { try await throttle.begin(account: "hoa", address: "10.0.0.1") }
        await #expect(throws: CaunoiError.tooManyAttempts) { try await throttle.begin(account: "hoa", address: "10.0.0.2") }
        await throttle.succeeded(account: "lan", address: "10.0.0.1")
        try await throttle.begin(account: "lan", address: "10.0.0.1")
        await throttle.succeeded(account: "lan", address: "10.0.0.1")
        let limiter = DerivationLimiter(limit: 1, maxWaiting: 0)
        async let slow: Void = limiter.run { try await Task.sleep(for: .milliseconds(300)) }
        try await Task.sleep(for: .milliseconds(50))
        await #expect(throws: CaunoiError.databaseBusy) { try await limiter.run { } }
        try await slow
    }

    /// Logins of the same user at the same moment (two tabs, a double click) all succeed: each
    /// re-seals her keyslot, and the others still open it with the key they derived.
    @Test func simultaneousLoginsOfOneUserAllSucceed() async throws {
        let f = try Fixture()
        defer { f.cleanUp() }
        let store = f.store
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask { try await store.perform { try store.unlock(user: "hoa", passphrase: Fixture.passphrase("hoa")).user } }
            }
            var users: [String] = []
            for try await user in group { users.append(user) }
            #expect(users == Array(repeating: "hoa", count: 4))
        }
        #expect(throws: CaunoiError.wrongPassphrase) { _ = try store.unlock(user: "hoa", passphrase: .init(utf8: "not hers")) }
    }
}
