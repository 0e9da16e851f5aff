import Cases
import Hummingbird
import Views

/// How every page route runs, in one place: who may reach it (a login; 303 to `/login`
/// otherwise), the CSRF check of a POST (403), core work off the event loop, and each failure
/// turned into the status and page docs/WEB.md names. A session the core refuses (her account
/// removed, her centre's key rotated) is ended at once and the browser sent to the login page.
struct Handler: Sendable {
    let services: WebServices

    /// A page for a signed-in user.
    func page(_ request: Request, _ context: WebContext, _ body: @Sendable (SignedIn) async throws -> Response) async -> Response {
        guard let signedIn = context.signedIn else { return PageResponse.redirect("/login") }
        return await guarded(context, signedIn) { try await body(signedIn) }
    }

    /// A form post from a signed-in user: the hidden `csrf` field must carry her session's token.
    func post(_ request: Request, _ context: WebContext, _ body: @Sendable (SignedIn, FormData) async throws -> Response) async -> Response {
        guard let signedIn = context.signedIn else { return PageResponse.redirect("/login") }
        let form: FormData
        do { form = try await FormData.read(request, context: context) } catch {
            return ErrorPage.response(error == .tooLarge ? .contentTooLarge : .badRequest, lang: context.lang, signedIn: signedIn)
        }
        guard CSRFToken.matches(form.value("csrf"), signedIn.csrf) else {
            return ErrorPage.response(.forbidden, lang: context.lang, signedIn: signedIn, body: .csrfBody)
        }
        return await guarded(context, signedIn) { try await body(signedIn, form) }
    }

    /// A file upload (`multipart/form-data`) from a signed-in user, checked as a form post is;
    /// the body may be as large as `maximumFileBytes` plus room for the fields.
    func upload(_ request: Request, _ context: WebContext, maximumFileBytes: Int,
                _ body: @Sendable (SignedIn, MultipartForm) async throws -> Response) async -> Response {
        guard let signedIn = context.signedIn else { return PageResponse.redirect("/login") }
        let form: MultipartForm
        do { form = try await MultipartForm.read(request, maximumFileBytes: maximumFileBytes) } catch {
            return ErrorPage.response(error == .tooLarge ? .contentTooLarge : .badRequest, lang: context.lang, signedIn: signedIn)
        }
        guard CSRFToken.matches(form.fields.value("csrf"), signedIn.csrf) else {
            return ErrorPage.response(.forbidden, lang: context.lang, signedIn: signedIn, body: .csrfBody)
        }
        return await guarded(context, signedIn) { try await body(signedIn, form) }
    }

    /// Runs blocking core work on the core's own threads.
    func core<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await services.store.perform(work)
    }

    private func guarded(_ context: WebContext, _ signedIn: SignedIn, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as CaunoiError {
            return await failure(error, context, signedIn)
        } catch {
            return ErrorPage.response(.internalServerError, lang: context.lang, signedIn: signedIn)
        }
    }

    /// What a refusal from the core becomes. Nothing of the record is in any of these pages.
    func failure(_ error: CaunoiError, _ context: WebContext, _ signedIn: SignedIn) async -> Response {
        let lang = context.lang
        switch error {
        case .sessionEnded, .userRemoved(signedIn.session.user):
            // Her own session refused by the core: ended at once. (`userRemoved` about another
            // user is a refusal of the step, below.)
            await services.sessions.end(signedIn.id)
            return PageResponse.redirect("/login", cookies: [SessionCookie.cleared(secure: services.secureCookies)])
        case .integrityFailure(let record):
            return ErrorPage.response(.internalServerError, lang: lang, signedIn: signedIn, body: .integrityBody(record))
        default:
            break
        }
        let status: HTTPResponse.Status = switch error.kind {
        case .notPermitted: .forbidden
        case .notFound: .notFound
        case .invalidInput, .badData: .badRequest
        case .busy: .serviceUnavailable
        case .cannotCreate, .inputOutput, .internal: .internalServerError
        }
        guard status == .badRequest else { return ErrorPage.response(status, lang: lang, signedIn: signedIn) }
        let page = Layout(lang: lang, signedIn: signedIn).page(PageText.errorTitle.text(lang),
                                                                "<p>\(error.message(lang, naming: { $0.label(lang) }))</p>")
        return PageResponse.html(page, status: .badRequest)
    }
}
