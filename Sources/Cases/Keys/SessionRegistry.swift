import CaunoiCrypto
import Foundation

/// The unlocked sessions of a long-running face (the web server), by random 256-bit id: the
/// only place a user's keys live between her requests. Never written anywhere. A session ends
/// (and its keys are wiped) at logout, after `idle` without a request, after `lifetime` since
/// login, when its user is removed or her centre key rotates (`revoke`), and at shutdown
/// (`endAll`). Expiry is read from `Now.clock`, so tests move time instead of waiting.
public actor SessionRegistry {
    public struct Limits: Sendable {
        public let idle: TimeInterval
        public let lifetime: TimeInterval
        /// 15 minutes idle, 8 hours in all (docs/SECURITY.md, "The server").
        public static let standard = Limits(idle: 15 * 60, lifetime: 8 * 3_600)

        public init(idle: TimeInterval, lifetime: TimeInterval) {
            self.idle = idle
            self.lifetime = lifetime
        }
    }

    private struct Entry {
        let session: Session
        let started: Date
        var lastSeen: Date
        /// Requests using the session right now (`acquire` … `release`).
        var leases = 0
    }

    public let limits: Limits
    private var entries: [String: Entry] = [:]
    /// Ended sessions that requests still hold: wiped when the last lease is released, so a
    /// request never encrypts under keys zeroed beneath it.
    private var draining: [String: Entry] = [:]

    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// Keeps a freshly unlocked session; returns its id (64 hex digits from the CSPRNG).
    public func add(_ session: Session) -> String {
        session.lockKeysInMemory()
        let id = SecureBytes.random(count: 32).bytes.map { String(format: "%02x", $0) }.joined()
        let now = Now.clock.now()
        entries[id] = Entry(session: session, started: now, lastSeen: now)
        return id
    }

    /// The session for `id` if it is still alive, counting this as activity; an expired one
    /// is ended on the spot. (A request uses `acquire` instead.)
    public func session(_ id: String) -> Session? {
        guard var entry = entries[id] else { return nil }
        let now = Now.clock.now()
        guard isAlive(entry, at: now) else {
            end(id)
            return nil
        }
        entry.lastSeen = now
        entries[id] = entry
        return entry.session
    }

    /// The session for a request that will use its keys until it calls `release(id)`: if the
    /// session ends meanwhile (logout, revocation, expiry), its keys are wiped only then.
    public func acquire(_ id: String) -> Session? {
        guard let session = session(id) else { return nil }
        entries[id]?.leases += 1
        return session
    }

    public func release(_ id: String) {
        if entries[id] != nil {
            entries[id]!.leases = max(0, entries[id]!.leases - 1)
        } else if var entry = draining[id] {
            entry.leases -= 1
            if entry.leases <= 0 {
                draining[id] = nil
                entry.session.wipe()
            } else {
                draining[id] = entry
            }
        }
    }

    private func isAlive(_ entry: Entry, at now: Date) -> Bool {
        now.timeIntervalSince(entry.lastSeen) <= limits.idle && now.timeIntervalSince(entry.started) <= limits.lifetime
    }

    /// Logout: the session goes at once (no request can acquire it again) and its keys are
    /// wiped, as soon as no request still holds it.
    public func end(_ id: String) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        if entry.leases > 0 { draining[id] = entry } else { entry.session.wipe() }
    }

    /// Ends every session of `user` (she was removed, or changed her passphrase elsewhere).
    public func revoke(user: String) {
        for (id, entry) in entries where entry.session.user == user { end(id) }
    }

    /// Ends every session that works cases of `centre` (its key rotated).
    public func revoke(centre: String) {
        for (id, entry) in entries where entry.session.centre == centre { end(id) }
    }

    /// Ends sessions past their limits; the server calls this now and then, so keys of
    /// people who walked away do not wait for their next request to be wiped.
    public func endExpired() {
        let now = Now.clock.now()
        for (id, entry) in entries where !isAlive(entry, at: now) { end(id) }
    }

    /// Shutdown: every session ends, and every key is wiped, held or not.
    public func endAll() {
        for id in Array(entries.keys) { end(id) }
        for entry in draining.values { entry.session.wipe() }
        draining = [:]
    }

    public var count: Int { entries.count }
}
