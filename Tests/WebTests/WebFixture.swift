import CaunoiCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Cases
@testable import Web

/// A temporary deployment served in process: two centres (HN-OSSO with manager lan and
/// counsellor hoa; CT-MC with manager mai), a statistician, a central officer and the admin.
/// Argon2id runs at its minimum limits to keep the suite fast. Names are invented.
struct WebFixture {
    let directory: URL
    let store: CaseStore
    let policy: Policy
    let services: WebServices

    static let security = SecuritySettings(argon2id: .minimum, minimumPassphraseLength: 12)
    static func passphrase(_ user: String) -> String { "passphrase of \(user)" }

    static var policyDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("policy")
    }

    init(throttle: LoginThrottle = LoginThrottle(), sessions: SessionRegistry = SessionRegistry()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("caunoi-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        policy = try Policy.load(from: Self.policyDirectory)
        store = try CaseStore.open(path: directory.appendingPathComponent("web.db").path, create: true)
        let recovery = try store.initialise(admin: "root", passphrase: SecureBytes(utf8: Self.passphrase("root")), security: Self.security)
        let admin = try store.unlock(user: "root", passphrase: SecureBytes(utf8: Self.passphrase("root")))
        _ = try store.addCentre(admin, code: "HN-OSSO", name: "OSSO Hà Nội", province: "01", kind: .osso)
        _ = try store.addCentre(admin, code: "CT-MC", name: "Trung tâm tư vấn Cần Thơ", province: "92", kind: .marriage)
        for (name, role, centre) in [("lan", Role.manager, "HN-OSSO"), ("mai", .manager, "CT-MC"), ("thu", .statistician, nil),
                                     ("trung", .central, nil)] as [(String, Role, String?)] {
            _ = try store.addUser(admin, name: name, role: role, centre: centre, passphrase: SecureBytes(utf8: Self.passphrase(name)),
                                  security: Self.security, recovery: recovery)
        }
        let lan = try store.unlock(user: "lan", passphrase: SecureBytes(utf8: Self.passphrase("lan")))
        _ = try store.addUser(lan, name: "hoa", role: .counsellor, centre: "HN-OSSO", passphrase: SecureBytes(utf8: Self.passphrase("hoa")),
                              security: Self.security, recovery: nil)
        services = WebServices(store: store, policy: policy, sessions: sessions, limiter: DerivationLimiter(limit: 2), throttle: throttle,
                               secureCookies: false)
    }

    var application: some ApplicationProtocol { Application(router: WebApplication.router(services)) }

    /// Runs `body` with an in-process client, then removes the deployment.
    func test(_ body: @Sendable (Browser) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await application.test(.router) { client in try await body(Browser(client: client)) }
    }
}

/// A tiny browser over the test client: it keeps cookies, follows nothing by itself, and reads
/// the CSRF token from the last page it got.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var lastBody = ""

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String) async throws -> Page {
        try await send(uri, .get, body: nil)
    }

    /// Posts a form; the `csrf` field is the last page's token unless given.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: String?? = .none) async throws -> Page {
        var all = fields
        switch csrf {
        case .none: if let token = token { all.append(("csrf", token)) }
        case .some(let given?): all.append(("csrf", given))
        case .some(nil): break
        }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, .post, body: body)
    }

    /// Posts a `multipart/form-data` form with one file, as a browser's upload form does; the
    /// `csrf` field is the last page's token unless given.
    @discardableResult
    func upload(_ uri: String, _ fields: [(String, String)], file: (name: String, type: String, bytes: [UInt8])?,
                csrf: String?? = .none) async throws -> Page {
        var all = fields
        if case .none = csrf, let token { all.append(("csrf", token)) }
        if case .some(let given?) = csrf { all.append(("csrf", given)) }
        let boundary = "----caunoiTestBoundary7MA4YWxkTrZu0gW"
        var body: [UInt8] = []
        for (name, value) in all {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(uri, .post, body: ByteBuffer(bytes: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// The CSRF token of the last page.
    var token: String? {
        guard let range = lastBody.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(lastBody[range.upperBound...].prefix { $0 != "\"" })
    }

    func forgetCookies() { cookies = [:] }
    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    /// Logs in through the form; the browser then holds the session cookie.
    @discardableResult
    func logIn(_ user: String, passphrase: String? = nil) async throws -> Page {
        try await get("/login")
        return try await post("/login", [("user", user), ("passphrase", passphrase ?? WebFixture.passphrase(user))])
    }

    private func send(_ uri: String, _ method: HTTPRequest.Method, body: String?) async throws -> Page {
        try await send(uri, method, body: body.map { ByteBuffer(string: $0) }, contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(_ uri: String, _ method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty || line.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        let text = String(buffer: response.body)
        if response.status == .ok || response.status.code >= 400 { lastBody = text }
        return Page(status: response.status, headers: response.headers, body: text)
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
