import Cases
import CaunoiCrypto
import Foundation

/// Everything the routes share, made once per process: the store (one `DatabasePool`), the
/// policy (read once), the live sessions, the cap on Argon2id derivations, login limits, and
/// how cookies are set.
public struct WebServices: Sendable {
    public let store: CaseStore
    public let policy: Policy
    public let sessions: SessionRegistry
    public let limiter: DerivationLimiter
    public let throttle: LoginThrottle
    /// Cookies get `Secure` and the `__Host-` prefix when the browser reaches us over TLS.
    public let secureCookies: Bool
    /// Behind a proxy, the client's address is the `X-Real-IP` the proxy sets (it is on
    /// loopback, so nobody else can); otherwise the peer's own address.
    public let behindProxy: Bool
    /// Keys the CSRF tokens of this process (random at start; tokens die with the process,
    /// as sessions do).
    let csrfKey: SecureBytes
    /// Notices a page shows once after a redirect (possible duplicates of a new case).
    let notices = OneTimeNotices()

    public init(store: CaseStore, policy: Policy, sessions: SessionRegistry = SessionRegistry(),
                limiter: DerivationLimiter = DerivationLimiter(limit: 2), throttle: LoginThrottle = LoginThrottle(),
                secureCookies: Bool, behindProxy: Bool = false) {
        self.store = store
        self.policy = policy
        self.sessions = sessions
        self.limiter = limiter
        self.throttle = throttle
        self.secureCookies = secureCookies
        self.behindProxy = behindProxy
        self.csrfKey = SecureBytes.random(count: 32)
    }
}
