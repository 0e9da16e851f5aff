import Cases
import Hummingbird
import NIOCore

/// What one request carries through the server: the client's address (for login limits), the
/// signed-in user if her session cookie names a live session, and her language.
public struct WebContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by `SessionGate` when the request's cookie names a live session.
    var signedIn: SignedIn?
    var lang: Language = .vi

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The address login limits count by: the peer's IP (behind a proxy, the proxy's; the
    /// per-account limit still holds).
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// A live session as a request sees it: its id (the cookie's value), the unlocked core session
/// and the CSRF token every form of this session must carry.
struct SignedIn: Sendable {
    let id: String
    let session: Session
    let csrf: String
}
