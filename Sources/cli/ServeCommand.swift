import ArgumentParser
import Cases
import Views
import Foundation
import Logging
import Web

/// `caunoi serve`: the staff web application over the same database and policy as the CLI
/// (docs/WEB.md, "Process options"). Listens on loopback unless a TLS proxy is in front.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the staff web application (docs/WEB.md).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:8080); anything but loopback needs --behind-proxy.")
    var listen: String = "127.0.0.1:8080"
    @Flag(name: .customLong("behind-proxy"), help: "A TLS-terminating proxy in front forwards requests to this address.")
    var behindProxy = false

    func run() async throws {
        let context = Context(global)
        let address = try context.run { () throws -> ListenAddress in
            guard let address = ListenAddress(parsing: listen) else { throw CommandLineError.invalidFlag("--listen") }
            // The database must be there and initialised before anyone is told to log in.
            _ = try context.openStore()
            return address
        }
        guard address.isAllowed(behindProxy: behindProxy) else {
            context.warn(.listenNotLoopback)
            throw ExitCode(64)
        }
        // Written at once: a supervisor or a script reads it while the server runs.
        FileHandle.standardOutput.write(Data((Text.serving("\(address.host):\(address.port)").text(context.lang) + "\n").utf8))
        var logger = Logger(label: "caunoi.web")
        logger.logLevel = .info
        try await WebApplication.application(address: address, logger: logger).runService()
    }
}
