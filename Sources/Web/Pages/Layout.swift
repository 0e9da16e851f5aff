import Cases
import Views

/// The frame of every page: the header with the user's navigation for her role, the language
/// switch and logout, a notice line, and the content. No inline script or style (the CSP
/// forbids them); one stylesheet of our own.
struct Layout {
    let lang: Language
    let signedIn: SignedIn?

    func page(_ title: String, notice: String? = nil, warning: String? = nil, _ content: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="\(lang == .vi ? "vi" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — \(PageText.appName.text(lang))</title>
        <link rel="stylesheet" href="/assets/style.css">
        </head>
        <body>
        \(header)
        <main>
        \(notice.map { (text: String) -> HTML in "<p class=\"notice\" role=\"status\">\(text)</p>" } ?? .empty)\
        \(warning.map { (text: String) -> HTML in "<p class=\"warning\" role=\"alert\">\(text)</p>" } ?? .empty)\
        <h1>\(title)</h1>
        \(content)
        </main>
        </body>
        </html>
        """
    }

    private var header: HTML {
        let switchTo = lang == .vi ? "en" : "vi"
        let language: HTML = "<a class=\"lang\" href=\"/lang/\(switchTo)\" hreflang=\"\(switchTo)\">\(PageText.language.text(lang))</a>"
        guard let signedIn else {
            return "<header><span class=\"brand\">\(PageText.appName.text(lang))</span> \(language)</header>"
        }
        let links = Self.navigation(for: signedIn.session.role).map { path, text -> HTML in
            "<a href=\"\(path)\">\(text.text(lang))</a>"
        }
        return """
            <header><a class="brand" href="/">\(PageText.appName.text(lang))</a>
            <nav>\(links)</nav>
            <span class="who">\(signedIn.session.user)</span> \(language)
            <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="\(signedIn.csrf)"><button type="submit">\(PageText.logout.text(lang))</button></form>
            </header>
            """
    }

    /// The links of the areas her role reaches (the core says which: `WorkArea`).
    static func navigation(for role: Role) -> [(String, PageText)] {
        var links: [(String, PageText)] = [("/", .dashboard)]
        if role.reaches(.cases) { links += [("/cases", .cases), ("/cases/new", .newCase), ("/find", .find)] }
        if role.reaches(.centres) { links.append(("/admin/centres", .centres)) }
        if role.reaches(.staff) { links.append(("/admin/users", .users)) }
        if role.reaches(.review) { links.append(("/review", .reviewQueue)) }
        return links + [("/me/passphrase", .myPassphrase)]
    }
}
