import Cases
import Views

/// Centres and users for admins and managers: plain organisational data, never a person's.
struct AdminPages {
    let labels: CodeLabels
    var lang: Language { labels.lang }

    func centreTable(_ centres: [Centre]) -> HTML {
        guard !centres.isEmpty else { return "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" }
        let rows = centres.map { c -> HTML in
            "<tr><td>\(c.code)</td><td>\(c.name)</td><td>\(labels.centreKind(c.kind))</td><td>\(labels.province(c.province))</td></tr>"
        }
        return """
            <table><thead><tr><th>\(Text.field(.centre).text(lang))</th><th>\(Text.field(.name).text(lang))</th>\
            <th>\(Text.field(.kind).text(lang))</th><th>\(Text.field(.province).text(lang))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// Users, with remove and grant buttons when `csrf` is given (the acting user manages them).
    func userTable(_ users: [UserInfo], csrf: String?, acting: String? = nil) -> HTML {
        guard !users.isEmpty else { return "<p class=\"muted\">\(PageText.nothingHere.text(lang))</p>" }
        let rows = users.map { u -> HTML in
            var actions: HTML = .empty
            if let csrf, u.active, u.name != acting {
                actions = """
                    <form method="post" action="/admin/users/\(URLText.component(u.name))/grant" class="inline"><input type="hidden" name="csrf" value="\(csrf)">\
                    <button type="submit">\(PageText.grantKeys.text(lang))</button></form> \
                    <form method="post" action="/admin/users/\(URLText.component(u.name))/remove" class="inline"><input type="hidden" name="csrf" value="\(csrf)">\
                    <button type="submit">\(PageText.removeUser.text(lang))</button></form>
                    """
            }
            let state = (u.active ? PageText.active : PageText.removed).text(lang)
            return "<tr><td>\(u.name)</td><td>\(labels.role(u.role))</td><td>\(u.centre ?? "—")</td><td>\(state)</td><td>\(actions)</td></tr>"
        }
        return """
            <table><thead><tr><th>\(PageText.userName.text(lang))</th><th>\(PageText.roleLabel.text(lang))</th>\
            <th>\(PageText.centreLabel.text(lang))</th><th>\(Text.field(.status).text(lang))</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// Adding a user: name, role (a manager adds staff of her own centre), centre, a first
    /// passphrase typed twice, which she changes at her first login.
    func addUserForm(_ widgets: Widgets, csrf: String, roles: [Role], centres: [Centre]) -> HTML {
        let centreOptions = centres.map { ($0.code, "\($0.code) — \($0.name)") }
        return """
            <form method="post" action="/admin/users" class="stack">\(widgets.csrf(csrf))
            \(widgets.text("name", PageText.userName.text(lang), required: true))
            \(widgets.select("role", PageText.roleLabel.text(lang), options: roles.map { ($0.rawValue, labels.role($0)) }, required: true))
            \(widgets.select("centre", PageText.centreLabel.text(lang), options: centreOptions, blank: "—"))
            \(widgets.text("new-passphrase", PageText.newPassphrase.text(lang), type: "password", required: true, autocomplete: "new-password"))
            \(widgets.text("new-passphrase-again", PageText.repeatPassphrase.text(lang), type: "password", required: true, autocomplete: "new-password"))
            <button type="submit">\(PageText.addUser.text(lang))</button></form>
            """
    }

    func addCentreForm(_ widgets: Widgets, csrf: String) -> HTML {
        """
        <form method="post" action="/admin/centres" class="stack">\(widgets.csrf(csrf))
        \(widgets.text("code", Text.field(.centre).text(lang), required: true, hint: "HN-OSSO"))
        \(widgets.text("name", Text.field(.name).text(lang), required: true))
        \(widgets.typedCode("province", Text.field(.province).text(lang), options: labels.policy.provinces.options(lang)))
        \(widgets.select("kind", Text.field(.kind).text(lang), options: CentreKind.allCases.map { ($0.rawValue, labels.centreKind($0)) }, required: true))
        <button type="submit">\(PageText.addCentre.text(lang))</button></form>
        """
    }
}
