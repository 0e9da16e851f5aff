import Cases
import CaunoiCrypto
import Foundation
import Hummingbird
import Views

/// `GET|POST /login`, `POST /logout`, `GET /lang/{vi|en}`. A login unlocks her keys once
/// (one Argon2id, capped with every other login) and keeps them in the session registry only.
/// Failed logins and logouts are audited by the core like CLI unlocks.
struct LoginRoutes {
    let services: WebServices

    func add(to router: Router<WebContext>) {
        router.get("login") { request, context in loginForm(request, context, message: nil) }
        router.post("login") { request, context in await login(request, context) }
        router.post("logout") { request, context in await logout(request, context) }
        router.get("lang/{lang}") { _, context in
            let lang = context.parameters.get("lang") == "en" ? "en" : "vi"
            return PageResponse.redirect("/", cookies: [
                Cookie(name: LanguageCookie.name, value: lang, maxAge: 365 * 86_400, path: "/", secure: services.secureCookies,
                       httpOnly: true, sameSite: .strict),
            ])
        }
    }

    /// The form, with a fresh nonce cookie its token is bound to.
    private func loginForm(_ request: Request, _ context: WebContext, message: String?, userName: String = "",
                           status: HTTPResponse.Status = .ok) -> Response {
        if context.signedIn != nil, message == nil { return PageResponse.redirect("/") }
        let nonce = SecureBytes.random(count: 32).bytes.map { String(format: "%02x", $0) }.joined()
        let page = LoginPage(lang: context.lang, csrf: CSRFToken.forLogin(nonce: nonce, key: services.csrfKey), message: message,
                             userName: userName)
        var response = PageResponse.html(page.render(), status: status)
        response.setCookie(LoginNonceCookie.make(nonce, secure: services.secureCookies))
        return response
    }

    private func login(_ request: Request, _ context: WebContext) async -> Response {
        let lang = context.lang
        guard let form = try? await FormData.read(request, context: context) else {
            return ErrorPage.response(.contentTooLarge, lang: lang)
        }
        let nonce = request.cookies[LoginNonceCookie.name(secure: services.secureCookies)]?.value ?? ""
        guard !nonce.isEmpty, CSRFToken.matches(form.value("csrf"), CSRFToken.forLogin(nonce: nonce, key: services.csrfKey)) else {
            return ErrorPage.response(.forbidden, lang: lang, body: .csrfBody)
        }
        let user = form.value("user") ?? ""
        let passphrase = SecureBytes(utf8: form.raw("passphrase"))
        defer { passphrase.wipe() }
        let address = context.clientAddress
        do {
            try await services.throttle.begin(account: user, address: address)
            guard !user.isEmpty else { throw CaunoiError.wrongPassphrase }
            let session = try await services.store.unlock(user: user, passphrase: passphrase, limiter: services.limiter)
            await services.throttle.succeeded(account: user, address: address)
            // A browser that was signed in (another tab, another account) leaves no keys behind.
            if let previous = context.signedIn { await services.sessions.end(previous.id) }
            let id = await services.sessions.add(session)
            return PageResponse.redirect("/", cookies: [SessionCookie.make(id, secure: services.secureCookies),
                                                        LoginNonceCookie.cleared(secure: services.secureCookies)])
        } catch CaunoiError.databaseBusy {
            return loginForm(request, context, message: CaunoiError.databaseBusy.message(lang, naming: { $0.label(lang) }),
                             userName: user, status: .serviceUnavailable)
        } catch CaunoiError.tooManyAttempts {
            return loginForm(request, context, message: PageText.tooMany.text(lang), userName: user, status: .tooManyRequests)
        } catch {
            // Unknown, removed or wrong: one answer (docs/SECURITY.md); the attempt stays counted.
            let text = CaunoiError.wrongPassphrase.message(lang, naming: { $0.label(lang) })
            return loginForm(request, context, message: text, userName: user, status: .unauthorized)
        }
    }

    private func logout(_ request: Request, _ context: WebContext) async -> Response {
        let cleared = SessionCookie.cleared(secure: services.secureCookies)
        guard let signedIn = context.signedIn else { return PageResponse.redirect("/login", cookies: [cleared]) }
        guard let form = try? await FormData.read(request, context: context), CSRFToken.matches(form.value("csrf"), signedIn.csrf) else {
            return ErrorPage.response(.forbidden, lang: context.lang, signedIn: signedIn, body: .csrfBody)
        }
        let store = services.store
        try? await store.perform { try store.recordLogout(signedIn.session) }
        await services.sessions.end(signedIn.id)
        await services.notices.forget(session: signedIn.id)
        return PageResponse.redirect("/login", cookies: [cleared])
    }
}
