import Hummingbird

/// The headers of docs/SECURITY.md, "The server", on every response: a strict CSP (our own
/// stylesheet and script only, no inline script, no framing, forms back to us only), no
/// framing, no referrer, no MIME sniffing, and no caching of anything but the static assets.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Reached over TLS (directly or through the proxy): browsers are told to keep to HTTPS.
    var strictTransport = false

    static var policy: String {
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // An unknown path or method: our own page, never the framework's text.
            response = ErrorPage.response(error.status, lang: .vi)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[values: .init("X-Frame-Options")!] = ["DENY"]
        response.headers[values: .init("X-Content-Type-Options")!] = ["nosniff"]
        response.headers[values: .init("Referrer-Policy")!] = ["no-referrer"]
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if strictTransport { response.headers[values: .init("Strict-Transport-Security")!] = ["max-age=31536000"] }
        return response
    }
}
