import Cases
import CaunoiCrypto
import Hummingbird
import Views

/// `/admin/users` and `/admin/centres` with their POSTs: admins manage everyone, managers the
/// staff of their own centre (the core decides; these routes only translate). Removing a user
/// ends her sessions at once, here and at her next request anywhere else.
struct AdminRoutes {
    let handler: Handler
    var services: WebServices { handler.services }

    func add(to router: Router<WebContext>) {
        router.get("admin/users") { request, context in
            await handler.page(request, context) { signedIn in try await usersPage(context, signedIn) }
        }
        router.post("admin/users") { request, context in
            await handler.post(request, context) { signedIn, form in try await addUser(context, signedIn, form) }
        }
        router.post("admin/users/{name}/remove") { request, context in
            await handler.post(request, context) { signedIn, _ in
                let name = context.parameters.get("name") ?? ""
                let store = services.store
                let removed = try await handler.core { try store.removeUser(signedIn.session, name: name) }
                await services.sessions.revoke(user: name)
                let notice = removed.centre == nil ? PageText.changesSaved : PageText.userRemovedNotice(name)
                return try await usersPage(context, signedIn, notice: notice.text(context.lang))
            }
        }
        router.post("admin/users/{name}/grant") { request, context in
            await handler.post(request, context) { signedIn, _ in
                let name = context.parameters.get("name") ?? ""
                let store = services.store
                let change = try await handler.core { try store.grantAccess(signedIn.session, to: name, recovery: nil) }
                return try await usersPage(context, signedIn, notice: accessNotice(change, context.lang))
            }
        }
        router.get("admin/centres") { request, context in
            await handler.page(request, context) { signedIn in try await centresPage(context, signedIn) }
        }
        router.post("admin/centres") { request, context in
            await handler.post(request, context) { signedIn, form in try await addCentre(context, signedIn, form) }
        }
    }

    private func accessNotice(_ change: AccessChange, _ lang: Language) -> String {
        var parts = [PageText.keysGranted(change.user, change.granted).text(lang)]
        if !change.missing.isEmpty { parts.append(PageText.keysMissing(change.missing).text(lang)) }
        return parts.joined(separator: " ")
    }

    private func usersPage(_ context: WebContext, _ signedIn: SignedIn, notice: String? = nil, form: FormData? = nil,
                           problem: (String, String)? = nil) async throws -> Response {
        let session = signedIn.session
        try session.require(.staff)
        let store = services.store
        let (users, centres) = try await handler.core {
            (try store.users(session), try store.centres(session).filter { session.mayReach(.centres) || $0.code == session.centre })
        }
        let pages = AdminPages(labels: CodeLabels(policy: services.policy, lang: context.lang))
        let widgets = Widgets(lang: context.lang, form: form, problem: problem.map { (field: $0.0, message: $0.1) })
        let lang = context.lang
        let content: HTML = """
            \(pages.userTable(users, csrf: signedIn.csrf, acting: session.user))
            <h2>\(PageText.addUser.text(lang))</h2>
            \(pages.addUserForm(widgets, csrf: signedIn.csrf, roles: session.role.rolesItMayAdd, centres: centres))
            """
        let page = Layout(lang: lang, signedIn: signedIn).page(PageText.users.text(lang), notice: notice,
                                                               warning: problem == nil ? nil : PageText.badFormTitle.text(lang), content)
        return PageResponse.html(page, status: problem == nil ? .ok : .unprocessableContent)
    }

    private func addUser(_ context: WebContext, _ signedIn: SignedIn, _ form: FormData) async throws -> Response {
        let lang = context.lang
        let name = form.value("name") ?? ""
        guard let role = form.value("role").flatMap(Role.init(rawValue:)) else {
            return try await usersPage(context, signedIn, form: form, problem: ("role", CaunoiError.missing(.role).message(lang, naming: { $0.label(lang) })))
        }
        let passphrase = SecureBytes(utf8: form.raw("new-passphrase"))
        let again = SecureBytes(utf8: form.raw("new-passphrase-again"))
        defer { passphrase.wipe(); again.wipe() }
        let store = services.store
        let (session, security) = (signedIn.session, services.policy.security)
        let centre = form.value("centre")
        do {
            guard passphrase == again else { throw CaunoiError.passphraseMismatch }
            let change = try await handler.core {
                try store.addUser(session, name: name, role: role, centre: centre, passphrase: passphrase, security: security, recovery: nil)
            }
            return try await usersPage(context, signedIn, notice: accessNotice(change, lang))
        } catch let error as CaunoiError where [.invalidInput, .badData].contains(error.kind) {
            let field = FieldNames.formField(of: error) ?? "name"
            return try await usersPage(context, signedIn, form: form, problem: (field, error.message(lang, naming: { $0.label(lang) })))
        }
    }

    private func centresPage(_ context: WebContext, _ signedIn: SignedIn, notice: String? = nil, form: FormData? = nil,
                             problem: (String, String)? = nil) async throws -> Response {
        let session = signedIn.session
        try session.require(.centres)
        let store = services.store
        let centres = try await handler.core { try store.centres(session) }
        let lang = context.lang
        let pages = AdminPages(labels: CodeLabels(policy: services.policy, lang: lang))
        let widgets = Widgets(lang: lang, form: form, problem: problem.map { (field: $0.0, message: $0.1) })
        let content: HTML = "\(pages.centreTable(centres))<h2>\(PageText.addCentre.text(lang))</h2>\(pages.addCentreForm(widgets, csrf: signedIn.csrf))"
        let page = Layout(lang: lang, signedIn: signedIn).page(PageText.centres.text(lang), notice: notice,
                                                               warning: problem == nil ? nil : PageText.badFormTitle.text(lang), content)
        return PageResponse.html(page, status: problem == nil ? .ok : .unprocessableContent)
    }

    private func addCentre(_ context: WebContext, _ signedIn: SignedIn, _ form: FormData) async throws -> Response {
        let lang = context.lang
        let store = services.store
        let policy = services.policy
        let session = signedIn.session
        do {
            guard let code = form.value("code") else { throw CaunoiError.missing(.centreCode) }
            guard let name = form.value("name") else { throw CaunoiError.missing(.centreName) }
            guard let kind = form.value("kind").flatMap(CentreKind.init(rawValue:)) else { throw CaunoiError.missing(.centre) }
            let province = try policy.province(form.value("province") ?? "")
            let centre = try await handler.core { try store.addCentre(session, code: code, name: name, province: province, kind: kind) }
            return try await centresPage(context, signedIn, notice: Text.centreAdded(centre.code).text(lang))
        } catch let error as CaunoiError where [.invalidInput, .badData].contains(error.kind) {
            let field: String = switch error {
            case .missing(.centreCode): "code"
            case .missing(.centreName): "name"
            case .missing(.centre): "kind"
            case .unknownCode: "province"
            default: "code"
            }
            return try await centresPage(context, signedIn, form: form, problem: (field, error.message(lang, naming: { $0.label(lang) })))
        }
    }
}
