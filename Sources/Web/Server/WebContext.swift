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
        clientAddress = remoteAddress?.ipAddress ?? "unknown"
    }

    /// The address login limits count by, set by `SessionGate`: the peer's IP, or behind a
    /// proxy the client's address as the proxy gives it.
    var clientAddress = "unknown"
}

/// A live session as a request sees it: its id (the cookie's value), the unlocked core session
/// and the CSRF token every form of this session must carry.
struct SignedIn: Sendable {
    let id: String
    let session: Session
    let csrf: String
}
