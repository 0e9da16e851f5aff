import CaunoiCrypto
import Hummingbird

/// Tokens that every state-changing form carries in its hidden `csrf` field. A session's token
/// is a keyed BLAKE2b of its id under a key made at start, so nothing is stored and a token
/// is good for that session only. Before login, the token is bound the same way to a random
/// value in a short-lived cookie (so a login form cannot be posted from elsewhere).
enum CSRFToken {
    static func forSession(_ id: String, key: SecureBytes) -> String {
        token("session|" + id, key: key)
    }

    static func forLogin(nonce: String, key: SecureBytes) -> String {
        token("login|" + nonce, key: key)
    }

    /// Compares in time independent of where the two differ.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let (a, b) = (Array(given.utf8), Array(expected.utf8))
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private static func token(_ message: String, key: SecureBytes) -> String {
        let digest = (try? BLAKE2b.hash(Array(message.utf8), key: key, outputByteCount: 32)) ?? []
        return digest.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}

/// The pre-login cookie that binds the login form's token.
enum LoginNonceCookie {
    static func name(secure: Bool) -> String { secure ? "__Host-caunoi-login" : "caunoi-login" }

    static func make(_ nonce: String, secure: Bool) -> Cookie {
        Cookie(name: name(secure: secure), value: nonce, maxAge: 3_600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name(secure: secure), value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
