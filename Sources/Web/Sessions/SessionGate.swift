import Cases
import Hummingbird

/// Reads the session and language cookies of every request: a live session becomes
/// `context.signedIn` (counting as activity); an ended or unknown one is ignored, so the
/// page asks for a login. Routes decide what needs a login (`Guard`).
struct SessionGate: RouterMiddleware {
    let services: WebServices

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if request.cookies[LanguageCookie.name]?.value == "en" { context.lang = .en }
        if services.behindProxy, let forwarded = request.headers[.init("X-Real-IP")!], forwarded.count <= 64 { context.clientAddress = forwarded }
        if let id = SessionCookie.value(in: request, secure: services.secureCookies), let session = await services.sessions.session(id) {
            context.signedIn = SignedIn(id: id, session: session, csrf: CSRFToken.forSession(id, key: services.csrfKey))
        }
        return try await next(request, context)
    }
}
