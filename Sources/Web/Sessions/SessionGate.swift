import Cases
import Hummingbird

/// Reads the session and language cookies of every request: a live session becomes
/// `context.signedIn` (counting as activity, and leased for the request); an ended or unknown
/// one is ignored, so the page asks for a login. Routes decide what needs a login (`Handler`).
struct SessionGate: RouterMiddleware {
    let services: WebServices

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if request.cookies[LanguageCookie.name]?.value == "en" { context.lang = .en }
        // The proxy's word for the client's address is taken only from a proxy on this host.
        if services.behindProxy, ListenAddress(host: context.clientAddress, port: 1).isLoopback,
           let forwarded = request.headers[.init("X-Real-IP")!], forwarded.count <= 64 {
            context.clientAddress = forwarded
        }
        guard let id = SessionCookie.value(in: request, secure: services.secureCookies),
              let session = await services.sessions.acquire(id) else { return try await next(request, context) }
        // Held for the whole request: a logout or revocation meanwhile wipes the keys only
        // once this request is done with them.
        context.signedIn = SignedIn(id: id, session: session, csrf: CSRFToken.forSession(id, key: services.csrfKey))
        do {
            let response = try await next(request, context)
            await services.sessions.release(id)
            return response
        } catch {
            await services.sessions.release(id)
            throw error
        }
    }
}
