import CaunoiCrypto
import Dispatch
import Foundation

/// Async entry points for a server: the core's work blocks (database waits, Argon2id at each
/// login), so it runs on threads of its own, never on an event loop or Swift's cooperative
/// pool, and the clock in force travels with it.
extension CaseStore {
    /// Runs blocking core work off the caller's thread: `try await store.perform { try
    /// store.showCase(session, id: id) }`.
    public func perform<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let clock = Now.clock
        return try await withCheckedThrowingContinuation { continuation in
            CaseStore.workQueue.async {
                continuation.resume(with: Result { try Now.$clock.withValue(clock) { try work() } })
            }
        }
    }

    /// Unlocks with at most `limiter.limit` Argon2id derivations at once: each takes the
    /// policy's memory (64 MiB and up), so a flood of logins waits instead of exhausting it.
    public func unlock(user: String, passphrase: SecureBytes, limiter: DerivationLimiter) async throws -> Session {
        try await limiter.run { try await perform { try unlock(user: user, passphrase: passphrase) } }
    }

    static let workQueue = DispatchQueue(label: "caunoi.core-work", qos: .userInitiated, attributes: .concurrent)
}

/// At most `limit` bodies at once; the others wait their turn, first come first served, and
/// past `maxWaiting` in line a new one is refused at once (`databaseBusy`): a flood of logins
/// neither queues without end nor holds memory for each waiting passphrase.
public actor DerivationLimiter {
    public let limit: Int
    public let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int, maxWaiting: Int = 32) {
        self.limit = max(1, limit)
        self.maxWaiting = max(0, maxWaiting)
    }

    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if running < limit {
            running += 1
        } else {
            guard waiting.count < maxWaiting else { throw CaunoiError.databaseBusy }
            // The finishing body hands its place straight to the first waiter.
            await withCheckedContinuation { waiting.append($0) }
        }
        defer {
            if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }

    /// Bodies running now (for tests and the server's status).
    public var active: Int { running }
}
