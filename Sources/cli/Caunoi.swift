import ArgumentParser
import Cases
import Views
import Foundation

/// `caunoi`: the case tracker's command line (contract in shared/design/CLI.md).
public struct Caunoi: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "caunoi",
        abstract: "Cầu Nối — theo dõi hồ sơ hỗ trợ phụ nữ (case tracker of the Vietnam Women's Union).",
        subcommands: [Init.self, CentreCommand.self, UserCommand.self, CaseCommand.self, FollowUpCommand.self, TransferCommand.self, ConsentCommand.self, AgencyCommand.self,
                      ReferralCommand.self, StatsCommand.self, AuditCommand.self, SubjectCommand.self, BackupCommand.self, AssociationCommand.self, RetentionCommand.self, KeysCommand.self, PolicyCommand.self, Serve.self]
    )

    /// Parses and runs; a command line that does not parse gets one line in the chosen
    /// language with typed values withheld (they may be personal), and exit 64.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var server = command as? any AsyncParsableCommand {
                // The server reads the system clock for each request.
                try await server.run()
            } else {
                try Now.$clock.withValue(clock()) { try command.run() }
            }
        } catch let exit as ExitCode {
            // Already reported by Context.run.
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let arguments = CommandLine.arguments
            let langOption = arguments.firstIndex(of: "--lang").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            let lang = Language.resolve(option: langOption, environment: ProcessInfo.processInfo.environment)
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
            let line = CommandLineError.badCommandLine(detail: withholdingValues(first)).message(lang)
            FileHandle.standardError.write(Data(("caunoi: " + line + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// The system clock; in debug builds only, `CAUNOI_TEST_TODAY=YYYY-MM-DD` stops it at that
    /// day, so the end-to-end tests can make a case whose whole life lies in the past through
    /// caunoi itself, with its seal and audit trail intact. Release builds ignore it.
    static func clock() -> any CaseClock {
        #if DEBUG
        if let day = ProcessInfo.processInfo.environment["CAUNOI_TEST_TODAY"], let fixed = FixedClock(day: day) { return fixed }
        #endif
        return SystemClock()
    }

    /// Replaces quoted values in the parser's message, keeping quoted option names.
    static func withholdingValues(_ text: String) -> String {
        var out = ""
        var inQuote = false
        var quoted = ""
        for character in text {
            if character == "'" {
                if inQuote {
                    out += quoted.hasPrefix("-") || quoted.hasPrefix("<") ? "'\(quoted)'" : "'…'"
                    quoted = ""
                }
                inQuote.toggle()
            } else if inQuote {
                quoted.append(character)
            } else {
                out.append(character)
            }
        }
        return inQuote ? out + "'…" : out
    }
}

extension Programme: ExpressibleByArgument {}
extension CaseStatus: ExpressibleByArgument {}
extension RiskLevel: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension CentreKind: ExpressibleByArgument {}
extension ImportFormat: ExpressibleByArgument {}
