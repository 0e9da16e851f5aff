import Cases
import Views

/// The login form. A failed login says one thing whatever went wrong (unknown user, removed
/// account, wrong passphrase), so the page tells nobody which accounts exist.
struct LoginPage {
    let lang: Language
    let csrf: String
    var message: String?
    var userName = ""

    func render() -> HTML {
        Layout(lang: lang, signedIn: nil).page(PageText.loginTitle.text(lang), warning: message, """
            <form method="post" action="/login" class="stack">
            <input type="hidden" name="csrf" value="\(csrf)">
            <label for="user">\(PageText.userName.text(lang))</label>
            <input type="text" id="user" name="user" value="\(userName)" autocomplete="username" autocapitalize="none" required>
            <label for="passphrase">\(PageText.passphrase.text(lang))</label>
            <input type="password" id="passphrase" name="passphrase" autocomplete="current-password" required>
            <button type="submit">\(PageText.login.text(lang))</button>
            </form>
            <p class="muted">\(PageText.loginHint.text(lang))</p>
            """)
    }
}
