/// Where `caunoi serve` listens (`--listen HOST:PORT`, default 127.0.0.1:8080), and the rule
/// of docs/SECURITY.md, "The server": without TLS in front of it, it listens on loopback only,
/// so session cookies and passphrases never cross a network in clear.
public struct ListenAddress: Equatable, Sendable {
    public let host: String
    public let port: Int

    public static let standard = ListenAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// "HOST:PORT", "[v6]:PORT" or ":PORT" (loopback); nil when it is none of these.
    public init?(parsing text: String) {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard let port = Int(portText), (1...65_535).contains(port), host.allSatisfy({ !$0.isWhitespace }) else { return nil }
        self.init(host: String(host), port: port)
    }

    /// Loopback by name or number: 127.0.0.0/8, ::1, localhost.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Whether the server may listen here: loopback always; elsewhere only behind a TLS proxy
    /// (TLS in the server itself comes with the login pages).
    public func isAllowed(behindProxy: Bool) -> Bool {
        isLoopback || behindProxy
    }
}
