import Cases
import Hummingbird
import HummingbirdTLS
import Logging

/// The staff web application (docs/WEB.md): a Hummingbird server over the same core as the
/// CLI. Routes translate; the core decides.
public enum WebApplication {
    /// The routes, for the server and for in-process tests alike.
    public static func router(_ services: WebServices) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        // The session first, so the log line names the user; headers innermost, so that even an
        // unknown path gets our page and every header.
        router.add(middleware: SessionGate(services: services))
        router.add(middleware: RequestLog())
        router.add(middleware: SecurityHeaders(strictTransport: services.secureCookies))
        // Liveness for a proxy or a supervisor: no session, no database read, nothing personal.
        router.get("healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("assets/style.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        let handler = Handler(services: services)
        LoginRoutes(services: services).add(to: router)
        DashboardRoutes(handler: handler).add(to: router)
        CaseRoutes(handler: handler).add(to: router)
        TransferRoutes(handler: handler).add(to: router)
        ReviewRoutes(handler: handler).add(to: router)
        FindRoutes(handler: handler).add(to: router)
        AdminRoutes(handler: handler).add(to: router)
        return router
    }

    /// The application listening at `address`, logging through `logger`. Sessions past their
    /// limits are swept every minute, and all end (keys wiped) when the server stops.
    /// With `tls`, the server speaks HTTPS itself.
    public static func application(_ services: WebServices, address: ListenAddress, tls: TLSConfiguration? = nil,
                                   logger: Logger) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: nil)
        var app = Application(router: router(services), server: try tls.map { try .tls(tlsConfiguration: $0) } ?? .http1(),
                              configuration: configuration, logger: logger)
        app.addServices(SessionSweeper(sessions: services.sessions))
        return app
    }
}
