import Foundation
import Hummingbird

/// The session cookie: the registry's random id and nothing else. `HttpOnly`, `SameSite=Strict`,
/// path `/`, no expiry (it dies with the browser, and sooner with the session); over TLS it is
/// `Secure` with the `__Host-` prefix, so no subdomain or plain-HTTP page can set or read it.
enum SessionCookie {
    static func name(secure: Bool) -> String { secure ? "__Host-caunoi" : "caunoi" }

    static func make(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: name(secure: secure), value: id, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Tells the browser to forget the cookie (logout, or a session that ended).
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name(secure: secure), value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
               secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func value(in request: Request, secure: Bool) -> String? {
        guard let value = request.cookies[name(secure: secure)]?.value, value.count == 64, value.allSatisfy(\.isHexDigit) else { return nil }
        return value
    }
}

/// The language cookie (`vi` or `en`), set by the switch in the page header.
enum LanguageCookie {
    static let name = "caunoi-lang"
}
