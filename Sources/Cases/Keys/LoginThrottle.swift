import Foundation

/// Failed logins counted per account and per client address over a sliding window: past the
/// limit, further attempts are refused before any Argon2id runs, so guessing passphrases
/// costs the guesser time and the server nothing (docs/SECURITY.md, "The server"). A success
/// clears the account's count; the address keeps its earlier failures, so one valid account
/// cannot be used to reset guessing at the others. Times come from `Now.clock`.
public actor LoginThrottle {
    public struct Limits: Sendable {
        public let perAccount: Int
        public let perAddress: Int
        public let window: TimeInterval

        /// 5 failures per account, 20 per address, in 15 minutes.
        public static let standard = Limits(perAccount: 5, perAddress: 20, window: 15 * 60)

        public init(perAccount: Int, perAddress: Int, window: TimeInterval) {
            self.perAccount = perAccount
            self.perAddress = perAddress
            self.window = window
        }
    }

    public let limits: Limits
    private var accountFailures: [String: [Date]] = [:]
    private var addressFailures: [String: [Date]] = [:]
    private var failuresSincePrune = 0

    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// Starts an attempt: refused (`tooManyAttempts`) when either count is at its limit, and
    /// otherwise counted as a failure at once, so that attempts sent together cannot all pass
    /// before the first is counted. `succeeded` takes it back.
    public func begin(account: String, address: String) throws {
        let now = Now.clock.now()
        if recent(accountFailures, account, now) >= limits.perAccount || recent(addressFailures, address, now) >= limits.perAddress {
            throw CaunoiError.tooManyAttempts
        }
        accountFailures[account, default: []].append(now)
        addressFailures[address, default: []].append(now)
        failuresSincePrune += 1
        if failuresSincePrune >= 256 { prune(now) }
    }

    /// The attempt was right: the account's count is cleared and the address's attempt taken back.
    public func succeeded(account: String, address: String) {
        accountFailures[account] = nil
        if addressFailures[address]?.isEmpty == false { addressFailures[address]!.removeLast() }
    }

    private func recent(_ table: [String: [Date]], _ key: String, _ now: Date) -> Int {
        table[key]?.filter { now.timeIntervalSince($0) < limits.window }.count ?? 0
    }

    /// Forgets failures older than the window, so the tables stay small under a flood.
    private func prune(_ now: Date) {
        failuresSincePrune = 0
        let keep: (Date) -> Bool = { now.timeIntervalSince($0) < self.limits.window }
        accountFailures = accountFailures.compactMapValues { let kept = $0.filter(keep); return kept.isEmpty ? nil : kept }
        addressFailures = addressFailures.compactMapValues { let kept = $0.filter(keep); return kept.isEmpty ? nil : kept }
    }
}
