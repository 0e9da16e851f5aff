import ArgumentParser
import Cases

/// `caunoi`: the case tracker's command line (contract in shared/design/CLI.md).
@main
struct Caunoi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caunoi",
        abstract: "Cầu Nối — theo dõi hồ sơ hỗ trợ phụ nữ (case tracker of the Vietnam Women's Union).",
        subcommands: [Init.self, CentreCommand.self, UserCommand.self, CaseCommand.self, PolicyCommand.self]
    )
}

extension Programme: ExpressibleByArgument {}
extension CaseStatus: ExpressibleByArgument {}
extension RiskLevel: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension CentreKind: ExpressibleByArgument {}
extension ImportFormat: ExpressibleByArgument {}
