import Hummingbird
import Logging

/// The staff web application (docs/WEB.md): a Hummingbird server over the same core as the
/// CLI. This first step answers `GET /healthz`; the pages come with the login and sessions.
public enum WebApplication {
    /// The routes, for the server and for in-process tests alike.
    public static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLog())
        // Liveness for a proxy or a supervisor: no session, no database read, nothing personal.
        router.get("healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        return router
    }

    /// The application listening at `address`, logging through `logger`.
    public static func application(address: ListenAddress, logger: Logger) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
                     logger: logger)
    }
}
