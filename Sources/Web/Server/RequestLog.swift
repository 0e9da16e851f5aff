import Hummingbird
import Logging

/// One line per request: method, route pattern (`/cases/{id}`, never the path with its id or
/// a query), status and duration. Never a query value, form value, cookie or case content
/// (docs/SECURITY.md, "The server"), with the signed-in user's name (staff handles, not
/// personal data of the women).
struct RequestLog: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            log(context, method: method, status: response.status.code, since: start)
            return response
        } catch let error as any HTTPResponseError {
            log(context, method: method, status: error.status.code, since: start)
            throw error
        } catch {
            log(context, method: method, status: 500, since: start)
            throw error
        }
    }

    private func log(_ context: WebContext, method: String, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        // An unmatched path is logged as "-": the path itself could hold anything typed.
        let route = context.endpointPath ?? "-"
        let user = context.signedIn?.session.user ?? "-"
        context.logger.info("\(method) \(route) \(status) \(String(format: "%.1f", milliseconds)) ms \(user)")
    }
}
