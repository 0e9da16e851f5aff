import Cases
import CaunoiCrypto
import Hummingbird
import Views

/// `GET|POST /find` (the search term is POSTed, so it is in no URL, history or log) and
/// `GET|POST /me/passphrase`.
struct FindRoutes {
    let handler: Handler
    var services: WebServices { handler.services }

    func add(to router: Router<WebContext>) {
        router.get("find") { request, context in
            await handler.page(request, context) { signedIn in PageResponse.html(pages(context, signedIn).find()) }
        }
        router.post("find") { request, context in
            await handler.post(request, context) { signedIn, form in try await find(context, signedIn, form) }
        }
        router.get("me/passphrase") { request, context in
            await handler.page(request, context) { signedIn in PageResponse.html(pages(context, signedIn).passphrase()) }
        }
        router.post("me/passphrase") { request, context in
            await handler.post(request, context) { signedIn, form in try await changePassphrase(context, signedIn, form) }
        }
    }

    private func pages(_ context: WebContext, _ signedIn: SignedIn) -> ListPages {
        ListPages(labels: CodeLabels(policy: services.policy, lang: context.lang), signedIn: signedIn)
    }

    private func find(_ context: WebContext, _ signedIn: SignedIn, _ form: FormData) async throws -> Response {
        let terms: [(String, (String) -> FindQuery)] = [("name", FindQuery.name), ("phone", FindQuery.phone),
                                                        ("id-number", FindQuery.idNumber), ("passport", FindQuery.passport)]
        let given = terms.compactMap { name, make in form.value(name).map { (name, make($0)) } }
        let lang = context.lang
        guard given.count == 1, let (_, query) = given.first else {
            let error = given.isEmpty ? CaunoiError.missing(.name) : CaunoiError.conflicting(.name, .phone)
            return PageResponse.html(pages(context, signedIn).find(form: form, problem: FormProblem.of(error, lang, default: "name")),
                                     status: .unprocessableContent)
        }
        let store = services.store
        let policy = services.policy
        let result = try await handler.core { try store.search(signedIn.session, policy: policy, query: query) }
        return PageResponse.html(pages(context, signedIn).find(form: form, results: result))
    }

    private func changePassphrase(_ context: WebContext, _ signedIn: SignedIn, _ form: FormData) async throws -> Response {
        let current = SecureBytes(utf8: form.raw("current-passphrase"))
        let new = SecureBytes(utf8: form.raw("new-passphrase"))
        let again = SecureBytes(utf8: form.raw("new-passphrase-again"))
        defer { current.wipe(); new.wipe(); again.wipe() }
        let store = services.store
        let security = services.policy.security
        let user = signedIn.session.user
        do {
            guard new == again else { throw CaunoiError.passphraseMismatch }
            // The current passphrase is guessed no more freely here than at the login page.
            try await services.throttle.begin(account: user, address: context.clientAddress)
            try await services.limiter.run {
                try await store.perform { try store.changeOwnPassphrase(signedIn.session, current: current, to: new, security: security) }
            }
            await services.throttle.succeeded(account: user, address: context.clientAddress)
        } catch let error as CaunoiError where error == .wrongPassphrase || error == .tooManyAttempts || FormProblem.belongsToForm(error) {
            var problem = FormProblem.of(error, context.lang, default: "new-passphrase")
            if error == .wrongPassphrase || error == .tooManyAttempts { problem.field = "current-passphrase" }
            return PageResponse.html(pages(context, signedIn).passphrase(problem: problem), status: .unprocessableContent)
        }
        // Her other sessions end too: whoever held them must now know the new passphrase.
        await services.sessions.revoke(user: signedIn.session.user)
        let page = LoginPageAfterChange.page(context.lang)
        return PageResponse.html(page, status: .ok)
    }
}

/// After a passphrase change every session of hers has ended: she logs in again.
enum LoginPageAfterChange {
    static func page(_ lang: Language) -> HTML {
        Layout(lang: lang, signedIn: nil).page(PageText.myPassphrase.text(lang), notice: PageText.passphraseChanged.text(lang),
                                               "<p><a href=\"/login\">\(PageText.login.text(lang))</a></p>")
    }
}
