import ArgumentParser
import Cases
import Views
import Foundation
import Logging
import Web
import HummingbirdTLS

/// `caunoi serve`: the staff web application over the same database and policy as the CLI
/// (docs/WEB.md, "Process options"). Listens on loopback unless a TLS proxy is in front.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the staff web application (docs/WEB.md).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:8080); anything but loopback needs --behind-proxy.")
    var listen: String = "127.0.0.1:8080"
    @Flag(name: .customLong("behind-proxy"), help: "A TLS-terminating proxy in front forwards requests to this address (cookies become Secure).")
    var behindProxy = false
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS directly (with --tls-key).") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.") var tlsKey: String?
    @Option(name: .customLong("idle-timeout"), help: "Minutes without a request before a session ends (default 15).")
    var idleTimeout: Int = 15
    @Option(name: .customLong("session-lifetime"), help: "Hours after login when a session ends in any case (default 8).")
    var sessionLifetime: Int = 8

    func validate() throws {
        guard (1...240).contains(idleTimeout) else { throw ValidationError("--idle-timeout is 1 to 240 minutes.") }
        guard (1...24).contains(sessionLifetime) else { throw ValidationError("--session-lifetime is 1 to 24 hours.") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together.") }
        guard tlsCert == nil || !behindProxy else { throw ValidationError("Use --tls-cert/--tls-key or --behind-proxy, not both.") }
    }

    func run() async throws {
        let context = Context(global)
        let (address, store, policy, tls) = try context.run { () throws -> (ListenAddress, CaseStore, Policy, TLSConfiguration?) in
            guard let address = ListenAddress(parsing: listen) else { throw CommandLineError.invalidFlag("--listen") }
            // The database must be there and initialised before anyone is told to log in.
            let store = try context.openStore()
            try store.requireInitialised()
            let tls = try tlsCert.map { try TLSFiles.configuration(certificate: $0, key: tlsKey ?? "") }
            return (address, store, try context.loadPolicy(), tls)
        }
        // Encrypted in front (a proxy) or here (TLS): anywhere; otherwise loopback only.
        guard address.isAllowed(behindProxy: behindProxy || tls != nil) else {
            context.warn(.listenNotLoopback)
            throw ExitCode(64)
        }
        // No key is ever held by a process that could dump its memory to disk.
        guard ProcessHardening.refuseCoreDumps() else {
            context.warn(.coreDumpsNotRefused)
            throw ExitCode(71)
        }
        let limits = SessionRegistry.Limits(idle: TimeInterval(idleTimeout * 60), lifetime: TimeInterval(sessionLifetime * 3_600))
        // Argon2id derivations at once: at most half the cores (one on a 2-core machine), so
        // logins queue among themselves and never take every core from other users' pages;
        // each also takes the policy's memory.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let services = WebServices(store: store, policy: policy, sessions: SessionRegistry(limits: limits),
                                   limiter: DerivationLimiter(limit: max(1, cores / 2)), secureCookies: behindProxy || tls != nil, behindProxy: behindProxy)
        // Written at once: a supervisor or a script reads it while the server runs.
        FileHandle.standardOutput.write(Data((Text.serving("\(address.host):\(address.port)", tls: tls != nil).text(context.lang) + "\n").utf8))
        var logger = Logger(label: "caunoi.web")
        logger.logLevel = .info
        try await WebApplication.application(services, address: address, tls: tls, logger: logger).runService()
    }
}
