import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The web phase (issue 14): the real `caunoi serve` over the benchmark database, N signed-in
/// sessions (1, 10, 50) asking for case pages and name searches at once over HTTP on loopback,
/// beside a same-run floor (the server's static `/healthz`, same concurrency), so the ratio
/// shows what caunoi's own work costs. Also what a login costs, whether logins slow other
/// users' pages, and the server's peak memory.
struct WebPhase {
    let binary: String
    let dbPath: String
    let policyPath: String
    let caseIDs: [String]
    let names: [String]
    let user: String
    let passphrase: String
    static let requestsPerSession = 40

    struct Signed {
        let cookie: String
        let csrf: String
    }

    func run() async throws {
        let port = Int.random(in: 20_000...60_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--listen", "127.0.0.1:\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment["CAUNOI_DB"] = dbPath
        environment["CAUNOI_POLICY"] = policyPath
        server.environment = environment
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 128)
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await measure(client, base: base, pid: server.processIdentifier)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func measure(_ client: HTTPClient, base: String, pid: Int32) async throws {
        var ready = false
        for _ in 0..<200 where !ready {
            ready = (try? await send(client, base + "/healthz"))?.status == .ok
            if !ready { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard ready else { throw BenchError.serverDidNotStart }
        print("\n-- web (caunoi serve, HTTP on loopback, \(Self.requestsPerSession) requests per session) --")
        var sessions: [Signed] = []
        var loginTimes: [Double] = []
        for pace in [nil, Self.humanPace] {
            print(pace == nil ? "back to back (each session sends its next request as soon as the last is answered: the server's capacity):"
                              : "paced (each session one request every \(Int(Self.humanPace * 1000)) ms, already faster than anyone clicks):")
            print("sessions   case page p50/p99 (ms)   name search p50/p99 (ms)   pages/s   floor p50/p99 (ms)   floor/s   p99 ratio")
            for count in [1, 10, 50] {
                while sessions.count < count {
                    let start = Measure.now()
                    sessions.append(try await logIn(client, base: base))
                    loginTimes.append(Double(Measure.now() - start) / 1e6)
                }
                try await row(client, base: base, sessions: Array(sessions.prefix(count)), pace: pace)
            }
        }
        try await afterLoad(client, base: base, sessions: sessions, loginTimes: loginTimes, pid: pid)
    }

    /// Seconds between one session's requests in the paced runs.
    static let humanPace = 0.2

    private func row(_ client: HTTPClient, base: String, sessions: [Signed], pace: Double?) async throws {
        let count = sessions.count
        let (pages, searches, pageWall) = try await load(client, base: base, sessions: sessions, pace: pace)
        let (floor, floorWall) = try await floorLoad(client, base: base, concurrency: count, pace: pace)
        let all = pages + searches
        let ratio = Measure.percentile(all, 99) / max(Measure.percentile(floor, 99), 0.001)
        print(String(format: "%8d   %9.1f / %-9.1f    %9.1f / %-9.1f     %7.0f   %7.2f / %-7.2f    %7.0f   %6.1f×",
                     count, Measure.percentile(pages, 50), Measure.percentile(pages, 99), Measure.percentile(searches, 50),
                     Measure.percentile(searches, 99), Double(all.count) / pageWall, Measure.percentile(floor, 50),
                     Measure.percentile(floor, 99), Double(floor.count) / floorWall, ratio))
    }

    private func afterLoad(_ client: HTTPClient, base: String, sessions: [Signed], loginTimes: [Double], pid: Int32) async throws {
        print(String(format: "login (one Argon2id with the policy's limits): p50 %.0f ms, max %.0f ms over %d logins",
                     Measure.percentile(loginTimes, 50), loginTimes.max() ?? 0, loginTimes.count))
        // Do logins slow other users' pages? Ten paced sessions load pages while five more log in.
        let quiet = try await load(client, base: base, sessions: Array(sessions.prefix(10)), pace: Self.humanPace).pages
        async let busy = load(client, base: base, sessions: Array(sessions.prefix(10)), pace: Self.humanPace)
        for _ in 0..<5 { _ = try await logIn(client, base: base) }
        let duringLogins = try await busy.pages
        print(String(format: "case page p99 with 10 paced sessions: %.1f ms quiet, %.1f ms while 5 others log in",
                     Measure.percentile(quiet, 99), Measure.percentile(duringLogins, 99)))
        print("server memory with \(sessions.count + 5) sessions: \(Self.memory(pid))")
    }

    /// Each session alternates case pages and name searches; returns both latency lists and the wall time.
    private func load(_ client: HTTPClient, base: String, sessions: [Signed], pace: Double? = nil) async throws
        -> (pages: [Double], searches: [Double], wall: Double) {
        let start = Measure.now()
        let results = try await withThrowingTaskGroup(of: ([Double], [Double]).self) { group in
            for (index, session) in sessions.enumerated() {
                group.addTask {
                    var pages: [Double] = [], searches: [Double] = []
                    let first = Measure.now() + UInt64(Double(index) / Double(sessions.count) * (pace ?? 0) * 1e9)
                    for n in 0..<Self.requestsPerSession {
                        try await Self.wait(until: first, n, pace)
                        let pick = (index * 7_919 + n * 104_729) % caseIDs.count
                        let begin = Measure.now()
                        if n % 2 == 0 {
                            let response = try await send(client, base + "/cases/" + caseIDs[pick], cookie: session.cookie)
                            guard response.status == .ok else { throw BenchError.status(response.status.code) }
                            pages.append(Double(Measure.now() - begin) / 1e6)
                        } else {
                            let response = try await send(client, base + "/find", cookie: session.cookie,
                                                          form: [("csrf", session.csrf), ("name", names[pick % names.count])])
                            guard response.status == .ok else { throw BenchError.status(response.status.code) }
                            searches.append(Double(Measure.now() - begin) / 1e6)
                        }
                    }
                    return (pages, searches)
                }
            }
            var all: ([Double], [Double]) = ([], [])
            for try await (pages, searches) in group { all.0 += pages; all.1 += searches }
            return all
        }
        return (results.0, results.1, Double(Measure.now() - start) / 1e9)
    }

    private func floorLoad(_ client: HTTPClient, base: String, concurrency: Int, pace: Double?) async throws -> ([Double], Double) {
        let start = Measure.now()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for index in 0..<concurrency {
                group.addTask {
                    var times: [Double] = []
                    let first = Measure.now() + UInt64(Double(index) / Double(concurrency) * (pace ?? 0) * 1e9)
                    for n in 0..<Self.requestsPerSession {
                        try await Self.wait(until: first, n, pace)
                        let begin = Measure.now()
                        _ = try await send(client, base + "/healthz")
                        times.append(Double(Measure.now() - begin) / 1e6)
                    }
                    return times
                }
            }
            var all: [Double] = []
            for try await times in group { all += times }
            return all
        }
        return (latencies, Double(Measure.now() - start) / 1e9)
    }

    /// Paced runs send request `n` of a session at `first + n × pace` (staggered starts), so
    /// latency is measured at a steady offered load rather than at saturation.
    private static func wait(until first: UInt64, _ n: Int, _ pace: Double?) async throws {
        guard let pace else { return }
        let due = first + UInt64(Double(n) * pace * 1e9)
        let now = Measure.now()
        if due > now { try await Task.sleep(for: .nanoseconds(Int(due - now))) }
    }

    /// GET /login (nonce cookie and token), POST /login, then the dashboard for the session's token.
    private func logIn(_ client: HTTPClient, base: String) async throws -> Signed {
        let form = try await send(client, base + "/login")
        guard let nonce = Self.cookie(form, "caunoi-login"), let token = Self.token(form.body) else { throw BenchError.login }
        let posted = try await send(client, base + "/login", cookie: "caunoi-login=\(nonce)",
                                    form: [("csrf", token), ("user", user), ("passphrase", passphrase)])
        guard posted.status == .seeOther, let session = Self.cookie(posted, "caunoi") else { throw BenchError.login }
        let dashboard = try await send(client, base + "/", cookie: "caunoi=\(session)")
        guard let csrf = Self.token(dashboard.body) else { throw BenchError.login }
        return Signed(cookie: "caunoi=\(session)", csrf: csrf)
    }

    struct Answer {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: String
    }

    private func send(_ client: HTTPClient, _ url: String, cookie: String? = nil, form: [(String, String)]? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if let form {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Answer(status: response.status, headers: response.headers, body: String(buffer: body))
    }

    private static func cookie(_ answer: Answer, _ name: String) -> String? {
        for line in answer.headers["Set-Cookie"] where line.hasPrefix(name + "=") {
            return String(line.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    private static func token(_ body: String) -> String? {
        guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The server's resident and peak memory from /proc.
    private static func memory(_ pid: Int32) -> String {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return "unknown" }
        func mebibytes(_ key: String) -> String {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
            let kib = line.flatMap { Double($0.split(separator: " ").dropFirst().first { Double($0) != nil } ?? "") }
            return kib.map { String(format: "%.0f MiB", $0 / 1024) } ?? "?"
        }
        return "resident \(mebibytes("VmRSS")), peak \(mebibytes("VmHWM"))"
    }
}

enum BenchError: Error {
    case serverDidNotStart
    case login
    case status(UInt)
}
